// Every fault kind of the sandbox's fault plans against the real ApiClient: idempotent calls are
// retried through transient faults and end in a typed error of the right kind when the fault
// stays; POST /v2/action-runs is never re-sent unless Zapier refused it with a 429.
#include "sandbox/sandboxstate.h"
#include "support/sandboxfixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ab;
using core::ErrorKind;
using test::Await;
using test::SandboxFixture;

namespace {

constexpr int maxRetries = 2; // three attempts
// Transfer timeouts: every attempt times out / a retry must still get through in time.
constexpr int shortTimeoutMs = 100;
constexpr int retryTimeoutMs = 400;

// One answered call, whatever its value type.
struct Outcome {
    bool answered = false;
    bool ok = false;
    core::ApiError error;
    QList<core::RequestRecord> calls;
};

template <typename T> Outcome outcomeOf(const Await<T> &await)
{
    Outcome outcome;
    if (!await.wait())
        return outcome;
    outcome.answered = true;
    outcome.ok = await.ok();
    if (!outcome.ok)
        outcome.error = await.error();
    outcome.calls = await.calls();
    return outcome;
}

// Ids a route needs, created before any fault is switched on.
struct Prepared {
    QString actionId;
    QString runId;
    QString storedActionId;
    QString storedRunId;
};

// The representative idempotent routes: a Partner API list, a paged walk, a read-only POST,
// the run poll and the Actions API's run read.
const QStringList routes = {QStringLiteral("apps"), QStringLiteral("connections"),
                            QStringLiteral("inputs"), QStringLiteral("getRun"),
                            QStringLiteral("storedActionRun")};

QByteArray routeGlob(const QString &route)
{
    if (route == QLatin1String("apps"))
        return "/v2/apps";
    if (route == QLatin1String("connections"))
        return "/v2/authentications";
    if (route == QLatin1String("inputs"))
        return "/v2/actions/*/inputs";
    if (route == QLatin1String("getRun"))
        return "/v2/action-runs/*";
    return "/actions/v1/stored-actions/*/runs/*";
}

QByteArray routeMethod(const QString &route)
{
    return route == QLatin1String("inputs") ? "POST" : "GET";
}

Outcome callRoute(api::ApiClient &api, const QString &route, const Prepared &ids)
{
    if (route == QLatin1String("apps")) {
        Await<core::Page<core::App>> await;
        api.apps({}, nullptr, await.callback());
        return outcomeOf(await);
    }
    if (route == QLatin1String("connections")) {
        Await<QList<core::Connection>> await;
        api.connections(QStringLiteral("slack"), nullptr, await.callback());
        return outcomeOf(await);
    }
    if (route == QLatin1String("inputs")) {
        Await<QList<core::FieldNode>> await;
        api.inputs(ids.actionId, QStringLiteral("sb-conn-gsheets-1"), {}, nullptr,
                   await.callback());
        return outcomeOf(await);
    }
    if (route == QLatin1String("getRun")) {
        Await<core::RunState> await;
        api.getRun(ids.runId, core::Priority::Background, nullptr, await.callback());
        return outcomeOf(await);
    }
    Await<core::RunState> await;
    api.storedActionRun(ids.storedActionId, ids.storedRunId, core::Priority::Background, nullptr,
                        await.callback());
    return outcomeOf(await);
}

QByteArray errorText(const Outcome &outcome)
{
    if (!outcome.answered)
        return "no answer";
    return outcome.ok ? QByteArray("ok") : outcome.error.summary().toUtf8();
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

class TestFaults final : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxFixture> m_sandbox;

    std::unique_ptr<api::ApiClient> client(int timeoutMs = 20000) const
    {
        api::ApiClientConfig config = m_sandbox->clientConfig(maxRetries);
        config.transferTimeoutMs = timeoutMs;
        return m_sandbox->client(config);
    }

    void setFaults(const QByteArray &plan)
    {
        QString error;
        QVERIFY2(m_sandbox->setFaults(plan, &error), qPrintable(error));
    }

    // Everything every route needs, made with a fault-free client.
    Prepared prepare()
    {
        const auto api = client();
        Prepared ids;
        ids.actionId = test::freshActionId(*api, m_sandbox->appId("Google Sheets"), "add_row");
        const QString faultsAction =
            test::freshActionId(*api, m_sandbox->appId("Sandbox Faults"), "simulate_outcome");
        Await<QString> run;
        api->createRun(faultsAction, QStringLiteral("sb-conn-faults-1"),
                       {{QStringLiteral("polls"), 0}}, nullptr, run.callback());
        core::StoredAction stored;
        stored.connectionId = QStringLiteral("sb-conn-faults-1");
        stored.selectedApi = QStringLiteral("SandboxFaultsAPI");
        stored.actionKey = QStringLiteral("simulate_outcome");
        stored.actionType = QStringLiteral("write");
        Await<QString> created;
        api->createStoredAction(stored, nullptr, created.callback());
        if (!run.wait() || !run.ok() || !created.wait() || !created.ok())
            return ids;
        ids.runId = run.value();
        ids.storedActionId = created.value();
        Await<QString> storedRun;
        api->runStoredAction(ids.storedActionId, {}, QString(), QStringLiteral("prepare"), nullptr,
                             storedRun.callback());
        if (storedRun.wait() && storedRun.ok())
            ids.storedRunId = storedRun.value();
        m_sandbox->server().clearRequests();
        return ids;
    }

    QString createRunActionId()
    {
        const auto api = client();
        const QString id =
            test::freshActionId(*api, m_sandbox->appId("Sandbox Faults"), "simulate_outcome");
        m_sandbox->server().clearRequests();
        return id;
    }

    Outcome createRun(api::ApiClient &api, const QString &actionId)
    {
        Await<QString> await;
        api.createRun(actionId, QStringLiteral("sb-conn-faults-1"), {{QStringLiteral("polls"), 0}},
                      nullptr, await.callback());
        return outcomeOf(await);
    }

    int runPosts() const { return m_sandbox->count("POST", "/v2/action-runs"); }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<SandboxFixture>();
        QVERIFY(m_sandbox->start());
    }
    void cleanup() { m_sandbox.reset(); }

    void idempotent_persistentFaultIsATypedError_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<int>("retryAfter"); // -1: none
        struct Fault {
            const char *name;
            QByteArray json;
            int timeoutMs;
            ErrorKind kind;
            int httpStatus;
            int attempts;
            int retryAfter;
        };
        const int all = maxRetries + 1;
        const QList<Fault> faults = {
            {"429 with Retry-After", R"("status": 429, "headers": {"Retry-After": "2"})", 20000,
             ErrorKind::RateLimited, 429, all, 2},
            {"429 without Retry-After", R"("status": 429)", 20000, ErrorKind::RateLimited, 429, all,
             -1},
            {"500", R"("status": 500)", 20000, ErrorKind::Server, 500, all, -1},
            {"502", R"("status": 502)", 20000, ErrorKind::Server, 502, all, -1},
            {"503", R"("status": 503)", 20000, ErrorKind::Unavailable, 503, all, -1},
            {"503 with Retry-After", R"("status": 503, "headers": {"Retry-After": "1"})", 20000,
             ErrorKind::Unavailable, 503, all, 1},
            {"504", R"("status": 504)", 20000, ErrorKind::Unavailable, 504, all, -1},
            {"503 as an HTML page", R"("status": 503, "body": "html")", 20000,
             ErrorKind::Unavailable, 503, all, -1},
            {"timeout", R"("delay_ms": 1000)", shortTimeoutMs, ErrorKind::Timeout, 0, all, -1},
            {"dropped connection", R"("drop_connection": true)", 20000, ErrorKind::Network, 0, all,
             -1},
            {"malformed JSON", R"("body": "malformed_json")", 20000, ErrorKind::MalformedResponse,
             200, 1, -1},
            {"HTML body", R"("body": "html")", 20000, ErrorKind::MalformedResponse, 200, 1, -1},
            {"empty body", R"("body": "empty")", 20000, ErrorKind::MalformedResponse, 200, 1, -1},
            {"wrong types", R"("body": "wrong_types")", 20000, ErrorKind::MalformedResponse, 200, 1,
             -1},
            {"20 MB body", R"("body": "huge", "huge_bytes": 20971520)", 20000, ErrorKind::TooLarge,
             200, 1, -1},
        };
        for (const QString &route : routes) {
            for (const Fault &fault : faults) {
                QTest::addRow("%s %s", qPrintable(route), fault.name)
                    << route << fault.json << fault.timeoutMs << fault.kind << fault.httpStatus
                    << fault.attempts << fault.retryAfter;
            }
        }
    }
    void idempotent_persistentFaultIsATypedError()
    {
        QFETCH(QString, route);
        QFETCH(QByteArray, fault);
        QFETCH(int, timeoutMs);
        QFETCH(ErrorKind, kind);
        QFETCH(int, httpStatus);
        QFETCH(int, attempts);
        QFETCH(int, retryAfter);
        const Prepared ids = prepare();
        QVERIFY(!ids.storedRunId.isEmpty());
        setFaults(test::faultRule(routeMethod(route), routeGlob(route), fault));
        const auto api = client(timeoutMs);

        const Outcome outcome = callRoute(*api, route, ids);
        QVERIFY(outcome.answered);
        QVERIFY2(!outcome.ok, "a fault must not decode as a value");
        QVERIFY2(outcome.error.kind == kind, errorText(outcome));
        QCOMPARE(outcome.error.httpStatus, httpStatus);
        QCOMPARE(outcome.error.retryAfterSeconds.value_or(-1), retryAfter);
        QVERIFY(!outcome.error.summary().isEmpty());
        // Every attempt is in the result and in the request log, nothing more, nothing less.
        QCOMPARE(outcome.calls.size(), attempts);
        QCOMPARE(api->requestLog()->size(), attempts);
        for (int i = 0; i < attempts; ++i)
            QCOMPARE(outcome.calls.at(i).attempt, i + 1);
        if (kind == ErrorKind::Timeout) {
            QCOMPARE(outcome.calls.last().errorText, QStringLiteral("timed out"));
        } else if (kind == ErrorKind::Network) {
            // Qt re-sends by itself once a connection closes before any answer: at least ours.
            QVERIFY(m_sandbox->count(routeMethod(route), routeGlob(route)) >= attempts);
        } else {
            QCOMPARE(m_sandbox->count(routeMethod(route), routeGlob(route)), attempts);
        }
        if (kind == ErrorKind::MalformedResponse)
            QVERIFY(!outcome.error.rawSample.isEmpty() || fault.contains("empty"));
        if (kind == ErrorKind::TooLarge)
            QVERIFY(outcome.calls.last().responseSize > 16 * 1024 * 1024);
    }

    void idempotent_transientFaultIsRetriedToSuccess_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<int>("faultedRequests");
        const QList<std::tuple<const char *, QByteArray, int, int>> faults = {
            {"429 with Retry-After",
             R"("status": 429, "headers": {"Retry-After": "1"}, "times": 2)", 20000, 2},
            {"429 without Retry-After", R"("status": 429, "times": 2)", 20000, 2},
            {"500", R"("status": 500, "times": 2)", 20000, 2},
            {"503", R"("status": 503, "times": 1)", 20000, 1},
            {"504", R"("status": 504, "times": 2)", 20000, 2},
            {"timeout", R"("delay_ms": 1200, "times": 1)", retryTimeoutMs, 1},
            // Qt's own silent re-send absorbs one drop; two make the scheduler retry.
            {"dropped connection", R"("drop_connection": true, "times": 2)", 20000, 2},
        };
        for (const QString &route : routes) {
            for (const auto &[name, json, timeoutMs, faulted] : faults)
                QTest::addRow("%s %s", qPrintable(route), name)
                    << route << json << timeoutMs << faulted;
        }
    }
    void idempotent_transientFaultIsRetriedToSuccess()
    {
        QFETCH(QString, route);
        QFETCH(QByteArray, fault);
        QFETCH(int, timeoutMs);
        QFETCH(int, faultedRequests);
        const Prepared ids = prepare();
        QVERIFY(!ids.storedRunId.isEmpty());
        setFaults(test::faultRule(routeMethod(route), routeGlob(route), fault));
        const auto api = client(timeoutMs);

        const Outcome outcome = callRoute(*api, route, ids);
        QVERIFY(outcome.answered);
        QVERIFY2(outcome.ok, errorText(outcome));
        QVERIFY(outcome.calls.size() >= 2);
        QCOMPARE(outcome.calls.last().httpStatus, 200);
        if (fault.contains("delay_ms")) {
            // The sandbox logs a delayed request once it answers, long after the retry.
            QCOMPARE(outcome.calls.size(), 2);
            QCOMPARE(outcome.calls.first().errorText, QStringLiteral("timed out"));
        } else {
            QCOMPARE(m_sandbox->count(routeMethod(route), routeGlob(route)), faultedRequests + 1);
        }
    }

    void idempotent_largeBodyUnderTheLimitDecodes()
    {
        const Prepared ids = prepare();
        setFaults(test::faultRule("GET", "/v2/action-runs/*",
                                  R"("body": "huge", "huge_bytes": 3000000)"));
        const auto api = client();
        const Outcome outcome = callRoute(*api, QStringLiteral("getRun"), ids);
        QVERIFY2(outcome.ok, errorText(outcome));
        QVERIFY(outcome.calls.first().responseSize >= 3000000);
        // The log keeps a truncated copy only.
        QVERIFY(outcome.calls.first().responseBody.size() <
                2 * api::RequestLog::defaultMaxBodyBytes);
        QVERIFY(outcome.calls.first().responseBody.contains("truncated"));
    }

    void createRun_5xxIsNeverResent_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("500") << QByteArray(R"("status": 500)") << ErrorKind::Server;
        QTest::newRow("502") << QByteArray(R"("status": 502)") << ErrorKind::Server;
        QTest::newRow("503") << QByteArray(R"("status": 503)") << ErrorKind::Unavailable;
        QTest::newRow("503 with Retry-After")
            << QByteArray(R"("status": 503, "headers": {"Retry-After": "1"})")
            << ErrorKind::Unavailable;
        QTest::newRow("504") << QByteArray(R"("status": 504)") << ErrorKind::Unavailable;
        QTest::newRow("500 after running")
            << QByteArray(R"("status": 500, "process": true)") << ErrorKind::Server;
    }
    void createRun_5xxIsNeverResent()
    {
        QFETCH(QByteArray, fault);
        QFETCH(ErrorKind, kind);
        const QString actionId = createRunActionId();
        setFaults(test::faultRule("POST", "/v2/action-runs", fault));
        const auto api = client();
        const Outcome outcome = createRun(*api, actionId);
        QVERIFY(outcome.answered);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.kind == kind, errorText(outcome));
        QCOMPARE(outcome.calls.size(), 1);
        QCOMPARE(runPosts(), 1);
    }

    void createRun_429IsResent_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::newRow("with Retry-After")
            << QByteArray(R"("status": 429, "headers": {"Retry-After": "2"}, "times": 1)");
        QTest::newRow("without Retry-After") << QByteArray(R"("status": 429, "times": 1)");
    }
    void createRun_429IsResent()
    {
        QFETCH(QByteArray, fault);
        const QString actionId = createRunActionId();
        setFaults(test::faultRule("POST", "/v2/action-runs", fault));
        const auto api = client();
        const Outcome outcome = createRun(*api, actionId);
        QVERIFY2(outcome.ok, errorText(outcome));
        QCOMPARE(outcome.calls.size(), 2);
        QCOMPARE(outcome.calls.first().httpStatus, 429);
        QCOMPARE(runPosts(), 2);
        // The refused request ran nothing: the re-sent one made run number 1.
        QCOMPARE(outcome.calls.last().httpStatus, 200);
        Await<core::RunState> read;
        api->getRun(sandbox::SandboxContext::numberedUuid(QStringLiteral("run"), 1),
                    core::Priority::User, nullptr, read.callback());
        QVERIFY(read.wait());
        QVERIFY2(read.ok(), read.describe());
        Await<core::RunState> none;
        api->getRun(sandbox::SandboxContext::numberedUuid(QStringLiteral("run"), 2),
                    core::Priority::User, nullptr, none.callback());
        QVERIFY(none.wait());
        QCOMPARE(none.error().kind, ErrorKind::NotFound);
    }

    void createRun_lostAnswerIsOutcomeUnknownAndNotResent_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<bool>("applied");
        QTest::newRow("dropped after running")
            << QByteArray(R"("drop_connection": true, "process": true)") << 20000 << true;
        QTest::newRow("dropped before running")
            << QByteArray(R"("drop_connection": true)") << 20000 << false;
        QTest::newRow("timeout") << QByteArray(R"("delay_ms": 500)") << shortTimeoutMs << true;
    }
    void createRun_lostAnswerIsOutcomeUnknownAndNotResent()
    {
        QFETCH(QByteArray, fault);
        QFETCH(int, timeoutMs);
        QFETCH(bool, applied);
        const QString actionId = createRunActionId();
        setFaults(test::faultRule("POST", "/v2/action-runs", fault));
        const auto api = client(timeoutMs);
        const Outcome outcome = createRun(*api, actionId);
        QVERIFY(outcome.answered);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.kind == ErrorKind::OutcomeUnknown, errorText(outcome));
        QCOMPARE(outcome.error.httpStatus, 0);
        QCOMPARE(outcome.calls.size(), 1);
        QTRY_COMPARE(runPosts(), 1); // a delayed answer is logged when it is sent
        m_sandbox->clearFaults();

        // Whether it ran shows in the next run's number: run ids are numbered uuids.
        const auto fresh = client();
        Await<QString> next;
        fresh->createRun(createRunActionId(), QStringLiteral("sb-conn-faults-1"), {}, nullptr,
                         next.callback());
        QVERIFY(next.wait());
        QVERIFY2(next.ok(), next.describe());
        QCOMPARE(next.value(),
                 sandbox::SandboxContext::numberedUuid(QStringLiteral("run"), applied ? 2 : 1));
    }

    void createRun_badBodyIsATypedErrorAndNotResent_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("malformed JSON")
            << QByteArray(R"("body": "malformed_json")") << ErrorKind::MalformedResponse;
        QTest::newRow("HTML body")
            << QByteArray(R"("body": "html")") << ErrorKind::MalformedResponse;
        QTest::newRow("empty body")
            << QByteArray(R"("body": "empty")") << ErrorKind::MalformedResponse;
        QTest::newRow("wrong types")
            << QByteArray(R"("body": "wrong_types")") << ErrorKind::MalformedResponse;
        QTest::newRow("20 MB body")
            << QByteArray(R"("body": "huge", "huge_bytes": 20971520)") << ErrorKind::TooLarge;
    }
    void createRun_badBodyIsATypedErrorAndNotResent()
    {
        QFETCH(QByteArray, fault);
        QFETCH(ErrorKind, kind);
        const QString actionId = createRunActionId();
        setFaults(test::faultRule("POST", "/v2/action-runs", fault));
        const auto api = client();
        const Outcome outcome = createRun(*api, actionId);
        QVERIFY(outcome.answered);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.kind == kind, errorText(outcome));
        QCOMPARE(outcome.calls.size(), 1);
        QCOMPARE(runPosts(), 1);
    }

    void runStoredAction_withIdempotencyIdIsResentAfter5xx()
    {
        const Prepared ids = prepare();
        setFaults(test::faultRule("POST", "/actions/v1/stored-actions/*/run",
                                  R"("status": 503, "process": true, "times": 1)"));
        const auto api = client();
        Await<QString> run;
        api->runStoredAction(ids.storedActionId, {}, QString(), QStringLiteral("idem-retry"),
                             nullptr, run.callback());
        QVERIFY(run.wait());
        QVERIFY2(run.ok(), run.describe());
        QCOMPARE(run.calls().size(), 2);
        const auto posts = m_sandbox->requests("POST", "/actions/v1/stored-actions/*/run");
        QCOMPARE(posts.size(), 2);
        QCOMPARE(idempotencyIdOf(posts.at(0)), QStringLiteral("idem-retry"));
        QCOMPARE(idempotencyIdOf(posts.at(1)), QStringLiteral("idem-retry"));
        // prepare() made runs 1 and 2; the faulted POST made run 3 and the retry got it back.
        QCOMPARE(run.value(), sandbox::SandboxContext::numberedUuid(QStringLiteral("run"), 3));
    }

    void runStoredAction_withoutIdempotencyIdIsNotResent()
    {
        const Prepared ids = prepare();
        setFaults(test::faultRule("POST", "/actions/v1/stored-actions/*/run", R"("status": 503)"));
        const auto api = client();
        Await<QString> run;
        api->runStoredAction(ids.storedActionId, {}, QString(), QString(), nullptr, run.callback());
        QVERIFY(run.wait());
        QVERIFY(!run.ok());
        QCOMPARE(run.error().kind, ErrorKind::Unavailable);
        QCOMPARE(m_sandbox->count("POST", "/actions/v1/stored-actions/*/run"), 1);
    }

    void faultsOnOneRoute_leaveTheOthersAlone()
    {
        const Prepared ids = prepare();
        setFaults(test::faultRule("GET", "/v2/apps", R"("status": 500)"));
        const auto api = client();
        const Outcome apps = callRoute(*api, QStringLiteral("apps"), ids);
        const Outcome run = callRoute(*api, QStringLiteral("getRun"), ids);
        QCOMPARE(apps.error.kind, ErrorKind::Server);
        QVERIFY2(run.ok, errorText(run));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
