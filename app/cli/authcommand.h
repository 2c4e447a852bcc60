#pragma once

#include "cli/command.h"

namespace ab::connect {
struct Credentials;
struct SecretValues;
} // namespace ab::connect

namespace ab::cli {

// `auth status | token --paste | exchange ... | sign-out`: the environment's credentials in the
// OS keychain (secrets) and the shared settings file (the rest). Secrets are read from files
// or standard input, never from the command line, where `ps` would show them.
class AuthCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;

private:
    void status();
    void pasteToken();
    void exchange();
    void signOut();
    void signIn(const connect::Credentials &credentials, const connect::SecretValues &secrets);
    // The contents of `path` ("-" is standard input), trimmed of the final newline; empty with
    // `error` set when it cannot be read.
    static QString readSecretFile(const QString &path, QString *error);
};

} // namespace ab::cli
