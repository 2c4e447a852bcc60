#pragma once

#include "cli/cliservices.h"
#include "cli/cliservicesloader.h"
#include "cli/output.h"
#include "core/clock.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace ab::api {
class ApiClient;
}
namespace ab::runs {
class HistoryStore;
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
// in-process sandbox on a free loopback port), the history store and the output writer. The
// sandbox and the accounts come from the services plugin (cliservices.h), loaded on first use.
class Environment final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Environment)

public:
    explicit Environment(EnvironmentOptions options, QObject *parent = nullptr);
    ~Environment() override;

    // Starts the sandbox when needed and builds the client. ExitOk, or the exit code with
    // `error` set (ExitUsage for bad options, ExitApiFailure when the plugin is missing).
    int setUp(QString *error);

    const EnvironmentOptions &options() const { return m_options; }
    const Output &output() const { return m_output; }
    api::ApiClient *client() const { return m_client.get(); }
    const core::Clock *clock() const { return &m_clock; }
    // The base URL runs are recorded under ("sandbox" for the built-in one).
    QString environmentName() const;
    bool usesBuiltInSandbox() const { return m_sandbox != nullptr; }

    // Opened on first use. Null with `error` set when the file cannot be opened.
    runs::HistoryStore *history(QString *error);

    // The services plugin, loaded on first use; null with `error` set when it cannot be.
    CliServices *services(QString *error);
    // Accounts (`auth`): the settings file shared with the desktop app and the OS keychain.
    // Built on first use (after setUp()); null with `error` set without the plugin.
    Accounts *accounts(QString *error);
    // Without --token / ACTIONBENCH_TOKEN, fetches the stored token from the keychain before a
    // command runs. `ready` gets an empty message on success, else why not and the exit code.
    void prepare(QObject *context, std::function<void(const QString &error, int exitCode)> ready);

private:
    // Hands the accounts' tokens to the client and lets them renew it after a 401.
    void connectClientToAccounts();

    EnvironmentOptions m_options;
    Output m_output;
    core::SystemClock m_clock;
    CliServicesLoader m_loader;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<runs::HistoryStore> m_history;
    std::unique_ptr<Accounts> m_accounts;
};

} // namespace ab::cli
