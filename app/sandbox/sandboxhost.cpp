#include "sandbox/sandboxhost.h"

#include "sandbox/sandboxserver.h"

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
    SandboxServer server(m_host->m_options);
    if (!server.listen(m_host->m_address, m_host->m_port)) {
        m_host->m_started.set_value(
            {{},
             QStringLiteral("The built-in sandbox could not listen on %1 port %2.")
                 .arg(m_host->m_address.toString(), QString::number(m_host->m_port))});
        return;
    }
    m_host->m_started.set_value({server.baseUrl(), {}});
    exec();
}

} // namespace ab::sandbox
