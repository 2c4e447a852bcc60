#include "runs/pollschedule.h"

#include <utility>

namespace ab::runs {

PollSchedule::PollSchedule()
    : PollSchedule(50,
                   {{125, 125},
                    {375, 250},
                    {875, 500},
                    {10000, 1000},
                    {30000, 2500},
                    {60000, 5000},
                    {180000, 10000}},
                   60000, 180000)
{}

PollSchedule::PollSchedule(qint64 firstDelayMs, QList<Stage> stages, qint64 finalIntervalMs,
                           qint64 timeoutMs)
    : m_firstDelayMs(firstDelayMs)
    , m_stages(std::move(stages))
    , m_finalIntervalMs(finalIntervalMs)
    , m_timeoutMs(timeoutMs)
{}

qint64 PollSchedule::stageIntervalMs(qint64 elapsedMs) const
{
    for (const Stage &stage : m_stages) {
        if (elapsedMs < stage.untilMs)
            return stage.intervalMs;
    }
    return m_finalIntervalMs;
}

qint64 PollSchedule::nextDelayMs(qint64 elapsedMs, qint64 minimumIntervalMs) const
{
    qint64 delay = stageIntervalMs(elapsedMs);
    if (elapsedMs < m_timeoutMs)
        delay = qMin(delay, m_timeoutMs - elapsedMs);
    return qMax(delay, qMax<qint64>(0, minimumIntervalMs));
}

} // namespace ab::runs
