#include "sandbox/httpfrontend.h"

#include <QHttpServerRequest>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QTcpServer>
#include <QUrl>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

namespace ab::sandbox {

PendingResponse::PendingResponse(std::unique_ptr<QHttpServerResponder> responder,
                                 QTcpSocket *socket)
    : m_responder(std::move(responder))
    , m_socket(socket)
    , m_socketKnown(socket != nullptr)
{}

PendingResponse::~PendingResponse()
{
    // In Qt 6.4 the responder holds a raw socket pointer: once the socket is gone the responder
    // must not be touched. Its destructor does nothing there, so releasing it leaks nothing.
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    if (m_socketKnown && !m_socket)
        (void)m_responder.release();
#endif
}

bool PendingResponse::isConnected() const
{
    if (!m_socketKnown)
        return true;
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void PendingResponse::send(const HttpReply &reply)
{
    if (m_done)
        return;
    m_done = true;
    if (!isConnected() || !m_responder)
        return;
    const auto status = static_cast<QHttpServerResponder::StatusCode>(reply.status);
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    m_responder->writeStatusLine(status);
    if (!reply.contentType.isEmpty())
        m_responder->writeHeader("Content-Type", reply.contentType);
    for (const auto &header : reply.headers)
        m_responder->writeHeader(header.first, header.second);
    m_responder->writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    m_responder->writeBody(reply.body);
#else
    QHttpHeaders headers;
    if (!reply.contentType.isEmpty())
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, reply.contentType);
    for (const auto &header : reply.headers)
        headers.append(header.first, header.second);
    m_responder->write(reply.body, headers, status);
#endif
}

void PendingResponse::drop()
{
    if (m_done)
        return;
    m_done = true;
    if (m_socket)
        m_socket->abort();
}

HttpFrontend::HttpFrontend(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

HttpFrontend::~HttpFrontend() = default;

bool HttpFrontend::serve(QTcpServer *listening)
{
    Q_ASSERT(listening && listening->isListening());
    listening->setParent(this);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (!bind(listening)) {
        delete listening;
        return false;
    }
#else
    bind(listening);
#endif
    m_tcpServer = listening;
    return true;
}

quint16 HttpFrontend::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

HttpRequest HttpFrontend::copyRequest(const QHttpServerRequest &request)
{
    HttpRequest copy;
    const QMetaEnum methods = QMetaEnum::fromType<QHttpServerRequest::Method>();
    copy.method = QString::fromLatin1(methods.valueToKey(int(request.method()))).toUpper();
    const QUrl url = request.url();
    copy.rawPath = url.path(QUrl::FullyEncoded);
    copy.path = url.path(QUrl::FullyDecoded);
    while (copy.path.size() > 1 && copy.path.endsWith(QLatin1Char('/')))
        copy.path.chop(1);
    if (copy.path.isEmpty())
        copy.path = QStringLiteral("/");
    copy.segments = copy.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    copy.query = request.query();
    copy.queryString = url.query(QUrl::FullyEncoded);
    copy.headers = request.headers();
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress();
    return copy;
}

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto responder = std::make_unique<QHttpServerResponder>(makeResponder(request, socket));
    m_handler(copyRequest(request),
              std::make_shared<PendingResponse>(std::move(responder), socket));
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

#else

QTcpSocket *HttpFrontend::findSocket(const QHttpServerRequest &request) const
{
    // Newer responders hide their socket; the peer port identifies the connection among the
    // sockets QtHttpServer parents below this object.
    const auto sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        if (socket->peerPort() == request.remotePort() &&
            socket->peerAddress().isEqual(request.remoteAddress(),
                                          QHostAddress::TolerantConversion))
            return socket;
    }
    return nullptr;
}

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    auto owned = std::make_unique<QHttpServerResponder>(std::move(responder));
    m_handler(copyRequest(request),
              std::make_shared<PendingResponse>(std::move(owned), findSocket(request)));
    return true;
}

#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
void HttpFrontend::missingHandler(const QHttpServerRequest &, QHttpServerResponder &&responder)
#else
void HttpFrontend::missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder)
#endif
{
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

#endif

} // namespace ab::sandbox
