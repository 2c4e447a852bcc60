#include "sandbox/sandboxhost.h"

#include "sandbox/sandboxserver.h"

#include <QTcpServer>

#include <memory>

namespace ab::sandbox {

SandboxHost::SandboxHost(SandboxOptions options)
    : m_options(std::move(options))
{}

SandboxHost::~SandboxHost()
{
    if (!m_thread.isRunning())
        return;
    m_thread.quit(); // the server, owned by run(), is destroyed on its own thread
    m_thread.wait();
}

void SandboxHost::start(const QHostAddress &address, quint16 port)
{
    Q_ASSERT(!m_thread.isRunning() && !m_thread.isFinished());
    m_address = address;
    m_port = port;
    m_thread.setObjectName(QStringLiteral("sandbox"));
    m_thread.start();
}

QUrl SandboxHost::waitUntilListening()
{
    if (!m_waited) {
        m_waited = true;
        const Started started = m_startedFuture.get();
        m_baseUrl = started.baseUrl;
        m_error = started.error;
    }
    return m_baseUrl;
}

void SandboxHost::Thread::run()
{
    // Listen first, and tell the waiting caller the address at once: building the server (the
    // catalog, and Qt HTTP Server's front end, which loads the TLS back end) takes several
    // milliseconds the caller can spend on its own work. A client that connects meanwhile waits
    // in the listening socket's backlog and is served once the server is built.
    auto listening = std::make_unique<QTcpServer>();
    if (!listening->listen(m_host->m_address, m_host->m_port)) {
        m_host->m_started.set_value(
            {{},
             QStringLiteral("The built-in sandbox could not listen on %1 port %2: %3")
                 .arg(m_host->m_address.toString(), QString::number(m_host->m_port),
                      listening->errorString())});
        return;
    }
    m_host->m_started.set_value(
        {SandboxServer::urlFor(m_host->m_address, listening->serverPort()), {}});
    SandboxServer server(m_host->m_options);
    if (!server.serve(listening.release()))
        return; // the address was given out; its connections are refused from now on
    exec();
}

} // namespace ab::sandbox
