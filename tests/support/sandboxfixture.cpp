#include "support/sandboxfixture.h"

#include "sandbox/faultplan.h"

namespace ab::test {

QString sandboxToken()
{
    return QStringLiteral("sandbox-token");
}

api::ApiClientConfig fastClientConfig(const QUrl &baseUrl, int maxRetries)
{
    api::ApiClientConfig config;
    config.baseUrl = baseUrl;
    config.token = sandboxToken();
    config.transferTimeoutMs = 20000;
    config.scheduler.retry = api::RetryPolicy{maxRetries, 2, 16, 7};
    config.scheduler.msPerServerSecond = 1;
    config.scheduler.partner = api::BucketLimits{1000000, 60000, 5, 0};
    config.scheduler.actions = api::BucketLimits{1000000, 300000, 5, 0};
    return config;
}

SandboxFixture::SandboxFixture(sandbox::SandboxOptions options)
    : m_server(std::make_unique<sandbox::SandboxServer>(std::move(options)))
{}

SandboxFixture::~SandboxFixture() = default;

bool SandboxFixture::start()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

std::unique_ptr<api::ApiClient> SandboxFixture::client(int maxRetries) const
{
    return client(clientConfig(maxRetries));
}

std::unique_ptr<api::ApiClient> SandboxFixture::client(const api::ApiClientConfig &config) const
{
    return std::make_unique<api::ApiClient>(config);
}

bool SandboxFixture::setFaults(const QByteArray &json, QString *error)
{
    QString problem;
    const auto plan = sandbox::FaultPlan::fromJson(json, &problem);
    if (!plan) {
        if (error)
            *error = problem;
        return false;
    }
    m_server->setFaultPlan(*plan);
    return true;
}

void SandboxFixture::clearFaults()
{
    m_server->setFaultPlan({});
}

QList<sandbox::SandboxRequest> SandboxFixture::requests(QAnyStringView methodView,
                                                        QAnyStringView globView) const
{
    const QString method = methodView.toString();
    const QString pathGlob = globView.toString();
    QList<sandbox::SandboxRequest> matching;
    for (const sandbox::SandboxRequest &request : m_server->requests()) {
        if (!method.isEmpty() && request.method.compare(method, Qt::CaseInsensitive) != 0)
            continue;
        if (sandbox::globMatches(pathGlob, request.path))
            matching.append(request);
    }
    return matching;
}

QString SandboxFixture::appId(QAnyStringView title) const
{
    for (const sandbox::CatalogApp &app : m_server->catalog().apps()) {
        if (QAnyStringView(app.title) == title)
            return app.id;
    }
    return {};
}

QString SandboxFixture::selectedApi(QAnyStringView title) const
{
    for (const sandbox::CatalogApp &app : m_server->catalog().apps()) {
        if (QAnyStringView(app.title) == title)
            return app.implementation;
    }
    return {};
}

QByteArray faultRule(const QByteArray &method, const QByteArray &path, const QByteArray &fault)
{
    return "[{\"method\": \"" + method + "\", \"path\": \"" + path + "\", " + fault + "}]";
}

QString freshActionId(core::ZapierBackend &backend, const QString &appId, QAnyStringView actionKey)
{
    Await<QList<core::Action>> actions;
    backend.actions(appId, QString(), nullptr, actions.callback());
    if (!actions.wait() || !actions.ok())
        return {};
    for (const core::Action &action : actions.value()) {
        if (QAnyStringView(action.key) == actionKey)
            return action.id;
    }
    return {};
}

} // namespace ab::test
