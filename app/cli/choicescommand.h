#pragma once

#include "cli/command.h"

namespace ab::cli {

// `choices --app APP --action KEY --field ID [--connection ID] [--set ...] [--page N | --all]`:
// the choices of a SELECT field for the values set so far.
class ChoicesCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;
};

} // namespace ab::cli
