#include "cli/environment.h"

#include "api/apiclient.h"
#include "cli/cliservices.h"
#include "cli/exitcodes.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"

#include <QDir>

namespace ab::cli {

// The token the built-in sandbox accepts; it guards nothing but keeps the client honest.
static const char sandboxToken[] = "sandbox-token";

Environment::Environment(EnvironmentOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_output(m_options.json)
{}

// The accounts refer to the client: they go first.
Environment::~Environment()
{
    if (m_client)
        m_client->setUnauthorizedHandler({});
    m_accounts.reset();
}

CliServices *Environment::services(QString *error)
{
    CliServices *services = m_loader.services();
    if (!services)
        *error = m_loader.errorString();
    return services;
}

int Environment::setUp(QString *error)
{
    api::ApiClientConfig config;
    if (m_options.server.isEmpty()) {
        CliServices *plugin = services(error);
        if (!plugin)
            return ExitApiFailure;
        SandboxSettings settings;
        // Stored actions and runs outlive this process, so the next command can use their ids.
        QDir().mkpath(runs::defaultDataDirectory());
        settings.statePath = runs::defaultDataDirectory() + QStringLiteral("/sandbox-state.json");
        m_sandbox = plugin->createSandbox(settings);
        if (!m_sandbox->listen(0)) {
            *error = QStringLiteral("could not start the built-in sandbox on a loopback port");
            return ExitUsage;
        }
        config.baseUrl = m_sandbox->baseUrl();
        config.token =
            m_options.token.isEmpty() ? QString::fromLatin1(sandboxToken) : m_options.token;
    } else {
        if (!m_options.server.isValid() || m_options.server.scheme().isEmpty()) {
            *error =
                QStringLiteral("--server needs an absolute URL such as https://api.zapier.com");
            return ExitUsage;
        }
        config.baseUrl = m_options.server;
        config.token = m_options.token;
    }
    m_client = std::make_unique<api::ApiClient>(config, &m_clock);
    // Only a token from the keychain needs the plugin: --token alone never loads it.
    if (!m_sandbox && m_options.token.isEmpty() && m_options.requireToken) {
        Accounts *stored = accounts(error);
        if (!stored)
            return ExitApiFailure;
        if (!stored->isConfigured()) {
            *error = QStringLiteral("--server needs an access token: pass --token, set "
                                    "ACTIONBENCH_TOKEN, or sign in with `actionbench-cli auth`");
            return ExitUsage;
        }
    }
    return ExitOk;
}

QString Environment::environmentName() const
{
    return m_sandbox ? QStringLiteral("sandbox") : m_options.server.toString(QUrl::RemoveUserInfo);
}

Accounts *Environment::accounts(QString *error)
{
    if (m_accounts)
        return m_accounts.get();
    CliServices *plugin = services(error);
    if (!plugin || !m_client)
        return nullptr;
    AccountsSettings settings;
    settings.environment = environmentName();
    settings.baseUrl = m_client->config().baseUrl;
    settings.builtInSandbox = usesBuiltInSandbox();
    settings.token = m_client->config().token;
    // Tests and throw-away profiles keep their secrets apart from the user's entries.
    settings.keychainService = qEnvironmentVariable("ACTIONBENCH_KEYCHAIN_SERVICE");
    settings.json = m_options.json;
    settings.timeoutSeconds = m_options.timeoutSeconds;
    m_accounts = plugin->createAccounts(settings);
    return m_accounts.get();
}

void Environment::connectClientToAccounts()
{
    m_accounts->setTokenSink([this](const QString &token) {
        if (m_client->config().token == token)
            return;
        const QString previous = m_client->config().token;
        m_client->setToken(token);
        // setToken forgets the old one, but the request log may still quote it.
        if (!previous.isEmpty())
            m_client->requestLog()->redactor().addSecret(previous);
    });
    // "A 401 on any call re-runs the exchange once when it is configured, otherwise asks the
    // user to sign in again" (issue 4); the client re-sends the requests that waited.
    m_client->setUnauthorizedHandler([this](const api::ApiClient::RefreshDone &finish) {
        m_accounts->handleUnauthorized(finish);
    });
}

void Environment::prepare(QObject *context,
                          std::function<void(const QString &error, int exitCode)> ready)
{
    // An explicit token wins; with no stored credentials the keychain is never touched.
    if (!m_options.token.isEmpty() || !m_client) {
        ready(QString(), ExitOk);
        return;
    }
    QString error;
    Accounts *stored = accounts(&error);
    if (!stored) {
        ready(error, ExitApiFailure);
        return;
    }
    if (!stored->isConfigured()) {
        ready(QString(), ExitOk);
        return;
    }
    connectClientToAccounts();
    stored->prepare(context, std::move(ready));
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
