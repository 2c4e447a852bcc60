#include "api/requestscheduler.h"
#include "scriptedserver.h"
#include "support/manualclock.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace ab;
using namespace ab::api;
using core::ErrorKind;
using core::Priority;
using test::ScriptedResponse;
using test::ScriptedServer;

namespace {

struct Capture {
    bool called = false;
    ReplyOutcome outcome;
};

// Tiny delays everywhere: backoff in milliseconds, "Retry-After: 1" waits 10 ms.
SchedulerConfig fastConfig()
{
    SchedulerConfig config;
    config.retry = RetryPolicy{3, 1, 20, 42};
    config.partner = BucketLimits{1000, 60000, 20, 0};
    config.actions = BucketLimits{1000, 300000, 20, 0};
    config.msPerServerSecond = 10;
    return config;
}

} // namespace

class TestRequestScheduler final : public QObject {
    Q_OBJECT

    std::unique_ptr<ScriptedServer> m_server;
    std::unique_ptr<RequestLog> m_log;
    core::SystemClock m_systemClock;

    OutgoingRequest request(const QByteArray &method, const QString &path, bool idempotent,
                            Priority priority = Priority::User, int timeoutMs = 5000) const
    {
        OutgoingRequest out;
        QUrl url = m_server->url();
        url.setPath(path);
        out.request = QNetworkRequest(url);
        out.request.setTransferTimeout(timeoutMs);
        out.method = method;
        if (method != "GET")
            out.body = R"({"data":{}})";
        out.bucket = bucketForPath(path);
        out.priority = priority;
        out.idempotent = idempotent;
        return out;
    }

    std::shared_ptr<Capture> submit(RequestScheduler &scheduler, OutgoingRequest out,
                                    QObject *context = nullptr)
    {
        auto capture = std::make_shared<Capture>();
        scheduler.submit(std::move(out), context, [capture](const ReplyOutcome &outcome) {
            capture->called = true;
            capture->outcome = outcome;
        });
        return capture;
    }

    QStringList serverPaths() const
    {
        QStringList paths;
        for (const auto &received : m_server->requests())
            paths.append(received.path());
        return paths;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedServer>();
        QVERIFY(m_server->listen());
        m_log = std::make_unique<RequestLog>();
    }
    void cleanup()
    {
        m_server.reset();
        m_log.reset();
    }

    void get_retriedWithBackoffOn5xx()
    {
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        QSignalSpy exchanges(&scheduler, &RequestScheduler::exchangeFinished);
        m_server->enqueue(ScriptedResponse::json(503, "{}"));
        m_server->enqueue(ScriptedResponse::json(502, "{}"));
        m_server->enqueue(ScriptedResponse::json(200, R"({"ok":true})"));
        const auto done = submit(scheduler, request("GET", QStringLiteral("/v2/apps"), true));
        QVERIFY(!done->called); // never inside submit()
        QTRY_VERIFY(done->called);
        QCOMPARE(done->outcome.httpStatus, 200);
        QCOMPARE(done->outcome.body, QByteArray(R"({"ok":true})"));
        QCOMPARE(done->outcome.calls.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(done->outcome.calls.at(i).attempt, i + 1);
        QCOMPARE(done->outcome.calls.at(0).httpStatus, 503);
        QCOMPARE(exchanges.count(), 3);
        QCOMPARE(m_log->size(), 3);
    }

    void sentAtOnceWhenTheBudgetAllows()
    {
        // The request leaves inside submit(), so it travels while the caller goes on working
        // (the desktop app builds its window meanwhile); its answer still waits for the loop.
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        m_server->enqueue(ScriptedResponse::json(200, "{}"));
        const auto done = submit(scheduler, request("GET", QStringLiteral("/v2/apps"), true));
        QCOMPARE(scheduler.inFlightCount(), 1);
        QCOMPARE(scheduler.queuedCount(), 0);
        QVERIFY(!done->called);
        QTRY_VERIFY(done->called);
        QCOMPARE(done->outcome.httpStatus, 200);
    }

    void get_givesUpAfterMaxRetries()
    {
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        for (int i = 0; i < 4; ++i)
            m_server->enqueue(ScriptedResponse::json(503, "{}"));
        m_server->enqueue(ScriptedResponse::json(200, "{}")); // never reached
        const auto done = submit(scheduler, request("GET", QStringLiteral("/v2/apps"), true));
        QTRY_VERIFY(done->called);
        QCOMPARE(done->outcome.httpStatus, 503);
        QCOMPARE(done->outcome.calls.size(), 4);
        QCOMPARE(m_server->requests().size(), 4);
    }

    void actionRun_neverRetriedOn5xx_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("500") << 500;
        QTest::newRow("502") << 502;
        QTest::newRow("503") << 503;
        QTest::newRow("504") << 504;
    }
    void actionRun_neverRetriedOn5xx()
    {
        QFETCH(int, status);
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        m_server->enqueue(ScriptedResponse::json(status, "{}"));
        m_server->enqueue(ScriptedResponse::json(200, R"({"data":{"id":"twice"}})"));
        const auto done =
            submit(scheduler, request("POST", QStringLiteral("/v2/action-runs"), false));
        QTRY_VERIFY(done->called);
        QCOMPARE(done->outcome.httpStatus, status);
        QVERIFY(!done->outcome.transportError);
        QCOMPARE(m_server->requests().size(), 1);
    }

    void actionRun_retriedAfter429WithItsCooldown()
    {
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        QSignalSpy waiting(&scheduler, &RequestScheduler::waitingForBudget);
        QSignalSpy budgets(&scheduler, &RequestScheduler::budgetChanged);
        m_server->enqueue(ScriptedResponse::json(
            429, R"({"errors":[{"code":"too_many_requests"}]})", {{"Retry-After", "3"}}));
        m_server->enqueue(ScriptedResponse::json(200, R"({"data":{"id":"r1"}})"));
        const auto done =
            submit(scheduler, request("POST", QStringLiteral("/v2/action-runs"), false));
        QTRY_VERIFY(done->called);
        QCOMPARE(done->outcome.httpStatus, 200);
        QCOMPARE(m_server->requests().size(), 2);
        QCOMPARE(done->outcome.calls.size(), 2);
        QCOMPARE(done->outcome.calls.at(0).httpStatus, 429);
        // The 429 set a cooldown of Retry-After (3 "seconds" = 30 ms here) on the bucket.
        QVERIFY(!waiting.isEmpty());
        QCOMPARE(waiting.first().at(0).toString(), QStringLiteral("partner"));
        QVERIFY(waiting.first().at(1).toLongLong() > 0);
        QVERIFY(waiting.first().at(1).toLongLong() <= 30);
        QCOMPARE(waiting.last().at(1).toLongLong(), 0); // and it ended
        const bool sawCooldown = std::any_of(budgets.begin(), budgets.end(), [](const auto &args) {
            return args.at(0).template value<RateBudget>().cooldownMsLeft > 0;
        });
        QVERIFY(sawCooldown);
    }

    void rateLimited_withoutRetryAfter_usesTheBucketCooldown()
    {
        SchedulerConfig config = fastConfig();
        config.retry.maxRetries = 1;
        RequestScheduler scheduler(m_log.get(), &m_systemClock, config);
        QSignalSpy waiting(&scheduler, &RequestScheduler::waitingForBudget);
        m_server->enqueue(ScriptedResponse::json(429, "{}"));
        m_server->enqueue(ScriptedResponse::json(429, "{}", {{"Retry-After", "1"}}));
        const auto done =
            submit(scheduler, request("GET", QStringLiteral("/actions/v1/stored-actions"), true));
        QTRY_VERIFY(done->called);
        // Out of retries: the 429 itself is the answer.
        QCOMPARE(done->outcome.httpStatus, 429);
        QCOMPARE(done->outcome.retryAfterSeconds.value_or(-1), 1);
        QCOMPARE(waiting.first().at(0).toString(), QStringLiteral("actions"));
        QVERIFY(waiting.first().at(1).toLongLong() <= 20); // cooldownAfter429Ms
    }

    void actionRun_droppedAfterSending_isOutcomeUnknown()
    {
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        m_server->enqueue(ScriptedResponse::drop());
        m_server->enqueue(ScriptedResponse::json(200, R"({"data":{"id":"twice"}})"));
        const auto done =
            submit(scheduler, request("POST", QStringLiteral("/v2/action-runs"), false));
        QTRY_VERIFY(done->called);
        QVERIFY(done->outcome.transportError);
        QCOMPARE(done->outcome.transportError->kind, ErrorKind::OutcomeUnknown);
        QCOMPARE(m_server->requests().size(), 1); // never re-sent, not even by Qt
        QCOMPARE(done->outcome.calls.size(), 1);
        QVERIFY(!done->outcome.calls.at(0).errorText.isEmpty());
    }

    void actionRun_timedOut_isOutcomeUnknown()
    {
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        m_server->enqueue(ScriptedResponse::hang());
        const auto done = submit(scheduler, request("POST", QStringLiteral("/v2/action-runs"),
                                                    false, Priority::User, 100));
        QTRY_VERIFY(done->called);
        QVERIFY(done->outcome.transportError);
        QCOMPARE(done->outcome.transportError->kind, ErrorKind::OutcomeUnknown);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(done->outcome.calls.at(0).errorText, QStringLiteral("timed out"));
    }

    void actionRun_connectionRefused_isNetworkNotUnknown()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        OutgoingRequest out = request("POST", QStringLiteral("/v2/action-runs"), false);
        QUrl url = out.request.url();
        url.setPort(closedPort);
        out.request.setUrl(url);
        const auto done = submit(scheduler, out);
        QTRY_VERIFY(done->called);
        QVERIFY(done->outcome.transportError);
        // It never reached a server, so it certainly did not run.
        QCOMPARE(done->outcome.transportError->kind, ErrorKind::Network);
        QCOMPARE(done->outcome.calls.size(), 1);
    }

    void get_droppedIsRetried()
    {
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        m_server->enqueue(ScriptedResponse::drop());
        m_server->enqueue(ScriptedResponse::json(200, "{}"));
        const auto done =
            submit(scheduler, request("GET", QStringLiteral("/v2/action-runs/r1"), true));
        QTRY_VERIFY(done->called);
        QCOMPARE(done->outcome.httpStatus, 200);
        QCOMPARE(m_server->requests().size(), 2);
    }

    void get_timeoutAfterRetriesIsTimeout()
    {
        SchedulerConfig config = fastConfig();
        config.retry.maxRetries = 1;
        RequestScheduler scheduler(m_log.get(), &m_systemClock, config);
        m_server->enqueue(ScriptedResponse::hang());
        m_server->enqueue(ScriptedResponse::hang());
        const auto done = submit(
            scheduler, request("GET", QStringLiteral("/v2/apps"), true, Priority::User, 100));
        QTRY_VERIFY(done->called);
        QVERIFY(done->outcome.transportError);
        QCOMPARE(done->outcome.transportError->kind, ErrorKind::Timeout);
        QCOMPARE(done->outcome.calls.size(), 2);
    }

    void idempotentPost_retriedOn503()
    {
        // A stored-action run with an idempotency_id, or a read-only POST such as /inputs.
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        m_server->enqueue(ScriptedResponse::json(503, "{}", {{"Retry-After", "1"}}));
        m_server->enqueue(ScriptedResponse::json(202, R"({"data":{"id":"r"}})"));
        const auto done = submit(
            scheduler, request("POST", QStringLiteral("/actions/v1/stored-actions/s/run"), true));
        QTRY_VERIFY(done->called);
        QCOMPARE(done->outcome.httpStatus, 202);
        QCOMPARE(m_server->requests().size(), 2);
        QCOMPARE(m_server->requests().at(1).body, m_server->requests().at(0).body);
    }

    void priorities_userGoesBeforeBackground()
    {
        test::ManualClock clock;
        SchedulerConfig config = fastConfig();
        config.partner = BucketLimits{1, 60000, 60000, 0};
        RequestScheduler scheduler(m_log.get(), &clock, config);
        QSignalSpy waiting(&scheduler, &RequestScheduler::waitingForBudget);
        m_server->setHandler(
            [](const test::ScriptedRequest &) { return ScriptedResponse::json(200, "{}"); });
        const auto first = submit(
            scheduler, request("GET", QStringLiteral("/v2/first"), true, Priority::Background));
        QTRY_VERIFY(first->called);
        const auto pollA = submit(
            scheduler, request("GET", QStringLiteral("/v2/poll-a"), true, Priority::Background));
        const auto pollB = submit(
            scheduler, request("GET", QStringLiteral("/v2/poll-b"), true, Priority::Background));
        const auto user = submit(scheduler, request("GET", QStringLiteral("/v2/user"), true));
        QTRY_VERIFY(scheduler.isWaitingForBudget());
        QCOMPARE(scheduler.queuedCount(), 3);
        QCOMPARE(waiting.last().at(1).toLongLong(), 60000);

        for (const auto &next : {user, pollA, pollB}) {
            clock.advance(60000);
            scheduler.reschedule();
            QTRY_VERIFY(next->called);
        }
        QCOMPARE(serverPaths(),
                 QStringList({QStringLiteral("/v2/first"), QStringLiteral("/v2/user"),
                              QStringLiteral("/v2/poll-a"), QStringLiteral("/v2/poll-b")}));
    }

    void budgetExhausted_queuesInsteadOfFailing()
    {
        test::ManualClock clock;
        SchedulerConfig config = fastConfig();
        config.partner = BucketLimits{2, 60000, 60000, 0};
        RequestScheduler scheduler(m_log.get(), &clock, config);
        m_server->setHandler(
            [](const test::ScriptedRequest &) { return ScriptedResponse::json(200, "{}"); });
        QList<std::shared_ptr<Capture>> done;
        for (int i = 0; i < 3; ++i)
            done.append(submit(scheduler, request("GET", QStringLiteral("/v2/apps"), true)));
        QTRY_VERIFY(done.at(0)->called && done.at(1)->called);
        QVERIFY(scheduler.isWaitingForBudget());
        QVERIFY(!done.at(2)->called);
        QCOMPARE(m_server->requests().size(), 2);
        const RateBudget budget = scheduler.budget(Bucket::Partner);
        QCOMPARE(budget.bucket, QStringLiteral("partner"));
        QCOMPARE(budget.limit, 2);
        QCOMPARE(budget.remaining, 0);
        // The Actions bucket is separate and untouched.
        QCOMPARE(scheduler.budget(Bucket::Actions).remaining, 1000);

        clock.advance(59999);
        scheduler.reschedule();
        QCOMPARE(m_server->requests().size(), 2);
        clock.advance(1);
        scheduler.reschedule();
        QTRY_VERIFY(done.at(2)->called);
        QCOMPARE(done.at(2)->outcome.httpStatus, 200);
        QVERIFY(!scheduler.isWaitingForBudget());
    }

    void background_leavesTheReserveToTheUser()
    {
        test::ManualClock clock;
        SchedulerConfig config = fastConfig();
        config.partner = BucketLimits{3, 60000, 60000, 1};
        RequestScheduler scheduler(m_log.get(), &clock, config);
        m_server->setHandler(
            [](const test::ScriptedRequest &) { return ScriptedResponse::json(200, "{}"); });
        const auto a =
            submit(scheduler, request("GET", QStringLiteral("/v2/a"), true, Priority::Background));
        const auto b =
            submit(scheduler, request("GET", QStringLiteral("/v2/b"), true, Priority::Background));
        const auto c =
            submit(scheduler, request("GET", QStringLiteral("/v2/c"), true, Priority::Background));
        QTRY_VERIFY(a->called && b->called);
        const auto user = submit(scheduler, request("GET", QStringLiteral("/v2/user"), true));
        QTRY_VERIFY(user->called);
        QVERIFY(!c->called);
        QCOMPARE(serverPaths().size(), 3);
    }

    void serverRemainingAndReset_reduceTheBudget()
    {
        test::ManualClock clock;
        RequestScheduler scheduler(m_log.get(), &clock, fastConfig());
        m_server->enqueue(ScriptedResponse::json(202, "{}",
                                                 {{"X-RateLimit-Limit", "200"},
                                                  {"X-RateLimit-Remaining", "0"},
                                                  {"X-RateLimit-Reset", "100"}}));
        m_server->enqueue(ScriptedResponse::json(200, "{}"));
        const auto first =
            submit(scheduler, request("GET", QStringLiteral("/actions/v1/stored-actions"), true));
        QTRY_VERIFY(first->called);
        const RateBudget budget = scheduler.budget(Bucket::Actions);
        QCOMPARE(budget.limit, 200); // the Actions API's header is the real cap
        QCOMPARE(budget.remaining, 0);
        const auto second =
            submit(scheduler, request("GET", QStringLiteral("/actions/v1/stored-actions"), true));
        QTRY_VERIFY(scheduler.isWaitingForBudget());
        // 100 "seconds" of reset = 1000 ms with fastConfig().
        clock.advance(1000);
        scheduler.reschedule();
        QTRY_VERIFY(second->called);
        QCOMPARE(second->outcome.httpStatus, 200);
        QCOMPARE(scheduler.budget(Bucket::Actions).remaining, 198); // both sends are in the window
    }

    void context_destroyedWhileQueued_isNeverSent()
    {
        test::ManualClock clock;
        SchedulerConfig config = fastConfig();
        config.partner = BucketLimits{1, 60000, 60000, 0};
        RequestScheduler scheduler(m_log.get(), &clock, config);
        m_server->setHandler(
            [](const test::ScriptedRequest &) { return ScriptedResponse::json(200, "{}"); });
        const auto first = submit(scheduler, request("GET", QStringLiteral("/v2/first"), true));
        QTRY_VERIFY(first->called);
        auto context = std::make_unique<QObject>();
        const auto dropped =
            submit(scheduler, request("GET", QStringLiteral("/v2/dropped"), true), context.get());
        QTRY_COMPARE(scheduler.queuedCount(), 1);
        context.reset();
        clock.advance(60000);
        scheduler.reschedule();
        QCOMPARE(scheduler.queuedCount(), 0);
        QCOMPARE(scheduler.inFlightCount(), 0);
        QVERIFY(!dropped->called);
        QCOMPARE(serverPaths(), QStringList{QStringLiteral("/v2/first")});
    }

    void context_destroyedInFlight_dropsTheCallback()
    {
        RequestScheduler scheduler(m_log.get(), &m_systemClock, fastConfig());
        QSignalSpy exchanges(&scheduler, &RequestScheduler::exchangeFinished);
        auto *context = new QObject;
        // The context dies while the server is answering.
        m_server->setHandler([context](const test::ScriptedRequest &) {
            delete context;
            return ScriptedResponse::json(200, "{}");
        });
        const auto done =
            submit(scheduler, request("GET", QStringLiteral("/v2/apps"), true), context);
        QVERIFY(exchanges.wait());
        QCOMPARE(scheduler.inFlightCount(), 0);
        QVERIFY(!done->called);
    }
};

QTEST_GUILESS_MAIN(TestRequestScheduler)
#include "tst_requestscheduler.moc"
