#pragma once

#include "cli/command.h"

namespace ab::cli {

// `actions --app APP [--type WRITE]`: the app's actions, grouped by type.
class ActionsCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;
};

} // namespace ab::cli
