#include "runs/runtracker.h"

#include "runs/logging.h"

namespace ab::runs {

using core::ApiResult;
using core::ErrorKind;
using core::RunState;

bool isTransientPollError(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Network:
    case ErrorKind::Timeout:
    case ErrorKind::RateLimited:
    case ErrorKind::Server:
    case ErrorKind::Unavailable:
    case ErrorKind::MalformedResponse: // the SDK counts any non-OK poll and backs off
    case ErrorKind::OutcomeUnknown:
    case ErrorKind::Unknown:
        return true;
    case ErrorKind::Unauthorized:
    case ErrorKind::Forbidden:
    case ErrorKind::NotFound:
    case ErrorKind::BadRequest:
    case ErrorKind::Conflict:
    case ErrorKind::PaymentRequired:
    case ErrorKind::TooLarge:
    case ErrorKind::Cancelled:
        break;
    }
    return false;
}

RunTracker::RunTracker(core::ZapierBackend *backend, const core::Clock *clock, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RunTracker::poll);
}

void RunTracker::start(const QString &runId, const QString &storedActionId)
{
    stop();
    m_runId = runId;
    m_storedActionId = storedActionId;
    m_active = true;
    m_startMs = m_clock->monotonicMs();
    scheduleIn(qMax(m_schedule.firstDelayMs(), minimumIntervalMs()));
}

void RunTracker::stop()
{
    ++m_generation;
    m_timer.stop();
    m_scheduledDelayMs = -1;
    m_active = false;
    m_hasStatus = false;
    m_lastStatus.clear();
    m_errors = 0;
}

qint64 RunTracker::scheduledDelayMs() const
{
    return m_timer.isActive() ? m_scheduledDelayMs : -1;
}

qint64 RunTracker::elapsedMs() const
{
    return m_clock->monotonicMs() - m_startMs;
}

qint64 RunTracker::minimumIntervalMs() const
{
    return m_minimumInterval ? m_minimumInterval() : 0;
}

void RunTracker::scheduleIn(qint64 delayMs)
{
    m_scheduledDelayMs = delayMs;
    m_timer.start(std::chrono::milliseconds(delayMs));
}

void RunTracker::end()
{
    m_active = false;
    m_timer.stop();
    m_scheduledDelayMs = -1;
}

void RunTracker::poll()
{
    if (!m_active)
        return;
    m_scheduledDelayMs = -1;
    const quint64 generation = m_generation;
    auto done = [this, generation](ApiResult<RunState> result) {
        handle(result, generation);
    };
    if (m_storedActionId.isEmpty())
        m_backend->getRun(m_runId, core::Priority::Background, this, done);
    else
        m_backend->storedActionRun(m_storedActionId, m_runId, core::Priority::Background, this,
                                   done);
}

void RunTracker::handle(const ApiResult<RunState> &result, quint64 generation)
{
    // Each emit may stop or restart this tracker; `current` notices.
    auto current = [this, generation] {
        return m_active && generation == m_generation;
    };
    if (!current())
        return;
    if (!result.calls.isEmpty()) {
        Q_EMIT callsMade(result.calls);
        if (!current())
            return;
    }
    const qint64 elapsed = elapsedMs();
    if (result.ok()) {
        m_errors = 0;
        const RunState &state = result.value();
        if (state.isFinished()) {
            end();
            Q_EMIT finished(state);
            return;
        }
        if (!m_hasStatus || state.statusRaw != m_lastStatus) {
            m_hasStatus = true;
            m_lastStatus = state.statusRaw;
            Q_EMIT statusChanged(state);
            if (!current())
                return;
        }
        if (m_schedule.isTimedOut(elapsed)) {
            qCInfo(lcRuns) << "run" << m_runId << "still pending after" << elapsed << "ms";
            end();
            Q_EMIT timedOut();
            return;
        }
        scheduleIn(m_schedule.nextDelayMs(elapsed, minimumIntervalMs()));
        return;
    }

    const core::ApiError &error = result.error();
    ++m_errors;
    qCInfo(lcRuns) << "poll of run" << m_runId << "failed" << m_errors
                   << "in a row:" << error.summary();
    if (!isTransientPollError(error.kind) || m_errors >= m_maxErrors) {
        end();
        Q_EMIT failed(error);
        return;
    }
    if (m_schedule.isTimedOut(elapsed)) {
        end();
        Q_EMIT timedOut();
        return;
    }
    Q_EMIT pollFailed(error, m_errors);
    if (!current())
        return;
    const qint64 backoff = qMin<qint64>(60000, m_errorBackoffMs << qMin(m_errors - 1, 16));
    qint64 delay = qMax(m_schedule.nextDelayMs(elapsed, minimumIntervalMs()), backoff);
    if (error.retryAfterSeconds)
        delay = qMax(delay, qint64(*error.retryAfterSeconds) * 1000);
    scheduleIn(delay);
}

} // namespace ab::runs
