#include "runs/historystore.h"

#include "runs/historyrows.h"
#include "runs/historyschema.h"
#include "runs/logging.h"

#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#if AB_SQLITE_SHARED_WITH_QT
#include <sqlite3.h>
#endif

#include <atomic>

namespace ab::runs {

namespace {

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
    m_statements.clear(); // before the connection they belong to
    keepSmallWal();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_path.clear();
    m_wal = false;
}

bool HistoryStore::keepsSmallWalOnClose()
{
#if AB_SQLITE_SHARED_WITH_QT
    return true;
#else
    return false;
#endif
}

void HistoryStore::keepSmallWal()
{
#if AB_SQLITE_SHARED_WITH_QT
    // The next opener reads a kept WAL back (SQLite's recovery), which costs about as much as
    // reading the file: cheap below a megabyte, and a larger one is checkpointed as usual. The
    // WAL is only ever checkpointed or kept, never dropped, so nothing committed can be lost.
    constexpr qint64 keptWalLimit = 1 << 20;
    if (!m_wal || !m_db.isOpen() ||
        QFileInfo(m_path + QStringLiteral("-wal")).size() > keptWalLimit)
        return;
    const QVariant handle = m_db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return;
    if (sqlite3 *db = *static_cast<sqlite3 *const *>(handle.constData()))
        sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
#endif
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
    QSqlQuery *query = statement(sql);
    if (!query)
        return false;
    if (!query->exec())
        return failQuery(*query);
    return true;
}

QSqlQuery *HistoryStore::statement(const QString &sql) const
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            failQuery(query);
            return nullptr;
        }
        it = m_statements.emplace(sql, std::move(query)).first;
    }
    return &it->second;
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
    // Its own failure (no transaction open) is no news: the caller's error stays.
    const StoreStatus status = m_error;
    exec(QStringLiteral("ROLLBACK"));
    m_error = status;
}

bool HistoryStore::configure()
{
    // NORMAL in WAL mode: every commit survives a crash of the process without an fsync each.
    // The one write that must survive a power cut asks for it (Durability::Flushed).
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"}) {
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
    m_wal = query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
    if (!m_wal)
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

bool HistoryStore::writeEvents(QSqlQuery &query, qint64 id, const QList<RunEvent> &events) const
{
    for (const RunEvent &event : events) {
        rows::bindEvent(query, id, event);
        if (!query.exec())
            return failQuery(query);
    }
    return true;
}

bool HistoryStore::writeCalls(QSqlQuery &query, qint64 id,
                              const QList<core::RequestRecord> &calls) const
{
    for (const core::RequestRecord &call : calls) {
        rows::bindCall(query, id, call);
        if (!query.exec())
            return failQuery(query);
    }
    return true;
}

qint64 HistoryStore::insertOne(QSqlQuery &runQuery, QSqlQuery &eventQuery, QSqlQuery &callQuery,
                               const RunRecord &record)
{
    rows::bindRun(runQuery, record, m_codec);
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
    QSqlQuery *runQuery = statement(rows::insertRunSql());
    QSqlQuery *eventQuery = runQuery ? statement(rows::insertEventSql()) : nullptr;
    QSqlQuery *callQuery = eventQuery ? statement(rows::insertCallSql()) : nullptr;
    if (!callQuery) {
        rollback();
        return 0;
    }
    const qint64 id = insertOne(*runQuery, *eventQuery, *callQuery, record);
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
    QSqlQuery *runQuery = statement(rows::insertRunSql());
    QSqlQuery *eventQuery = runQuery ? statement(rows::insertEventSql()) : nullptr;
    QSqlQuery *callQuery = eventQuery ? statement(rows::insertCallSql()) : nullptr;
    if (!callQuery) {
        rollback();
        return false;
    }
    for (const RunRecord &record : records) {
        if (insertOne(*runQuery, *eventQuery, *callQuery, record) == 0) {
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
                          const QList<core::RequestRecord> &newCalls, Durability durability)
{
    if (!ready())
        return false;
    if (durability == Durability::Flushed) {
        // Outside the transaction, as SQLite requires; back to NORMAL whatever the outcome.
        if (!exec(QStringLiteral("PRAGMA synchronous = FULL")))
            return false;
        const bool written = update(record, newEvents, newCalls, Durability::Normal);
        exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
        return written;
    }
    if (!begin())
        return false;
    QSqlQuery *runQuery = statement(rows::updateRunSql());
    if (!runQuery) {
        rollback();
        return false;
    }
    rows::bindRun(*runQuery, record, m_codec);
    runQuery->bindValue(rows::runColumnCount(), record.id);
    if (!runQuery->exec()) {
        failQuery(*runQuery);
        rollback();
        return false;
    }
    if (runQuery->numRowsAffected() != 1) {
        rollback();
        return fail(StoreError::NotFound, QStringLiteral("run %1").arg(record.id));
    }
    QSqlQuery *eventQuery = statement(rows::insertEventSql());
    QSqlQuery *callQuery = eventQuery ? statement(rows::insertCallSql()) : nullptr;
    if (!callQuery || !writeEvents(*eventQuery, record.id, newEvents) ||
        !writeCalls(*callQuery, record.id, newCalls)) {
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
    QSqlQuery *query = statement(rows::insertEventSql());
    // The foreign key turns an unknown id into a failed insert.
    if (!query || !writeEvents(*query, id, {event}))
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
    QSqlQuery *query = statement(rows::insertCallSql());
    if (!query || !writeCalls(*query, id, calls)) {
        rollback();
        return false;
    }
    if (!commit())
        return false;
    Q_EMIT runChanged(id);
    return true;
}

bool HistoryStore::readEventsAndCalls(RunRecord &record) const
{
    QSqlQuery *events = statement(rows::selectEventsSql());
    if (!events)
        return false;
    events->addBindValue(record.id);
    if (!events->exec())
        return failQuery(*events);
    while (events->next())
        record.events.append(rows::readEvent(*events));
    events->finish();
    QSqlQuery *calls = statement(rows::selectCallsSql());
    if (!calls)
        return false;
    calls->addBindValue(record.id);
    if (!calls->exec())
        return failQuery(*calls);
    while (calls->next())
        record.calls.append(rows::readCall(*calls));
    calls->finish();
    return true;
}

std::optional<RunRecord> HistoryStore::load(qint64 id, Detail detail) const
{
    if (!ready())
        return std::nullopt;
    QSqlQuery *query = statement(rows::selectRunSql());
    if (!query)
        return std::nullopt;
    query->addBindValue(id);
    if (!query->exec()) {
        failQuery(*query);
        return std::nullopt;
    }
    if (!query->next()) {
        query->finish();
        fail(StoreError::NotFound, QStringLiteral("run %1").arg(id));
        return std::nullopt;
    }
    QString problem;
    RunRecord record = rows::readRun(*query, m_codec, &problem);
    query->finish();
    if (detail == Detail::WithTimeline && !readEventsAndCalls(record))
        return std::nullopt;
    // The rest of the run is still worth showing; the caller learns what is missing.
    if (!problem.isEmpty())
        fail(StoreError::DecodeFailed, QStringLiteral("run %1: %2").arg(id).arg(problem));
    return record;
}

QList<RunSummary> HistoryStore::list(const RunFilter &filter, int offset, int limit) const
{
    return listPage(filter, nullptr, offset, limit);
}

QList<RunSummary> HistoryStore::listAfter(const RunFilter &filter, const RunSummary &last,
                                          int limit) const
{
    return listPage(filter, &last, 0, limit);
}

QList<RunSummary> HistoryStore::listPage(const RunFilter &filter, const RunSummary *after,
                                         int offset, int limit) const
{
    QList<RunSummary> out;
    if (!ready())
        return out;
    QVariantList values;
    QString where = rows::whereClause(filter, values);
    if (after) {
        // Keyset paging over the (created_at DESC, id DESC) index. The bare `created_at <= ?`
        // gives SQLite a range to seek to; with only the OR it walked the index from the newest
        // run, so the page after run 99,800 cost 500 times the first one.
        where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
                 QStringLiteral("created_at <= ? AND (created_at < ? OR id < ?)");
        const qint64 created = after->createdAt.toMSecsSinceEpoch();
        values << created << created << after->id;
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(rows::selectSummarySql() + where +
                  QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(limit);
    query.addBindValue(qMax(0, offset));
    if (!query.exec()) {
        failQuery(query);
        return out;
    }
    while (query.next())
        out.append(rows::readSummary(query));
    return out;
}

int HistoryStore::count(const RunFilter &filter) const
{
    if (!ready())
        return 0;
    QVariantList values;
    const QString where = rows::whereClause(filter, values);
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

bool HistoryStore::rememberStoredActionNames(const QString &environment,
                                             const QString &storedActionId,
                                             const core::StoredActionNames &names)
{
    if (!ready())
        return false;
    QSqlQuery *query = statement(
        QStringLiteral("INSERT OR REPLACE INTO stored_action_names (environment, stored_action_id,"
                       " app_id, app_title, action_title, connection_title, input_titles,"
                       " secret_inputs, input_labels) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!query)
        return false;
    for (const QString &value : {environment, storedActionId, names.appId, names.appTitle,
                                 names.actionTitle, names.connectionTitle})
        query->addBindValue(value);
    query->addBindValue(rows::stringMapColumn(names.inputTitles, m_codec, false));
    query->addBindValue(names.secretInputs.isEmpty() ? QVariant()
                                                     : QVariant(m_codec.encodeVariant(
                                                           QVariant(names.secretInputs).toList())));
    query->addBindValue(rows::stringMapColumn(names.inputLabels, m_codec, true));
    return query->exec() || failQuery(*query);
}

bool HistoryStore::forgetStoredActionNames(const QString &environment,
                                           const QString &storedActionId)
{
    if (!ready())
        return false;
    QSqlQuery *query = statement(QStringLiteral(
        "DELETE FROM stored_action_names WHERE environment = ? AND stored_action_id = ?"));
    if (!query)
        return false;
    query->addBindValue(environment);
    query->addBindValue(storedActionId);
    return query->exec() || failQuery(*query);
}

QHash<QString, core::StoredActionNames>
HistoryStore::storedActionNames(const QString &environment) const
{
    QHash<QString, core::StoredActionNames> names;
    if (!ready())
        return names;
    QSqlQuery *query =
        statement(QStringLiteral("SELECT stored_action_id, app_id, app_title, action_title,"
                                 " connection_title, input_titles, secret_inputs, input_labels"
                                 " FROM stored_action_names WHERE environment = ?"));
    if (!query)
        return names;
    query->addBindValue(environment);
    if (!query->exec()) {
        failQuery(*query);
        return names;
    }
    while (query->next()) {
        core::StoredActionNames saved{query->value(1).toString(), query->value(2).toString(),
                                      query->value(3).toString(), query->value(4).toString()};
        // NULL for names kept before migrations 4 and 7; anything unreadable reads as none.
        QString unreadable;
        saved.inputTitles = rows::readStringMap(query->value(5), m_codec, &unreadable);
        saved.inputLabels = rows::readStringMap(query->value(7), m_codec, &unreadable);
        if (!query->value(6).isNull())
            saved.secretInputs =
                m_codec.decodeVariant(query->value(6).toByteArray(), &unreadable).toStringList();
        names.insert(query->value(0).toString(), saved);
    }
    query->finish();
    return names;
}

} // namespace ab::runs
