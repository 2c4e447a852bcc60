#include "cliservices/storedaccounts.h"

#include "api/apiclient.h"
#include "cli/exitcodes.h"
#include "cliservices/authflow.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "secrets/keychainsecretstore.h"

namespace ab::cliservices {

using namespace ab::cli;

StoredAccounts::StoredAccounts(AccountsSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_output(m_settings.json)
    , m_settingsStore(std::make_unique<connect::QSettingsStore>())
    , m_secrets(m_settings.keychainService.isEmpty()
                    ? std::make_unique<secrets::KeychainSecretStore>()
                    : std::make_unique<secrets::KeychainSecretStore>(m_settings.keychainService))
    , m_credentials(
          std::make_unique<connect::CredentialStore>(m_settingsStore.get(), m_secrets.get()))
{
    api::ApiClientConfig config;
    config.baseUrl = m_settings.baseUrl;
    config.token = m_settings.token;
    m_client = std::make_unique<api::ApiClient>(config, &m_clock);
    m_tokens =
        std::make_unique<connect::TokenService>(m_client.get(), m_credentials.get(), &m_clock);
    // Only `auth oauth` shows a sign-in URL; an expired PKCE token elsewhere must fail with
    // "sign in again", not wait for a browser nobody was told to open.
    m_tokens->setBrowserSignInAllowed(false);
    m_tokens->setEnvironment(m_settings.environment,
                             m_settings.builtInSandbox
                                 ? connect::EnvironmentEndpoints::sandbox(m_settings.baseUrl)
                                 : connect::EnvironmentEndpoints());
    // A 401 the stored credentials cannot renew: the command fails as Unauthorized, and
    // this says what to do about it.
    connect(m_tokens.get(), &connect::TokenService::signInRequired, this,
            [this](const QString &environment) {
                m_output.progress(QStringLiteral("The stored credentials of %1 were refused: "
                                                 "sign in again with `actionbench-cli auth`.")
                                      .arg(environment));
            });
    connect(m_tokens.get(), &connect::TokenService::accessTokenChanged, this, [this] {
        if (m_sink)
            m_sink(m_client->config().token);
    });
}

StoredAccounts::~StoredAccounts()
{
    m_auth.reset();
    m_tokens.reset();
}

bool StoredAccounts::isConfigured() const
{
    return m_credentials->isConfigured(m_settings.environment);
}

void StoredAccounts::setTokenSink(std::function<void(const QString &token)> sink)
{
    m_sink = std::move(sink);
}

void StoredAccounts::prepare(QObject *context,
                             std::function<void(const QString &error, int exitCode)> ready)
{
    m_tokens->accessToken(context, [this, ready](const connect::TokenResult &result) {
        if (result.ok()) {
            ready(QString(), ExitOk);
            return;
        }
        const QString &environment = m_settings.environment;
        const bool noKeyring = result.error.keychain == secrets::SecretErrorKind::NoBackend;
        QString message =
            noKeyring ? QStringLiteral("no keyring is available to read the stored credentials "
                                       "of %1; pass --token or set ACTIONBENCH_TOKEN")
                            .arg(environment)
                      : QStringLiteral("could not get an access token for %1: %2")
                            .arg(environment, result.error.summary());
        if (result.error.kind == connect::TokenErrorKind::SignInRequired)
            message += QStringLiteral(" (sign in again with `actionbench-cli auth`)");
        ready(message, ExitApiFailure);
    });
}

void StoredAccounts::handleUnauthorized(std::function<void(bool renewed)> finish)
{
    m_tokens->handleUnauthorized(finish);
}

void StoredAccounts::runAuth(const QCommandLineParser *parser, const QStringList &arguments,
                             std::function<void(int exitCode)> finished)
{
    m_auth = std::make_unique<AuthFlow>(m_settings, m_output, m_credentials.get(), m_tokens.get(),
                                        parser, arguments, std::move(finished));
    m_auth->start();
}

} // namespace ab::cliservices
