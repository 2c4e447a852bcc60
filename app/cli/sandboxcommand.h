#pragma once

#include "cli/command.h"

namespace ab::cli {

// `sandbox serve [--port N] [--catalog-size N] [--faults plan.json] [--rate-limit N]`: the
// built-in Zapier simulator as a standalone server for other tools, until Ctrl+C.
class SandboxCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;
};

} // namespace ab::cli
