#pragma once

#include "cli/command.h"

namespace ab::connect {
struct Credentials;
struct SecretValues;
} // namespace ab::connect

namespace ab::cli {

// `auth status | token --paste | exchange ... | oauth ... | sign-out`: the environment's
// credentials in the OS keychain (secrets) and the shared settings file (the rest). Secrets are
// read from files or standard input, never from the command line, where `ps` would show them.
// `oauth` is the authorization code flow with PKCE: the CLI prints the sign-in URL (it has no
// GUI to open a browser with) and waits on a loopback port for the browser to come back.
class AuthCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;

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

    bool m_browserTimedOut = false; // `oauth` gave up waiting for the browser
};

} // namespace ab::cli
