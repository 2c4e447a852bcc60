#pragma once

#include "cli/cliservices.h"
#include "cli/output.h"
#include "core/clock.h"

#include <QObject>

#include <memory>

namespace ab::api {
class ApiClient;
}
namespace ab::connect {
class CredentialStore;
class SettingsStore;
class TokenService;
} // namespace ab::connect
namespace ab::secrets {
class SecretStore;
}

namespace ab::cliservices {

class AuthFlow;

// The CLI's accounts: the settings file shared with the desktop app, the OS keychain, and a
// TokenService. The service works on a client of its own (token endpoint, PKCE), for the one
// base URL and token the CLI's client has; every token it obtains goes to the CLI's client
// through the sink, and the CLI's 401s come back through handleUnauthorized().
class StoredAccounts final : public QObject, public cli::Accounts {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoredAccounts)

public:
    explicit StoredAccounts(cli::AccountsSettings settings, QObject *parent = nullptr);
    // The token service refers to the client and the stores: it goes first.
    ~StoredAccounts() override;

    bool isConfigured() const override;
    void setTokenSink(std::function<void(const QString &token)> sink) override;
    void prepare(QObject *context,
                 std::function<void(const QString &error, int exitCode)> ready) override;
    void handleUnauthorized(std::function<void(bool renewed)> finish) override;
    void runAuth(const QCommandLineParser *parser, const QStringList &arguments,
                 std::function<void(int exitCode)> finished) override;

private:
    cli::AccountsSettings m_settings;
    cli::Output m_output;
    core::SystemClock m_clock;
    std::unique_ptr<connect::SettingsStore> m_settingsStore;
    std::unique_ptr<secrets::SecretStore> m_secrets;
    std::unique_ptr<connect::CredentialStore> m_credentials;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<connect::TokenService> m_tokens;
    std::unique_ptr<AuthFlow> m_auth;
    std::function<void(const QString &token)> m_sink;
};

} // namespace ab::cliservices
