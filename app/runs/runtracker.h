#pragma once

#include "core/clock.h"
#include "core/zapierbackend.h"
#include "runs/pollschedule.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace ab::runs {

// Polls one run until it finishes, on a PollSchedule, at background priority so the user's own
// requests go first. A poll error that may pass (network, 5xx, 429, a garbled body) backs off and
// tries again, honouring Retry-After; too many in a row, or one that will not pass (401, 404...),
// ends tracking with failed(). A run that finished with a `throttled` third-party error is
// finished like any other: re-running it is the user's decision (contract §10.2).
class RunTracker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunTracker)

public:
    RunTracker(core::ZapierBackend *backend, const core::Clock *clock, QObject *parent = nullptr);

    void setSchedule(const PollSchedule &schedule) { m_schedule = schedule; }
    const PollSchedule &schedule() const { return m_schedule; }
    void setMaxConsecutiveErrors(int count) { m_maxErrors = qMax(1, count); }
    // First back-off after a poll error; doubles per error in a row, capped at 60 s.
    void setErrorBackoffMs(qint64 ms) { m_errorBackoffMs = qMax<qint64>(0, ms); }
    // Asked before every scheduling: the rate budget's floor for the next delay (0: none).
    void setMinimumIntervalHook(std::function<qint64()> hook)
    {
        m_minimumInterval = std::move(hook);
    }

    // Polls `runId`; a stored-action run when `storedActionId` is set. Restarts when active.
    void start(const QString &runId, const QString &storedActionId = {});
    void stop(); // no signal; a reply still in flight is ignored
    bool isActive() const { return m_active; }
    QString runId() const { return m_runId; }
    int consecutiveErrors() const { return m_errors; }
    qint64 scheduledDelayMs() const; // the pending poll's delay, -1 when none is scheduled

Q_SIGNALS:
    // The HTTP exchanges of each poll (already redacted), before any other signal of that poll.
    void callsMade(const QList<ab::core::RequestRecord> &calls);
    // A pending reading whose status differs from the previous one (the first one included).
    void statusChanged(const ab::core::RunState &state);
    void pollFailed(const ab::core::ApiError &error, int consecutiveErrors); // will try again
    void finished(const ab::core::RunState &state);
    void failed(const ab::core::ApiError &error);
    void timedOut();

private:
    void poll();
    void handle(const core::ApiResult<core::RunState> &result, quint64 generation);
    void scheduleIn(qint64 delayMs);
    qint64 elapsedMs() const;
    qint64 minimumIntervalMs() const;
    void end();

    core::ZapierBackend *m_backend;
    const core::Clock *m_clock;
    PollSchedule m_schedule;
    std::function<qint64()> m_minimumInterval;
    QTimer m_timer;
    QString m_runId;
    QString m_storedActionId;
    QString m_lastStatus;
    bool m_hasStatus = false;
    bool m_active = false;
    quint64 m_generation = 0; // replies of an earlier start() are ignored
    qint64 m_startMs = 0;
    qint64 m_scheduledDelayMs = -1;
    int m_errors = 0;
    int m_maxErrors = 5;
    qint64 m_errorBackoffMs = 1000;
};

// Whether a failed poll may succeed when simply tried again later.
bool isTransientPollError(core::ErrorKind kind);

} // namespace ab::runs
