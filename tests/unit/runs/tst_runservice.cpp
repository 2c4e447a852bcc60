#include "runs/historystore.h"
#include "runs/runservice.h"
#include "support/fakebackend.h"
#include "support/manualclock.h"
#include "testcodec.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ab::runs;
using ab::core::Action;
using ab::core::ApiResult;
using ab::core::ErrorKind;
using ab::core::RequestRecord;
using ab::core::RunState;
using ab::test::FakeBackend;
using ab::test::FakeCall;
using ab::test::ManualClock;

Q_DECLARE_METATYPE(ab::core::StoredActionNames)

namespace {

RequestRecord call(const QString &method, const QString &url)
{
    RequestRecord record;
    record.method = method;
    record.url = url;
    record.httpStatus = 200;
    return record;
}

template <typename T> ApiResult<T> withCall(ApiResult<T> result, const RequestRecord &record)
{
    result.calls = {record};
    return result;
}

RunRequest slackRequest()
{
    RunRequest request;
    request.environment = QStringLiteral("http://127.0.0.1:8765");
    request.appId = QStringLiteral("app-slack");
    request.appTitle = QStringLiteral("Slack");
    request.actionKey = QStringLiteral("send_message");
    request.actionTitle = QStringLiteral("Send Message");
    request.actionType = QStringLiteral("WRITE");
    request.connectionId = QStringLiteral("conn-1");
    request.connectionTitle = QStringLiteral("work");
    request.inputs = {{QStringLiteral("channel"), QStringLiteral("C1")},
                      {QStringLiteral("text"), QStringLiteral("hi")}};
    request.inputLabels = {{QStringLiteral("channel"), QStringLiteral("#general")}};
    request.fieldsJson = R"([{"key":"channel"}])";
    return request;
}

StoredRunRequest storedRequest()
{
    StoredRunRequest request;
    request.environment = QStringLiteral("http://127.0.0.1:8765");
    request.storedActionId = QStringLiteral("sa-1");
    request.inputs = {{QStringLiteral("message"), QStringLiteral("Hello")}};
    request.page = QStringLiteral("0");
    request.appTitle = QStringLiteral("Slack");
    request.actionTitle = QStringLiteral("Send Message");
    return request;
}

} // namespace

class TestRunService final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir *m_dir = nullptr;
    HistoryStore *m_store = nullptr;
    FakeBackend *m_backend = nullptr;
    ManualClock *m_clock = nullptr;
    RunService *m_service = nullptr;
    int m_actionsServed = 0;

    QString dbPath() const { return m_dir->filePath(QStringLiteral("history.sqlite")); }
    RunRecord record(qint64 id) const
    {
        const std::optional<RunRecord> loaded = m_store->load(id);
        return loaded ? *loaded : RunRecord{};
    }
    QList<Phase> eventPhases(qint64 id) const
    {
        QList<Phase> phases;
        for (const RunEvent &event : record(id).events)
            phases.append(event.phase);
        return phases;
    }

private Q_SLOTS:
    void storedRunRequest_namesTheRunAsSavedElseByKeys_data()
    {
        QTest::addColumn<ab::core::StoredActionNames>("names");
        QTest::addColumn<QString>("appId");
        QTest::addColumn<QString>("appTitle");
        QTest::addColumn<QString>("actionTitle");
        QTest::addColumn<QString>("connectionTitle");
        QTest::newRow("saved here")
            << ab::core::StoredActionNames{QStringLiteral("app-slack"), QStringLiteral("Slack"),
                                           QStringLiteral("Send Message"), QStringLiteral("Ada")}
            << "app-slack"
            << "Slack"
            << "Send Message"
            << "Ada";
        QTest::newRow("saved elsewhere")
            << ab::core::StoredActionNames{} << QString() << "SlackCLIAPI@1.2.3"
            << "send_message"
            << "conn-1";
    }
    void storedRunRequest_namesTheRunAsSavedElseByKeys()
    {
        QFETCH(ab::core::StoredActionNames, names);
        ab::core::StoredAction action;
        action.id = QStringLiteral("sa-1");
        action.connectionId = QStringLiteral("conn-1");
        action.selectedApi = QStringLiteral("SlackCLIAPI@1.2.3");
        action.actionKey = QStringLiteral("send_message");
        action.actionType = QStringLiteral("write");
        action.inputs = {{QStringLiteral("stored"), 1}};
        const QVariantMap inputs{{QStringLiteral("text"), QStringLiteral("hi")}};
        const StoredRunRequest request = StoredRunRequest::of(QStringLiteral("sandbox"), action,
                                                              names, inputs, QStringLiteral("2"));
        QCOMPARE(request.environment, QStringLiteral("sandbox"));
        QCOMPARE(request.storedActionId, action.id);
        QCOMPARE(request.inputs, inputs); // the stored ones are the server's to merge
        QCOMPARE(request.page, QStringLiteral("2"));
        QCOMPARE(request.actionKey, action.actionKey);
        QCOMPARE(request.actionType, action.actionType);
        QCOMPARE(request.connectionId, action.connectionId);
        QTEST(request.appId, "appId");
        QTEST(request.appTitle, "appTitle");
        QTEST(request.actionTitle, "actionTitle");
        QTEST(request.connectionTitle, "connectionTitle");
    }

    void init()
    {
        m_dir = new QTemporaryDir;
        QVERIFY(m_dir->isValid());
        m_store = new HistoryStore(ab::test::jsonTestCodec());
        QVERIFY(m_store->open(dbPath()));
        m_backend = new FakeBackend;
        m_clock = new ManualClock;
        m_service = new RunService(m_backend, m_store, m_clock);
        m_service->setPollSchedule(PollSchedule(1, {{1000000, 5}}, 5, 180000));
        m_service->setPollErrorBackoffMs(1);
        m_service->setStoredRetryBackoffMs(1);
        // Each GET /v2/actions hands out a new ephemeral id, as Zapier does.
        m_actionsServed = 0;
        m_backend->onActions = [this](const FakeCall &) {
            ++m_actionsServed;
            Action action;
            action.id = QStringLiteral("core:v%1").arg(m_actionsServed);
            action.key = QStringLiteral("send_message");
            Action other;
            other.id = QStringLiteral("core:other");
            other.key = QStringLiteral("add_reaction");
            return std::optional(
                withCall(ApiResult<QList<Action>>(QList<Action>{other, action}),
                         call(QStringLiteral("GET"), QStringLiteral("/v2/actions"))));
        };
        m_backend->onCreateRun = [](const FakeCall &) {
            return std::optional(
                withCall(ApiResult<QString>(QStringLiteral("srv-1")),
                         call(QStringLiteral("POST"), QStringLiteral("/v2/action-runs"))));
        };
        m_backend->onGetRun = [](const FakeCall &) {
            return std::optional(
                withCall(ApiResult<RunState>(
                             FakeBackend::runState(QStringLiteral("success"), R"([{"ok":true}])")),
                         call(QStringLiteral("GET"), QStringLiteral("/v2/action-runs/srv-1"))));
        };
    }

    void cleanup()
    {
        delete m_service;
        delete m_backend;
        delete m_clock;
        delete m_store;
        delete m_dir;
    }

    void run_fetchesFreshActionIdBeforeEveryRun()
    {
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 first = m_service->startRun(slackRequest());
        QVERIFY(finished.wait());
        const qint64 second = m_service->rerun(first);
        QVERIFY(second > first);
        QVERIFY(finished.wait());

        QStringList order;
        for (const FakeCall &made : std::as_const(m_backend->calls)) {
            if (made.method != QLatin1String("getRun"))
                order.append(made.method);
        }
        QCOMPARE(order, (QStringList{QStringLiteral("actions"), QStringLiteral("createRun"),
                                     QStringLiteral("actions"), QStringLiteral("createRun")}));
        const QList<FakeCall> actions = m_backend->callsOf(QStringLiteral("actions"));
        QCOMPARE(actions.first().args,
                 (QStringList{QStringLiteral("app-slack"), QStringLiteral("WRITE")}));
        const QList<FakeCall> posts = m_backend->callsOf(QStringLiteral("createRun"));
        QCOMPARE(posts.at(0).args.first(), QStringLiteral("core:v1"));
        QCOMPARE(posts.at(1).args.first(), QStringLiteral("core:v2"));
        QCOMPARE(posts.at(1).args.at(1), QStringLiteral("conn-1"));
        QCOMPARE(posts.at(1).inputs, slackRequest().inputs);
        QCOMPARE(record(second).actionId, QStringLiteral("core:v2"));
        QCOMPARE(record(second).inputLabels, slackRequest().inputLabels);
    }

    void run_secretInputsAreProtectedBeforeSendingAndAfterARestart()
    {
        RunRequest request = slackRequest();
        request.inputs.insert(QStringLiteral("password"), QStringLiteral("pw-1"));
        request.secretInputs = {QStringLiteral("password")};
        qsizetype protectedBeforePost = -1;
        m_backend->onCreateRun = [&](const FakeCall &) {
            protectedBeforePost = m_backend->protectedInputs.size();
            return std::optional(ApiResult<QString>(QStringLiteral("srv-1")));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 first = m_service->startRun(request);
        QVERIFY(finished.wait());
        QVERIFY(protectedBeforePost >= 1);
        QCOMPARE(m_backend->protectedInputs.first(),
                 (QPair<QString, QString>{QStringLiteral("password"), QStringLiteral("pw-1")}));
        QCOMPARE(record(first).secretInputs, request.secretInputs);

        // A re-run keeps them secret; so does a new process that resumes polling one.
        const qint64 second = m_service->rerun(first);
        QVERIFY(finished.wait());
        QCOMPARE(record(second).secretInputs, request.secretInputs);
        RunRecord left = record(second);
        left.phase = Phase::Waiting;
        QVERIFY(m_store->update(left));
        FakeBackend freshBackend;
        freshBackend.onGetRun = m_backend->onGetRun;
        RunService fresh(&freshBackend, m_store, m_clock);
        QSignalSpy freshFinished(&fresh, &RunService::runFinished);
        QVERIFY(fresh.resume(second));
        QVERIFY(freshFinished.wait());
        QCOMPARE(freshBackend.protectedInputs.value(0),
                 (QPair<QString, QString>{QStringLiteral("password"), QStringLiteral("pw-1")}));
    }

    void run_isOnDiskAsSubmittingBeforeThePostLeaves()
    {
        qint64 id = 0;
        Phase seenPhase = Phase::Preparing;
        QString seenActionId;
        QDateTime seenSubmittedAt;
        m_backend->onCreateRun = [&](const FakeCall &) {
            // Another connection, as a crash-recovering process would see the file.
            HistoryStore other(ab::test::jsonTestCodec());
            if (other.open(dbPath())) {
                const std::optional<RunRecord> row = other.load(id);
                seenPhase = row ? row->phase : Phase::Preparing;
                seenActionId = row ? row->actionId : QString();
                seenSubmittedAt = row ? row->submittedAt : QDateTime();
            }
            return std::optional(ApiResult<QString>(QStringLiteral("srv-1")));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        id = m_service->startRun(slackRequest());
        QVERIFY(id > 0);
        // Written synchronously, before any reply.
        QCOMPARE(record(id).phase, Phase::Preparing);
        QVERIFY(finished.wait());
        QCOMPARE(seenPhase, Phase::Submitting);
        QCOMPARE(seenActionId, QStringLiteral("core:v1"));
        QVERIFY(seenSubmittedAt.isValid());
    }

    void run_successKeepsResultsTimelineAndCalls()
    {
        QSignalSpy started(m_service, &RunService::runStarted);
        QSignalSpy updated(m_service, &RunService::runUpdated);
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startRun(slackRequest());
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().first().toLongLong(), id);
        QVERIFY(m_service->isActive(id));
        QVERIFY(finished.wait());
        QCOMPARE(finished.first().first().toLongLong(), id);
        QVERIFY(!m_service->isActive(id));
        QVERIFY(updated.size() >= 2);

        const RunRecord run = record(id);
        QCOMPARE(run.phase, Phase::Success);
        QCOMPARE(run.serverRunId, QStringLiteral("srv-1"));
        QCOMPARE(run.statusRaw, QStringLiteral("success"));
        QCOMPARE(run.resultsJson, QByteArray(R"([{"ok":true}])"));
        QCOMPARE(run.fieldsJson, slackRequest().fieldsJson);
        QVERIFY(run.finishedAt.isValid());
        QVERIFY(!run.apiError);
        QCOMPARE(eventPhases(id), (QList<Phase>{Phase::Preparing, Phase::Submitting, Phase::Waiting,
                                                Phase::Success}));
        QStringList urls;
        for (const RequestRecord &made : run.calls)
            urls.append(made.url);
        QCOMPARE(urls,
                 (QStringList{QStringLiteral("/v2/actions"), QStringLiteral("/v2/action-runs"),
                              QStringLiteral("/v2/action-runs/srv-1")}));
    }

    void run_pendingStatusesBecomeTimelineEvents()
    {
        auto polls = std::make_shared<int>(0);
        m_backend->onGetRun = [polls](const FakeCall &) {
            return std::optional(ApiResult<RunState>(FakeBackend::runState(
                ++*polls < 3 ? QStringLiteral("waiting") : QStringLiteral("success"))));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startRun(slackRequest());
        QVERIFY(finished.wait());
        const RunRecord run = record(id);
        QCOMPARE(run.events.size(), 5);
        QCOMPARE(run.events.at(3).phase, Phase::Waiting);
        QCOMPARE(run.events.at(3).status, QStringLiteral("waiting"));
    }

    void run_refusedByApiFailsAndIsNeverPolled()
    {
        m_backend->onCreateRun = [](const FakeCall &) {
            return std::optional(ApiResult<QString>(
                FakeBackend::error(ErrorKind::BadRequest, 400, QStringLiteral("bad inputs"))));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startRun(slackRequest());
        QVERIFY(finished.wait());
        const RunRecord run = record(id);
        QCOMPARE(run.phase, Phase::Failed);
        QVERIFY(run.apiError);
        QCOMPARE(run.apiError->kind, ErrorKind::BadRequest);
        QCOMPARE(run.apiError->httpStatus, 400);
        QCOMPARE(run.apiError->detail, QStringLiteral("bad inputs"));
        QCOMPARE(m_backend->callCount(QStringLiteral("getRun")), 0);
    }

    void run_actionKeyGoneFailsWithoutPosting()
    {
        m_backend->onActions = [](const FakeCall &) {
            return std::optional(ApiResult<QList<Action>>(QList<Action>{}));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startRun(slackRequest());
        QVERIFY(finished.wait());
        QCOMPARE(record(id).phase, Phase::Failed);
        QCOMPARE(record(id).apiError->kind, ErrorKind::NotFound);
        QCOMPARE(m_backend->callCount(QStringLiteral("createRun")), 0);
    }

    void run_outcomeUnknownIsNeverSentAgain()
    {
        m_backend->onCreateRun = [](const FakeCall &) {
            return std::optional(ApiResult<QString>(FakeBackend::error(ErrorKind::OutcomeUnknown)));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startRun(slackRequest());
        QVERIFY(finished.wait());
        QCOMPARE(record(id).phase, Phase::OutcomeUnknown);
        QCOMPARE(record(id).apiError->kind, ErrorKind::OutcomeUnknown);
        QCOMPARE(m_service->resumeUnfinished({}, 0), 0);
        QVERIFY(!m_service->resume(id));
        QCOMPARE(m_backend->callCount(QStringLiteral("createRun")), 1);
        QCOMPARE(m_backend->callCount(QStringLiteral("getRun")), 0);
    }

    void run_throttledByTheAppEndsAsErrorAndIsNotRerun()
    {
        m_backend->onGetRun = [](const FakeCall &) {
            RunState throttled = FakeBackend::runState(QStringLiteral("error"));
            ab::core::RunError error;
            error.code = ab::core::RunErrorCode::Throttled;
            error.codeRaw = QStringLiteral("throttled");
            error.delaySeconds = 30;
            throttled.errors = {error};
            return std::optional(ApiResult<RunState>(throttled));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startRun(slackRequest());
        QVERIFY(finished.wait());
        const RunRecord run = record(id);
        QCOMPARE(run.phase, Phase::Error);
        QCOMPARE(run.errors.size(), 1);
        QCOMPARE(run.errors.first().delaySeconds, std::optional<int>(30));
        QVERIFY(run.events.last().note.contains(QStringLiteral("30 s")));
        QCOMPARE(m_backend->callCount(QStringLiteral("createRun")), 1);
    }

    void run_pollingGivesUpAsTimedOutAndCanResume()
    {
        m_service->setMaxPollErrors(2);
        m_backend->onGetRun = [](const FakeCall &) {
            return std::optional(ApiResult<RunState>(FakeBackend::error(ErrorKind::Server, 500)));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startRun(slackRequest());
        QVERIFY(finished.wait());
        QCOMPARE(record(id).phase, Phase::TimedOut);
        QCOMPARE(record(id).apiError->kind, ErrorKind::Server);

        m_backend->onGetRun = [](const FakeCall &) {
            return std::optional(
                ApiResult<RunState>(FakeBackend::runState(QStringLiteral("success"))));
        };
        QVERIFY(m_service->resume(id));
        QVERIFY(finished.wait());
        QCOMPARE(record(id).phase, Phase::Success);
        QVERIFY(!record(id).apiError);
        QCOMPARE(m_backend->callCount(QStringLiteral("createRun")), 1);
    }

    void storedRun_retriesWithTheSameIdempotencyIdAfter503()
    {
        QString savedBeforePost;
        auto attempts = std::make_shared<int>(0);
        m_backend->onRunStoredAction = [&, attempts](const FakeCall &) {
            // The first POST leaves inside startStoredRun(): find the row by listing.
            const QList<RunSummary> newest = m_store->list({}, 0, 1);
            if (*attempts == 0 && !newest.isEmpty())
                savedBeforePost = record(newest.first().id).idempotencyId;
            if (++*attempts == 1)
                return std::optional(
                    ApiResult<QString>(FakeBackend::error(ErrorKind::Unavailable, 503)));
            return std::optional(ApiResult<QString>(QStringLiteral("srv-s")));
        };
        m_backend->onStoredActionRun = [](const FakeCall &) {
            RunState done = FakeBackend::runState(QStringLiteral("success"));
            done.nextPage = QStringLiteral("1");
            return std::optional(ApiResult<RunState>(done));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startStoredRun(storedRequest());
        QVERIFY(id > 0);
        QCOMPARE(record(id).phase, Phase::Submitting);
        QVERIFY(finished.wait());

        const QList<FakeCall> posts = m_backend->callsOf(QStringLiteral("runStoredAction"));
        QCOMPARE(posts.size(), 2);
        QVERIFY(!posts.at(0).idempotencyId.isEmpty());
        QCOMPARE(posts.at(1).idempotencyId, posts.at(0).idempotencyId);
        QCOMPARE(savedBeforePost, posts.at(0).idempotencyId);
        QCOMPARE(posts.at(0).args.first(), QStringLiteral("sa-1"));
        QCOMPARE(posts.at(0).pageToken, QStringLiteral("0"));
        QCOMPARE(posts.at(0).inputs, storedRequest().inputs);

        const RunRecord run = record(id);
        QCOMPARE(run.kind, RunKind::Stored);
        QCOMPARE(run.phase, Phase::Success);
        QCOMPARE(run.idempotencyId, posts.at(0).idempotencyId);
        QCOMPARE(run.nextPage, QStringLiteral("1"));
        QCOMPARE(m_backend->callsOf(QStringLiteral("storedActionRun")).first().args,
                 (QStringList{QStringLiteral("sa-1"), QStringLiteral("srv-s")}));
        QCOMPARE(m_backend->callCount(QStringLiteral("getRun")), 0);
    }

    void storedRun_givesUpAfterMaxAttempts()
    {
        m_service->setMaxStoredSubmitAttempts(3);
        m_backend->onRunStoredAction = [](const FakeCall &) {
            return std::optional(
                ApiResult<QString>(FakeBackend::error(ErrorKind::Unavailable, 503)));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startStoredRun(storedRequest());
        QVERIFY(finished.wait());
        const QList<FakeCall> posts = m_backend->callsOf(QStringLiteral("runStoredAction"));
        QCOMPARE(posts.size(), 3);
        QCOMPARE(posts.at(2).idempotencyId, posts.at(0).idempotencyId);
        QCOMPARE(record(id).phase, Phase::Failed);
        QCOMPARE(record(id).apiError->httpStatus, 503);
    }

    void storedRun_refusedRequestIsNotRetried()
    {
        m_backend->onRunStoredAction = [](const FakeCall &) {
            return std::optional(
                ApiResult<QString>(FakeBackend::error(ErrorKind::PaymentRequired, 402)));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startStoredRun(storedRequest());
        QVERIFY(finished.wait());
        QCOMPARE(m_backend->callCount(QStringLiteral("runStoredAction")), 1);
        QCOMPARE(record(id).phase, Phase::Failed);
    }

    void rerun_ofStoredRunIsANewAttemptWithANewIdempotencyId()
    {
        // Reusing the id would make Zapier answer with the original run (contract §11.2).
        m_backend->onRunStoredAction = [](const FakeCall &) {
            return std::optional(ApiResult<QString>(QStringLiteral("srv-s")));
        };
        m_backend->onStoredActionRun = [](const FakeCall &) {
            return std::optional(
                ApiResult<RunState>(FakeBackend::runState(QStringLiteral("success"))));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 first = m_service->startStoredRun(storedRequest());
        QVERIFY(finished.wait());
        const qint64 second = m_service->rerun(first);
        QVERIFY(finished.wait());
        const QList<FakeCall> posts = m_backend->callsOf(QStringLiteral("runStoredAction"));
        QCOMPARE(posts.size(), 2);
        QVERIFY(posts.at(0).idempotencyId != posts.at(1).idempotencyId);
        QCOMPARE(posts.at(1).pageToken, QStringLiteral("0"));
        QCOMPARE(posts.at(1).inputs, storedRequest().inputs);
        QCOMPARE(record(second).kind, RunKind::Stored);
        QCOMPARE(record(second).idempotencyId, posts.at(1).idempotencyId);
    }

    void cancel_beforeSendingNeverPosts()
    {
        m_backend->onActions = {};
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startRun(slackRequest());
        QTRY_COMPARE(m_backend->pendingActions.size(), 1);
        QVERIFY(m_service->cancel(id));
        QCOMPARE(finished.size(), 1);
        Action action;
        action.id = QStringLiteral("core:v1");
        action.key = QStringLiteral("send_message");
        ApiResult<QList<Action>> reply(QList<Action>{action});
        reply.calls = {call(QStringLiteral("GET"), QStringLiteral("/v2/actions"))};
        m_backend->pendingActions.takeFirst().reply(reply);
        QCOMPARE(m_backend->callCount(QStringLiteral("createRun")), 0);
        QCOMPARE(record(id).phase, Phase::Cancelled);
        QCOMPARE(record(id).calls.size(), 1); // the late reply's exchange is still recorded
    }

    void resumeUnfinished_settlesRunsLeftByAnotherProcess()
    {
        qint64 waiting = 0;
        qint64 preparing = 0;
        qint64 submitting = 0;
        {
            // What a process that died mid-run left behind.
            HistoryStore previous(ab::test::jsonTestCodec());
            QVERIFY(previous.open(dbPath()));
            RunRecord run;
            run.appTitle = QStringLiteral("Slack");
            run.createdAt = m_clock->now();
            run.phase = Phase::Waiting;
            run.serverRunId = QStringLiteral("srv-old");
            waiting = previous.insert(run);
            run.serverRunId.clear();
            run.phase = Phase::Preparing;
            preparing = previous.insert(run);
            run.phase = Phase::Submitting;
            submitting = previous.insert(run);
        }
        m_backend->onGetRun = [](const FakeCall &) {
            RunState done = FakeBackend::runState(QStringLiteral("success"), R"([{"late":1}])");
            return std::optional(ApiResult<RunState>(done));
        };
        QSignalSpy finished(m_service, &RunService::runFinished);
        QCOMPARE(m_service->resumeUnfinished({}, 0), 1);
        QCOMPARE(record(preparing).phase, Phase::Failed);
        QCOMPARE(record(submitting).phase, Phase::OutcomeUnknown);
        QVERIFY(m_service->isActive(waiting));
        QTRY_COMPARE(finished.size(), 3);
        QCOMPARE(record(waiting).phase, Phase::Success);
        QCOMPARE(record(waiting).resultsJson, QByteArray(R"([{"late":1}])"));
        QCOMPARE(m_backend->callsOf(QStringLiteral("getRun")).first().args.first(),
                 QStringLiteral("srv-old"));
        QCOMPARE(m_backend->callCount(QStringLiteral("createRun")), 0);
        QCOMPARE(m_backend->callCount(QStringLiteral("actions")), 0);
        QCOMPARE(m_service->resumeUnfinished({}, 0), 0);
    }

    void severalRuns_trackEachOnItsOwn()
    {
        m_backend->onCreateRun = [](const FakeCall &made) {
            return std::optional(ApiResult<QString>(
                QStringLiteral("srv-") + made.inputs.value(QStringLiteral("text")).toString()));
        };
        m_backend->onGetRun = {}; // the test answers polls itself, in reverse order
        RunRequest a = slackRequest();
        a.inputs.insert(QStringLiteral("text"), QStringLiteral("a"));
        RunRequest b = slackRequest();
        b.inputs.insert(QStringLiteral("text"), QStringLiteral("b"));
        const qint64 first = m_service->startRun(a);
        const qint64 second = m_service->startRun(b);
        QTRY_COMPARE(m_backend->pendingGetRun.size(), 2);
        QCOMPARE(m_service->activeRuns().size(), 2);
        QSignalSpy finished(m_service, &RunService::runFinished);
        for (int i = 1; i >= 0; --i) {
            const auto pending = m_backend->pendingGetRun.at(i);
            pending.reply(FakeBackend::runState(QStringLiteral("success"),
                                                pending.call.args.first().toUtf8()));
        }
        QCOMPARE(finished.size(), 2);
        QCOMPARE(record(first).resultsJson, QByteArray("srv-a"));
        QCOMPARE(record(second).resultsJson, QByteArray("srv-b"));
    }

    void cancel_stopsPollingAndIgnoresLateReply()
    {
        m_backend->onGetRun = {};
        QSignalSpy finished(m_service, &RunService::runFinished);
        const qint64 id = m_service->startRun(slackRequest());
        QTRY_COMPARE(m_backend->pendingGetRun.size(), 1);
        QVERIFY(m_service->cancel(id));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(record(id).phase, Phase::Cancelled);
        m_backend->pendingGetRun.takeFirst().reply(
            FakeBackend::runState(QStringLiteral("success")));
        QCOMPARE(record(id).phase, Phase::Cancelled);
        QVERIFY(!m_service->cancel(id));
    }

    void startRun_sendsNothingWhenHistoryCannotBeWritten()
    {
        m_store->close();
        QSignalSpy started(m_service, &RunService::runStarted);
        QCOMPARE(m_service->startRun(slackRequest()), 0);
        QCOMPARE(m_service->startStoredRun(storedRequest()), 0);
        QCOMPARE(m_store->lastError().code, StoreError::NotOpen);
        QCOMPARE(started.size(), 0);
        QVERIFY(m_backend->calls.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRunService)
#include "tst_runservice.moc"
