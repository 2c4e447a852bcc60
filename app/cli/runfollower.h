#pragma once

#include "cli/command.h"

namespace ab::runs {
class HistoryStore;
class RunService;
} // namespace ab::runs

namespace ab::cli {

// Runs and stored runs end the same way: without --wait the command ends once the server
// has accepted the run (its id is known); with --wait, once the run is final. Either way the
// record is printed and the exit code follows its phase.
class RunFollower final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunFollower)

public:
    RunFollower(runs::RunService *service, runs::HistoryStore *store, const Output &output,
                bool wait, QObject *parent = nullptr);
    void follow(qint64 localId);

Q_SIGNALS:
    void done(int exitCode);

private:
    void check();

    runs::RunService *m_service;
    runs::HistoryStore *m_store;
    const Output &m_output;
    bool m_wait;
    qint64 m_id = 0;
    bool m_done = false;
};

// Builds the run service for a command: history, poll schedule and timeout from the options.
runs::RunService *makeRunService(Environment *environment, runs::HistoryStore *store,
                                 QObject *parent);

} // namespace ab::cli
