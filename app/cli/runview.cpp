#include "cli/runview.h"

#include "api/redactor.h"
#include "cli/exitcodes.h"
#include "cli/jsonview.h"
#include "cli/output.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ab::cli {

using namespace ab::runs;

int exitCodeForPhase(Phase phase)
{
    switch (phase) {
    case Phase::Success:
        return ExitOk;
    case Phase::Error:
        return ExitRunError;
    case Phase::TimedOut:
    case Phase::OutcomeUnknown:
        return ExitTimeout;
    case Phase::Failed:
        return ExitApiFailure;
    case Phase::Preparing:
    case Phase::Submitting:
    case Phase::Waiting:
    case Phase::Cancelled:
        break;
    }
    return ExitOk;
}

// What a secret input (a password field) shows: the same mark as a redacted API call.
static QVariant secretMask()
{
    return QString(api::Redactor::placeholder);
}

static QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject runJson(const RunRecord &record, bool full)
{
    QJsonObject object{
        {QStringLiteral("id"), record.id},
        {QStringLiteral("kind"), runKindName(record.kind)},
        {QStringLiteral("environment"), record.environment},
        {QStringLiteral("app"), QJsonObject{{QStringLiteral("id"), record.appId},
                                            {QStringLiteral("title"), record.appTitle}}},
        {QStringLiteral("action"), QJsonObject{{QStringLiteral("key"), record.actionKey},
                                               {QStringLiteral("title"), record.actionTitle},
                                               {QStringLiteral("id"), record.actionId}}},
        {QStringLiteral("connection"),
         QJsonObject{{QStringLiteral("id"), record.connectionId},
                     {QStringLiteral("title"), record.connectionTitle}}},
        {QStringLiteral("server_run_id"), record.serverRunId},
        {QStringLiteral("phase"), phaseName(record.phase)},
        {QStringLiteral("status"), record.statusRaw},
        {QStringLiteral("created_at"), isoTime(record.createdAt)},
        {QStringLiteral("finished_at"), isoTime(record.finishedAt)},
        {QStringLiteral("duration_ms"), record.durationMs()},
        {QStringLiteral("results"), view::jsonText(record.resultsJson)},
        {QStringLiteral("errors"), view::runErrors(record.errors)}};
    if (record.kind == RunKind::Stored) {
        object.insert(QStringLiteral("stored_action_id"), record.storedActionId);
        object.insert(QStringLiteral("idempotency_id"), record.idempotencyId);
        object.insert(QStringLiteral("next_page"), record.nextPage);
    }
    if (record.apiError)
        object.insert(QStringLiteral("api_error"), Output::errorJson(*record.apiError));
    if (full) {
        object.insert(QStringLiteral("inputs"),
                      QJsonObject::fromVariantMap(record.shownInputs(secretMask())));
        object.insert(QStringLiteral("secret_inputs"),
                      QJsonArray::fromStringList(record.secretInputs));
        object.insert(QStringLiteral("input_labels"),
                      QJsonObject::fromVariantMap(record.inputLabels));
        QJsonArray timeline;
        for (const RunEvent &event : record.events)
            timeline.append(QJsonObject{{QStringLiteral("at"), isoTime(event.at)},
                                        {QStringLiteral("phase"), phaseName(event.phase)},
                                        {QStringLiteral("status"), event.status},
                                        {QStringLiteral("note"), event.note}});
        object.insert(QStringLiteral("timeline"), timeline);
        QJsonArray calls;
        for (const core::RequestRecord &call : record.calls)
            calls.append(QJsonObject{{QStringLiteral("method"), call.method},
                                     {QStringLiteral("url"), call.url},
                                     {QStringLiteral("status"), call.httpStatus},
                                     {QStringLiteral("duration_ms"), call.durationMs},
                                     {QStringLiteral("attempt"), call.attempt},
                                     {QStringLiteral("error"), call.errorText}});
        object.insert(QStringLiteral("calls"), calls);
    }
    return object;
}

QString runText(const RunRecord &record, bool full)
{
    QString text = QStringLiteral("Run %1: %2 / %3  %4\n")
                       .arg(record.id)
                       .arg(record.appTitle,
                            record.actionTitle.isEmpty() ? record.actionKey : record.actionTitle,
                            phaseName(record.phase).toUpper());
    if (!record.serverRunId.isEmpty())
        text += QStringLiteral("  server run id: %1\n").arg(record.serverRunId);
    if (!record.connectionTitle.isEmpty() || !record.connectionId.isEmpty())
        text += QStringLiteral("  connection: %1\n")
                    .arg(record.connectionTitle.isEmpty() ? record.connectionId
                                                          : record.connectionTitle);
    if (record.durationMs() >= 0)
        text += QStringLiteral("  duration: %1 ms\n").arg(record.durationMs());
    if (record.apiError)
        text += QStringLiteral("  API error: %1\n").arg(record.apiError->summary());
    for (const core::RunError &error : record.errors) {
        text += QStringLiteral("  error [%1] %2: %3").arg(error.codeRaw, error.title, error.detail);
        if (error.delaySeconds)
            text += QStringLiteral(" (retry after %1 s)").arg(*error.delaySeconds);
        text += QLatin1Char('\n');
    }
    if (!record.nextPage.isEmpty())
        text += QStringLiteral("  next page: %1\n").arg(record.nextPage);
    if (full) {
        text += QStringLiteral("  inputs: %1\n")
                    .arg(QString::fromUtf8(
                        QJsonDocument(QJsonObject::fromVariantMap(record.shownInputs(secretMask())))
                            .toJson(QJsonDocument::Compact)));
        for (const RunEvent &event : record.events)
            text += QStringLiteral("  %1  %2 %3 %4\n")
                        .arg(isoTime(event.at), phaseName(event.phase), event.status, event.note);
        for (const core::RequestRecord &call : record.calls)
            text += QStringLiteral("  %1 %2 -> %3 (%4 ms)\n")
                        .arg(call.method, call.url)
                        .arg(call.httpStatus)
                        .arg(call.durationMs);
    }
    if (!record.resultsJson.isEmpty() && record.resultsJson != "[]") {
        QByteArray results = record.resultsJson;
        if (!full && results.size() > 4000)
            results = results.left(4000) + "... (" + QByteArray::number(record.resultsJson.size()) +
                      " bytes; --json for all)";
        text += QStringLiteral("  results: %1\n").arg(QString::fromUtf8(results));
    }
    return text;
}

QJsonObject runSummaryJson(const RunSummary &summary)
{
    return QJsonObject{{QStringLiteral("id"), summary.id},
                       {QStringLiteral("kind"), runKindName(summary.kind)},
                       {QStringLiteral("created_at"), isoTime(summary.createdAt)},
                       {QStringLiteral("app"), summary.appTitle},
                       {QStringLiteral("action"), summary.actionTitle},
                       {QStringLiteral("connection"), summary.connectionTitle},
                       {QStringLiteral("server_run_id"), summary.serverRunId},
                       {QStringLiteral("phase"), phaseName(summary.phase)},
                       {QStringLiteral("duration_ms"), summary.durationMs},
                       {QStringLiteral("environment"), summary.environment}};
}

} // namespace ab::cli
