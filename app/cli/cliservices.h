#pragma once

// The interface between actionbench-cli and its services plugin (app/cliservices/), which holds
// everything that links more than Qt Core, Network and Sql: the built-in sandbox (Qt HTTP
// Server, WebSockets), the keychain (QtKeychain, D-Bus) and the sign-in (OpenSSL, Qt
// NetworkAuth). The CLI loads it only for the commands that need one of them, so a command
// against --server with --token starts without mapping those libraries. Header-only: nothing
// crosses but these abstract classes, Qt's own types and std::function.

#include <QString>
#include <QStringList>
#include <QtPlugin>
#include <QUrl>

#include <functional>
#include <memory>

class QCommandLineParser;
class QObject;

namespace ab::cli {

// What `sandbox serve` and the embedded default sandbox choose (sandbox::SandboxOptions).
struct SandboxSettings {
    int extraApps = 0;          // --catalog-size
    int rateLimitPerMinute = 0; // --rate-limit; 0 = off
    QString token;              // the one bearer accepted; empty: the sandbox's own token
    QString statePath;          // empty: state in memory only
};

// A SandboxServer on loopback; deleting it stops it.
class Sandbox {
public:
    virtual ~Sandbox() = default;
    // A fault plan document (sandbox::FaultPlan); false with `error` set when it is not valid.
    virtual bool setFaultPlan(const QByteArray &json, QString *error) = 0;
    virtual bool listen(quint16 port) = 0; // on 127.0.0.1; 0 takes any free port
    virtual QUrl baseUrl() const = 0;
    virtual quint16 port() const = 0;
    virtual QString token() const = 0; // the bearer it accepts (SandboxSettings::token or its own)
};

struct AccountsSettings {
    QString environment; // "sandbox" or the server's base URL (the settings group)
    QUrl baseUrl;        // the API the CLI's client talks to
    bool builtInSandbox = false;
    QString token;            // the CLI client's token (--token, ACTIONBENCH_TOKEN, the sandbox's)
    QString keychainService;  // empty: the desktop app's
    bool json = false;        // --json
    int timeoutSeconds = 180; // --timeout (how long `auth oauth` waits for the browser)
};

// The environment's stored credentials (settings + OS keychain) and the token they yield.
class Accounts {
public:
    virtual ~Accounts() = default;
    // Whether `auth` stored credentials for the environment (reads the settings only).
    virtual bool isConfigured() const = 0;
    // Gets every new access token, for the CLI's client (the first from prepare()).
    virtual void setTokenSink(std::function<void(const QString &token)> sink) = 0;
    // Fetches the stored token before a command runs. `ready` gets an empty message on
    // success, else why not (in the CLI's words) and the exit code.
    virtual void prepare(QObject *context,
                         std::function<void(const QString &error, int exitCode)> ready) = 0;
    // The CLI's client got a 401: renew the token once (`finish(true)` after the sink has it)
    // or give up (`finish(false)`, having told the user to sign in again).
    virtual void handleUnauthorized(std::function<void(bool renewed)> finish) = 0;
    // `auth status | token | exchange | oauth | sign-out` with the CLI's parsed options; prints
    // like every command and ends by calling `finished` once with the exit code.
    virtual void runAuth(const QCommandLineParser *parser, const QStringList &arguments,
                         std::function<void(int exitCode)> finished) = 0;
};

class CliServices {
public:
    virtual ~CliServices() = default;
    virtual std::unique_ptr<Sandbox> createSandbox(const SandboxSettings &settings) = 0;
    virtual std::unique_ptr<Accounts> createAccounts(const AccountsSettings &settings) = 0;
};

} // namespace ab::cli

#define ActionbenchCliServices_iid "io.github.actionbench.CliServices/1"
Q_DECLARE_INTERFACE(ab::cli::CliServices, ActionbenchCliServices_iid)
