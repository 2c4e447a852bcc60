#pragma once

#include "cli/command.h"

namespace ab::cli {

// `run --app APP --action KEY [--connection ID] [--set ...] [--wait] [--no-validate]`: fills the
// form like `fields`, fetches a fresh action id, records the run in the history before sending
// it, runs it, and with --wait polls until it ends.
class RunCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;
};

} // namespace ab::cli
