#pragma once

#include "core/clock.h"
#include "core/zapierbackend.h"
#include "runs/pollschedule.h"
#include "runs/runrecord.h"

#include <QObject>

#include <functional>
#include <map>

namespace ab::runs {

class HistoryStore;
class RunTracker;

// What the form hands over to run an action (Partner API, POST /v2/action-runs).
struct RunRequest {
    QString environment; // base URL, for the history
    QString appId;
    QString appTitle;
    QString actionKey; // stable; the ephemeral action id is fetched afresh by it
    QString actionTitle;
    QString actionType; // as GET /v2/actions takes it ("WRITE")
    QString connectionId;
    QString connectionTitle;
    QVariantMap inputs;
    QVariantMap inputLabels;
    QByteArray fieldsJson;
    QStringList secretInputs; // FormSession::secretInputs()
};

// A run of a stored action (Actions API). Titles are for the history pane only.
struct StoredRunRequest {
    QString environment;
    QString storedActionId;
    QVariantMap inputs;
    QString page; // bulk reads: the previous run's next_page
    QString appId;
    QString appTitle;
    QString actionKey;
    QString actionTitle;
    QString actionType;
    QString connectionId;
    QString connectionTitle;
    QVariantMap inputLabels;
    QByteArray fieldsJson;
    QStringList secretInputs; // the ones saved with the action's names

    // A run of `action` on `environment` with run-time `inputs` (overriding the stored ones) and
    // the bulk-read `page` (empty: the first). The history shows the names the action was saved
    // with when they are known, else the keys the Actions API gives.
    static StoredRunRequest of(const QString &environment, const core::StoredAction &action,
                               const core::StoredActionNames &names, const QVariantMap &inputs = {},
                               const QString &page = {});
};

// The run flow (architecture flow 4). The history row is written before anything is sent and
// kept in step with every change, so a crash at any point leaves an honest record:
//   Preparing  -> fetch a fresh action id by key (Zapier requires it before every run)
//   Submitting -> persisted, THEN POST; a POST whose outcome is unknown is never re-sent
//   Waiting    -> RunTracker polls; every status change is a timeline event
//   Success / Error / Failed / OutcomeUnknown / TimedOut / Cancelled
// Stored-action runs save an idempotency id before the first POST and re-send with the same id
// after a failure that may pass, which the Actions API makes safe (contract §11.2).
// Several runs may be in flight at once; each has its own tracker.
class RunService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunService)

public:
    RunService(core::ZapierBackend *backend, HistoryStore *store, const core::Clock *clock,
               QObject *parent = nullptr);
    ~RunService() override;

    void setPollSchedule(const PollSchedule &schedule) { m_schedule = schedule; }
    void setMaxPollErrors(int count) { m_maxPollErrors = count; }
    void setPollErrorBackoffMs(qint64 ms) { m_pollErrorBackoffMs = ms; }
    // The rate budget's floor for poll delays (e.g. raised by the scheduler when budget is low).
    void setMinimumPollIntervalHook(std::function<qint64()> hook) { m_minimumPollInterval = hook; }
    void setMaxStoredSubmitAttempts(int attempts) { m_maxStoredAttempts = qMax(1, attempts); }
    // First delay before re-sending a stored run (doubles per attempt; Retry-After wins).
    void setStoredRetryBackoffMs(qint64 ms) { m_storedRetryBackoffMs = ms; }

    // Each returns the new run's local id once its row is written, or 0 when the history could
    // not be written (see HistoryStore::lastError()); then nothing is sent.
    qint64 startRun(const RunRequest &request);
    qint64 startStoredRun(const StoredRunRequest &request);
    qint64 rerun(qint64 localId); // same action, connection and inputs; a new run

    // Picks up runs an earlier process left unfinished, for one environment (empty: all):
    // Waiting runs are polled again; Preparing ones never left and become Failed; Submitting ones
    // may have been applied and become OutcomeUnknown. Runs younger than `settleAfterMs` that are
    // not Waiting are left alone: another live process (the CLI beside the GUI) may own them.
    int resumeUnfinished(const QString &environment = {}, qint64 settleAfterMs = 120000);
    // Polls a Waiting / TimedOut / Cancelled run that has a server id again.
    bool resume(qint64 localId);
    // Stops a run that is not being sent: Cancelled. The run may still complete on Zapier.
    bool cancel(qint64 localId);

    bool isActive(qint64 localId) const { return m_active.count(localId) > 0; }
    QList<qint64> activeRuns() const;

Q_SIGNALS:
    void runStarted(qint64 localId);
    void runUpdated(qint64 localId);
    void runFinished(qint64 localId);

private:
    struct Active {
        RunRecord record; // without events and calls: those are appended, never rewritten
        RunTracker *tracker = nullptr;
        int submitAttempts = 0;
    };

    qint64 begin(RunRecord record);
    Active *active(qint64 id);
    bool persist(qint64 id, Phase phase, const QString &note,
                 const QList<core::RequestRecord> &calls = {}, const QString &status = {});
    void conclude(RunRecord record, Phase phase, const QString &note,
                  std::optional<core::ApiError> error, const QList<core::RequestRecord> &calls);
    void finishActive(qint64 id, Phase phase, const QString &note,
                      std::optional<core::ApiError> error,
                      const QList<core::RequestRecord> &calls = {});
    void fetchActionId(qint64 id);
    void onActions(qint64 id, const core::ApiResult<QList<core::Action>> &result);
    void sendStored(qint64 id);
    void onSubmitted(qint64 id, const core::ApiResult<QString> &result);
    void onStoredSubmitted(qint64 id, const core::ApiResult<QString> &result);
    void onRunCreated(qint64 id, const QString &serverRunId,
                      const QList<core::RequestRecord> &calls);
    void track(qint64 id);
    void onTrackerFinished(qint64 id, const core::RunState &state);

    core::ZapierBackend *m_backend;
    HistoryStore *m_store;
    const core::Clock *m_clock;
    PollSchedule m_schedule;
    std::function<qint64()> m_minimumPollInterval;
    int m_maxPollErrors = 5;
    qint64 m_pollErrorBackoffMs = 1000;
    int m_maxStoredAttempts = 3;
    qint64 m_storedRetryBackoffMs = 1000;
    std::map<qint64, Active> m_active; // node-based: entries stay put while others come and go
};

} // namespace ab::runs
