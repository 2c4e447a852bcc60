#pragma once

#include "core/storedaction.h"
#include "runs/runcodec.h"
#include "runs/runrecord.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <map>

#include <optional>

namespace ab::runs {

enum class StoreError {
    None,
    NotOpen,
    OpenFailed,      // the file could not be opened or set up (path, permissions, not SQLite)
    SchemaTooNew,    // written by a newer Actionbench; left untouched
    MigrationFailed, // rolled back; the file is as it was
    QueryFailed,     // a statement failed (disk full, locked past busy_timeout, ...)
    NotFound,        // no run with that id
    DecodeFailed,    // a stored blob did not decode; the record was returned without it
    CodecMissing,    // the store was built without a complete RunCodec
};
QString storeErrorName(StoreError error); // stable, machine-readable ("schema_too_new", ...)

struct StoreStatus {
    StoreError code = StoreError::None;
    QString detail; // the driver's text, for logs; never shown as the only explanation

    bool ok() const { return code == StoreError::None; }
};

// The run history in one SQLite file that the GUI and CLI processes share (WAL, busy_timeout).
// Every call is synchronous and short; the file is local. Each instance owns its own connection,
// so several stores (or processes) may open the same file at once. Signals only report this
// instance's own writes.
class HistoryStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryStore)

public:
    explicit HistoryStore(RunCodec codec, QObject *parent = nullptr);
    ~HistoryStore() override;

    // Creates the file when missing and migrates it to the latest schema.
    bool open(const QString &path);
    // On builds where keepsSmallWalOnClose(), a WAL (write-ahead log) under 1 MiB is left for
    // the next opener instead of being checkpointed into the file and deleted: a CLI command
    // is one process per run, and that saved it two fsyncs, a file deletion and the WAL's
    // re-creation each time. What the WAL holds is exactly as durable either way.
    void close();
    static bool keepsSmallWalOnClose();
    bool isOpen() const;
    QString path() const { return m_path; }
    int schemaVersion() const; // the open file's user_version; 0 when closed
    StoreStatus lastError() const { return m_error; }

    // Writes the record with its events and calls; returns the new local id, 0 on failure.
    // `record.id` is ignored.
    qint64 insert(const RunRecord &record);
    // One transaction for all of them (imports, benchmarks); emits runsImported once.
    bool insertMany(const QList<RunRecord> &records);
    // Rewrites the run's own fields and appends the new timeline events and calls, atomically.
    // `record.events` / `record.calls` are ignored: history is append-only.
    // Normal commits survive a crash of the process (WAL); Flushed ones also survive a power cut,
    // at the cost of an fsync: RunService uses it for the Submitting row that must be on disk
    // before the POST leaves, so an applied run never looks unsent.
    enum class Durability { Normal, Flushed };
    bool update(const RunRecord &record, const QList<RunEvent> &newEvents = {},
                const QList<core::RequestRecord> &newCalls = {},
                Durability durability = Durability::Normal);
    bool appendEvent(qint64 id, const RunEvent &event);
    bool appendCalls(qint64 id, const QList<core::RequestRecord> &calls);

    // What load() reads: the run's own row, or that and its timeline (events and calls, in
    // order). A caller that shows or copies only the row skips two queries.
    enum class Detail { RunOnly, WithTimeline };
    std::optional<RunRecord> load(qint64 id, Detail detail = Detail::WithTimeline) const;
    QList<RunSummary> list(const RunFilter &filter, int offset, int limit) const; // newest first
    // The `limit` runs that come after `last` in the same newest-first order. Unlike an OFFSET,
    // its cost does not grow with how far down the list `last` is (a history pane scrolled to
    // run 99,800 pages as fast as at the top).
    QList<RunSummary> listAfter(const RunFilter &filter, const RunSummary &last, int limit) const;
    int count(const RunFilter &filter) const;
    QList<RunRecord> unfinished() const; // Preparing, Submitting, Waiting; oldest first
    bool remove(qint64 id);

    // The names a stored action was saved with on `environment` (see core::StoredActionNames).
    // Remembering again replaces them; forgetting an unknown id is not an error.
    bool rememberStoredActionNames(const QString &environment, const QString &storedActionId,
                                   const core::StoredActionNames &names);
    bool forgetStoredActionNames(const QString &environment, const QString &storedActionId);
    QHash<QString, core::StoredActionNames> storedActionNames(const QString &environment) const;

    // The values left in an action's form on `environment` (historydrafts.cpp). Saving a draft
    // with no inputs forgets it; only the most recent maxFormDrafts are kept.
    static constexpr int maxFormDrafts = 200;
    bool saveFormDraft(const QString &environment, const FormDraft &draft);
    std::optional<FormDraft> formDraft(const QString &environment, const QString &appId,
                                       const QString &actionKey) const;

Q_SIGNALS:
    void runAdded(qint64 id);
    void runChanged(qint64 id);
    void runRemoved(qint64 id);
    void runsImported(int count);

private:
    QList<RunSummary> listPage(const RunFilter &filter, const RunSummary *after, int offset,
                               int limit) const;
    bool fail(StoreError code, const QString &detail) const;
    bool failQuery(const QSqlQuery &query) const;
    bool exec(const QString &sql) const;
    // The statement for `sql`, prepared on first use and kept for the connection: SQLite then
    // parses each statement once, not once per call (a run is written in five transactions).
    // Null, with lastError() set, when it does not prepare. SELECTs are finish()ed after use, so
    // that no read snapshot outlives the call.
    QSqlQuery *statement(const QString &sql) const;
    bool begin();
    bool commit();
    void rollback();
    bool configure();
    void keepSmallWal();
    bool migrate();
    bool writeEvents(QSqlQuery &query, qint64 id, const QList<RunEvent> &events) const;
    bool writeCalls(QSqlQuery &query, qint64 id, const QList<core::RequestRecord> &calls) const;
    qint64 insertOne(QSqlQuery &runQuery, QSqlQuery &eventQuery, QSqlQuery &callQuery,
                     const RunRecord &record);
    bool readEventsAndCalls(RunRecord &record) const;
    bool ready() const;

    RunCodec m_codec;
    QString m_connectionName;
    QString m_path;
    bool m_wal = false; // journal_mode is WAL
    QSqlDatabase m_db;
    mutable std::map<QString, QSqlQuery> m_statements; // node-based: pointers stay valid
    mutable StoreStatus m_error;
};

} // namespace ab::runs
