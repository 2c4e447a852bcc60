#include "runs/historyschema.h"

namespace ab::runs {

// Times are UTC milliseconds since the epoch (sortable, no time-zone text to parse). JSON is
// stored as TEXT so sqlite3's json functions and export tools can read it.
static QList<Migration> buildMigrations()
{
    QList<Migration> migrations;
    migrations.append(Migration{
        1,
        QStringLiteral("runs, their timelines and their API calls"),
        {
            // AUTOINCREMENT: a removed run's id is never handed out again (a CLI may still
            // print or hold it).
            QStringLiteral(
                "CREATE TABLE runs ("
                " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " kind TEXT NOT NULL,"
                " environment TEXT, app_id TEXT, app_title TEXT,"
                " action_key TEXT, action_title TEXT, action_type TEXT, action_id TEXT,"
                " connection_id TEXT, connection_title TEXT,"
                " stored_action_id TEXT, idempotency_id TEXT, page TEXT,"
                " server_run_id TEXT,"
                " phase TEXT NOT NULL, status_raw TEXT,"
                " inputs TEXT, input_labels TEXT, fields_json TEXT,"
                " results_json TEXT, errors_json TEXT, next_page TEXT,"
                " error_kind TEXT, error_http_status INTEGER, error_code TEXT,"
                " error_title TEXT, error_detail TEXT, error_pointer TEXT,"
                " error_retry_after INTEGER,"
                " created_at INTEGER NOT NULL, submitted_at INTEGER, finished_at INTEGER)"),
            QStringLiteral("CREATE TABLE run_events ("
                           " id INTEGER PRIMARY KEY,"
                           " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                           " at INTEGER NOT NULL, phase TEXT NOT NULL, status TEXT, note TEXT)"),
            QStringLiteral("CREATE INDEX run_events_by_run ON run_events(run_id, id)"),
            QStringLiteral("CREATE TABLE run_calls ("
                           " id INTEGER PRIMARY KEY,"
                           " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                           " request_id INTEGER, method TEXT, url TEXT, started_at INTEGER,"
                           " duration_ms INTEGER, http_status INTEGER, error_text TEXT,"
                           " attempt INTEGER, request_body BLOB, response_body BLOB,"
                           " response_size INTEGER, response_headers TEXT)"),
            QStringLiteral("CREATE INDEX run_calls_by_run ON run_calls(run_id, id)"),
        },
    });
    migrations.append(Migration{
        2,
        QStringLiteral("indexes for the history pane: newest first, by phase, resumable runs"),
        {
            // The pane reads the newest 200 of 100,000+ rows in a few ms only with these.
            QStringLiteral("CREATE INDEX runs_newest ON runs(created_at DESC, id DESC)"),
            QStringLiteral("CREATE INDEX runs_by_phase ON runs(phase, created_at DESC, id DESC)"),
        },
    });
    migrations.append(Migration{
        3,
        QStringLiteral("the names a stored action was saved with, per environment"),
        {
            // Stored action ids are the server's: the same id on two servers is two actions.
            QStringLiteral("CREATE TABLE stored_action_names ("
                           " environment TEXT NOT NULL, stored_action_id TEXT NOT NULL,"
                           " app_id TEXT, app_title TEXT, action_title TEXT,"
                           " connection_title TEXT,"
                           " PRIMARY KEY (environment, stored_action_id))"),
        },
    });
    migrations.append(Migration{
        4,
        QStringLiteral("the titles of a stored action's inputs in the form it was saved from"),
        {
            // Input key -> title, in the store's codec; the Actions API knows only the keys.
            QStringLiteral("ALTER TABLE stored_action_names ADD COLUMN input_titles BLOB"),
        },
    });
    migrations.append(Migration{
        5,
        QStringLiteral("which of a run's inputs are secrets (password fields)"),
        {
            // A list of input keys, in the store's codec. Older runs have none.
            QStringLiteral("ALTER TABLE runs ADD COLUMN secret_inputs TEXT"),
        },
    });
    migrations.append(Migration{
        6,
        QStringLiteral("which of a stored action's inputs are secrets (password fields)"),
        {
            // As for runs; names saved before have none.
            QStringLiteral("ALTER TABLE stored_action_names ADD COLUMN secret_inputs BLOB"),
        },
    });
    migrations.append(Migration{
        7,
        QStringLiteral("the labels of a stored action's SELECT choices in the form it was saved "
                       "from"),
        {
            // Input key -> label, in the store's codec, as the titles; names saved before have
            // none.
            QStringLiteral("ALTER TABLE stored_action_names ADD COLUMN input_labels BLOB"),
        },
    });
    migrations.append(Migration{
        8,
        QStringLiteral("the values left in each action's form, per server"),
        {
            // Inputs and labels in the store's codec; saved_at (ms since the epoch) orders them
            // for pruning.
            QStringLiteral("CREATE TABLE form_drafts ("
                           " environment TEXT NOT NULL, app_id TEXT NOT NULL,"
                           " action_key TEXT NOT NULL, inputs BLOB NOT NULL, input_labels BLOB,"
                           " saved_at INTEGER NOT NULL,"
                           " PRIMARY KEY (environment, app_id, action_key))"),
        },
    });
    return migrations;
}

const QList<Migration> &historyMigrations()
{
    static const QList<Migration> migrations = buildMigrations();
    return migrations;
}

int latestHistorySchemaVersion()
{
    return historyMigrations().constLast().version;
}

} // namespace ab::runs
