#include "api/apiclient.h"
#include "api/jsontext.h"
#include "scriptedserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace ab;
using namespace ab::api;
using core::ErrorKind;
using test::ScriptedRequest;
using test::ScriptedResponse;
using test::ScriptedServer;

namespace {

const QString token = QStringLiteral("tok-123-secret");

template <typename T> struct Result {
    bool called = false;
    std::optional<core::ApiResult<T>> result;
};

template <typename T> std::shared_ptr<Result<T>> capture(core::Callback<T> *callback)
{
    auto out = std::make_shared<Result<T>>();
    *callback = [out](core::ApiResult<T> result) {
        out->called = true;
        out->result.emplace(std::move(result));
    };
    return out;
}

QString decodedQuery(const ScriptedRequest &request)
{
    QStringList pairs;
    for (const auto &[key, value] : request.query().queryItems(QUrl::FullyDecoded))
        pairs.append(key + QLatin1Char('=') + value);
    return pairs.join(QLatin1Char('|'));
}

// Calls the method named `call` with fixed arguments; `done` flips when it answers.
void invoke(ApiClient &api, const QString &call, QObject *context, bool *done)
{
    const auto flag = [done](const auto &) {
        *done = true;
    };
    const QVariantMap inputs{{QStringLiteral("spreadsheet"), QStringLiteral("s1")}};
    if (call == QLatin1String("apps")) {
        core::AppQuery query;
        query.query = QStringLiteral("c++ & co");
        query.ids = {QStringLiteral("a"), QStringLiteral("b")};
        query.offset = 20;
        api.apps(query, context, flag);
    } else if (call == QLatin1String("apps by category")) {
        core::AppQuery query;
        query.category = QStringLiteral("ai-tools");
        api.apps(query, context, flag);
    } else if (call == QLatin1String("actions")) {
        api.actions(QStringLiteral("app-1"), QStringLiteral("WRITE"), context, flag);
    } else if (call == QLatin1String("inputs")) {
        api.inputs(QStringLiteral("core:853266"), QStringLiteral("conn-1"), inputs, context, flag);
    } else if (call == QLatin1String("inputs without connection")) {
        api.inputs(QStringLiteral("core:1"), QString(), {}, context, flag);
    } else if (call == QLatin1String("choices")) {
        api.choices(QStringLiteral("core:1"), QStringLiteral("worksheet"), QStringLiteral("conn-1"),
                    inputs, 2, context, flag);
    } else if (call == QLatin1String("outputs")) {
        api.outputs(QStringLiteral("core:1"), QStringLiteral("conn-1"), inputs, context, flag);
    } else if (call == QLatin1String("connections")) {
        api.connections(QStringLiteral("app-1"), context, flag);
    } else if (call == QLatin1String("createRun")) {
        api.createRun(
            QStringLiteral("core:1"), QStringLiteral("conn-1"),
            {{QStringLiteral("email"), QStringLiteral("a@b.c")}, {QStringLiteral("n"), 3}}, context,
            flag);
    } else if (call == QLatin1String("getRun")) {
        api.getRun(QStringLiteral("run/1"), core::Priority::Background, context, flag);
    } else if (call == QLatin1String("storedActions")) {
        api.storedActions(context, flag);
    } else if (call == QLatin1String("storedAction")) {
        api.storedAction(QStringLiteral("sa-1"), context, flag);
    } else if (call == QLatin1String("createStoredAction")) {
        core::StoredAction action;
        action.connectionId = QStringLiteral("c-uuid");
        action.selectedApi = QStringLiteral("SlackAPI@1.2.3");
        action.actionKey = QStringLiteral("channel_message");
        action.actionType = QStringLiteral("write");
        action.inputs = {{QStringLiteral("channel"), QStringLiteral("C1")}};
        api.createStoredAction(action, context, flag);
    } else if (call == QLatin1String("deleteStoredAction")) {
        api.deleteStoredAction(QStringLiteral("sa-1"), context, flag);
    } else if (call == QLatin1String("runStoredAction")) {
        api.runStoredAction(QStringLiteral("sa-1"), {{QStringLiteral("m"), QStringLiteral("hi")}},
                            QStringLiteral("0"), QStringLiteral("idem-1"), context, flag);
    } else if (call == QLatin1String("storedActionRun")) {
        api.storedActionRun(QStringLiteral("sa-1"), QStringLiteral("r-1"), core::Priority::User,
                            context, flag);
    } else {
        qFatal("unknown call");
    }
}

} // namespace

class TestApiClient final : public QObject {
    Q_OBJECT

    std::unique_ptr<ScriptedServer> m_server;

    std::unique_ptr<ApiClient> client(int timeoutMs = 5000, int maxRetries = 0)
    {
        ApiClientConfig config;
        config.baseUrl = m_server->url();
        config.token = token;
        config.transferTimeoutMs = timeoutMs;
        config.scheduler.retry = RetryPolicy{maxRetries, 1, 10, 7};
        config.scheduler.msPerServerSecond = 1;
        return std::make_unique<ApiClient>(config);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedServer>();
        QVERIFY(m_server->listen());
    }
    void cleanup() { m_server.reset(); }

    void requestShape_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("apps") << "apps" << QByteArray("GET") << "/v2/apps"
                              << "query=c++ & co|ids=a,b|limit=10|offset=20" << QByteArray();
        QTest::newRow("apps by category") << "apps by category" << QByteArray("GET") << "/v2/apps"
                                          << "category=ai-tools|limit=10|offset=0" << QByteArray();
        QTest::newRow("actions") << "actions" << QByteArray("GET") << "/v2/actions"
                                 << "app=app-1|action_type=WRITE" << QByteArray();
        QTest::newRow("inputs")
            << "inputs" << QByteArray("POST") << "/v2/actions/core:853266/inputs"
            << ""
            << QByteArray(R"({"data":{"authentication":"conn-1","inputs":{"spreadsheet":"s1"}}})");
        QTest::newRow("inputs without connection")
            << "inputs without connection" << QByteArray("POST") << "/v2/actions/core:1/inputs"
            << "" << QByteArray(R"({"data":{"authentication":null,"inputs":{}}})");
        QTest::newRow("choices")
            << "choices" << QByteArray("POST") << "/v2/actions/core:1/inputs/worksheet/choices"
            << "page=2"
            << QByteArray(R"({"data":{"authentication":"conn-1","inputs":{"spreadsheet":"s1"}}})");
        QTest::newRow("outputs")
            << "outputs" << QByteArray("POST") << "/v2/actions/core:1/outputs"
            << ""
            << QByteArray(
                   R"({"data":{"authentication":"conn-1","fetch_live_samples":false,"inputs":{"spreadsheet":"s1"}}})");
        QTest::newRow("connections") << "connections" << QByteArray("GET") << "/v2/authentications"
                                     << "app=app-1|limit=100|offset=0" << QByteArray();
        QTest::newRow("createRun")
            << "createRun" << QByteArray("POST") << "/v2/action-runs"
            << ""
            << QByteArray(
                   R"({"data":{"action":"core:1","authentication":"conn-1","inputs":{"email":"a@b.c","n":3}}})");
        QTest::newRow("getRun: id encoded as one segment")
            << "getRun" << QByteArray("GET") << "/v2/action-runs/run%2F1"
            << "" << QByteArray();
        QTest::newRow("storedActions")
            << "storedActions" << QByteArray("GET") << "/actions/v1/stored-actions"
            << "" << QByteArray();
        QTest::newRow("storedAction")
            << "storedAction" << QByteArray("GET") << "/actions/v1/stored-actions/sa-1"
            << "" << QByteArray();
        QTest::newRow("createStoredAction")
            << "createStoredAction" << QByteArray("POST") << "/actions/v1/stored-actions"
            << ""
            << QByteArray(
                   R"({"data":{"action_key":"channel_message","action_type":"write","connection_id":"c-uuid","inputs":{"channel":"C1"},"selected_api":"SlackAPI@1.2.3"}})");
        QTest::newRow("deleteStoredAction")
            << "deleteStoredAction" << QByteArray("DELETE") << "/actions/v1/stored-actions/sa-1"
            << "" << QByteArray();
        QTest::newRow("runStoredAction")
            << "runStoredAction" << QByteArray("POST") << "/actions/v1/stored-actions/sa-1/run"
            << ""
            << QByteArray(R"({"data":{"idempotency_id":"idem-1","inputs":{"m":"hi"},"page":"0"}})");
        QTest::newRow("storedActionRun")
            << "storedActionRun" << QByteArray("GET") << "/actions/v1/stored-actions/sa-1/runs/r-1"
            << "" << QByteArray();
    }
    void requestShape()
    {
        QFETCH(QString, call);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(QByteArray, body);
        const auto api = client();
        bool done = false;
        invoke(*api, call, this, &done);
        QVERIFY(!done); // never answered inside the call
        QTRY_VERIFY(done);
        QCOMPARE(m_server->requests().size(), 1);
        const ScriptedRequest &sent = m_server->requests().at(0);
        QCOMPARE(sent.method, method);
        QCOMPARE(sent.path(), path);
        QCOMPARE(decodedQuery(sent), query);
        QCOMPARE(sent.header("Authorization"), "Bearer " + token.toUtf8());
        QCOMPARE(sent.header("Accept"), QByteArray("application/json"));
        QVERIFY(sent.header("User-Agent").startsWith("Actionbench/"));
        if (body.isEmpty()) {
            QVERIFY(sent.body.isEmpty());
            return;
        }
        QCOMPARE(sent.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(toJsonText(fromJsonText(sent.body)), body); // key order aside, the same JSON
    }

    void apps_decodedWithTheirCalls()
    {
        m_server->enqueue(ScriptedResponse::json(
            200,
            R"({"links":{"next":null,"prev":null},"meta":{"count":1,"limit":10,"offset":0},"data":[{"id":"a1","title":"Slack","description":"","image":"","hex_color":"","categories":[],"action_types":["WRITE"],"links":{"connect_new_authentication":"https:\/\/x\/?token=ct-999999"}}]})"));
        // (URLs in raw strings are escaped as JSON allows: moc reads "//" there as a comment.)
        const auto api = client();
        QSignalSpy finished(api.get(), &core::ZapierBackend::requestFinished);
        core::Callback<core::Page<core::App>> callback;
        const auto out = capture(&callback);
        api->apps({}, this, callback);
        QTRY_VERIFY(out->called);
        const auto &result = *out->result;
        QVERIFY(result.ok());
        QCOMPARE(result.value().items.at(0).title, QStringLiteral("Slack"));
        QCOMPARE(result.calls.size(), 1);
        QCOMPARE(result.calls.at(0).httpStatus, 200);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(api->requestLog()->size(), 1);
        // Nothing recorded carries the bearer token or the connect token in the link.
        const core::RequestRecord record = result.calls.at(0);
        QVERIFY(!record.responseBody.contains("ct-999999"));
        QVERIFY(!record.url.contains(token));
    }

    void connections_followsEveryPage()
    {
        // Five connections, two per page, each page linking to the next.
        m_server->setHandler([this](const ScriptedRequest &request) {
            const int offset = request.query().queryItemValue(QStringLiteral("offset")).toInt();
            QVariantList items;
            for (int i = offset; i < qMin(offset + 2, 5); ++i)
                items.append(QVariantMap{{QStringLiteral("id"), QStringLiteral("c%1").arg(i)},
                                         {QStringLiteral("app"), QStringLiteral("a")},
                                         {QStringLiteral("title"), QStringLiteral("t")},
                                         {QStringLiteral("is_expired"), false}});
            QUrl next = m_server->url();
            next.setPath(QStringLiteral("/v2/authentications"));
            next.setQuery(QStringLiteral("app=a&limit=2&offset=%1").arg(offset + 2));
            const QVariantMap body{
                {QStringLiteral("links"),
                 QVariantMap{{QStringLiteral("next"), offset + 2 < 5
                                                          ? QVariant(next.toString())
                                                          : QVariant::fromValue(nullptr)}}},
                {QStringLiteral("meta"),
                 QVariantMap{{QStringLiteral("count"), 5}, {QStringLiteral("offset"), offset}}},
                {QStringLiteral("data"), items}};
            return ScriptedResponse::json(200, toJsonText(body));
        });
        const auto api = client();
        core::Callback<QList<core::Connection>> callback;
        const auto out = capture(&callback);
        api->connections(QStringLiteral("a"), this, callback);
        QTRY_VERIFY(out->called);
        QVERIFY(out->result->ok());
        QStringList ids;
        for (const core::Connection &connection : out->result->value())
            ids.append(connection.id);
        QCOMPARE(ids, QStringList({QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("c2"),
                                   QStringLiteral("c3"), QStringLiteral("c4")}));
        QCOMPARE(out->result->calls.size(), 3);
        QCOMPARE(m_server->requests().size(), 3);
        QCOMPARE(m_server->requests().at(2).query().queryItemValue(QStringLiteral("offset")),
                 QStringLiteral("4"));
    }

    void connections_errorOnALaterPageKeepsAllCalls()
    {
        m_server->enqueue(ScriptedResponse::json(
            200,
            R"({"links":{"next":"http:\/\/x\/v2\/authentications?offset=1"},"meta":{"count":2},"data":[{"id":"c0"}]})"));
        m_server->enqueue(ScriptedResponse::json(
            401, R"({"errors":[{"code":"unauthorized","title":"Unauthorized"}]})"));
        const auto api = client();
        core::Callback<QList<core::Connection>> callback;
        const auto out = capture(&callback);
        api->connections(QStringLiteral("a"), this, callback);
        QTRY_VERIFY(out->called);
        QVERIFY(!out->result->ok());
        QCOMPARE(out->result->error().kind, ErrorKind::Unauthorized);
        QCOMPARE(out->result->calls.size(), 2);
    }

    void tooLargeBody_isAbortedAndTyped_data()
    {
        QTest::addColumn<bool>("announced");
        QTest::newRow("Content-Length says so") << true;
        QTest::newRow("found while reading") << false;
    }
    void tooLargeBody_isAbortedAndTyped()
    {
        QFETCH(bool, announced);
        ScriptedResponse huge = ScriptedResponse::json(200, QByteArray(20 * 1024 * 1024, 'x'));
        huge.sendContentLength = announced;
        m_server->enqueue(huge);
        const auto api = client();
        core::Callback<QList<core::Action>> callback;
        const auto out = capture(&callback);
        api->actions(QStringLiteral("a"), {}, this, callback);
        QTRY_VERIFY(out->called);
        QVERIFY(!out->result->ok());
        QCOMPARE(out->result->error().kind, ErrorKind::TooLarge);
        const core::RequestRecord &record = out->result->calls.at(0);
        QVERIFY(record.responseBody.size() <= RequestLog::defaultMaxBodyBytes + 100);
        QVERIFY(record.responseSize > api->config().maxBodyBytes);
    }

    void timeout_isTimeout()
    {
        m_server->enqueue(ScriptedResponse::hang());
        const auto api = client(100);
        core::Callback<core::RunState> callback;
        const auto out = capture(&callback);
        api->getRun(QStringLiteral("r"), core::Priority::Background, this, callback);
        QTRY_VERIFY(out->called);
        QCOMPARE(out->result->error().kind, ErrorKind::Timeout);
        QCOMPARE(out->result->calls.size(), 1);
    }

    void createRun_droppedReply_isOutcomeUnknown()
    {
        m_server->enqueue(ScriptedResponse::drop());
        const auto api = client(5000, 3);
        core::Callback<QString> callback;
        const auto out = capture(&callback);
        api->createRun(QStringLiteral("core:1"), QStringLiteral("c"), {}, this, callback);
        QTRY_VERIFY(out->called);
        QCOMPARE(out->result->error().kind, ErrorKind::OutcomeUnknown);
        QCOMPARE(m_server->requests().size(), 1);
    }

    void contextDestroyed_callbackNeverCalled()
    {
        auto *context = new QObject;
        m_server->setHandler([context](const ScriptedRequest &) {
            delete context; // gone while the reply is on its way
            return ScriptedResponse::json(200, R"({"data":[]})");
        });
        const auto api = client();
        QSignalSpy finished(api.get(), &core::ZapierBackend::requestFinished);
        bool called = false;
        api->actions(QStringLiteral("a"), {}, context, [&called](const auto &) { called = true; });
        QVERIFY(finished.wait());
        QVERIFY(!called);
    }

    void httpErrors_areTyped_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("retryAfter");
        QTest::newRow("429 with Retry-After")
            << 429
            << QByteArray(
                   R"({"errors":[{"status":"429","code":"too_many_requests","detail":"Rate limit exceeded."}]})")
            << ErrorKind::RateLimited << "too_many_requests" << 7;
        QTest::newRow("HTML 502") << 502 << QByteArray("<html><h1>Bad Gateway</h1></html>")
                                  << ErrorKind::Server << "" << -1;
        QTest::newRow("403") << 403 << QByteArray(R"({"errors":[{"code":"permission_denied"}]})")
                             << ErrorKind::Forbidden << "permission_denied" << -1;
        QTest::newRow("302 is not followed")
            << 302 << QByteArray() << ErrorKind::Unknown << "" << -1;
    }
    void httpErrors_areTyped()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(ErrorKind, kind);
        QFETCH(QString, code);
        QFETCH(int, retryAfter);
        ScriptedResponse response = ScriptedResponse::json(status, body);
        if (retryAfter >= 0)
            response.headers.append(
                qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfter)));
        if (status == 302)
            response.headers.append(
                qMakePair(QByteArray("Location"), QByteArray("http://127.0.0.1:1/elsewhere")));
        m_server->enqueue(response);
        const auto api = client();
        core::Callback<QList<core::Action>> callback;
        const auto out = capture(&callback);
        api->actions(QStringLiteral("a"), {}, this, callback);
        QTRY_VERIFY(out->called);
        const core::ApiError &error = out->result->error();
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.code, code);
        QCOMPARE(error.retryAfterSeconds.value_or(-1), retryAfter);
        QCOMPARE(error.rawSample, body);
        QCOMPARE(m_server->requests().size(), 1);
    }

    void malformed200_namesTheProblem()
    {
        m_server->enqueue(ScriptedResponse::json(200, R"({"data":[{"id":"x","key":5}]})"));
        const auto api = client();
        core::Callback<QList<core::Action>> callback;
        const auto out = capture(&callback);
        api->actions(QStringLiteral("a"), {}, this, callback);
        QTRY_VERIFY(out->called);
        QCOMPARE(out->result->error().kind, ErrorKind::MalformedResponse);
        QCOMPARE(out->result->error().httpStatus, 200);
        QCOMPARE(out->result->error().detail,
                 QStringLiteral("data[0].key is not a string but a number"));
    }

    void getRun_202IsPending()
    {
        m_server->enqueue(ScriptedResponse::json(202, R"({"data":{"id":"r","status":"waiting"}})"));
        const auto api = client();
        core::Callback<core::RunState> callback;
        const auto out = capture(&callback);
        api->storedActionRun(QStringLiteral("s"), QStringLiteral("r"), core::Priority::Background,
                             this, callback);
        QTRY_VERIFY(out->called);
        QVERIFY(out->result->ok());
        QCOMPARE(out->result->value().status, core::RunStatus::Waiting);
        QCOMPARE(out->result->value().httpStatus, 202);
    }

    void baseUrlPathAndTokenChange()
    {
        m_server->setHandler(
            [](const ScriptedRequest &) { return ScriptedResponse::json(200, R"({"data":[]})"); });
        const auto api = client();
        QUrl base = m_server->url();
        base.setPath(QStringLiteral("/zapier/"));
        api->setBaseUrl(base);
        api->setToken(QStringLiteral("new-token-456"));
        bool done = false;
        api->actions(QStringLiteral("a"), {}, this, [&done](const auto &) { done = true; });
        QTRY_VERIFY(done);
        QCOMPARE(m_server->requests().at(0).path(), QStringLiteral("/zapier/v2/actions"));
        QCOMPARE(m_server->requests().at(0).header("Authorization"),
                 QByteArray("Bearer new-token-456"));
        // The new token is a registered secret; the old one no longer needs to be.
        QVERIFY(
            !api->requestLog()->redactor().redactBody("x new-token-456").contains("new-token-456"));
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
