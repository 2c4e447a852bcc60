#pragma once

#include "cli/command.h"

namespace ab::cli {

// `history [--limit N] [--filter TEXT] [--status PHASE]`, `history show RUN`,
// `history resume` (polls runs left waiting by an earlier process until they end).
class HistoryCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;

private:
    void list();
    void show(const QString &idText);
    void resume();
};

} // namespace ab::cli
