#include "cli/historycommand.h"

#include "cli/environment.h"
#include "cli/runfollower.h"
#include "cli/runview.h"
#include "runs/historystore.h"
#include "runs/runservice.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <memory>

namespace ab::cli {

using namespace ab::runs;

void HistoryCommand::start()
{
    const QString sub = arguments().value(0);
    if (sub.isEmpty() || sub == QLatin1String("list"))
        return list();
    if (sub == QLatin1String("show"))
        return show(arguments().value(1));
    if (sub == QLatin1String("resume"))
        return resume();
    fail(QStringLiteral("history takes list, show RUN or resume, not \"%1\"").arg(sub), ExitUsage);
}

void HistoryCommand::list()
{
    QString error;
    HistoryStore *store = env()->history(&error);
    if (!store)
        return fail(error, ExitApiFailure);
    bool ok = true;
    const int limit = options().isSet(QStringLiteral("limit"))
                          ? options().value(QStringLiteral("limit")).toInt(&ok)
                          : 20;
    if (!ok || limit < 1)
        return fail(QStringLiteral("--limit needs a positive number"), ExitUsage);
    RunFilter filter;
    filter.text = options().value(QStringLiteral("filter"));
    for (const QString &name : options().values(QStringLiteral("status"))) {
        const std::optional<Phase> phase = phaseFromName(name.toLower());
        if (!phase)
            return fail(
                QStringLiteral(
                    "unknown --status \"%1\" (success, error, failed, waiting, timed_out, ...)")
                    .arg(name),
                ExitUsage);
        filter.phases.append(*phase);
    }
    const QList<RunSummary> runs =
        store->list(filter, options().value(QStringLiteral("offset")).toInt(), limit);
    QJsonArray array;
    QList<QStringList> rows;
    for (const RunSummary &run : runs) {
        array.append(runSummaryJson(run));
        rows.append(
            {QString::number(run.id),
             run.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
             run.appTitle, run.actionTitle, phaseName(run.phase),
             run.durationMs >= 0 ? QStringLiteral("%1 ms").arg(run.durationMs) : QString()});
    }
    const int total = store->count(filter);
    QString text = rows.isEmpty()
                       ? QStringLiteral("No runs yet.")
                       : Output::table({QStringLiteral("RUN"), QStringLiteral("STARTED"),
                                        QStringLiteral("APP"), QStringLiteral("ACTION"),
                                        QStringLiteral("PHASE"), QStringLiteral("DURATION")},
                                       rows) +
                             QStringLiteral("%1 of %2 runs").arg(rows.size()).arg(total);
    out().result(QJsonObject{{QStringLiteral("runs"), array}, {QStringLiteral("count"), total}},
                 text);
    finish(ExitOk);
}

void HistoryCommand::show(const QString &idText)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("history show needs a run number (see `history`)"), ExitUsage);
    QString error;
    HistoryStore *store = env()->history(&error);
    if (!store)
        return fail(error, ExitApiFailure);
    const std::optional<RunRecord> record = store->load(id);
    if (!record)
        return fail(QStringLiteral("no run %1 in the history").arg(id), ExitUsage);
    out().result(runJson(*record, true), runText(*record, true));
    finish(ExitOk);
}

void HistoryCommand::resume()
{
    QString error;
    HistoryStore *store = env()->history(&error);
    if (!store)
        return fail(error, ExitApiFailure);
    RunService *service = makeRunService(env(), store, this);
    auto remaining = std::make_shared<int>(0);
    auto report = [this, store]() {
        RunFilter filter;
        const QList<RunSummary> runs = store->list(filter, 0, 20);
        QJsonArray array;
        for (const RunSummary &run : runs)
            array.append(runSummaryJson(run));
        out().result(QJsonObject{{QStringLiteral("runs"), array}},
                     QStringLiteral("Every unfinished run has ended."));
        finish(ExitOk);
    };
    const int resumed = service->resumeUnfinished(env()->environmentName());
    // Runs that ended inside resumeUnfinished() (never sent, outcome unknown) need no waiting.
    *remaining = int(service->activeRuns().size());
    connect(service, &RunService::runFinished, this, [remaining, report](qint64) {
        if (--*remaining == 0)
            report();
    });
    out().progress(QStringLiteral("resuming %1 unfinished run(s)").arg(resumed));
    if (service->activeRuns().isEmpty())
        report();
}

} // namespace ab::cli
