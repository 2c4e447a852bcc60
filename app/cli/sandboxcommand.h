#pragma once

#include "cli/cliservices.h"
#include "cli/command.h"

#include <memory>

namespace ab::cli {

// `sandbox serve [--port N] [--catalog-size N] [--faults plan.json] [--rate-limit N]`: the
// built-in Zapier simulator as a standalone server for other tools, until Ctrl+C.
class SandboxCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    ~SandboxCommand() override;
    void start() override;

private:
    std::unique_ptr<Sandbox> m_server; // from the services plugin
};

} // namespace ab::cli
