#pragma once

#include "sandbox/httpmessage.h"

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QtGlobal>

#include <functional>
#include <memory>

class QTcpServer;

namespace ab::sandbox {

// One request's way back to the client. It can answer now or after a delay, or close the
// connection without answering. It outlives the QHttpServerRequest it came from.
class PendingResponse final {
public:
    PendingResponse(std::unique_ptr<QHttpServerResponder> responder, QTcpSocket *socket);
    ~PendingResponse();
    Q_DISABLE_COPY_MOVE(PendingResponse)

    // False once the client went away (nothing can be sent any more).
    bool isConnected() const;
    bool isDone() const { return m_done; }
    void send(const HttpReply &reply);
    // Closes the socket without a byte of answer, as a crashed proxy would.
    void drop();

private:
    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    bool m_socketKnown = false; // false when a newer Qt hid the socket from us
    bool m_done = false;
};

// The QtHttpServer glue, and the only place that knows how its API differs between Qt
// versions: handleRequest() takes a socket in 6.4 and a responder from 6.5; listen() is gone in
// 6.8, where a listening QTcpServer is bound instead (which also works in 6.4), so serve()
// takes one.
class HttpFrontend final : public QAbstractHttpServer {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFrontend)

public:
    using Handler = std::function<void(HttpRequest, std::shared_ptr<PendingResponse>)>;

    explicit HttpFrontend(Handler handler, QObject *parent = nullptr);
    ~HttpFrontend() override;

    // Serves connections on a server that already listens, and owns it from now on. Connections
    // that arrived before this call wait in its backlog and are then served.
    bool serve(QTcpServer *listening);
    quint16 port() const;

protected:
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#elif QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request,
                        QHttpServerResponder &&responder) override;
#else
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request,
                        QHttpServerResponder &responder) override;
#endif

private:
    static HttpRequest copyRequest(const QHttpServerRequest &request);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    QTcpSocket *findSocket(const QHttpServerRequest &request) const;
#endif

    Handler m_handler;
    QPointer<QTcpServer> m_tcpServer;
};

} // namespace ab::sandbox
