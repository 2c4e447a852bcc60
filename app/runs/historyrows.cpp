#include "runs/historyrows.h"

#include <QSqlQuery>
#include <QTimeZone>

namespace ab::runs::rows {

namespace {

// The run columns in binding order; INSERT and UPDATE share it so they cannot drift apart.
const QStringList &runColumns()
{
    static const QStringList columns = {
        QStringLiteral("kind"),
        QStringLiteral("environment"),
        QStringLiteral("app_id"),
        QStringLiteral("app_title"),
        QStringLiteral("action_key"),
        QStringLiteral("action_title"),
        QStringLiteral("action_type"),
        QStringLiteral("action_id"),
        QStringLiteral("connection_id"),
        QStringLiteral("connection_title"),
        QStringLiteral("stored_action_id"),
        QStringLiteral("idempotency_id"),
        QStringLiteral("page"),
        QStringLiteral("server_run_id"),
        QStringLiteral("phase"),
        QStringLiteral("status_raw"),
        QStringLiteral("inputs"),
        QStringLiteral("input_labels"),
        QStringLiteral("fields_json"),
        QStringLiteral("results_json"),
        QStringLiteral("errors_json"),
        QStringLiteral("next_page"),
        QStringLiteral("error_kind"),
        QStringLiteral("error_http_status"),
        QStringLiteral("error_code"),
        QStringLiteral("error_title"),
        QStringLiteral("error_detail"),
        QStringLiteral("error_pointer"),
        QStringLiteral("error_retry_after"),
        QStringLiteral("created_at"),
        QStringLiteral("submitted_at"),
        QStringLiteral("finished_at"),
        QStringLiteral("secret_inputs"),
    };
    return columns;
}

QVariant timeValue(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

QDateTime timeFrom(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

QVariant textValue(const QByteArray &utf8)
{
    return utf8.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(utf8));
}

// Response headers as HTTP writes them ("Name: value" lines): readable without a codec.
QString headersText(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray text;
    for (const auto &[name, value] : headers)
        text += name + ": " + value + '\n';
    return QString::fromUtf8(text);
}

QList<QPair<QByteArray, QByteArray>> headersFrom(const QString &text)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    const QList<QByteArray> lines = text.toUtf8().split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

int runColumnCount()
{
    return int(runColumns().size());
}

QString insertRunSql()
{
    QStringList marks;
    for (qsizetype i = 0; i < runColumns().size(); ++i)
        marks.append(QStringLiteral("?"));
    return QStringLiteral("INSERT INTO runs (%1) VALUES (%2)")
        .arg(runColumns().join(QLatin1Char(',')), marks.join(QLatin1Char(',')));
}

QString updateRunSql()
{
    QStringList sets;
    for (const QString &column : runColumns())
        sets.append(column + QStringLiteral("=?"));
    return QStringLiteral("UPDATE runs SET %1 WHERE id=?").arg(sets.join(QLatin1Char(',')));
}

QString selectRunSql()
{
    return QStringLiteral("SELECT id,") + runColumns().join(QLatin1Char(',')) +
           QStringLiteral(" FROM runs WHERE id = ?");
}

QString insertEventSql()
{
    return QStringLiteral(
        "INSERT INTO run_events (run_id, at, phase, status, note) VALUES (?,?,?,?,?)");
}

QString selectEventsSql()
{
    return QStringLiteral(
        "SELECT at, phase, status, note FROM run_events WHERE run_id = ? ORDER BY id");
}

QString insertCallSql()
{
    return QStringLiteral(
        "INSERT INTO run_calls (run_id, request_id, method, url, started_at, duration_ms,"
        " http_status, error_text, attempt, request_body, response_body, response_size,"
        " response_headers) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
}

QString selectCallsSql()
{
    return QStringLiteral(
        "SELECT request_id, method, url, started_at, duration_ms, http_status, error_text,"
        " attempt, request_body, response_body, response_size, response_headers"
        " FROM run_calls WHERE run_id = ? ORDER BY id");
}

QString selectSummarySql()
{
    return QStringLiteral(
        "SELECT id, kind, created_at, app_title, action_title, connection_title, server_run_id,"
        " phase, submitted_at, finished_at, environment, app_id FROM runs");
}

// WHERE clause and its values for a filter; shared by list() and count().
QString whereClause(const RunFilter &filter, QVariantList &values)
{
    QStringList terms;
    if (!filter.text.trimmed().isEmpty()) {
        const QString pattern = likePattern(filter.text.trimmed());
        QStringList any;
        for (const char *column :
             {"app_title", "action_title", "connection_title", "server_run_id"}) {
            any.append(QLatin1String(column) + QStringLiteral(" LIKE ? ESCAPE '\\'"));
            values.append(pattern);
        }
        terms.append(QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    if (!filter.phases.isEmpty()) {
        QStringList marks;
        for (Phase phase : filter.phases) {
            marks.append(QStringLiteral("?"));
            values.append(phaseName(phase));
        }
        terms.append(QStringLiteral("phase IN (") + marks.join(QLatin1Char(',')) +
                     QLatin1Char(')'));
    }
    if (!filter.environment.isEmpty()) {
        terms.append(QStringLiteral("environment = ?"));
        values.append(filter.environment);
    }
    return terms.isEmpty() ? QString()
                           : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

void bindRun(QSqlQuery &query, const RunRecord &record, const RunCodec &codec)
{
    const core::ApiError *error = record.apiError ? &*record.apiError : nullptr;
    const QList<QVariant> values = {
        runKindName(record.kind),
        record.environment,
        record.appId,
        record.appTitle,
        record.actionKey,
        record.actionTitle,
        record.actionType,
        record.actionId,
        record.connectionId,
        record.connectionTitle,
        record.storedActionId,
        record.idempotencyId,
        record.page,
        record.serverRunId,
        phaseName(record.phase),
        record.statusRaw,
        record.inputs.isEmpty() ? QVariant() : textValue(codec.encodeVariant(record.inputs)),
        record.inputLabels.isEmpty() ? QVariant()
                                     : textValue(codec.encodeVariant(record.inputLabels)),
        textValue(record.fieldsJson),
        textValue(record.resultsJson),
        record.errors.isEmpty() ? QVariant() : textValue(codec.encodeErrors(record.errors)),
        record.nextPage,
        error ? QVariant(core::errorKindName(error->kind)) : QVariant(),
        error ? QVariant(error->httpStatus) : QVariant(),
        error ? QVariant(error->code) : QVariant(),
        error ? QVariant(error->title) : QVariant(),
        error ? QVariant(error->detail) : QVariant(),
        error ? QVariant(error->sourcePointer) : QVariant(),
        error && error->retryAfterSeconds ? QVariant(*error->retryAfterSeconds) : QVariant(),
        timeValue(record.createdAt),
        timeValue(record.submittedAt),
        timeValue(record.finishedAt),
        record.secretInputs.isEmpty()
            ? QVariant()
            : textValue(codec.encodeVariant(QVariant(record.secretInputs).toList())),
    };
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
}

RunRecord readRun(const QSqlQuery &query, const RunCodec &codec, QString *problem)
{
    // Column 0 is the id, then runColumns() in order.
    RunRecord record;
    int c = 0;
    auto next = [&query, &c] {
        return query.value(c++);
    };
    record.id = next().toLongLong();
    record.kind = runKindFromName(next().toString()).value_or(RunKind::Action);
    record.environment = next().toString();
    record.appId = next().toString();
    record.appTitle = next().toString();
    record.actionKey = next().toString();
    record.actionTitle = next().toString();
    record.actionType = next().toString();
    record.actionId = next().toString();
    record.connectionId = next().toString();
    record.connectionTitle = next().toString();
    record.storedActionId = next().toString();
    record.idempotencyId = next().toString();
    record.page = next().toString();
    record.serverRunId = next().toString();
    const QString phase = next().toString();
    record.phase = phaseFromName(phase).value_or(Phase::Failed);
    record.statusRaw = next().toString();
    QString decodeError;
    const QByteArray inputs = next().toString().toUtf8();
    if (!inputs.isEmpty())
        record.inputs = codec.decodeVariant(inputs, &decodeError).toMap();
    const QByteArray labels = next().toString().toUtf8();
    if (!labels.isEmpty() && decodeError.isEmpty())
        record.inputLabels = codec.decodeVariant(labels, &decodeError).toMap();
    record.fieldsJson = next().toString().toUtf8();
    record.resultsJson = next().toString().toUtf8();
    const QByteArray errors = next().toString().toUtf8();
    if (!errors.isEmpty() && decodeError.isEmpty())
        record.errors = codec.decodeErrors(errors, &decodeError);
    record.nextPage = next().toString();
    const QVariant errorKind = next();
    if (!errorKind.isNull()) {
        core::ApiError error;
        error.kind = errorKindFromName(errorKind.toString()).value_or(core::ErrorKind::Unknown);
        error.httpStatus = next().toInt();
        error.code = next().toString();
        error.title = next().toString();
        error.detail = next().toString();
        error.sourcePointer = next().toString();
        const QVariant retryAfter = next();
        if (!retryAfter.isNull())
            error.retryAfterSeconds = retryAfter.toInt();
        record.apiError = error;
    } else {
        c += 6;
    }
    record.createdAt = timeFrom(next());
    record.submittedAt = timeFrom(next());
    record.finishedAt = timeFrom(next());
    const QByteArray secrets = next().toString().toUtf8();
    if (!secrets.isEmpty() && decodeError.isEmpty())
        record.secretInputs = codec.decodeVariant(secrets, &decodeError).toStringList();
    if (!phaseFromName(phase))
        decodeError = QStringLiteral("unknown phase '%1'").arg(phase);
    if (problem)
        *problem = decodeError;
    return record;
}

void bindEvent(QSqlQuery &query, qint64 runId, const RunEvent &event)
{
    query.bindValue(0, runId);
    query.bindValue(1, timeValue(event.at));
    query.bindValue(2, phaseName(event.phase));
    query.bindValue(3, event.status);
    query.bindValue(4, event.note);
}

RunEvent readEvent(const QSqlQuery &query)
{
    RunEvent event;
    event.at = timeFrom(query.value(0));
    event.phase = phaseFromName(query.value(1).toString()).value_or(Phase::Failed);
    event.status = query.value(2).toString();
    event.note = query.value(3).toString();
    return event;
}

void bindCall(QSqlQuery &query, qint64 runId, const core::RequestRecord &call)
{
    query.bindValue(0, runId);
    query.bindValue(1, qint64(call.id));
    query.bindValue(2, call.method);
    query.bindValue(3, call.url);
    query.bindValue(4, timeValue(call.startedAt));
    query.bindValue(5, call.durationMs);
    query.bindValue(6, call.httpStatus);
    query.bindValue(7, call.errorText);
    query.bindValue(8, call.attempt);
    query.bindValue(9, call.requestBody);
    query.bindValue(10, call.responseBody);
    query.bindValue(11, call.responseSize);
    query.bindValue(12, headersText(call.responseHeaders));
}

core::RequestRecord readCall(const QSqlQuery &query)
{
    core::RequestRecord call;
    call.id = query.value(0).toULongLong();
    call.method = query.value(1).toString();
    call.url = query.value(2).toString();
    call.startedAt = timeFrom(query.value(3));
    call.durationMs = query.value(4).toLongLong();
    call.httpStatus = query.value(5).toInt();
    call.errorText = query.value(6).toString();
    call.attempt = query.value(7).toInt();
    call.requestBody = query.value(8).toByteArray();
    call.responseBody = query.value(9).toByteArray();
    call.responseSize = query.value(10).toLongLong();
    call.responseHeaders = headersFrom(query.value(11).toString());
    return call;
}

RunSummary readSummary(const QSqlQuery &query)
{
    RunSummary summary;
    summary.id = query.value(0).toLongLong();
    summary.kind = runKindFromName(query.value(1).toString()).value_or(RunKind::Action);
    summary.createdAt = timeFrom(query.value(2));
    summary.appTitle = query.value(3).toString();
    summary.actionTitle = query.value(4).toString();
    summary.connectionTitle = query.value(5).toString();
    summary.serverRunId = query.value(6).toString();
    summary.phase = phaseFromName(query.value(7).toString()).value_or(Phase::Failed);
    const QDateTime submitted = timeFrom(query.value(8));
    const QDateTime finished = timeFrom(query.value(9));
    const QDateTime &start = submitted.isValid() ? submitted : summary.createdAt;
    summary.durationMs =
        finished.isValid() && start.isValid() ? qMax<qint64>(0, start.msecsTo(finished)) : -1;
    summary.environment = query.value(10).toString();
    summary.appId = query.value(11).toString();
    return summary;
}

QVariant stringMapColumn(const QMap<QString, QString> &map, const RunCodec &codec,
                         bool nullWhenEmpty)
{
    if (nullWhenEmpty && map.isEmpty())
        return {};
    QVariantMap variants;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        variants.insert(it.key(), it.value());
    return codec.encodeVariant(variants);
}

QMap<QString, QString> readStringMap(const QVariant &column, const RunCodec &codec,
                                     QString *problem)
{
    QMap<QString, QString> map;
    if (column.isNull())
        return map;
    const QVariantMap variants = codec.decodeVariant(column.toByteArray(), problem).toMap();
    for (auto it = variants.cbegin(); it != variants.cend(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

} // namespace ab::runs::rows
