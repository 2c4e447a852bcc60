#pragma once

#include "cli/command.h"

namespace ab::cli {

// `apps [--query TEXT] [--category SLUG] [--limit N] [--offset N]`: search the catalog.
class AppsCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;
};

} // namespace ab::cli
