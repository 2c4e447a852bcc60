#include "runs/runservice.h"

#include "runs/historystore.h"
#include "runs/logging.h"
#include "runs/runtracker.h"

#include <QTimer>
#include <QUuid>

namespace ab::runs {

using core::ApiError;
using core::ApiResult;
using core::ErrorKind;
using core::RequestRecord;

namespace {

ApiError localError(ErrorKind kind, const QString &detail)
{
    ApiError error;
    error.kind = kind;
    error.detail = detail;
    return error;
}

// A stored-run POST that failed this way was refused or lost; re-sending with the same
// idempotency id returns the original run if it did go through (contract §11.2).
bool isRetryableStoredSubmit(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Network:
    case ErrorKind::Timeout:
    case ErrorKind::RateLimited:
    case ErrorKind::Server:
    case ErrorKind::Unavailable:
    case ErrorKind::OutcomeUnknown:
        return true;
    default:
        return false;
    }
}

// Zapier's advice (contract §10.2): show the throttle, never re-run blindly.
QString throttleNote(const core::RunState &state)
{
    for (const core::RunError &error : state.errors) {
        if (error.code != core::RunErrorCode::Throttled &&
            error.code != core::RunErrorCode::SystemThrottled)
            continue;
        return error.delaySeconds ? QString::fromLatin1(notes::throttledWait)
                                        .arg(error.codeRaw, QString::number(*error.delaySeconds))
                                  : QString::fromLatin1(notes::throttled).arg(error.codeRaw);
    }
    return {};
}

} // namespace

RunService::RunService(core::ZapierBackend *backend, HistoryStore *store, const core::Clock *clock,
                       QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_store(store)
    , m_clock(clock)
{}

// Runs still in flight stay Preparing/Submitting/Waiting in the history; resumeUnfinished()
// settles them on the next start.
RunService::~RunService() = default;

QList<qint64> RunService::activeRuns() const
{
    QList<qint64> ids;
    for (const auto &[id, run] : m_active)
        ids.append(id);
    return ids;
}

RunService::Active *RunService::active(qint64 id)
{
    const auto it = m_active.find(id);
    return it == m_active.end() ? nullptr : &it->second;
}

// Tells the backend which inputs are secrets before anything of the run is sent or polled.
static void protectSecrets(core::ZapierBackend *backend, const RunRecord &record)
{
    for (const QString &id : record.secretInputs)
        backend->protectInput(id, record.inputs.value(id).toString());
}

qint64 RunService::begin(RunRecord record)
{
    protectSecrets(m_backend, record);
    record.createdAt = m_clock->now();
    if (record.phase == Phase::Submitting)
        record.submittedAt = record.createdAt;
    const qint64 id = m_store->insert(record);
    if (id == 0) {
        qCWarning(lcRuns) << "run not started: the history could not be written"
                          << storeErrorName(m_store->lastError().code);
        return 0;
    }
    record.id = id;
    record.events.clear();
    record.calls.clear();
    m_active.emplace(id, Active{record, nullptr, 0});
    Q_EMIT runStarted(id);
    return id;
}

// The history row's fields that both kinds of request carry.
template <typename Request> static RunRecord recordFor(RunKind kind, const Request &request)
{
    RunRecord record;
    record.kind = kind;
    record.environment = request.environment;
    record.appId = request.appId;
    record.appTitle = request.appTitle;
    record.actionKey = request.actionKey;
    record.actionTitle = request.actionTitle;
    record.actionType = request.actionType;
    record.connectionId = request.connectionId;
    record.connectionTitle = request.connectionTitle;
    record.inputs = request.inputs;
    record.inputLabels = request.inputLabels;
    record.fieldsJson = request.fieldsJson;
    record.secretInputs = request.secretInputs;
    return record;
}

qint64 RunService::startRun(const RunRequest &request)
{
    RunRecord record = recordFor(RunKind::Action, request);
    record.phase = Phase::Preparing;
    record.events = {RunEvent{
        m_clock->now(),
        Phase::Preparing,
        {},
        QStringLiteral(QT_TRANSLATE_NOOP("ab::runs::RunEvent", "fetching a fresh action id"))}};
    const qint64 id = begin(record);
    if (id != 0)
        fetchActionId(id);
    return id;
}

StoredRunRequest StoredRunRequest::of(const QString &environment, const core::StoredAction &action,
                                      const core::StoredActionNames &names,
                                      const QVariantMap &inputs, const QString &page)
{
    StoredRunRequest request;
    request.environment = environment;
    request.storedActionId = action.id;
    request.inputs = inputs;
    request.page = page;
    request.appId = names.appId;
    request.appTitle = names.appTitle.isEmpty() ? action.selectedApi : names.appTitle;
    request.actionKey = action.actionKey;
    request.actionTitle = names.actionTitle.isEmpty() ? action.actionKey : names.actionTitle;
    request.actionType = action.actionType;
    request.connectionId = action.connectionId;
    request.connectionTitle =
        names.connectionTitle.isEmpty() ? action.connectionId : names.connectionTitle;
    request.secretInputs = names.secretInputs;
    return request;
}

qint64 RunService::startStoredRun(const StoredRunRequest &request)
{
    RunRecord record = recordFor(RunKind::Stored, request);
    record.storedActionId = request.storedActionId;
    record.page = request.page;
    // Saved with the row, before the POST: every retry must reuse it.
    record.idempotencyId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.phase = Phase::Submitting;
    record.events = {
        RunEvent{m_clock->now(),
                 Phase::Submitting,
                 {},
                 QString::fromLatin1(notes::sendingWithIdempotencyId).arg(record.idempotencyId)}};
    const qint64 id = begin(record);
    if (id != 0)
        sendStored(id);
    return id;
}

qint64 RunService::rerun(qint64 localId)
{
    const std::optional<RunRecord> old = m_store->load(localId, HistoryStore::Detail::RunOnly);
    if (!old)
        return 0;
    if (old->kind == RunKind::Stored) {
        return startStoredRun(StoredRunRequest{
            old->environment, old->storedActionId, old->inputs, old->page, old->appId,
            old->appTitle, old->actionKey, old->actionTitle, old->actionType, old->connectionId,
            old->connectionTitle, old->inputLabels, old->fieldsJson, old->secretInputs});
    }
    return startRun(RunRequest{old->environment, old->appId, old->appTitle, old->actionKey,
                               old->actionTitle, old->actionType, old->connectionId,
                               old->connectionTitle, old->inputs, old->inputLabels, old->fieldsJson,
                               old->secretInputs});
}

bool RunService::persist(qint64 id, Phase phase, const QString &note,
                         const QList<RequestRecord> &calls, const QString &status)
{
    Active *run = active(id);
    if (!run)
        return false;
    run->record.phase = phase;
    const bool written =
        m_store->update(run->record, {RunEvent{m_clock->now(), phase, status, note}}, calls,
                        phase == Phase::Submitting ? HistoryStore::Durability::Flushed
                                                   : HistoryStore::Durability::Normal);
    Q_EMIT runUpdated(id);
    return written;
}

void RunService::conclude(RunRecord record, Phase phase, const QString &note,
                          std::optional<ApiError> error, const QList<RequestRecord> &calls)
{
    record.phase = phase;
    record.finishedAt = m_clock->now();
    if (error) {
        error->rawSample.clear(); // kept in the call records, not twice
        record.apiError = error;
    }
    qCInfo(lcRuns) << "run" << record.id << phaseName(phase) << note;
    m_store->update(record, {RunEvent{record.finishedAt, phase, record.statusRaw, note}}, calls);
    Q_EMIT runFinished(record.id);
}

void RunService::finishActive(qint64 id, Phase phase, const QString &note,
                              std::optional<ApiError> error, const QList<RequestRecord> &calls)
{
    const auto it = m_active.find(id);
    if (it == m_active.end())
        return;
    RunRecord record = it->second.record;
    if (RunTracker *tracker = it->second.tracker) {
        tracker->stop();
        tracker->deleteLater(); // we may be inside one of its signals
    }
    m_active.erase(it);
    conclude(std::move(record), phase, note, std::move(error), calls);
}

void RunService::fetchActionId(qint64 id)
{
    const Active *run = active(id);
    m_backend->actions(
        run->record.appId, run->record.actionType, this,
        [this, id](ApiResult<QList<core::Action>> result) { onActions(id, result); });
}

void RunService::onActions(qint64 id, const ApiResult<QList<core::Action>> &result)
{
    Active *run = active(id);
    if (!run) { // cancelled meanwhile: keep the calls anyway
        m_store->appendCalls(id, result.calls);
        return;
    }
    if (!result.ok()) {
        finishActive(id, Phase::Failed,
                     QStringLiteral(QT_TRANSLATE_NOOP("ab::runs::RunEvent",
                                                      "could not fetch a fresh action id")),
                     result.error(), result.calls);
        return;
    }
    const QString &key = run->record.actionKey;
    const auto found =
        std::find_if(result.value().cbegin(), result.value().cend(),
                     [&key](const core::Action &action) { return action.key == key; });
    if (found == result.value().cend()) {
        finishActive(
            id, Phase::Failed,
            QStringLiteral(
                QT_TRANSLATE_NOOP("ab::runs::RunEvent", "the app no longer offers this action")),
            localError(ErrorKind::NotFound, QStringLiteral("action key '%1' not offered by app %2")
                                                .arg(key, run->record.appId)),
            result.calls);
        return;
    }
    run->record.actionId = found->id;
    run->record.submittedAt = m_clock->now();
    // Only once Submitting is on disk may the POST leave: after a crash the row then says
    // "maybe sent", never "not sent" for a run that ran.
    if (!persist(id, Phase::Submitting,
                 QString::fromLatin1(notes::sendingWithActionId).arg(found->id), result.calls)) {
        finishActive(id, Phase::Failed,
                     QStringLiteral(QT_TRANSLATE_NOOP(
                         "ab::runs::RunEvent", "not sent: the history could not be written")),
                     localError(ErrorKind::Cancelled, m_store->lastError().detail));
        return;
    }
    run = active(id); // a runUpdated() slot may have ended it
    if (!run)
        return;
    m_backend->createRun(run->record.actionId, run->record.connectionId, run->record.inputs, this,
                         [this, id](ApiResult<QString> reply) { onSubmitted(id, reply); });
}

void RunService::onSubmitted(qint64 id, const ApiResult<QString> &result)
{
    if (result.ok()) {
        onRunCreated(id, result.value(), result.calls);
        return;
    }
    const ApiError &error = result.error();
    if (error.kind == ErrorKind::OutcomeUnknown) {
        finishActive(id, Phase::OutcomeUnknown,
                     QStringLiteral(QT_TRANSLATE_NOOP(
                         "ab::runs::RunEvent", "no answer to the POST: the run may have been "
                                               "applied, so it is not sent again")),
                     error, result.calls);
        return;
    }
    finishActive(id, Phase::Failed,
                 QStringLiteral(QT_TRANSLATE_NOOP("ab::runs::RunEvent", "Zapier refused the run")),
                 error, result.calls);
}

void RunService::sendStored(qint64 id)
{
    Active *run = active(id);
    ++run->submitAttempts;
    m_backend->runStoredAction(
        run->record.storedActionId, run->record.inputs, run->record.page, run->record.idempotencyId,
        this, [this, id](ApiResult<QString> reply) { onStoredSubmitted(id, reply); });
}

void RunService::onStoredSubmitted(qint64 id, const ApiResult<QString> &result)
{
    Active *run = active(id);
    if (!run) {
        m_store->appendCalls(id, result.calls);
        return;
    }
    if (result.ok()) {
        onRunCreated(id, result.value(), result.calls);
        return;
    }
    const ApiError &error = result.error();
    const int attempt = run->submitAttempts;
    if (isRetryableStoredSubmit(error.kind) && attempt < m_maxStoredAttempts) {
        qint64 delay = qMin<qint64>(60000, m_storedRetryBackoffMs << qMin(attempt - 1, 16));
        if (error.retryAfterSeconds)
            delay = qMax(delay, qint64(*error.retryAfterSeconds) * 1000);
        persist(id, Phase::Submitting,
                QString::fromLatin1(notes::attemptFailed)
                    .arg(QString::number(attempt), error.summary()),
                result.calls);
        QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, id] {
            if (active(id))
                sendStored(id);
        });
        return;
    }
    // The idempotency id makes a later manual retry safe for 72 hours; say which it was.
    const bool maybeApplied = error.kind == ErrorKind::OutcomeUnknown;
    finishActive(
        id, maybeApplied ? Phase::OutcomeUnknown : Phase::Failed,
        QString::fromLatin1(notes::gaveUp).arg(QString::number(attempt), run->record.idempotencyId),
        error, result.calls);
}

void RunService::onRunCreated(qint64 id, const QString &serverRunId,
                              const QList<RequestRecord> &calls)
{
    Active *run = active(id);
    if (!run)
        return;
    run->record.serverRunId = serverRunId;
    persist(id, Phase::Waiting, QString::fromLatin1(notes::acceptedAsRun).arg(serverRunId), calls);
    track(id);
}

void RunService::track(qint64 id)
{
    Active *run = active(id);
    if (!run) // cancelled from a runUpdated() slot
        return;
    protectSecrets(m_backend, run->record); // a run resumed by a new process: its polls too
    auto *tracker = new RunTracker(m_backend, m_clock, this);
    tracker->setSchedule(m_schedule);
    tracker->setMaxConsecutiveErrors(m_maxPollErrors);
    tracker->setErrorBackoffMs(m_pollErrorBackoffMs);
    tracker->setMinimumIntervalHook(m_minimumPollInterval);
    run->tracker = tracker;

    connect(tracker, &RunTracker::callsMade, this, [this, id](const QList<RequestRecord> &calls) {
        m_store->appendCalls(id, calls);
        Q_EMIT runUpdated(id);
    });
    connect(tracker, &RunTracker::statusChanged, this, [this, id](const core::RunState &state) {
        if (Active *current = active(id)) {
            current->record.statusRaw = state.statusRaw;
            persist(id, Phase::Waiting, {}, {}, state.statusRaw);
        }
    });
    connect(tracker, &RunTracker::pollFailed, this, [this, id](const ApiError &error, int count) {
        persist(
            id, Phase::Waiting,
            QString::fromLatin1(notes::pollFailed).arg(QString::number(count), error.summary()));
    });
    connect(tracker, &RunTracker::finished, this,
            [this, id](const core::RunState &state) { onTrackerFinished(id, state); });
    connect(tracker, &RunTracker::failed, this, [this, id](const ApiError &error) {
        finishActive(id, Phase::TimedOut,
                     QString::fromLatin1(notes::pollingGaveUp).arg(error.summary()), error);
    });
    connect(tracker, &RunTracker::timedOut, this, [this, id] {
        finishActive(id, Phase::TimedOut,
                     QString::fromLatin1(notes::stillPending).arg(m_schedule.timeoutMs() / 1000),
                     std::nullopt);
    });
    tracker->start(run->record.serverRunId,
                   run->record.kind == RunKind::Stored ? run->record.storedActionId : QString());
}

void RunService::onTrackerFinished(qint64 id, const core::RunState &state)
{
    Active *run = active(id);
    if (!run)
        return;
    run->record.statusRaw = state.statusRaw;
    run->record.resultsJson = state.resultsJson;
    run->record.errors = state.errors;
    run->record.nextPage = state.nextPage;
    const QString throttled = throttleNote(state);
    const bool failure = state.isFailure();
    finishActive(id, failure ? Phase::Error : Phase::Success,
                 !throttled.isEmpty() ? throttled
                 : failure ? QString::fromLatin1(notes::finishedWithErrors).arg(state.errors.size())
                           : QStringLiteral(QT_TRANSLATE_NOOP("ab::runs::RunEvent", "finished")),
                 std::nullopt);
}

int RunService::resumeUnfinished(const QString &environment, qint64 settleAfterMs)
{
    int resumed = 0;
    const QList<RunRecord> runs = m_store->unfinished();
    const QDateTime now = m_clock->now();
    for (RunRecord record : runs) {
        if (isActive(record.id))
            continue;
        // Polling a run on another server would turn a 404 into a false failure.
        if (!environment.isEmpty() && record.environment != environment)
            continue;
        if (record.phase != Phase::Waiting && record.createdAt.msecsTo(now) < settleAfterMs)
            continue;
        record.events.clear();
        record.calls.clear();
        if (record.phase == Phase::Waiting && !record.serverRunId.isEmpty()) {
            const qint64 id = record.id;
            m_active.emplace(id, Active{record, nullptr, 0});
            persist(id, Phase::Waiting,
                    QStringLiteral(QT_TRANSLATE_NOOP("ab::runs::RunEvent",
                                                     "polling resumed after a restart")));
            track(id);
            ++resumed;
        } else if (record.phase == Phase::Preparing) {
            conclude(record, Phase::Failed,
                     QStringLiteral(
                         QT_TRANSLATE_NOOP("ab::runs::RunEvent", "interrupted before sending")),
                     localError(ErrorKind::Cancelled,
                                QStringLiteral(QT_TRANSLATE_NOOP(
                                    "ab::core::ApiError", "interrupted before the run was sent"))),
                     {});
        } else {
            // Submitting (or Waiting without a run id): the POST may have gone out.
            conclude(
                record, Phase::OutcomeUnknown,
                QStringLiteral(QT_TRANSLATE_NOOP("ab::runs::RunEvent",
                                                 "interrupted while sending: the run may have "
                                                 "been applied, so it is not sent again")),
                localError(ErrorKind::OutcomeUnknown,
                           QStringLiteral(QT_TRANSLATE_NOOP(
                               "ab::core::ApiError", "interrupted while the run was being sent"))),
                {});
        }
    }
    return resumed;
}

bool RunService::resume(qint64 localId)
{
    if (isActive(localId))
        return false;
    std::optional<RunRecord> record = m_store->load(localId, HistoryStore::Detail::RunOnly);
    if (!record || record->serverRunId.isEmpty() ||
        !(record->phase == Phase::Waiting || record->phase == Phase::TimedOut ||
          record->phase == Phase::Cancelled))
        return false;
    record->finishedAt = {};
    record->apiError.reset();
    m_active.emplace(localId, Active{*record, nullptr, 0});
    persist(localId, Phase::Waiting,
            QStringLiteral(QT_TRANSLATE_NOOP("ab::runs::RunEvent", "polling resumed")));
    track(localId);
    return true;
}

bool RunService::cancel(qint64 localId)
{
    const Active *run = active(localId);
    // A POST in flight cannot be taken back; its answer decides the phase.
    if (!run || run->record.phase == Phase::Submitting)
        return false;
    finishActive(
        localId, Phase::Cancelled,
        run->record.phase == Phase::Waiting
            ? QStringLiteral(QT_TRANSLATE_NOOP(
                  "ab::runs::RunEvent", "polling stopped by the user; the run may still complete"))
            : QStringLiteral(QT_TRANSLATE_NOOP("ab::runs::RunEvent", "cancelled before sending")),
        std::nullopt);
    return true;
}

} // namespace ab::runs
