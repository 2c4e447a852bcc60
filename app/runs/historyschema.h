#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ab::runs {

// One step of the history database's schema. The file's PRAGMA user_version says which steps it
// has; HistoryStore applies the missing ones in order, in one transaction. Steps are append-only:
// a shipped step is never edited, because CLI and GUI builds of different ages share one file.
struct Migration {
    int version = 0; // user_version after this step
    QString purpose;
    QStringList statements;
};

const QList<Migration> &historyMigrations();
int latestHistorySchemaVersion();

} // namespace ab::runs
