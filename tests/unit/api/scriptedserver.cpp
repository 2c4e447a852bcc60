#include "scriptedserver.h"

#include <QTcpSocket>

namespace ab::test {

QByteArray ScriptedRequest::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

ScriptedResponse ScriptedResponse::json(int status, const QByteArray &body,
                                        QList<QPair<QByteArray, QByteArray>> headers)
{
    ScriptedResponse response;
    response.status = status;
    response.body = body;
    response.headers = std::move(headers);
    response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return response;
}

ScriptedResponse ScriptedResponse::drop()
{
    ScriptedResponse response;
    response.action = Action::Drop;
    return response;
}

ScriptedResponse ScriptedResponse::hang()
{
    ScriptedResponse response;
    response.action = Action::Hang;
    return response;
}

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
    , m_handler([](const ScriptedRequest &) {
        return ScriptedResponse::json(404, R"({"errors":[{"code":"not_scripted"}]})");
    })
{
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedServer::onNewConnection);
}

bool ScriptedServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl ScriptedServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void ScriptedServer::enqueue(const ScriptedResponse &response)
{
    m_script.push_back(response);
}

void ScriptedServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void ScriptedServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    socket->setProperty("buffer", buffer);
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    ScriptedRequest request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = lines.at(i).left(colon).trimmed();
        const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
        request.headers.append(qMakePair(name, value));
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    if (buffer.size() < headerEnd + 4 + contentLength)
        return; // wait for the rest of the body
    request.body = buffer.mid(headerEnd + 4, contentLength);
    socket->setProperty("buffer", QByteArray());

    m_requests.append(request);
    ScriptedResponse response;
    if (!m_script.empty()) {
        response = m_script.front();
        m_script.pop_front();
    } else {
        response = m_handler(request);
    }
    respond(socket, response);
    Q_EMIT requestReceived();
}

void ScriptedServer::respond(QTcpSocket *socket, const ScriptedResponse &response)
{
    switch (response.action) {
    case ScriptedResponse::Action::Hang:
        return;
    case ScriptedResponse::Action::Drop:
        socket->disconnectFromHost();
        return;
    case ScriptedResponse::Action::Reply:
        break;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Scripted\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    if (response.sendContentLength)
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    socket->write(out);
    socket->write(response.body);
    socket->disconnectFromHost();
}

} // namespace ab::test
