#pragma once

#include "cli/output.h"
#include "core/clock.h"

#include <QObject>
#include <QUrl>

#include <functional>
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
namespace ab::runs {
class HistoryStore;
}
namespace ab::sandbox {
class SandboxServer;
}

namespace ab::cli {

struct EnvironmentOptions {
    QUrl server;       // empty: the built-in sandbox, in this process
    QString token;     // --token or ACTIONBENCH_TOKEN
    bool json = false; // --json
    QString historyDb; // --history-db; empty: the shared file in the user's data directory
    int timeoutSeconds = 180;
    // False for `auth`: it is how a token gets there in the first place.
    bool requireToken = true;
};

// The composition root of one CLI invocation: the API client (against --server, or an
// in-process sandbox on a free loopback port), the history store and the output writer.
class Environment final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Environment)

public:
    explicit Environment(EnvironmentOptions options, QObject *parent = nullptr);
    ~Environment() override;

    // Starts the sandbox when needed and builds the client. False with `error` set on failure.
    bool setUp(QString *error);

    const EnvironmentOptions &options() const { return m_options; }
    const Output &output() const { return m_output; }
    api::ApiClient *client() const { return m_client.get(); }
    const core::Clock *clock() const { return &m_clock; }
    // The base URL runs are recorded under ("sandbox" for the built-in one).
    QString environmentName() const;
    bool usesBuiltInSandbox() const { return m_sandbox != nullptr; }

    // Opened on first use. Null with `error` set when the file cannot be opened.
    runs::HistoryStore *history(QString *error);

    // Accounts (`auth`): the settings file shared with the desktop app and the OS keychain.
    connect::CredentialStore *credentials();
    // Built on first use; it installs the client's 401 handler (one re-exchange).
    connect::TokenService *tokens();
    // Without --token / ACTIONBENCH_TOKEN, fetches the stored token from the keychain before a
    // command runs. `ready` gets an empty message on success, else why not and the exit code.
    void prepare(QObject *context, std::function<void(const QString &error, int exitCode)> ready);

private:
    EnvironmentOptions m_options;
    Output m_output;
    core::SystemClock m_clock;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<runs::HistoryStore> m_history;
    std::unique_ptr<connect::SettingsStore> m_settings;
    std::unique_ptr<secrets::SecretStore> m_secrets;
    std::unique_ptr<connect::CredentialStore> m_credentials;
    std::unique_ptr<connect::TokenService> m_tokens;
};

} // namespace ab::cli
