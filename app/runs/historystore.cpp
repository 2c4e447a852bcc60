#include "runs/historystore.h"

#include "runs/historyschema.h"
#include "runs/logging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <atomic>

namespace ab::runs {

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
    };
    return columns;
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

const QString insertEventSql =
    QStringLiteral("INSERT INTO run_events (run_id, at, phase, status, note) VALUES (?,?,?,?,?)");
const QString insertCallSql = QStringLiteral(
    "INSERT INTO run_calls (run_id, request_id, method, url, started_at, duration_ms,"
    " http_status, error_text, attempt, request_body, response_body, response_size,"
    " response_headers) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
const QString summaryColumns = QStringLiteral(
    "id, kind, created_at, app_title, action_title, connection_title, server_run_id, phase,"
    " submitted_at, finished_at, environment");

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

std::atomic<int> connectionCounter{0};

} // namespace

QString storeErrorName(StoreError error)
{
    switch (error) {
    case StoreError::None:
        return QStringLiteral("none");
    case StoreError::NotOpen:
        return QStringLiteral("not_open");
    case StoreError::OpenFailed:
        return QStringLiteral("open_failed");
    case StoreError::SchemaTooNew:
        return QStringLiteral("schema_too_new");
    case StoreError::MigrationFailed:
        return QStringLiteral("migration_failed");
    case StoreError::QueryFailed:
        return QStringLiteral("query_failed");
    case StoreError::NotFound:
        return QStringLiteral("not_found");
    case StoreError::DecodeFailed:
        return QStringLiteral("decode_failed");
    case StoreError::CodecMissing:
        return QStringLiteral("codec_missing");
    }
    return QStringLiteral("unknown");
}

HistoryStore::HistoryStore(RunCodec codec, QObject *parent)
    : QObject(parent)
    , m_codec(std::move(codec))
    , m_connectionName(QStringLiteral("ab.runs.history.%1").arg(++connectionCounter))
{}

HistoryStore::~HistoryStore()
{
    close();
}

bool HistoryStore::open(const QString &path)
{
    close();
    m_error = {};
    if (!m_codec.isComplete())
        return fail(StoreError::CodecMissing, QStringLiteral("HistoryStore needs a full RunCodec"));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    // A second process (CLI next to the GUI) may hold the write lock for a moment.
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        const QString detail = m_db.lastError().text();
        close();
        return fail(StoreError::OpenFailed, detail);
    }
    m_path = path;
    if (!configure()) {
        const StoreStatus status = m_error;
        close();
        m_error = status;
        return false;
    }
    if (!migrate()) {
        const StoreStatus status = m_error;
        close();
        m_error = status;
        return false;
    }
    qCDebug(lcRuns) << "history open" << path << "schema" << schemaVersion();
    return true;
}

void HistoryStore::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_path.clear();
}

bool HistoryStore::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

int HistoryStore::schemaVersion() const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return 0;
    return query.value(0).toInt();
}

bool HistoryStore::fail(StoreError code, const QString &detail) const
{
    m_error = StoreStatus{code, detail};
    // A missing id is an answer, not a fault (a run removed by another process, say).
    if (code == StoreError::NotFound)
        qCDebug(lcRuns) << "history:" << storeErrorName(code) << detail;
    else
        qCWarning(lcRuns) << "history:" << storeErrorName(code) << detail;
    return false;
}

bool HistoryStore::failQuery(const QSqlQuery &query) const
{
    return fail(StoreError::QueryFailed, query.lastError().text());
}

bool HistoryStore::exec(const QString &sql) const
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return failQuery(query);
    return true;
}

bool HistoryStore::ready() const
{
    m_error = {};
    if (!isOpen())
        return fail(StoreError::NotOpen, QStringLiteral("history store is not open"));
    return true;
}

// IMMEDIATE takes the write lock up front: in WAL mode a deferred transaction that later needs
// to write fails with SQLITE_BUSY at once instead of honouring busy_timeout.
bool HistoryStore::begin()
{
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

bool HistoryStore::commit()
{
    if (exec(QStringLiteral("COMMIT")))
        return true;
    rollback();
    return false;
}

void HistoryStore::rollback()
{
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("ROLLBACK"));
}

bool HistoryStore::configure()
{
    // FULL, not NORMAL: the Submitting row must be on disk before the POST leaves, or a power
    // cut could make an applied run look never sent.
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"}) {
        if (!exec(QLatin1String(pragma))) {
            m_error.code = StoreError::OpenFailed;
            return false;
        }
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !query.next()) {
        failQuery(query);
        m_error.code = StoreError::OpenFailed; // e.g. not a database file
        return false;
    }
    // Some file systems (network shares) refuse WAL; the store still works, with less
    // concurrency, so say so instead of failing.
    if (query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        qCWarning(lcRuns) << "history: WAL refused, journal mode is" << query.value(0).toString();
    return true;
}

bool HistoryStore::migrate()
{
    const int latest = latestHistorySchemaVersion();
    int version = schemaVersion();
    if (version > latest) {
        return fail(StoreError::SchemaTooNew,
                    QStringLiteral("schema %1, this build knows %2").arg(version).arg(latest));
    }
    if (version == latest)
        return true;
    if (!begin()) {
        m_error.code = StoreError::MigrationFailed;
        return false;
    }
    // Another process may have migrated while we waited for the lock.
    version = schemaVersion();
    for (const Migration &migration : historyMigrations()) {
        if (migration.version <= version)
            continue;
        for (const QString &statement : migration.statements) {
            if (!exec(statement)) {
                rollback();
                m_error.code = StoreError::MigrationFailed;
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version))) {
            rollback();
            m_error.code = StoreError::MigrationFailed;
            return false;
        }
        qCInfo(lcRuns) << "history migrated to" << migration.version << migration.purpose;
    }
    if (!commit()) {
        m_error.code = StoreError::MigrationFailed;
        return false;
    }
    return true;
}

void HistoryStore::writeRecord(QSqlQuery &query, const RunRecord &record) const
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
        record.inputs.isEmpty() ? QVariant() : textValue(m_codec.encodeVariant(record.inputs)),
        record.inputLabels.isEmpty() ? QVariant()
                                     : textValue(m_codec.encodeVariant(record.inputLabels)),
        textValue(record.fieldsJson),
        textValue(record.resultsJson),
        record.errors.isEmpty() ? QVariant() : textValue(m_codec.encodeErrors(record.errors)),
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
    };
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
}

bool HistoryStore::writeEvents(QSqlQuery &query, qint64 id, const QList<RunEvent> &events) const
{
    for (const RunEvent &event : events) {
        query.bindValue(0, id);
        query.bindValue(1, timeValue(event.at));
        query.bindValue(2, phaseName(event.phase));
        query.bindValue(3, event.status);
        query.bindValue(4, event.note);
        if (!query.exec())
            return failQuery(query);
    }
    return true;
}

bool HistoryStore::writeCalls(QSqlQuery &query, qint64 id,
                              const QList<core::RequestRecord> &calls) const
{
    for (const core::RequestRecord &call : calls) {
        query.bindValue(0, id);
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
        if (!query.exec())
            return failQuery(query);
    }
    return true;
}

qint64 HistoryStore::insertOne(QSqlQuery &runQuery, QSqlQuery &eventQuery, QSqlQuery &callQuery,
                               const RunRecord &record)
{
    writeRecord(runQuery, record);
    if (!runQuery.exec()) {
        failQuery(runQuery);
        return 0;
    }
    const qint64 id = runQuery.lastInsertId().toLongLong();
    if (!writeEvents(eventQuery, id, record.events) || !writeCalls(callQuery, id, record.calls))
        return 0;
    return id;
}

qint64 HistoryStore::insert(const RunRecord &record)
{
    if (!ready() || !begin())
        return 0;
    QSqlQuery runQuery(m_db);
    QSqlQuery eventQuery(m_db);
    QSqlQuery callQuery(m_db);
    if (!runQuery.prepare(insertRunSql()) || !eventQuery.prepare(insertEventSql) ||
        !callQuery.prepare(insertCallSql)) {
        failQuery(runQuery.lastError().isValid() ? runQuery : eventQuery);
        rollback();
        return 0;
    }
    const qint64 id = insertOne(runQuery, eventQuery, callQuery, record);
    if (id == 0 || !commit()) {
        rollback();
        return 0;
    }
    Q_EMIT runAdded(id);
    return id;
}

bool HistoryStore::insertMany(const QList<RunRecord> &records)
{
    if (!ready() || !begin())
        return false;
    QSqlQuery runQuery(m_db);
    QSqlQuery eventQuery(m_db);
    QSqlQuery callQuery(m_db);
    if (!runQuery.prepare(insertRunSql()) || !eventQuery.prepare(insertEventSql) ||
        !callQuery.prepare(insertCallSql)) {
        failQuery(runQuery);
        rollback();
        return false;
    }
    for (const RunRecord &record : records) {
        if (insertOne(runQuery, eventQuery, callQuery, record) == 0) {
            rollback();
            return false;
        }
    }
    if (!commit())
        return false;
    Q_EMIT runsImported(int(records.size()));
    return true;
}

bool HistoryStore::update(const RunRecord &record, const QList<RunEvent> &newEvents,
                          const QList<core::RequestRecord> &newCalls)
{
    if (!ready() || !begin())
        return false;
    QSqlQuery runQuery(m_db);
    if (!runQuery.prepare(updateRunSql())) {
        failQuery(runQuery);
        rollback();
        return false;
    }
    writeRecord(runQuery, record);
    runQuery.bindValue(int(runColumns().size()), record.id);
    if (!runQuery.exec()) {
        failQuery(runQuery);
        rollback();
        return false;
    }
    if (runQuery.numRowsAffected() != 1) {
        rollback();
        return fail(StoreError::NotFound, QStringLiteral("run %1").arg(record.id));
    }
    QSqlQuery eventQuery(m_db);
    QSqlQuery callQuery(m_db);
    if (!eventQuery.prepare(insertEventSql) || !callQuery.prepare(insertCallSql) ||
        !writeEvents(eventQuery, record.id, newEvents) ||
        !writeCalls(callQuery, record.id, newCalls)) {
        if (m_error.ok())
            failQuery(eventQuery);
        rollback();
        return false;
    }
    if (!commit())
        return false;
    Q_EMIT runChanged(record.id);
    return true;
}

bool HistoryStore::appendEvent(qint64 id, const RunEvent &event)
{
    if (!ready())
        return false;
    QSqlQuery query(m_db);
    if (!query.prepare(insertEventSql))
        return failQuery(query);
    // The foreign key turns an unknown id into a failed insert.
    if (!writeEvents(query, id, {event}))
        return false;
    Q_EMIT runChanged(id);
    return true;
}

bool HistoryStore::appendCalls(qint64 id, const QList<core::RequestRecord> &calls)
{
    if (calls.isEmpty())
        return true;
    if (!ready() || !begin())
        return false;
    QSqlQuery query(m_db);
    if (!query.prepare(insertCallSql) || !writeCalls(query, id, calls)) {
        if (m_error.ok())
            failQuery(query);
        rollback();
        return false;
    }
    if (!commit())
        return false;
    Q_EMIT runChanged(id);
    return true;
}

RunRecord HistoryStore::readRecord(const QSqlQuery &query) const
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
        record.inputs = m_codec.decodeVariant(inputs, &decodeError).toMap();
    const QByteArray labels = next().toString().toUtf8();
    if (!labels.isEmpty() && decodeError.isEmpty())
        record.inputLabels = m_codec.decodeVariant(labels, &decodeError).toMap();
    record.fieldsJson = next().toString().toUtf8();
    record.resultsJson = next().toString().toUtf8();
    const QByteArray errors = next().toString().toUtf8();
    if (!errors.isEmpty() && decodeError.isEmpty())
        record.errors = m_codec.decodeErrors(errors, &decodeError);
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
    if (!phaseFromName(phase))
        fail(StoreError::DecodeFailed,
             QStringLiteral("run %1: phase '%2'").arg(record.id).arg(phase));
    if (!decodeError.isEmpty())
        fail(StoreError::DecodeFailed,
             QStringLiteral("run %1: %2").arg(record.id).arg(decodeError));
    return record;
}

bool HistoryStore::readEventsAndCalls(RunRecord &record) const
{
    QSqlQuery events(m_db);
    events.prepare(QStringLiteral(
        "SELECT at, phase, status, note FROM run_events WHERE run_id = ? ORDER BY id"));
    events.addBindValue(record.id);
    if (!events.exec())
        return failQuery(events);
    while (events.next()) {
        RunEvent event;
        event.at = timeFrom(events.value(0));
        event.phase = phaseFromName(events.value(1).toString()).value_or(Phase::Failed);
        event.status = events.value(2).toString();
        event.note = events.value(3).toString();
        record.events.append(event);
    }
    QSqlQuery calls(m_db);
    calls.prepare(QStringLiteral(
        "SELECT request_id, method, url, started_at, duration_ms, http_status, error_text,"
        " attempt, request_body, response_body, response_size, response_headers"
        " FROM run_calls WHERE run_id = ? ORDER BY id"));
    calls.addBindValue(record.id);
    if (!calls.exec())
        return failQuery(calls);
    while (calls.next()) {
        core::RequestRecord call;
        call.id = calls.value(0).toULongLong();
        call.method = calls.value(1).toString();
        call.url = calls.value(2).toString();
        call.startedAt = timeFrom(calls.value(3));
        call.durationMs = calls.value(4).toLongLong();
        call.httpStatus = calls.value(5).toInt();
        call.errorText = calls.value(6).toString();
        call.attempt = calls.value(7).toInt();
        call.requestBody = calls.value(8).toByteArray();
        call.responseBody = calls.value(9).toByteArray();
        call.responseSize = calls.value(10).toLongLong();
        call.responseHeaders = headersFrom(calls.value(11).toString());
        record.calls.append(call);
    }
    return true;
}

std::optional<RunRecord> HistoryStore::load(qint64 id) const
{
    if (!ready())
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id,") + runColumns().join(QLatin1Char(',')) +
                  QStringLiteral(" FROM runs WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        failQuery(query);
        return std::nullopt;
    }
    if (!query.next()) {
        fail(StoreError::NotFound, QStringLiteral("run %1").arg(id));
        return std::nullopt;
    }
    RunRecord record = readRecord(query);
    const StoreStatus decodeStatus = m_error;
    if (!readEventsAndCalls(record))
        return std::nullopt;
    m_error = decodeStatus; // a decode failure stays visible to the caller
    return record;
}

QList<RunSummary> HistoryStore::list(const RunFilter &filter, int offset, int limit) const
{
    QList<RunSummary> out;
    if (!ready())
        return out;
    QVariantList values;
    const QString where = whereClause(filter, values);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + summaryColumns + QStringLiteral(" FROM runs") +
                  where + QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(limit);
    query.addBindValue(qMax(0, offset));
    if (!query.exec()) {
        failQuery(query);
        return out;
    }
    while (query.next()) {
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
        out.append(summary);
    }
    return out;
}

int HistoryStore::count(const RunFilter &filter) const
{
    if (!ready())
        return 0;
    QVariantList values;
    const QString where = whereClause(filter, values);
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM runs") + where);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        failQuery(query);
        return 0;
    }
    return query.value(0).toInt();
}

QList<RunRecord> HistoryStore::unfinished() const
{
    QList<RunRecord> out;
    if (!ready())
        return out;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id FROM runs WHERE phase IN (?,?,?) ORDER BY id"));
    for (Phase phase : {Phase::Preparing, Phase::Submitting, Phase::Waiting})
        query.addBindValue(phaseName(phase));
    if (!query.exec()) {
        failQuery(query);
        return out;
    }
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    for (qint64 id : std::as_const(ids)) {
        if (std::optional<RunRecord> record = load(id))
            out.append(std::move(*record));
    }
    return out;
}

bool HistoryStore::remove(qint64 id)
{
    if (!ready())
        return false;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM runs WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return failQuery(query);
    if (query.numRowsAffected() != 1)
        return fail(StoreError::NotFound, QStringLiteral("run %1").arg(id));
    Q_EMIT runRemoved(id);
    return true;
}

} // namespace ab::runs
