#include "cli/environment.h"

#include "api/apiclient.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "sandbox/sandboxserver.h"

#include <QDir>

namespace ab::cli {

// The token the built-in sandbox accepts; it guards nothing but keeps the client honest.
static const char sandboxToken[] = "sandbox-token";

Environment::Environment(EnvironmentOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_output(m_options.json)
{}

Environment::~Environment() = default;

bool Environment::setUp(QString *error)
{
    api::ApiClientConfig config;
    if (m_options.server.isEmpty()) {
        sandbox::SandboxOptions sandboxOptions;
        // Stored actions and runs outlive this process, so the next command can use their ids.
        QDir().mkpath(runs::defaultDataDirectory());
        sandboxOptions.statePath =
            runs::defaultDataDirectory() + QStringLiteral("/sandbox-state.json");
        m_sandbox = std::make_unique<sandbox::SandboxServer>(sandboxOptions);
        if (!m_sandbox->listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("could not start the built-in sandbox on a loopback port");
            return false;
        }
        config.baseUrl = m_sandbox->baseUrl();
        config.token =
            m_options.token.isEmpty() ? QString::fromLatin1(sandboxToken) : m_options.token;
    } else {
        if (!m_options.server.isValid() || m_options.server.scheme().isEmpty()) {
            *error =
                QStringLiteral("--server needs an absolute URL such as https://api.zapier.com");
            return false;
        }
        if (m_options.token.isEmpty()) {
            *error = QStringLiteral(
                "--server needs an access token: pass --token or set ACTIONBENCH_TOKEN");
            return false;
        }
        config.baseUrl = m_options.server;
        config.token = m_options.token;
    }
    m_client = std::make_unique<api::ApiClient>(config, &m_clock);
    return true;
}

QString Environment::environmentName() const
{
    return m_sandbox ? QStringLiteral("sandbox") : m_options.server.toString(QUrl::RemoveUserInfo);
}

runs::HistoryStore *Environment::history(QString *error)
{
    if (m_history)
        return m_history.get();
    auto store = std::make_unique<runs::HistoryStore>(runs::jsonRunCodec());
    const QString path =
        m_options.historyDb.isEmpty() ? runs::defaultHistoryPath() : m_options.historyDb;
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!store->open(path)) {
        *error = QStringLiteral("cannot open the history database %1: %2 (%3)")
                     .arg(path, runs::storeErrorName(store->lastError().code),
                          store->lastError().detail);
        return nullptr;
    }
    m_history = std::move(store);
    return m_history.get();
}

} // namespace ab::cli
