#pragma once

#include "cli/command.h"
#include "core/storedaction.h"

#include <QHash>

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
    // Keeps the names `create` resolved, so the history shows "Slack", not the API's keys.
    void rememberNames(const QString &id, const core::StoredActionNames &names);
    QHash<QString, core::StoredActionNames> savedNames(); // by stored action id
};

} // namespace ab::cli
