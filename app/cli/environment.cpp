#include "cli/environment.h"

#include "api/apiclient.h"
#include "cli/exitcodes.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "sandbox/sandboxserver.h"
#include "secrets/keychainsecretstore.h"

#include <QDir>

namespace ab::cli {

// The token the built-in sandbox accepts; it guards nothing but keeps the client honest.
static const char sandboxToken[] = "sandbox-token";

Environment::Environment(EnvironmentOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_output(m_options.json)
{}

// The token service refers to the client and the stores: it goes first.
Environment::~Environment()
{
    m_tokens.reset();
}

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
        if (m_options.token.isEmpty() && m_options.requireToken &&
            !credentials()->isConfigured(environmentName())) {
            *error = QStringLiteral("--server needs an access token: pass --token, set "
                                    "ACTIONBENCH_TOKEN, or sign in with `actionbench-cli auth`");
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

connect::CredentialStore *Environment::credentials()
{
    if (!m_credentials) {
        m_settings = std::make_unique<connect::QSettingsStore>();
        // Tests and throw-away profiles keep their secrets apart from the user's entries.
        const QString service = qEnvironmentVariable("ACTIONBENCH_KEYCHAIN_SERVICE");
        m_secrets = service.isEmpty() ? std::make_unique<secrets::KeychainSecretStore>()
                                      : std::make_unique<secrets::KeychainSecretStore>(service);
        m_credentials =
            std::make_unique<connect::CredentialStore>(m_settings.get(), m_secrets.get());
    }
    return m_credentials.get();
}

connect::TokenService *Environment::tokens()
{
    if (!m_tokens) {
        m_tokens = std::make_unique<connect::TokenService>(m_client.get(), credentials(), &m_clock);
        // Only `auth oauth` shows a sign-in URL; an expired PKCE token elsewhere must fail with
        // "sign in again", not wait for a browser nobody was told to open.
        m_tokens->setBrowserSignInAllowed(false);
        m_tokens->setEnvironment(environmentName(),
                                 m_sandbox
                                     ? connect::EnvironmentEndpoints::sandbox(m_sandbox->baseUrl())
                                     : connect::EnvironmentEndpoints());
        // A 401 the stored credentials cannot renew: the command fails as Unauthorized, and
        // this says what to do about it.
        connect(m_tokens.get(), &connect::TokenService::signInRequired, this,
                [this](const QString &environment) {
                    m_output.progress(QStringLiteral("The stored credentials of %1 were refused: "
                                                     "sign in again with `actionbench-cli auth`.")
                                          .arg(environment));
                });
    }
    return m_tokens.get();
}

void Environment::prepare(QObject *context,
                          std::function<void(const QString &error, int exitCode)> ready)
{
    // An explicit token wins; with no stored credentials the keychain is never touched.
    if (!m_options.token.isEmpty() || !m_client ||
        !credentials()->isConfigured(environmentName())) {
        ready(QString(), ExitOk);
        return;
    }
    tokens()->accessToken(context, [this, ready](const connect::TokenResult &result) {
        if (result.ok()) {
            ready(QString(), ExitOk);
            return;
        }
        const bool noKeyring = result.error.keychain == secrets::SecretErrorKind::NoBackend;
        QString message =
            noKeyring ? QStringLiteral("no keyring is available to read the stored credentials "
                                       "of %1; pass --token or set ACTIONBENCH_TOKEN")
                            .arg(environmentName())
                      : QStringLiteral("could not get an access token for %1: %2")
                            .arg(environmentName(), result.error.summary());
        if (result.error.kind == connect::TokenErrorKind::SignInRequired)
            message += QStringLiteral(" (sign in again with `actionbench-cli auth`)");
        ready(message, ExitApiFailure);
    });
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
