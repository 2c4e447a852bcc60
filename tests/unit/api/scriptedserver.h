#pragma once

#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <deque>
#include <functional>

namespace ab::test {

// One request as the server read it.
struct ScriptedRequest {
    QByteArray method;
    QByteArray target; // path and query, as sent
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    QString path() const { return QUrl::fromEncoded(target).path(QUrl::FullyEncoded); }
    QUrlQuery query() const { return QUrlQuery(QUrl::fromEncoded(target)); }
};

struct ScriptedResponse {
    enum class Action {
        Reply, // send the response, then close the connection
        Drop,  // close the connection without a byte of reply
        Hang,  // keep the connection open and never answer
    };
    Action action = Action::Reply;
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool sendContentLength = true; // false: the body ends when the connection closes

    static ScriptedResponse json(int status, const QByteArray &body,
                                 QList<QPair<QByteArray, QByteArray>> headers = {});
    static ScriptedResponse drop();
    static ScriptedResponse hang();
};

// A tiny HTTP/1.1 server on 127.0.0.1 answering from a script, for client tests that need
// real sockets. Test scaffolding only: the full Zapier simulator is app/sandbox.
class ScriptedServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptedServer)

public:
    using Handler = std::function<ScriptedResponse(const ScriptedRequest &)>;

    explicit ScriptedServer(QObject *parent = nullptr);
    bool listen();
    QUrl url() const; // http://127.0.0.1:<port>

    // Responses are used in order; when none is left, the handler answers (default: 404).
    void enqueue(const ScriptedResponse &response);
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    const QList<ScriptedRequest> &requests() const { return m_requests; }

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const ScriptedResponse &response);

    QTcpServer m_server;
    std::deque<ScriptedResponse> m_script;
    Handler m_handler;
    QList<ScriptedRequest> m_requests;
};

} // namespace ab::test
