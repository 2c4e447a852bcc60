#include "cli/runfollower.h"

#include "api/apiclient.h"
#include "cli/environment.h"
#include "cli/runview.h"
#include "runs/historystore.h"
#include "runs/runservice.h"

namespace ab::cli {

using namespace ab::runs;

RunFollower::RunFollower(RunService *service, HistoryStore *store, const Output &output, bool wait,
                         QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_store(store)
    , m_output(output)
    , m_wait(wait)
{
    // Reading the record back costs a few queries: with --wait only the end is worth it (a
    // final phase always comes with runFinished); without, the update that brings the server's
    // run id.
    connect(m_service, &RunService::runUpdated, this, [this](qint64 id) {
        if (id == m_id && !m_wait)
            check();
    });
    connect(m_service, &RunService::runFinished, this, [this](qint64 id) {
        if (id == m_id)
            check();
    });
}

void RunFollower::follow(qint64 localId)
{
    m_id = localId;
    m_output.progress(QStringLiteral("run %1 started").arg(localId));
    // A run the service still drives is not final: with --wait, runFinished says when it is.
    if (!m_wait || !m_service->isActive(localId))
        check();
}

void RunFollower::check()
{
    if (m_done || m_id <= 0)
        return;
    // The summary printed below shows no timeline.
    const std::optional<RunRecord> record = m_store->load(m_id, HistoryStore::Detail::RunOnly);
    if (!record)
        return;
    const bool accepted = !record->serverRunId.isEmpty();
    const bool final = isFinalPhase(record->phase);
    if (!final && !(accepted && !m_wait))
        return;
    m_done = true;
    if (!final)
        m_output.progress(
            QStringLiteral("run %1 is %2 as server run %3; `history show %1` reads it later")
                .arg(m_id)
                .arg(phaseName(record->phase), record->serverRunId));
    m_output.result(runJson(*record, false), runText(*record, false));
    Q_EMIT done(final ? exitCodeForPhase(record->phase) : ExitOk);
}

RunService *makeRunService(Environment *environment, HistoryStore *store, QObject *parent)
{
    auto *service = new RunService(environment->client(), store, environment->clock(), parent);
    // Zapier's staged schedule, but the first read goes out at once: a headless caller waits on
    // nothing else, and a run that finished already costs one read instead of a 50 ms pause.
    const PollSchedule staged;
    const PollSchedule schedule(0, staged.stages(), staged.finalIntervalMs(),
                                qint64(environment->options().timeoutSeconds) * 1000);
    service->setPollSchedule(schedule);
    return service;
}

} // namespace ab::cli
