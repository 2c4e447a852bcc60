#include "cliservices/pluginsandbox.h"

#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"

namespace ab::cliservices {

PluginSandbox::PluginSandbox(const cli::SandboxSettings &settings)
{
    sandbox::SandboxOptions options;
    options.extraApps = settings.extraApps;
    options.rateLimitPerMinute = settings.rateLimitPerMinute;
    options.statePath = settings.statePath;
    if (!settings.token.isEmpty())
        options.acceptedTokens = QStringList{settings.token};
    m_token = options.acceptedTokens.value(0);
    m_server = std::make_unique<sandbox::SandboxServer>(options);
}

PluginSandbox::~PluginSandbox() = default;

bool PluginSandbox::setFaultPlan(const QByteArray &json, QString *error)
{
    const std::optional<sandbox::FaultPlan> plan = sandbox::FaultPlan::fromJson(json, error);
    if (!plan)
        return false;
    m_server->setFaultPlan(*plan);
    return true;
}

bool PluginSandbox::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

QUrl PluginSandbox::baseUrl() const
{
    return m_server->baseUrl();
}

quint16 PluginSandbox::port() const
{
    return m_server->port();
}

} // namespace ab::cliservices
