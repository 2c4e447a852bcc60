#include "api/jsontext.h"
#include "runs/historyschema.h"
#include "runs/historystore.h"
#include "testcodec.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace ab::runs;
using ab::core::ErrorKind;
using ab::core::RequestRecord;
using ab::core::RunError;
using ab::core::RunErrorCode;

namespace {

QDateTime at(qint64 secondsAfterStart)
{
    return QDateTime::fromSecsSinceEpoch(1767268800 + secondsAfterStart, QTimeZone::utc());
}

RunRecord sampleRun(const QString &appTitle, qint64 createdSecond, Phase phase = Phase::Success)
{
    RunRecord record;
    record.kind = RunKind::Action;
    record.environment = QStringLiteral("http://127.0.0.1:8765");
    record.appId = QStringLiteral("app-") + appTitle.toLower();
    record.appTitle = appTitle;
    record.actionKey = QStringLiteral("send_message");
    record.actionTitle = QStringLiteral("Send Message");
    record.actionType = QStringLiteral("WRITE");
    record.actionId = QStringLiteral("core:abc");
    record.connectionId = QStringLiteral("conn-1");
    record.connectionTitle = QStringLiteral("work account");
    record.serverRunId = QStringLiteral("run-%1").arg(createdSecond);
    record.phase = phase;
    record.statusRaw = QStringLiteral("success");
    record.inputs = {{QStringLiteral("channel"), QStringLiteral("C1")},
                     {QStringLiteral("count"), 3}};
    record.createdAt = at(createdSecond);
    record.submittedAt = at(createdSecond + 1);
    if (isFinalPhase(phase))
        record.finishedAt = at(createdSecond + 4);
    return record;
}

class StoreFixture {
public:
    StoreFixture() { QVERIFY(m_dir.isValid()); }
    QString path() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }

private:
    QTemporaryDir m_dir;
};

// Writes a file as a build that only knew schema version 1 left it.
bool writeVersionOneFile(const QString &path)
{
    const QString name = QStringLiteral("tst.v1");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const QString &statement : historyMigrations().constFirst().statements)
            ok = ok && query.exec(statement);
        ok = ok && query.exec(QStringLiteral("PRAGMA user_version = 1"));
        ok = ok && query.exec(QStringLiteral(
                       "INSERT INTO runs (kind, app_title, phase, inputs, created_at)"
                       " VALUES ('action', 'Old Slack', 'success', '{\"a\":1}', 1767268800000)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

class TestHistoryStore final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void open_createsLatestSchemaInWalMode()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY2(store.open(fixture.path()), qPrintable(store.lastError().detail));
        QCOMPARE(store.schemaVersion(), latestHistorySchemaVersion());
        QCOMPARE(store.count({}), 0);
        QVERIFY(QFile::exists(fixture.path() + QStringLiteral("-wal")));
    }

    void open_migratesVersionOneFileKeepingItsRuns()
    {
        StoreFixture fixture;
        QVERIFY(writeVersionOneFile(fixture.path()));
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY2(store.open(fixture.path()), qPrintable(store.lastError().detail));
        QCOMPARE(store.schemaVersion(), latestHistorySchemaVersion());
        const QList<RunSummary> runs = store.list({}, 0, 10);
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().appTitle, QStringLiteral("Old Slack"));
        const std::optional<RunRecord> old = store.load(runs.first().id);
        QVERIFY(old);
        QCOMPARE(old->inputs.value(QStringLiteral("a")).toInt(), 1);
        QVERIFY(old->secretInputs.isEmpty()); // a run from before secret inputs were known
    }

    void open_refusesFileFromNewerBuild()
    {
        StoreFixture fixture;
        {
            HistoryStore store(ab::test::jsonTestCodec());
            QVERIFY(store.open(fixture.path()));
        }
        {
            const QString name = QStringLiteral("tst.newer");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(fixture.path());
                QVERIFY(db.open());
                QSqlQuery query(db);
                QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
            }
            QSqlDatabase::removeDatabase(name);
        }
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(!store.open(fixture.path()));
        QCOMPARE(store.lastError().code, StoreError::SchemaTooNew);
        QVERIFY(!store.isOpen());
        QCOMPARE(store.insert(sampleRun(QStringLiteral("Slack"), 1)), 0);
        QCOMPARE(store.lastError().code, StoreError::NotOpen);
    }

    void open_refusesFileThatIsNotADatabase()
    {
        StoreFixture fixture;
        QFile file(fixture.path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(!store.open(fixture.path()));
        QCOMPARE(store.lastError().code, StoreError::OpenFailed);
    }

    void open_needsCompleteCodec()
    {
        StoreFixture fixture;
        HistoryStore store(RunCodec{});
        QVERIFY(!store.open(fixture.path()));
        QCOMPARE(store.lastError().code, StoreError::CodecMissing);
    }

    void insertAndLoad_roundTripEverything()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        QSignalSpy added(&store, &HistoryStore::runAdded);

        RunRecord record = sampleRun(QStringLiteral("Slack"), 10, Phase::Error);
        record.kind = RunKind::Stored;
        record.storedActionId = QStringLiteral("sa-1");
        record.idempotencyId = QStringLiteral("7a0f7c3e-5b0e-4d8f-9a53-0d7f6f0b2c11");
        record.page = QStringLiteral("0");
        record.inputs.insert(QStringLiteral("tags"), QVariantList{QStringLiteral("a"), 2});
        record.inputLabels = {{QStringLiteral("channel"), QStringLiteral("#general")}};
        record.inputs.insert(QStringLiteral("token"), QStringLiteral("pw"));
        record.secretInputs = {QStringLiteral("token")};
        record.fieldsJson = R"([{"key":"channel","type":"string"}])";
        record.resultsJson = R"([{"id":123,"text":"héllo"}])";
        record.nextPage = QStringLiteral("2");
        RunError runError;
        runError.code = RunErrorCode::Throttled;
        runError.codeRaw = QStringLiteral("throttled");
        runError.title = QStringLiteral("Slow down");
        runError.delaySeconds = 30;
        record.errors = {runError};
        ab::core::ApiError apiError;
        apiError.kind = ErrorKind::RateLimited;
        apiError.httpStatus = 429;
        apiError.code = QStringLiteral("throttled");
        apiError.detail = QStringLiteral("Too many");
        apiError.sourcePointer = QStringLiteral("/data/inputs/channel");
        apiError.retryAfterSeconds = 60;
        record.apiError = apiError;
        record.events = {RunEvent{at(10), Phase::Submitting, {}, QStringLiteral("sending")},
                         RunEvent{at(11), Phase::Waiting, QStringLiteral("waiting"), {}}};
        RequestRecord call;
        call.id = 42;
        call.method = QStringLiteral("POST");
        call.url = QStringLiteral("https://api.zapier.com/v2/action-runs");
        call.startedAt = at(10);
        call.durationMs = 120;
        call.httpStatus = 200;
        call.attempt = 2;
        call.requestBody = R"({"data":{}})";
        call.responseBody = QByteArray("\x00\x01binary", 8);
        call.responseSize = 5000;
        call.responseHeaders = {{"Retry-After", "60"}, {"X-RateLimit-Remaining", "3"}};
        record.calls = {call};

        const qint64 id = store.insert(record);
        QVERIFY(id > 0);
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.first().first().toLongLong(), id);

        const std::optional<RunRecord> loaded = store.load(id);
        QVERIFY(loaded);
        QVERIFY(store.lastError().ok());
        QCOMPARE(loaded->id, id);
        QCOMPARE(loaded->kind, RunKind::Stored);
        QCOMPARE(loaded->environment, record.environment);
        QCOMPARE(loaded->appTitle, record.appTitle);
        QCOMPARE(loaded->actionKey, record.actionKey);
        QCOMPARE(loaded->actionType, record.actionType);
        QCOMPARE(loaded->actionId, record.actionId);
        QCOMPARE(loaded->connectionTitle, record.connectionTitle);
        QCOMPARE(loaded->storedActionId, record.storedActionId);
        QCOMPARE(loaded->idempotencyId, record.idempotencyId);
        QCOMPARE(loaded->page, record.page);
        QCOMPARE(loaded->serverRunId, record.serverRunId);
        QCOMPARE(loaded->phase, Phase::Error);
        QCOMPARE(loaded->statusRaw, record.statusRaw);
        QCOMPARE(loaded->inputs.value(QStringLiteral("channel")), QVariant(QStringLiteral("C1")));
        QCOMPARE(loaded->inputs.value(QStringLiteral("tags")).toList().size(), 2);
        QCOMPARE(loaded->inputLabels, record.inputLabels);
        QCOMPARE(loaded->secretInputs, record.secretInputs);
        QCOMPARE(loaded->inputs.value(QStringLiteral("token")), QVariant(QStringLiteral("pw")));
        QCOMPARE(loaded->fieldsJson, record.fieldsJson);
        QCOMPARE(loaded->resultsJson, record.resultsJson);
        QCOMPARE(loaded->nextPage, record.nextPage);
        QCOMPARE(loaded->errors.size(), 1);
        QCOMPARE(loaded->errors.first().code, RunErrorCode::Throttled);
        QCOMPARE(loaded->errors.first().delaySeconds, std::optional<int>(30));
        QVERIFY(loaded->apiError);
        QCOMPARE(loaded->apiError->kind, ErrorKind::RateLimited);
        QCOMPARE(loaded->apiError->httpStatus, 429);
        QCOMPARE(loaded->apiError->code, apiError.code);
        QCOMPARE(loaded->apiError->detail, apiError.detail);
        QCOMPARE(loaded->apiError->sourcePointer, apiError.sourcePointer);
        QCOMPARE(loaded->apiError->retryAfterSeconds, std::optional<int>(60));
        QCOMPARE(loaded->createdAt, record.createdAt);
        QCOMPARE(loaded->submittedAt, record.submittedAt);
        QCOMPARE(loaded->finishedAt, record.finishedAt);
        QCOMPARE(loaded->durationMs(), 3000);

        QCOMPARE(loaded->events.size(), 2);
        QCOMPARE(loaded->events.at(0).phase, Phase::Submitting);
        QCOMPARE(loaded->events.at(0).note, QStringLiteral("sending"));
        QCOMPARE(loaded->events.at(1).status, QStringLiteral("waiting"));
        QCOMPARE(loaded->events.at(1).at, at(11));

        QCOMPARE(loaded->calls.size(), 1);
        const RequestRecord &back = loaded->calls.first();
        QCOMPARE(back.id, call.id);
        QCOMPARE(back.method, call.method);
        QCOMPARE(back.url, call.url);
        QCOMPARE(back.startedAt, call.startedAt);
        QCOMPARE(back.durationMs, call.durationMs);
        QCOMPARE(back.httpStatus, call.httpStatus);
        QCOMPARE(back.attempt, call.attempt);
        QCOMPARE(back.requestBody, call.requestBody);
        QCOMPARE(back.responseBody, call.responseBody);
        QCOMPARE(back.responseSize, call.responseSize);
        QCOMPARE(back.responseHeaders, call.responseHeaders);
    }

    void insertAndLoad_workWithTheApiJsonCodec()
    {
        // The wiring the CLI and GUI use: api/'s JSON text, so other tools can read the file.
        RunCodec codec;
        codec.encodeVariant = &ab::api::toJsonText;
        codec.decodeVariant = &ab::api::fromJsonText;
        codec.encodeErrors = &ab::api::encodeRunErrors;
        codec.decodeErrors = &ab::api::decodeRunErrors;
        StoreFixture fixture;
        HistoryStore store(codec);
        QVERIFY(store.open(fixture.path()));
        RunRecord record = sampleRun(QStringLiteral("Slack"), 1, Phase::Error);
        record.inputs.insert(QStringLiteral("nested"),
                             QVariantMap{{QStringLiteral("list"), QVariantList{1, true}}});
        RunError runError;
        runError.code = RunErrorCode::User;
        runError.codeRaw = QStringLiteral("user");
        runError.detail = QStringLiteral("Channel not found");
        record.errors = {runError};
        const std::optional<RunRecord> loaded = store.load(store.insert(record));
        QVERIFY(loaded);
        QVERIFY2(store.lastError().ok(), qPrintable(store.lastError().detail));
        QCOMPARE(loaded->inputs.value(QStringLiteral("channel")).toString(), QStringLiteral("C1"));
        QCOMPARE(loaded->inputs.value(QStringLiteral("nested"))
                     .toMap()
                     .value(QStringLiteral("list"))
                     .toList()
                     .size(),
                 2);
        QCOMPARE(loaded->errors.size(), 1);
        QCOMPARE(loaded->errors.first().code, RunErrorCode::User);
        QCOMPARE(loaded->errors.first().detail, runError.detail);
    }

    void load_unknownIdIsNotFound()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        QVERIFY(!store.load(12345));
        QCOMPARE(store.lastError().code, StoreError::NotFound);
    }

    void load_runOnlyReadsTheRowWithoutItsTimeline()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        RunRecord record = sampleRun(QStringLiteral("Slack"), 10, Phase::Success);
        record.serverRunId = QStringLiteral("run-1");
        record.resultsJson = R"([{"id":1}])";
        record.events = {RunEvent{at(10), Phase::Submitting, {}, QStringLiteral("sending")}};
        RequestRecord call;
        call.method = QStringLiteral("POST");
        call.url = QStringLiteral("https://api.zapier.com/v2/action-runs");
        record.calls = {call};
        const qint64 id = store.insert(record);

        const std::optional<RunRecord> row = store.load(id, HistoryStore::Detail::RunOnly);
        QVERIFY(row);
        QVERIFY(store.lastError().ok());
        QCOMPARE(row->serverRunId, QStringLiteral("run-1"));
        QCOMPARE(row->phase, Phase::Success);
        QCOMPARE(row->resultsJson, record.resultsJson);
        QVERIFY(row->events.isEmpty());
        QVERIFY(row->calls.isEmpty());
        const std::optional<RunRecord> full = store.load(id);
        QCOMPARE(full->events.size(), 1);
        QCOMPARE(full->calls.size(), 1);

        QVERIFY(!store.load(id + 1, HistoryStore::Detail::RunOnly));
        QCOMPARE(store.lastError().code, StoreError::NotFound);
    }

    void load_reportsUndecodableBlobButKeepsTheRun()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        const qint64 id = store.insert(sampleRun(QStringLiteral("Slack"), 1));
        {
            const QString name = QStringLiteral("tst.corrupt");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(fixture.path());
                QVERIFY(db.open());
                QSqlQuery query(db);
                QVERIFY(query.exec(QStringLiteral("UPDATE runs SET inputs = '{broken'")));
            }
            QSqlDatabase::removeDatabase(name);
        }
        const std::optional<RunRecord> loaded = store.load(id);
        QVERIFY(loaded);
        QCOMPARE(store.lastError().code, StoreError::DecodeFailed);
        QCOMPARE(loaded->appTitle, QStringLiteral("Slack"));
    }

    void update_rewritesFieldsAndAppendsHistory()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        RunRecord record = sampleRun(QStringLiteral("Slack"), 1, Phase::Submitting);
        record.events = {RunEvent{at(1), Phase::Submitting, {}, {}}};
        record.id = store.insert(record);
        QSignalSpy changed(&store, &HistoryStore::runChanged);

        record.phase = Phase::Waiting;
        record.serverRunId = QStringLiteral("srv-9");
        record.events.clear(); // ignored by update either way
        RequestRecord call;
        call.method = QStringLiteral("POST");
        QVERIFY(store.update(record, {RunEvent{at(2), Phase::Waiting, {}, QStringLiteral("ok")}},
                             {call}));
        QCOMPARE(changed.size(), 1);
        QVERIFY(store.appendEvent(record.id,
                                  RunEvent{at(3), Phase::Waiting, QStringLiteral("waiting"), {}}));
        QVERIFY(store.appendCalls(record.id, {call, call}));

        const std::optional<RunRecord> loaded = store.load(record.id);
        QVERIFY(loaded);
        QCOMPARE(loaded->phase, Phase::Waiting);
        QCOMPARE(loaded->serverRunId, QStringLiteral("srv-9"));
        QCOMPARE(loaded->events.size(), 3);
        QCOMPARE(loaded->events.last().status, QStringLiteral("waiting"));
        QCOMPARE(loaded->calls.size(), 3);

        record.id = 999;
        QVERIFY(!store.update(record));
        QCOMPARE(store.lastError().code, StoreError::NotFound);
        QVERIFY(!store.appendEvent(999, RunEvent{at(3), Phase::Waiting, {}, {}}));
        QCOMPARE(store.lastError().code, StoreError::QueryFailed); // the foreign key refuses it
    }

    void list_isNewestFirstAndPaged()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        // Inserted out of order: the listing follows created_at, not insertion.
        for (qint64 second : {30, 10, 50, 20, 40})
            QVERIFY(store.insert(sampleRun(QStringLiteral("App%1").arg(second), second)) > 0);

        const QList<RunSummary> first = store.list({}, 0, 2);
        QCOMPARE(first.size(), 2);
        QCOMPARE(first.at(0).appTitle, QStringLiteral("App50"));
        QCOMPARE(first.at(1).appTitle, QStringLiteral("App40"));
        QCOMPARE(first.at(0).durationMs, 3000);
        QCOMPARE(first.at(0).environment, QStringLiteral("http://127.0.0.1:8765"));
        const QList<RunSummary> last = store.list({}, 4, 2);
        QCOMPARE(last.size(), 1);
        QCOMPARE(last.at(0).appTitle, QStringLiteral("App10"));
        QCOMPARE(store.count({}), 5);
    }

    void list_filtersByTextPhaseAndEnvironment()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        RunRecord slack = sampleRun(QStringLiteral("Slack"), 1, Phase::Success);
        RunRecord sheets = sampleRun(QStringLiteral("Google Sheets"), 2, Phase::Error);
        sheets.actionTitle = QStringLiteral("Add Row");
        sheets.connectionTitle = QStringLiteral("finance_100%");
        RunRecord waiting = sampleRun(QStringLiteral("Slack"), 3, Phase::Waiting);
        waiting.serverRunId = QStringLiteral("arun_abc123");
        waiting.environment = QStringLiteral("https://api.zapier.com");
        for (const RunRecord &record : {slack, sheets, waiting})
            QVERIFY(store.insert(record) > 0);

        QCOMPARE(store.count(RunFilter{QStringLiteral("slack"), {}, {}}), 2);
        QCOMPARE(store.count(RunFilter{QStringLiteral("add r"), {}, {}}), 1);
        QCOMPARE(store.count(RunFilter{QStringLiteral("ARUN_abc"), {}, {}}), 1);
        // LIKE wildcards in the text are literal.
        QCOMPARE(store.count(RunFilter{QStringLiteral("100%"), {}, {}}), 1);
        QCOMPARE(store.count(RunFilter{QStringLiteral("_"), {}, {}}), 2);
        QCOMPARE(store.count(RunFilter{{}, {Phase::Error, Phase::Waiting}, {}}), 2);
        QCOMPARE(store.count(RunFilter{QStringLiteral("slack"), {Phase::Success}, {}}), 1);
        QCOMPARE(store.count(RunFilter{{}, {}, QStringLiteral("https://api.zapier.com")}), 1);

        const QList<RunSummary> slackRuns =
            store.list(RunFilter{QStringLiteral("Slack"), {}, {}}, 0, 10);
        QCOMPARE(slackRuns.size(), 2);
        QCOMPARE(slackRuns.at(0).phase, Phase::Waiting);
        QCOMPARE(slackRuns.at(0).durationMs, -1);
        QCOMPARE(slackRuns.at(1).phase, Phase::Success);
    }

    void unfinished_returnsOnlyResumablePhases()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        qint64 second = 0;
        for (int value = 0; value <= int(Phase::Cancelled); ++value)
            QVERIFY(store.insert(sampleRun(QStringLiteral("A"), ++second, Phase(value))) > 0);
        const QList<RunRecord> open = store.unfinished();
        QCOMPARE(open.size(), 3);
        QCOMPARE(open.at(0).phase, Phase::Preparing);
        QCOMPARE(open.at(1).phase, Phase::Submitting);
        QCOMPARE(open.at(2).phase, Phase::Waiting);
    }

    void storedActionNames_areKeptPerEnvironmentAndReplaced()
    {
        StoreFixture fixture;
        QVERIFY(writeVersionOneFile(fixture.path())); // the table comes with a migration
        const ab::core::StoredActionNames slack{
            QStringLiteral("app-slack"),
            QStringLiteral("Slack"),
            QStringLiteral("Send Channel Message"),
            QStringLiteral("Ada's workspace"),
            {{QStringLiteral("channel"), QStringLiteral("Channel")},
             {QStringLiteral("text"), QStringLiteral("Message \"Text\" ✓")}},
            {QStringLiteral("bot_token")},
            {{QStringLiteral("channel"), QStringLiteral("#général")}}};
        const QString sandbox = QStringLiteral("sandbox");
        const QString zapier = QStringLiteral("https://api.zapier.com");
        {
            HistoryStore store(ab::test::jsonTestCodec());
            QVERIFY2(store.open(fixture.path()), qPrintable(store.lastError().detail));
            QVERIFY(store.storedActionNames(sandbox).isEmpty());
            QVERIFY(store.rememberStoredActionNames(sandbox, QStringLiteral("sa-1"), slack));
            QVERIFY(store.rememberStoredActionNames(zapier, QStringLiteral("sa-1"),
                                                    {{}, QStringLiteral("Gmail"), {}, {}}));
        }
        // Another process (a CLI) reads what this one saved.
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        QHash<QString, ab::core::StoredActionNames> names = store.storedActionNames(sandbox);
        QCOMPARE(names.size(), 1);
        const ab::core::StoredActionNames read = names.value(QStringLiteral("sa-1"));
        QCOMPARE(read.appId, slack.appId);
        QCOMPARE(read.appTitle, slack.appTitle);
        QCOMPARE(read.actionTitle, slack.actionTitle);
        QCOMPARE(read.connectionTitle, slack.connectionTitle);
        QCOMPARE(read.inputTitles, slack.inputTitles);
        QCOMPARE(read.secretInputs, slack.secretInputs);
        QCOMPARE(read.inputLabels, slack.inputLabels);
        QVERIFY(
            store.storedActionNames(zapier).value(QStringLiteral("sa-1")).secretInputs.isEmpty());
        QVERIFY(
            store.storedActionNames(zapier).value(QStringLiteral("sa-1")).inputLabels.isEmpty());
        QCOMPARE(store.storedActionNames(zapier).value(QStringLiteral("sa-1")).appTitle,
                 QStringLiteral("Gmail"));
        QVERIFY(
            store.storedActionNames(zapier).value(QStringLiteral("sa-1")).inputTitles.isEmpty());

        QVERIFY(store.rememberStoredActionNames(sandbox, QStringLiteral("sa-1"),
                                                {{}, QStringLiteral("Slack 2"), {}, {}}));
        names = store.storedActionNames(sandbox);
        QCOMPARE(names.size(), 1);
        QCOMPARE(names.value(QStringLiteral("sa-1")).appTitle, QStringLiteral("Slack 2"));
        QVERIFY(names.value(QStringLiteral("sa-1")).actionTitle.isEmpty());

        QVERIFY(store.forgetStoredActionNames(sandbox, QStringLiteral("sa-1")));
        QVERIFY(store.forgetStoredActionNames(sandbox, QStringLiteral("never-saved")));
        QVERIFY(store.storedActionNames(sandbox).isEmpty());
        QCOMPARE(store.storedActionNames(zapier).size(), 1);

        store.close();
        QVERIFY(!store.rememberStoredActionNames(sandbox, QStringLiteral("sa-2"), slack));
        QCOMPARE(store.lastError().code, StoreError::NotOpen);
        QVERIFY(store.storedActionNames(sandbox).isEmpty());
    }

    void formDrafts_arePerServerAndActionReplacedAndForgotten()
    {
        StoreFixture fixture;
        QVERIFY(writeVersionOneFile(fixture.path())); // the table comes with a migration
        const QString sandbox = QStringLiteral("sandbox");
        const ab::runs::FormDraft slack{
            QStringLiteral("app-slack"),
            QStringLiteral("send_channel_message"),
            {{QStringLiteral("channel"), QStringLiteral("C1")},
             {QStringLiteral("text"), QStringLiteral("half-written ✓")},
             {QStringLiteral("count"), 3},
             {QStringLiteral("tags"), QVariantList{QStringLiteral("a"), QStringLiteral("b")}}},
            {{QStringLiteral("channel"), QStringLiteral("#general")}}};
        {
            HistoryStore store(ab::test::jsonTestCodec());
            QVERIFY2(store.open(fixture.path()), qPrintable(store.lastError().detail));
            QVERIFY(!store.formDraft(sandbox, slack.appId, slack.actionKey));
            QVERIFY(store.saveFormDraft(sandbox, slack));
        }
        // The next session reads it back, for that server and action only.
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        const std::optional<ab::runs::FormDraft> read =
            store.formDraft(sandbox, slack.appId, slack.actionKey);
        QVERIFY(read);
        QCOMPARE(read->inputs, slack.inputs);
        QCOMPARE(read->labels, slack.labels);
        QVERIFY(!store.formDraft(QStringLiteral("https://api.zapier.com"), slack.appId,
                                 slack.actionKey));
        QVERIFY(!store.formDraft(sandbox, QStringLiteral("app-other"), slack.actionKey));

        // Saved again: replaced. Saved empty (a cleared form): forgotten.
        ab::runs::FormDraft edited = slack;
        edited.inputs = {{QStringLiteral("text"), QStringLiteral("done")}};
        edited.labels.clear();
        QVERIFY(store.saveFormDraft(sandbox, edited));
        QCOMPARE(store.formDraft(sandbox, slack.appId, slack.actionKey)->inputs, edited.inputs);
        QVERIFY(store.formDraft(sandbox, slack.appId, slack.actionKey)->labels.isEmpty());
        edited.inputs.clear();
        QVERIFY(store.saveFormDraft(sandbox, edited));
        QVERIFY(!store.formDraft(sandbox, slack.appId, slack.actionKey));
    }

    void formDrafts_keepOnlyTheMostRecent()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        const auto draft = [](int n) {
            return ab::runs::FormDraft{QStringLiteral("app-%1").arg(n),
                                       QStringLiteral("key"),
                                       {{QStringLiteral("n"), n}},
                                       {}};
        };
        const int total = HistoryStore::maxFormDrafts + 5;
        for (int n = 0; n < total; ++n)
            QVERIFY(store.saveFormDraft(QStringLiteral("sandbox"), draft(n)));
        for (int n = 0; n < 5; ++n)
            QVERIFY(
                !store.formDraft(QStringLiteral("sandbox"), draft(n).appId, QStringLiteral("key")));
        for (int n = 5; n < total; ++n)
            QVERIFY(
                store.formDraft(QStringLiteral("sandbox"), draft(n).appId, QStringLiteral("key")));
    }

    void remove_deletesRunWithItsEventsAndCalls()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        RunRecord record = sampleRun(QStringLiteral("Slack"), 1);
        record.events = {RunEvent{at(1), Phase::Success, {}, {}}};
        record.calls = {RequestRecord{}};
        const qint64 id = store.insert(record);
        const qint64 other = store.insert(record);
        QSignalSpy removed(&store, &HistoryStore::runRemoved);
        QVERIFY(store.remove(id));
        QCOMPARE(removed.size(), 1);
        QVERIFY(!store.load(id));
        QVERIFY(!store.remove(id));
        QCOMPARE(store.lastError().code, StoreError::NotFound);
        QCOMPARE(store.load(other)->calls.size(), 1);

        const QString name = QStringLiteral("tst.orphans");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(fixture.path());
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM run_events),"
                                              " (SELECT COUNT(*) FROM run_calls)")));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 1);
            QCOMPARE(query.value(1).toInt(), 1);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void reopen_byNewInstanceSeesEverything()
    {
        // As when the app restarts, or the CLI opens the GUI's history.
        StoreFixture fixture;
        qint64 id = 0;
        {
            HistoryStore store(ab::test::jsonTestCodec());
            QVERIFY(store.open(fixture.path()));
            RunRecord record = sampleRun(QStringLiteral("Slack"), 1, Phase::Waiting);
            record.events = {RunEvent{at(1), Phase::Waiting, {}, {}}};
            id = store.insert(record);
        }
        HistoryStore reopened(ab::test::jsonTestCodec());
        QVERIFY(reopened.open(fixture.path()));
        const std::optional<RunRecord> loaded = reopened.load(id);
        QVERIFY(loaded);
        QCOMPARE(loaded->phase, Phase::Waiting);
        QCOMPARE(loaded->events.size(), 1);
        QCOMPARE(reopened.unfinished().size(), 1);
        // Ids are never reused, even after removal.
        QVERIFY(reopened.remove(id));
        QVERIFY(reopened.insert(sampleRun(QStringLiteral("Slack"), 2)) > id);
    }

    void close_leavesSmallWalForTheNextOpener()
    {
        if (!HistoryStore::keepsSmallWalOnClose())
            QSKIP("Qt's SQLite driver carries its own SQLite here: stores close as before");
        StoreFixture fixture;
        const QString wal = fixture.path() + QStringLiteral("-wal");
        qint64 id = 0;
        {
            HistoryStore store(ab::test::jsonTestCodec());
            QVERIFY(store.open(fixture.path()));
            id = store.insert(sampleRun(QStringLiteral("Slack"), 1));
            QVERIFY(id > 0);
        }
        // Not checkpointed: the run is in the WAL, which the next opener reads back.
        QVERIFY(QFileInfo(wal).size() > 0);
        HistoryStore reopened(ab::test::jsonTestCodec());
        QVERIFY(reopened.open(fixture.path()));
        const std::optional<RunRecord> loaded = reopened.load(id);
        QVERIFY(loaded);
        QCOMPARE(loaded->appTitle, QStringLiteral("Slack"));
        QVERIFY(reopened.insert(sampleRun(QStringLiteral("Gmail"), 2)) > id);
        QCOMPARE(reopened.count({}), 2);
    }

    void close_checkpointsWalPastTheLimit()
    {
        StoreFixture fixture;
        const QString wal = fixture.path() + QStringLiteral("-wal");
        QList<RunRecord> records;
        for (int i = 0; i < 5000; ++i)
            records.append(sampleRun(QStringLiteral("App %1").arg(i), i));
        {
            HistoryStore store(ab::test::jsonTestCodec());
            QVERIFY(store.open(fixture.path()));
            QVERIFY(store.insertMany(records));
            QVERIFY(QFileInfo(wal).size() > 1 << 20);
        }
        QVERIFY(!QFile::exists(wal)); // checkpointed into the file and deleted, as SQLite does
        HistoryStore reopened(ab::test::jsonTestCodec());
        QVERIFY(reopened.open(fixture.path()));
        QCOMPARE(reopened.count({}), 5000);
    }

    void secondConnection_seesRowsOfTheFirstAtOnce()
    {
        StoreFixture fixture;
        HistoryStore gui(ab::test::jsonTestCodec());
        HistoryStore cli(ab::test::jsonTestCodec());
        QVERIFY(gui.open(fixture.path()));
        QVERIFY(cli.open(fixture.path()));
        QSignalSpy guiAdded(&gui, &HistoryStore::runAdded);

        RunRecord record = sampleRun(QStringLiteral("Slack"), 1, Phase::Waiting);
        record.id = cli.insert(record);
        QVERIFY(record.id > 0);
        QCOMPARE(gui.count({}), 1);
        QCOMPARE(guiAdded.size(), 0); // signals report the instance's own writes only

        record.phase = Phase::Success;
        QVERIFY(gui.update(record));
        QCOMPARE(cli.load(record.id)->phase, Phase::Success);
    }

    void listAfter_pagesLikeOffsetsIncludingTiesAndFilters()
    {
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        QList<RunRecord> records;
        for (int i = 0; i < 57; ++i) // several runs share a second: ties are broken by id
            records.append(sampleRun(i % 2 ? QStringLiteral("Slack") : QStringLiteral("Gmail"),
                                     i / 3, i % 5 == 0 ? Phase::Error : Phase::Success));
        QVERIFY(store.insertMany(records));
        for (const RunFilter &filter : {RunFilter{}, RunFilter{QStringLiteral("slack"), {}, {}},
                                        RunFilter{{}, {Phase::Error}, {}}}) {
            const QList<RunSummary> all = store.list(filter, 0, 1000);
            QList<RunSummary> paged = store.list(filter, 0, 10);
            while (!paged.isEmpty() && paged.size() < all.size()) {
                const QList<RunSummary> next = store.listAfter(filter, paged.last(), 10);
                if (next.isEmpty())
                    break;
                paged.append(next);
            }
            QCOMPARE(paged.size(), all.size());
            for (qsizetype i = 0; i < all.size(); ++i)
                QCOMPARE(paged[i].id, all[i].id);
        }
    }

    // Speed is measured by tests/bench/bench_history (100,000 runs); this checks correctness.
    void insertMany_writesAllInOneTransaction()
    {
        const int total = 2000;
        StoreFixture fixture;
        HistoryStore store(ab::test::jsonTestCodec());
        QVERIFY(store.open(fixture.path()));
        QList<RunRecord> records;
        records.reserve(total);
        for (int i = 0; i < total; ++i) {
            RunRecord record =
                sampleRun(i % 3 == 0 ? QStringLiteral("Slack") : QStringLiteral("Google Sheets"), i,
                          i % 10 == 0 ? Phase::Error : Phase::Success);
            record.events = {RunEvent{at(i), Phase::Success, QStringLiteral("success"), {}}};
            records.append(record);
        }
        QSignalSpy imported(&store, &HistoryStore::runsImported);
        QVERIFY(store.insertMany(records));
        QCOMPARE(imported.size(), 1);

        const QList<RunSummary> newest = store.list({}, 0, 200);
        QCOMPARE(newest.size(), 200);
        QCOMPARE(newest.first().createdAt, at(total - 1));

        const QList<RunSummary> errors = store.list(RunFilter{{}, {Phase::Error}, {}}, 0, 200);
        QCOMPARE(errors.size(), 200);
        for (const RunSummary &summary : errors)
            QCOMPARE(summary.phase, Phase::Error);
        QCOMPARE(store.count({}), total);
        QCOMPARE(store.load(newest.first().id)->events.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
