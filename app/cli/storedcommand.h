#pragma once

#include "cli/command.h"

namespace ab::cli {

// `stored list`, `stored show ID`, `stored create --app APP --action KEY --selected-api API
// [--connection ID] [--set ...]`, `stored run ID [--set ...] [--page P] [--wait]`,
// `stored delete ID`: the Actions API's stored actions.
class StoredCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;

private:
    void list();
    void show(const QString &id);
    void create();
    void run(const QString &id);
    void remove(const QString &id);
};

} // namespace ab::cli
