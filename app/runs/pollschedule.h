#pragma once

#include <QList>
#include <QtGlobal>

namespace ab::runs {

// When to read a run again. Defaults follow Zapier's own SDK (contract §10.2): first poll after
// 50 ms, then 125 ms until 125 ms have passed, 250 ms until 375 ms, 500 ms until 875 ms, 1 s
// until 10 s, 2.5 s until 30 s, 5 s until 60 s, 10 s until 3 min, then every 60 s; give up after
// 180 s. Pure: elapsed time comes from the caller's clock.
class PollSchedule {
public:
    struct Stage {
        qint64 untilMs = 0;    // this stage applies while elapsed < untilMs
        qint64 intervalMs = 0; // delay between polls during the stage
    };

    PollSchedule(); // the SDK's schedule
    PollSchedule(qint64 firstDelayMs, QList<Stage> stages, qint64 finalIntervalMs,
                 qint64 timeoutMs);

    qint64 firstDelayMs() const { return m_firstDelayMs; }
    const QList<Stage> &stages() const { return m_stages; }
    qint64 finalIntervalMs() const { return m_finalIntervalMs; }
    qint64 timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(qint64 timeoutMs) { m_timeoutMs = timeoutMs; }

    // The table alone: the interval of the stage `elapsedMs` falls in.
    qint64 stageIntervalMs(qint64 elapsedMs) const;

    // The delay before the next poll: the stage interval, shortened so the last poll lands on the
    // timeout rather than past it, but never below `minimumIntervalMs` (the rate budget's floor,
    // which always wins: running out of budget costs more than a late answer).
    qint64 nextDelayMs(qint64 elapsedMs, qint64 minimumIntervalMs = 0) const;

    bool isTimedOut(qint64 elapsedMs) const { return elapsedMs >= m_timeoutMs; }

private:
    qint64 m_firstDelayMs = 50;
    QList<Stage> m_stages;
    qint64 m_finalIntervalMs = 60000;
    qint64 m_timeoutMs = 180000;
};

} // namespace ab::runs
