#pragma once

#include "cli/cliservices.h"
#include "cli/output.h"

#include <QObject>
#include <QStringList>

namespace ab::connect {
class CredentialStore;
class TokenService;
struct Credentials;
struct SecretValues;
} // namespace ab::connect

namespace ab::cliservices {

// `auth status | token --paste | exchange ... | oauth ... | sign-out`: the environment's
// credentials in the OS keychain (secrets) and the shared settings file (the rest). Secrets are
// read from files or standard input, never from the command line, where `ps` would show them.
// `oauth` is the authorization code flow with PKCE: the CLI prints the sign-in URL (it has no
// GUI to open a browser with) and waits on a loopback port for the browser to come back.
// It runs once and ends by calling `finished` exactly once, like a CLI command.
class AuthFlow final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthFlow)

public:
    // None is owned; all must outlive the flow.
    AuthFlow(const cli::AccountsSettings &settings, const cli::Output &output,
             connect::CredentialStore *credentials, connect::TokenService *tokens,
             const QCommandLineParser *parser, QStringList arguments,
             std::function<void(int exitCode)> finished, QObject *parent = nullptr);

    void start();

private:
    void status();
    void pasteToken();
    void exchange();
    void oauth();
    void signOut();
    void showAuthorizationUrl(const QUrl &url);
    void signIn(const connect::Credentials &credentials, const connect::SecretValues &secrets);
    // The contents of `path` ("-" is standard input), trimmed of the final newline; empty with
    // `error` set when it cannot be read.
    static QString readSecretFile(const QString &path, QString *error);

    void finish(int exitCode);
    void fail(const QString &message, int exitCode);
    const cli::Output &out() const { return m_output; }
    const QCommandLineParser &options() const { return *m_parser; }
    // The value of the option `name` ("client-id"), empty when not given.
    QString value(const char *name) const;
    const QStringList &arguments() const { return m_arguments; }

    const cli::AccountsSettings &m_settings;
    const cli::Output &m_output;
    connect::CredentialStore *m_credentials;
    connect::TokenService *m_tokens;
    const QCommandLineParser *m_parser;
    QStringList m_arguments;
    std::function<void(int exitCode)> m_finished;
    bool m_done = false;
    bool m_browserTimedOut = false; // `oauth` gave up waiting for the browser
};

} // namespace ab::cliservices
