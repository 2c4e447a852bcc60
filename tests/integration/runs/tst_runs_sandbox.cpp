// RunService + HistoryStore + the real ApiClient against the real sandbox: runs end where they
// should through every fault, nothing is re-sent that could run twice, and the history keeps
// phase, error and every HTTP exchange, also across a restart.
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "runs/runservice.h"
#include "sandbox/sandboxstate.h"
#include "support/sandboxfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ab;
using core::ErrorKind;
using runs::Phase;
using runs::RunRecord;
using test::Await;
using test::SandboxFixture;

namespace {

const QString faultsConnection = QStringLiteral("sb-conn-faults-1");

// First poll after 5 ms, then every 10 ms; a minute before giving up.
runs::PollSchedule fastPolls()
{
    return runs::PollSchedule(5, {{60000, 10}}, 10, 60000);
}

int countCalls(const RunRecord &record, const QString &method, const QString &urlPart,
               int status = -1)
{
    int count = 0;
    for (const core::RequestRecord &call : record.calls) {
        if (call.method == method && call.url.contains(urlPart) &&
            (status < 0 || call.httpStatus == status))
            ++count;
    }
    return count;
}

bool hasNote(const RunRecord &record, const QString &text)
{
    for (const runs::RunEvent &event : record.events) {
        if (event.note.contains(text))
            return true;
    }
    return false;
}

QString idempotencyIdOf(const sandbox::SandboxRequest &request)
{
    return QJsonDocument::fromJson(request.requestBody)
        .object()
        .value(QStringLiteral("data"))
        .toObject()
        .value(QStringLiteral("idempotency_id"))
        .toString();
}

} // namespace

class TestRunsSandbox final : public QObject {
    Q_OBJECT

    core::SystemClock m_clock;
    std::unique_ptr<SandboxFixture> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_dir;
    // A "process": client, history and service, torn down in reverse order.
    std::unique_ptr<api::ApiClient> m_api;
    std::unique_ptr<runs::HistoryStore> m_store;
    std::unique_ptr<runs::RunService> m_service;

    QString historyPath() const { return m_dir->filePath(QStringLiteral("history.sqlite")); }

    void startProcess(int maxRetries = 1, int timeoutMs = 20000,
                      const runs::PollSchedule &schedule = fastPolls())
    {
        api::ApiClientConfig config = m_sandbox->clientConfig(maxRetries);
        config.transferTimeoutMs = timeoutMs;
        m_api = m_sandbox->client(config);
        m_store = std::make_unique<runs::HistoryStore>(runs::jsonRunCodec());
        QVERIFY2(m_store->open(historyPath()), qPrintable(m_store->lastError().detail));
        m_service = std::make_unique<runs::RunService>(m_api.get(), m_store.get(), &m_clock);
        m_service->setPollSchedule(schedule);
        m_service->setMaxPollErrors(4);
        m_service->setPollErrorBackoffMs(5);
        m_service->setStoredRetryBackoffMs(5);
        m_service->setMaxStoredSubmitAttempts(3);
    }
    // As a crash would: nothing is settled, the file stays as it is.
    void endProcess()
    {
        m_service.reset();
        m_store.reset();
        m_api.reset();
    }

    void setFaults(const QByteArray &plan)
    {
        QString error;
        QVERIFY2(m_sandbox->setFaults(plan, &error), qPrintable(error));
    }

    runs::RunRequest request(const QString &app, const QString &key, const QString &type,
                             const QString &connection, const QVariantMap &inputs) const
    {
        runs::RunRequest request;
        request.environment = m_sandbox->baseUrl().toString();
        request.appId = m_sandbox->appId(app);
        request.appTitle = app;
        request.actionKey = key;
        request.actionTitle = key;
        request.actionType = type;
        request.connectionId = connection;
        request.connectionTitle = connection;
        request.inputs = inputs;
        request.fieldsJson = QByteArrayLiteral("[]");
        return request;
    }
    runs::RunRequest faultsRun(const QVariantMap &inputs,
                               const QString &connection = faultsConnection) const
    {
        return request(QStringLiteral("Sandbox Faults"), QStringLiteral("simulate_outcome"),
                       QStringLiteral("WRITE"), connection, inputs);
    }

    // Waits until the run is no longer active, then reads it back from the file.
    std::optional<RunRecord> finished(qint64 id)
    {
        if (id == 0)
            return std::nullopt;
        QSignalSpy finished(m_service.get(), &runs::RunService::runFinished);
        while (m_service->isActive(id)) {
            if (!finished.wait(30000))
                return std::nullopt;
        }
        return m_store->load(id);
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<SandboxFixture>();
        QVERIFY(m_sandbox->start());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup()
    {
        endProcess();
        m_dir.reset();
        m_sandbox.reset();
    }

    void run_succeedsAfterSeveralPolls()
    {
        startProcess();
        const qint64 id = m_service->startRun(faultsRun(
            {{QStringLiteral("polls"), 3}, {QStringLiteral("message"), QStringLiteral("hello")}}));
        const auto record = finished(id);
        QVERIFY(record);
        QCOMPARE(record->phase, Phase::Success);
        QCOMPARE(record->statusRaw, QStringLiteral("success"));
        QVERIFY(!record->apiError);
        QVERIFY(record->errors.isEmpty());
        QVERIFY(!record->serverRunId.isEmpty());
        QVERIFY(record->actionId.startsWith(QStringLiteral("core:")));
        QVERIFY(record->finishedAt.isValid());
        const QJsonObject result =
            QJsonDocument::fromJson(record->resultsJson).array().first().toObject();
        QCOMPARE(result.value(QStringLiteral("message")).toString(), QStringLiteral("hello"));
        // Every exchange is in the record: the fresh id, the POST, three "waiting" and the end.
        QCOMPARE(countCalls(*record, QStringLiteral("GET"), QStringLiteral("/v2/actions?")), 1);
        QCOMPARE(countCalls(*record, QStringLiteral("POST"), QStringLiteral("/v2/action-runs")), 1);
        QCOMPARE(countCalls(*record, QStringLiteral("GET"), QStringLiteral("/v2/action-runs/")), 4);
        QCOMPARE(m_sandbox->count("GET", "/v2/action-runs/*"), 4);
        QList<Phase> phases;
        for (const runs::RunEvent &event : record->events) {
            if (phases.isEmpty() || phases.last() != event.phase)
                phases.append(event.phase);
        }
        QCOMPARE(phases, (QList<Phase>{Phase::Preparing, Phase::Submitting, Phase::Waiting,
                                       Phase::Success}));
        QCOMPARE(record->inputs.value(QStringLiteral("message")).toString(),
                 QStringLiteral("hello"));
    }

    void run_recordsEveryThirdPartyError_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("connection");
        QTest::addColumn<core::RunErrorCode>("code");
        using C = core::RunErrorCode;
        const QList<std::pair<const char *, C>> codes = {
            {"user", C::User},           {"authentication", C::Authentication},
            {"partner", C::Partner},     {"system", C::System},
            {"throttled", C::Throttled}, {"system_throttled", C::SystemThrottled},
            {"hydration", C::Hydration}};
        for (const auto &[name, code] : codes)
            QTest::newRow(name) << QString::fromLatin1(name) << faultsConnection << code;
        QTest::newRow("expired connection")
            << QStringLiteral("success") << QStringLiteral("sb-conn-faults-expired")
            << C::Authentication;
    }
    void run_recordsEveryThirdPartyError()
    {
        QFETCH(QString, outcome);
        QFETCH(QString, connection);
        QFETCH(core::RunErrorCode, code);
        startProcess();
        const qint64 id = m_service->startRun(faultsRun({{QStringLiteral("outcome"), outcome},
                                                         {QStringLiteral("polls"), 1},
                                                         {QStringLiteral("delay_seconds"), 7}},
                                                        connection));
        const auto record = finished(id);
        QVERIFY(record);
        QCOMPARE(record->phase, Phase::Error);
        QCOMPARE(record->statusRaw, QStringLiteral("error"));
        QVERIFY(!record->apiError); // the API worked; the app failed
        QCOMPARE(record->errors.size(), 1);
        const core::RunError &error = record->errors.first();
        QCOMPARE(error.code, code);
        QVERIFY(!error.title.isEmpty());
        QVERIFY(!error.detail.isEmpty());
        if (code == core::RunErrorCode::Throttled) {
            QCOMPARE(error.delaySeconds, std::optional<int>(7));
            QVERIFY(hasNote(*record, QStringLiteral("wait 7 s")));
        }
        if (code == core::RunErrorCode::SystemThrottled)
            QVERIFY(hasNote(*record, QStringLiteral("not re-run automatically")));
        if (outcome == QLatin1String("user"))
            QCOMPARE(error.sourcePointer, QStringLiteral("/data/inputs/message"));
        QCOMPARE(m_sandbox->count("POST", "/v2/action-runs"), 1); // never re-run by itself
    }

    void submitFault_isRecordedAndNeverResent_data()
    {
        QTest::addColumn<QByteArray>("plan");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<Phase>("phase");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<int>("posts");
        const auto post = [](const char *fault) {
            return test::faultRule("POST", "/v2/action-runs", fault);
        };
        QTest::newRow("500") << post(R"("status": 500)") << 20000 << Phase::Failed
                             << ErrorKind::Server << 1;
        QTest::newRow("503") << post(R"("status": 503)") << 20000 << Phase::Failed
                             << ErrorKind::Unavailable << 1;
        QTest::newRow("429 that stays")
            << post(R"("status": 429)") << 20000 << Phase::Failed << ErrorKind::RateLimited << 2;
        QTest::newRow("dropped after running")
            << post(R"("drop_connection": true, "process": true)") << 20000 << Phase::OutcomeUnknown
            << ErrorKind::OutcomeUnknown << 1;
        QTest::newRow("dropped") << post(R"("drop_connection": true)") << 20000
                                 << Phase::OutcomeUnknown << ErrorKind::OutcomeUnknown << 1;
        QTest::newRow("timeout") << post(R"("delay_ms": 1000)") << 300 << Phase::OutcomeUnknown
                                 << ErrorKind::OutcomeUnknown << 1;
        QTest::newRow("HTML body") << post(R"("body": "html")") << 20000 << Phase::Failed
                                   << ErrorKind::MalformedResponse << 1;
        QTest::newRow("wrong types") << post(R"("body": "wrong_types")") << 20000 << Phase::Failed
                                     << ErrorKind::MalformedResponse << 1;
        QTest::newRow("20 MB body") << post(R"("body": "huge", "huge_bytes": 20971520)") << 20000
                                    << Phase::Failed << ErrorKind::TooLarge << 1;
        QTest::newRow("no fresh action id")
            << test::faultRule("GET", "/v2/actions", R"("status": 503)") << 20000 << Phase::Failed
            << ErrorKind::Unavailable << 0;
    }
    void submitFault_isRecordedAndNeverResent()
    {
        QFETCH(QByteArray, plan);
        QFETCH(int, timeoutMs);
        QFETCH(Phase, phase);
        QFETCH(ErrorKind, kind);
        QFETCH(int, posts);
        startProcess(1, timeoutMs);
        setFaults(plan);
        const qint64 id = m_service->startRun(faultsRun({{QStringLiteral("polls"), 0}}));
        const auto record = finished(id);
        QVERIFY(record);
        QCOMPARE(record->phase, phase);
        QVERIFY(record->apiError);
        QVERIFY2(record->apiError->kind == kind, qPrintable(record->apiError->summary()));
        QVERIFY(record->serverRunId.isEmpty());
        QVERIFY(record->finishedAt.isValid());
        QCOMPARE(record->events.last().phase, phase);
        QVERIFY(countCalls(*record, QStringLiteral("GET"), QStringLiteral("/v2/actions?")) >= 1);
        QCOMPARE(countCalls(*record, QStringLiteral("POST"), QStringLiteral("/v2/action-runs")),
                 posts);
        QTRY_COMPARE(m_sandbox->count("POST", "/v2/action-runs"), posts);
        QCOMPARE(m_sandbox->count("GET", "/v2/action-runs/*"), 0); // nothing to poll
        QCOMPARE(m_store->count({}), 1);
    }

    void pollFault_thatPassesStillEndsInSuccess_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<int>("pollCalls");
        // Two attempts per poll (maxRetries 1): four refused reads are two failed polls, then
        // "waiting" and "success". A garbled body is not retried by the scheduler, and the read
        // behind it counted on the server: two failed polls, then "success".
        QTest::newRow("503") << QByteArray(R"("status": 503, "times": 4)") << 6;
        QTest::newRow("500") << QByteArray(R"("status": 500, "times": 4)") << 6;
        QTest::newRow("429") << QByteArray(R"("status": 429, "times": 4)") << 6;
        QTest::newRow("dropped") << QByteArray(R"("drop_connection": true, "times": 6)") << -1;
        QTest::newRow("malformed JSON")
            << QByteArray(R"("body": "malformed_json", "times": 2)") << 3;
        QTest::newRow("HTML body") << QByteArray(R"("body": "html", "times": 2)") << 3;
        QTest::newRow("empty body") << QByteArray(R"("body": "empty", "times": 2)") << 3;
    }
    void pollFault_thatPassesStillEndsInSuccess()
    {
        QFETCH(QByteArray, fault);
        QFETCH(int, pollCalls);
        startProcess();
        setFaults(test::faultRule("GET", "/v2/action-runs/*", fault));
        const qint64 id = m_service->startRun(faultsRun({{QStringLiteral("polls"), 1}}));
        const auto record = finished(id);
        QVERIFY(record);
        QCOMPARE(record->phase, Phase::Success);
        QVERIFY(!record->apiError);
        QVERIFY(hasNote(*record, QStringLiteral("poll failed")));
        // Every read the sandbox answered is in the record (Qt's silent re-sends after a drop
        // are the only exchanges it cannot see).
        const int polls =
            countCalls(*record, QStringLiteral("GET"), QStringLiteral("/action-runs/"));
        if (pollCalls >= 0) {
            QCOMPARE(polls, pollCalls);
            QCOMPARE(m_sandbox->count("GET", "/v2/action-runs/*"), pollCalls);
        } else {
            QVERIFY(polls >= 3);
            QVERIFY(m_sandbox->count("GET", "/v2/action-runs/*") >= polls);
        }
        QCOMPARE(record->calls.last().httpStatus, 200);
    }

    void pollFault_thatStaysEndsTimedOutAndResumes()
    {
        startProcess();
        setFaults(test::faultRule("GET", "/v2/action-runs/*", R"("status": 500)"));
        const qint64 id = m_service->startRun(faultsRun({{QStringLiteral("polls"), 1}}));
        auto record = finished(id);
        QVERIFY(record);
        QCOMPARE(record->phase, Phase::TimedOut);
        QVERIFY(record->apiError);
        QCOMPARE(record->apiError->kind, ErrorKind::Server);
        QCOMPARE(countCalls(*record, QStringLiteral("GET"), QStringLiteral("/action-runs/"), 500),
                 8); // four polls of two attempts
        QVERIFY(!record->serverRunId.isEmpty());

        m_sandbox->clearFaults();
        QVERIFY(m_service->resume(id));
        record = finished(id);
        QVERIFY(record);
        QCOMPARE(record->phase, Phase::Success);
        QVERIFY(!record->apiError);
        QCOMPARE(m_sandbox->count("POST", "/v2/action-runs"), 1);
    }

    void largeResult_isStoredAndLoadedIntact()
    {
        startProcess();
        const qint64 id = m_service->startRun(
            request(QStringLiteral("Airtable"), QStringLiteral("find_records"),
                    QStringLiteral("SEARCH"), QStringLiteral("sb-conn-airtable-1"),
                    {{QStringLiteral("base"), QStringLiteral("app_crm")},
                     {QStringLiteral("table"), QStringLiteral("tbl_contacts")}}));
        const auto record = finished(id);
        QVERIFY(record);
        QCOMPARE(record->phase, Phase::Success);
        QVERIFY2(record->resultsJson.size() > 1000000,
                 qPrintable(QString::number(record->resultsJson.size())));
        const QJsonArray results = QJsonDocument::fromJson(record->resultsJson).array();
        QCOMPARE(results.size(), 3500);
        QCOMPARE(results.last().toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("rec3500"));

        // The server's own answer, byte for byte, and the same again from a fresh connection.
        Await<core::RunState> direct;
        m_api->getRun(record->serverRunId, core::Priority::User, nullptr, direct.callback());
        QVERIFY(direct.wait());
        QVERIFY2(direct.ok(), direct.describe());
        QCOMPARE(record->resultsJson, direct.value().resultsJson);
        runs::HistoryStore reopened(runs::jsonRunCodec());
        QVERIFY(reopened.open(historyPath()));
        const auto again = reopened.load(id);
        QVERIFY(again);
        QCOMPARE(again->resultsJson, direct.value().resultsJson);
        // The request log keeps a truncated copy of the body, not the megabyte.
        QVERIFY(record->calls.last().responseBody.size() < 200 * 1024);
        QVERIFY(record->calls.last().responseSize > 1000000);
    }

    void storedRun_isResentWithTheSameIdempotencyId_data()
    {
        QTest::addColumn<int>("maxRetries");
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<int>("minPosts");
        QTest::newRow("503 after running, the service re-sends")
            << 0 << QByteArray(R"("status": 503, "process": true, "times": 1)") << 2;
        QTest::newRow("503 after running, the scheduler re-sends")
            << 1 << QByteArray(R"("status": 503, "process": true, "times": 1)") << 2;
        QTest::newRow("two 503s after running")
            << 0 << QByteArray(R"("status": 503, "process": true, "times": 2)") << 3;
        QTest::newRow("dropped after running")
            << 0 << QByteArray(R"("drop_connection": true, "process": true, "times": 3)") << 2;
    }
    void storedRun_isResentWithTheSameIdempotencyId()
    {
        QFETCH(int, maxRetries);
        QFETCH(QByteArray, fault);
        QFETCH(int, minPosts);
        startProcess(maxRetries);
        core::StoredAction stored;
        stored.connectionId = faultsConnection;
        stored.selectedApi = m_sandbox->selectedApi("Sandbox Faults");
        stored.actionKey = QStringLiteral("simulate_outcome");
        stored.actionType = QStringLiteral("write");
        stored.inputs = {{QStringLiteral("polls"), 1}};
        Await<QString> created;
        m_api->createStoredAction(stored, nullptr, created.callback());
        QVERIFY(created.wait());
        QVERIFY2(created.ok(), created.describe());
        setFaults(test::faultRule("POST", "/actions/v1/stored-actions/*/run", fault));

        runs::StoredRunRequest request;
        request.environment = m_sandbox->baseUrl().toString();
        request.storedActionId = created.value();
        request.inputs = {{QStringLiteral("message"), QStringLiteral("once")}};
        request.appTitle = QStringLiteral("Sandbox Faults");
        request.actionKey = stored.actionKey;
        request.actionType = stored.actionType;
        request.connectionId = faultsConnection;
        const qint64 id = m_service->startStoredRun(request);
        const auto record = finished(id);
        QVERIFY(record);
        QCOMPARE(record->phase, Phase::Success);
        QVERIFY(!record->idempotencyId.isEmpty());
        const auto posts = m_sandbox->requests("POST", "/actions/v1/stored-actions/*/run");
        QVERIFY(posts.size() >= minPosts);
        for (const sandbox::SandboxRequest &post : posts)
            QCOMPARE(idempotencyIdOf(post), record->idempotencyId);
        // Exactly one run exists on the server: the first one, handed back to every re-send.
        QCOMPARE(record->serverRunId,
                 sandbox::SandboxContext::numberedUuid(QStringLiteral("run"), 1));
        QVERIFY(countCalls(*record, QStringLiteral("POST"), QStringLiteral("/run")) >= 2);
        const QJsonObject result =
            QJsonDocument::fromJson(record->resultsJson).array().first().toObject();
        const QJsonValue runNumber = result.value(QStringLiteral("run"));
        QVERIFY(runNumber.toInt(-1) == 1 || runNumber.toString() == QLatin1String("1"));
    }

    void waitingRun_isResumedByTheNextProcess()
    {
        // The first process polls once, then would wait a minute: it "crashes" meanwhile.
        startProcess(1, 20000, runs::PollSchedule(5, {{600000, 60000}}, 60000, 600000));
        const qint64 id = m_service->startRun(faultsRun({{QStringLiteral("polls"), 3}}));
        QVERIFY(id != 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_store->load(id)->statusRaw == QLatin1String("waiting"), 20000);
        QCOMPARE(m_sandbox->count("GET", "/v2/action-runs/*"), 1);
        endProcess();

        startProcess();
        auto before = m_store->load(id);
        QVERIFY(before);
        QCOMPARE(before->phase, Phase::Waiting);
        QCOMPARE(m_service->resumeUnfinished(m_sandbox->baseUrl().toString()), 1);
        const auto record = finished(id);
        QVERIFY(record);
        QCOMPARE(record->phase, Phase::Success);
        QCOMPARE(record->serverRunId, before->serverRunId);
        QVERIFY(hasNote(*record, QStringLiteral("resumed after a restart")));
        // Both processes' exchanges are in the one record, nothing was posted twice.
        QCOMPARE(countCalls(*record, QStringLiteral("POST"), QStringLiteral("/v2/action-runs")), 1);
        QCOMPARE(countCalls(*record, QStringLiteral("GET"), QStringLiteral("/v2/action-runs/")), 4);
        QCOMPARE(m_sandbox->count("POST", "/v2/action-runs"), 1);
    }

    void submittingRun_isOutcomeUnknownForTheNextProcess()
    {
        // The POST arrives and runs, but its answer is held back: the process dies meanwhile.
        setFaults(test::faultRule("POST", "/v2/action-runs", R"("delay_ms": 5000)"));
        startProcess();
        const qint64 id = m_service->startRun(faultsRun({{QStringLiteral("polls"), 0}}));
        QVERIFY(id != 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_store->load(id)->phase == Phase::Submitting, 20000);
        QTRY_COMPARE(m_api->scheduler()->inFlightCount(), 1);
        endProcess();

        startProcess();
        // A run this young might still be another live process's; only an old one is settled.
        const QString environment = m_sandbox->baseUrl().toString();
        QCOMPARE(m_service->resumeUnfinished(environment), 0);
        QCOMPARE(m_store->load(id)->phase, Phase::Submitting);
        QCOMPARE(m_service->resumeUnfinished(QStringLiteral("http://elsewhere.example"), 0), 0);
        QCOMPARE(m_store->load(id)->phase, Phase::Submitting);
        QCOMPARE(m_service->resumeUnfinished(environment, 0), 0);
        const auto record = m_store->load(id);
        QVERIFY(record);
        QCOMPARE(record->phase, Phase::OutcomeUnknown);
        QVERIFY(record->apiError);
        QCOMPARE(record->apiError->kind, ErrorKind::OutcomeUnknown);
        QVERIFY(!record->actionId.isEmpty());
        QVERIFY(countCalls(*record, QStringLiteral("GET"), QStringLiteral("/v2/actions?")) == 1);
        QVERIFY(m_store->unfinished().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRunsSandbox)
#include "tst_runs_sandbox.moc"
