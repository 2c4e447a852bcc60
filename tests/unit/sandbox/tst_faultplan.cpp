// Fault plans: the JSON format, and every fault applied over real HTTP.
#include "sandboxclient.h"

#include "sandbox/faultinjector.h"
#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"

#include <QFile>
#include <QTest>

using namespace ab::sandbox;
using ab::test::HttpResult;
using ab::test::SandboxClient;

class TestFaultPlan final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;

    void usePlan(const char *json)
    {
        QString error;
        const auto plan = FaultPlan::fromJson(QByteArray(json), &error);
        QVERIFY2(plan, qPrintable(error));
        m_server->setFaultPlan(*plan);
    }
    HttpResult apps() { return m_client->get(QStringLiteral("/v2/apps")); }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        QVERIFY(m_server->listen());
        m_client = std::make_unique<SandboxClient>(m_server->baseUrl());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void fromJson_parsesEveryKey()
    {
        QString error;
        const auto plan = FaultPlan::fromJson(R"({"rules": [{
            "method": "post", "path": "/v2/action-runs*", "status": 503,
            "headers": {"Retry-After": "2"}, "delay_ms": 150, "body": "wrong_types",
            "huge_bytes": 1024, "drop_connection": false, "process": true, "times": 2, "skip": 1,
            "comment": "why"}]})",
                                              &error);
        QVERIFY2(plan, qPrintable(error));
        QCOMPARE(plan->rules.size(), 1);
        const FaultRule &rule = plan->rules.first();
        QCOMPARE(rule.method, QStringLiteral("POST"));
        QCOMPARE(rule.pathPattern, QStringLiteral("/v2/action-runs*"));
        QCOMPARE(rule.status, 503);
        QCOMPARE(rule.headers.first().first, QByteArray("Retry-After"));
        QCOMPARE(rule.delayMs, 150);
        QCOMPARE(rule.body, FaultRule::Body::WrongTypes);
        QCOMPARE(rule.hugeBytes, 1024);
        QVERIFY(rule.process);
        QCOMPARE(rule.times, 2);
        QCOMPARE(rule.skip, 1);
        // toJson round-trips.
        const auto again = FaultPlan::fromJson(plan->toJson(), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->toJson(), plan->toJson());
    }

    void fromJson_reportsMistakes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not JSON");
        QTest::newRow("no rules") << QByteArray(R"({"rulez": []})")
                                  << QStringLiteral("unknown key");
        QTest::newRow("rules not array")
            << QByteArray(R"({"rules": 1})") << QStringLiteral("rules");
        QTest::newRow("no path") << QByteArray(R"([{"status": 500}])")
                                 << QStringLiteral("rules[0].path");
        QTest::newRow("typo") << QByteArray(R"([{"path": "/x", "dely_ms": 5}])")
                              << QStringLiteral("dely_ms");
        QTest::newRow("status") << QByteArray(R"([{"path": "/x", "status": 42}])")
                                << QStringLiteral("status");
        QTest::newRow("status type")
            << QByteArray(R"([{"path": "/x", "status": "500"}])") << QStringLiteral("status");
        QTest::newRow("body") << QByteArray(R"([{"path": "/x", "body": "garbled"}])")
                              << QStringLiteral("body");
        QTest::newRow("headers") << QByteArray(R"([{"path": "/x", "headers": [["A"]]}])")
                                 << QStringLiteral("headers");
        QTest::newRow("drop") << QByteArray(R"([{"path": "/x", "drop_connection": "yes"}])")
                              << QStringLiteral("drop_connection");
        QTest::newRow("second rule")
            << QByteArray(R"([{"path": "/x"}, {"path": "/y", "times": -2}])")
            << QStringLiteral("rules[1].times");
    }
    void fromJson_reportsMistakes()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!FaultPlan::fromJson(json, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void exampleFile_isValid()
    {
        QFile file(QStringLiteral(":/sandbox/faults-example.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString error;
        const auto plan = FaultPlan::fromJson(file.readAll(), &error);
        QVERIFY2(plan, qPrintable(error));
        QVERIFY(plan->rules.size() >= 4);
    }

    void glob_matchesAcrossSlashes_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("matches");
        QTest::newRow("prefix") << "/v2/apps*"
                                << "/v2/apps" << true;
        QTest::newRow("deep") << "/v2/actions/*/choices"
                              << "/v2/actions/core:sb1/inputs/channel/choices" << true;
        QTest::newRow("other") << "/v2/apps*"
                               << "/v2/actions" << false;
        QTest::newRow("one char") << "/v?/apps"
                                  << "/v2/apps" << true;
        QTest::newRow("exact") << "/v2/action-runs"
                               << "/v2/action-runs/abc" << false;
    }
    void glob_matchesAcrossSlashes()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, matches);
        QCOMPARE(globMatches(pattern, path), matches);
    }

    void status_answersErrorEnvelopeWithHeaders()
    {
        usePlan(
            R"([{"method": "GET", "path": "/v2/apps*", "status": 503, "headers": {"Retry-After": "7"}}])");
        const HttpResult result = apps();
        QCOMPARE(result.status, 503);
        QCOMPARE(result.errorCode(), QStringLiteral("service_unavailable"));
        QCOMPARE(result.header("Retry-After"), QByteArray("7"));
        QVERIFY(m_server->requests().last().faulted);
        // Another method or path is untouched.
        QCOMPARE(m_client
                     ->get(QStringLiteral("/v2/actions"),
                           QUrlQuery{{QStringLiteral("app"), QStringLiteral("slack")}})
                     .status,
                 200);
    }

    void status_successOverrideKeepsBody()
    {
        usePlan(R"([{"path": "/v2/apps", "status": 202}])");
        const HttpResult result = apps();
        QCOMPARE(result.status, 202);
        QCOMPARE(result.data().size(), 10);
    }

    void delay_isAsynchronous()
    {
        usePlan(R"([{"path": "/v2/apps", "delay_ms": 400}])");
        QNetworkAccessManager network;
        QNetworkRequest slow(m_client->url(QStringLiteral("/v2/apps")));
        slow.setRawHeader("Authorization", "Bearer sandbox-token");
        std::unique_ptr<QNetworkReply> pending(network.get(slow));
        QSignalSpy slowDone(pending.get(), &QNetworkReply::finished);
        // Served while the delayed answer waits: the server thread is not blocked.
        const HttpResult fast = m_client->get(QStringLiteral("/sandbox"));
        QCOMPARE(fast.status, 200);
        QCOMPARE(slowDone.size(), 0);
        QVERIFY(slowDone.wait(5000));
        QCOMPARE(pending->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(m_server->requests().last().delayMs, 400);
    }

    void body_distortions_data()
    {
        QTest::addColumn<QByteArray>("plan");
        QTest::newRow("malformed")
            << QByteArray(R"([{"path": "/v2/apps", "body": "malformed_json"}])");
        QTest::newRow("html") << QByteArray(
            R"([{"path": "/v2/apps", "status": 502, "body": "html"}])");
        QTest::newRow("empty") << QByteArray(R"([{"path": "/v2/apps", "body": "empty"}])");
        QTest::newRow("huge") << QByteArray(
            R"([{"path": "/v2/apps", "body": "huge", "huge_bytes": 3000000}])");
        QTest::newRow("wrong types")
            << QByteArray(R"([{"path": "/v2/apps", "body": "wrong_types"}])");
    }
    void body_distortions()
    {
        QFETCH(QByteArray, plan);
        usePlan(plan.constData());
        const HttpResult result = apps();
        const QString row = QString::fromLatin1(QTest::currentDataTag());
        QJsonParseError parse;
        const QJsonDocument document = QJsonDocument::fromJson(result.body, &parse);
        if (row == QLatin1String("malformed")) {
            QCOMPARE(result.status, 200);
            QVERIFY(parse.error != QJsonParseError::NoError);
            QVERIFY(result.body.startsWith("{"));
        } else if (row == QLatin1String("html")) {
            QCOMPARE(result.status, 502);
            QVERIFY(result.header("Content-Type").startsWith("text/html"));
            QVERIFY(result.body.contains("<html>"));
        } else if (row == QLatin1String("empty")) {
            QCOMPARE(result.status, 200);
            QVERIFY(result.body.isEmpty());
        } else if (row == QLatin1String("huge")) {
            QCOMPARE(result.body.size(), 3000000);
            QVERIFY(document.isObject());
            QCOMPARE(document.object().value(QStringLiteral("data")).toArray().size(), 10);
        } else {
            const QJsonObject object = document.object();
            QVERIFY(object.value(QStringLiteral("data")).isString());
            QCOMPARE(object.value(QStringLiteral("meta"))
                         .toObject()
                         .value(QStringLiteral("count"))
                         .toString(),
                     QStringLiteral("x"));
            QVERIFY(object.value(QStringLiteral("links"))
                        .toObject()
                        .value(QStringLiteral("prev"))
                        .isDouble());
        }
    }

    void wrongTypes_distortsObjectData()
    {
        const QByteArray distorted =
            faults::wrongTypes(R"({"data":{"type":"run","id":"r1","results":[]}})");
        const QJsonObject data =
            QJsonDocument::fromJson(distorted).object().value(QStringLiteral("data")).toObject();
        QVERIFY(data.value(QStringLiteral("id")).isDouble());
        QVERIFY(data.value(QStringLiteral("results")).isString());
    }

    void dropConnection_closesWithoutAnswer()
    {
        // Always, because QNetworkAccessManager silently resends a request whose connection
        // closed before any answer (even a POST), so a one-shot drop would go unnoticed.
        usePlan(R"([{"path": "/v2/apps", "drop_connection": true}])");
        const HttpResult dropped = apps();
        QCOMPARE(dropped.status, 0);
        QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
        QVERIFY(m_server->requests().last().dropped);
        QCOMPARE(m_server->requests().last().status, 0);
        m_server->setFaultPlan({});
        QCOMPARE(apps().status, 200);
    }

    void dropConnection_withProcessAppliesTheRequest()
    {
        usePlan(
            R"([{"method": "POST", "path": "/actions/v1/stored-actions", "drop_connection": true, "process": true, "delay_ms": 50}])");
        const HttpResult dropped = m_client->postData(
            QStringLiteral("/actions/v1/stored-actions"),
            QJsonObject{{QStringLiteral("connection_id"), QStringLiteral("sb-conn-slack-1")},
                        {QStringLiteral("selected_api"), QStringLiteral("SlackCLIAPI")},
                        {QStringLiteral("action_key"), QStringLiteral("send_channel_message")},
                        {QStringLiteral("action_type"), QStringLiteral("write")},
                        {QStringLiteral("inputs"), QJsonObject()}});
        QCOMPARE(dropped.status, 0);
        // The client never heard back, yet the stored action exists (once per attempt the
        // network stack made).
        const HttpResult list = m_client->get(QStringLiteral("/actions/v1/stored-actions"));
        QVERIFY(list.json().value(QStringLiteral("count")).toInt() >= 1);
    }

    void timesAndSkip_selectWhichRequestsFail()
    {
        usePlan(R"([{"path": "/v2/apps", "status": 500, "skip": 1, "times": 2}])");
        QList<int> statuses;
        for (int i = 0; i < 5; ++i)
            statuses.append(apps().status);
        QCOMPARE(statuses, (QList<int>{200, 500, 500, 200, 200}));
        // A new plan restarts the counting.
        usePlan(R"([{"path": "/v2/apps", "status": 429, "times": 1}])");
        QCOMPARE(apps().status, 429);
        QCOMPARE(apps().status, 200);
    }

    void adminRoute_setsAndClearsThePlan()
    {
        const HttpResult set =
            m_client->send("PUT", m_client->url(QStringLiteral("/sandbox/faults")),
                           R"({"rules": [{"path": "/v2/apps", "status": 500}]})");
        QCOMPARE(set.status, 200);
        QCOMPARE(m_server->faultPlan().rules.size(), 1);
        QCOMPARE(apps().status, 500);
        // The admin route itself is never faulted, so the plan can always be removed.
        usePlan(R"([{"path": "*", "status": 500}])");
        const HttpResult bad =
            m_client->send("PUT", m_client->url(QStringLiteral("/sandbox/faults")), "{");
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorCode(), QStringLiteral("invalid_fault_plan"));
        QCOMPARE(m_client->remove(QStringLiteral("/sandbox/faults")).status, 204);
        QVERIFY(m_server->faultPlan().isEmpty());
        QCOMPARE(apps().status, 200);
    }
};

QTEST_GUILESS_MAIN(TestFaultPlan)
#include "tst_faultplan.moc"
