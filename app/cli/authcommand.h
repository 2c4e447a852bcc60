#pragma once

#include "cli/command.h"

namespace ab::cli {

// `auth status | token --paste | exchange ... | oauth ... | sign-out`: the environment's
// credentials in the OS keychain and the shared settings file. The work is the services
// plugin's (Accounts::runAuth: QtKeychain, OpenSSL, Qt NetworkAuth); this loads it.
class AuthCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;
};

} // namespace ab::cli
