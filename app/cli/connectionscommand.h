#pragma once

#include "cli/command.h"

namespace ab::cli {

// `connections --app APP`: every connection of the app (all pages), expired ones marked.
class ConnectionsCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;
};

} // namespace ab::cli
