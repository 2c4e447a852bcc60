// Partner API v2 action runs over real HTTP: validation, single-use ids, the poll lifecycle,
// every third-party error code and a 1 MB result.
#include "partnerapitestbase.h"

#include "sandbox/sandboxserver.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace ab::sandbox;
using ab::test::formBody;
using ab::test::HttpResult;
using ab::test::SandboxClient;

namespace {} // namespace

class TestSandboxRuns final : public ab::test::PartnerApiTestBase {
    Q_OBJECT

private Q_SLOTS:
    void init() { startSandbox(); }
    void cleanup() { stopSandbox(); }

    void run_succeedsAfterPollsAndIdsAreSingleUse()
    {
        const QString action = actionId("google-sheets", "add_row");
        const QJsonObject values{
            {QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026")},
            {QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals")},
            {QStringLiteral("COL$A"), QStringLiteral("Acme renewal")},
            {QStringLiteral("COL$B"), 1250.5}};
        QJsonObject missing = values;
        missing.remove(QStringLiteral("COL$A"));
        const QJsonObject body{
            {QStringLiteral("action"), action},
            {QStringLiteral("authentication"), QStringLiteral("sb-conn-gsheets-1")}};
        QJsonObject incomplete = body;
        incomplete.insert(QStringLiteral("inputs"), missing);
        const HttpResult refused =
            m_client->postData(QStringLiteral("/v2/action-runs"), incomplete);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorCode(), QStringLiteral("required"));
        QCOMPARE(refused.firstError()
                     .value(QStringLiteral("source"))
                     .toObject()
                     .value(QStringLiteral("pointer"))
                     .toString(),
                 QStringLiteral("/data/inputs/COL$A"));

        QJsonObject complete = body;
        complete.insert(QStringLiteral("inputs"), values);
        const HttpResult created = m_client->postData(QStringLiteral("/v2/action-runs/"), complete);
        QCOMPARE(created.status, 200);
        QCOMPARE(created.dataObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("run"));
        const QString runId = created.dataObject().value(QStringLiteral("id")).toString();
        QVERIFY(!QUuid(runId).isNull());
        int waits = 0;
        const QJsonObject done = finishRun(runId, &waits);
        QCOMPARE(waits, 2);
        QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("success"));
        QCOMPARE(done.value(QStringLiteral("errors")).toArray().size(), 0);
        const QJsonObject row = done.value(QStringLiteral("results")).toArray().first().toObject();
        QCOMPARE(row.value(QStringLiteral("COL$A")).toString(), QStringLiteral("Acme renewal"));
        QCOMPARE(row.value(QStringLiteral("COL$B")).toDouble(), 1250.5); // echo keeps the type

        const HttpResult reused = m_client->postData(QStringLiteral("/v2/action-runs"), complete);
        QCOMPARE(reused.status, 400);
        QCOMPARE(reused.errorCode(), QStringLiteral("invalid_action"));
        QVERIFY(reused.firstError()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("GET /v2/actions")));
        QCOMPARE(readRun(QStringLiteral("no-such-run")).status, 404);
    }

    void run_acceptsFlatAndHybridBodies()
    {
        const HttpResult flat =
            m_client->post(QStringLiteral("/v2/action-runs"),
                           QJsonObject{{QStringLiteral("action"), actionId("code", "run_python")},
                                       {QStringLiteral("authentication"), QJsonValue::Null},
                                       {QStringLiteral("input"),
                                        QJsonObject{{QStringLiteral("input_data"),
                                                     QJsonObject{{QStringLiteral("a"), 1}}}}}});
        QCOMPARE(flat.status, 200);
        const QJsonObject done =
            finishRun(flat.dataObject().value(QStringLiteral("id")).toString());
        // READONLY runtime came from its default.
        QCOMPARE(done.value(QStringLiteral("results"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("runtime"))
                     .toString(),
                 QStringLiteral("Python 3.7"));
        const HttpResult hybrid = m_client->postData(
            QStringLiteral("/v2/action-runs"),
            QJsonObject{{QStringLiteral("action"), actionId("slack", "send_channel_message")},
                        {QStringLiteral("authentication"), QStringLiteral("sb-conn-slack-3")},
                        {QStringLiteral("input"),
                         QJsonObject{{QStringLiteral("channel"), QStringLiteral("C0002")}}}});
        QCOMPARE(hybrid.status, 400);
        QCOMPARE(hybrid.firstError()
                     .value(QStringLiteral("source"))
                     .toObject()
                     .value(QStringLiteral("pointer"))
                     .toString(),
                 QStringLiteral("/data/input/text"));
    }

    void run_failsWithEveryThirdPartyErrorCode_data()
    {
        QTest::addColumn<QString>("outcome");
        for (const char *code : {"user", "authentication", "partner", "system", "throttled",
                                 "system_throttled", "hydration"})
            QTest::newRow(code) << QString::fromLatin1(code);
    }
    void run_failsWithEveryThirdPartyErrorCode()
    {
        QFETCH(QString, outcome);
        const HttpResult created =
            startRun("sandbox-faults", "simulate_outcome", QStringLiteral("sb-conn-faults-1"),
                     {{QStringLiteral("outcome"), outcome},
                      {QStringLiteral("polls"), 1},
                      {QStringLiteral("delay_seconds"), QStringLiteral("45")}});
        QCOMPARE(created.status, 200);
        int waits = 0;
        const QJsonObject done =
            finishRun(created.dataObject().value(QStringLiteral("id")).toString(), &waits);
        QCOMPARE(waits, 1);
        QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        const QJsonObject error = done.value(QStringLiteral("errors")).toArray().first().toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), outcome);
        QVERIFY(!error.value(QStringLiteral("title")).toString().isEmpty());
        QVERIFY(!error.value(QStringLiteral("detail")).toString().isEmpty());
        if (outcome == QLatin1String("throttled"))
            QCOMPARE(error.value(QStringLiteral("delay")).toInt(), 45);
        if (outcome == QLatin1String("user"))
            QCOMPARE(error.value(QStringLiteral("meta"))
                         .toObject()
                         .value(QStringLiteral("source"))
                         .toObject()
                         .value(QStringLiteral("pointer"))
                         .toString(),
                     QStringLiteral("/data/inputs/message"));
    }

    void run_realisticFailures()
    {
        const HttpResult gmail =
            startRun("gmail", "send_email", QStringLiteral("sb-conn-gmail-1"),
                     {{QStringLiteral("to"), QJsonArray{QStringLiteral("not-an-address")}},
                      {QStringLiteral("subject"), QStringLiteral("Hi")},
                      {QStringLiteral("body"), QStringLiteral("Hello")}});
        const QJsonObject mail =
            finishRun(gmail.dataObject().value(QStringLiteral("id")).toString());
        const QJsonObject userError =
            mail.value(QStringLiteral("errors")).toArray().first().toObject();
        QCOMPARE(userError.value(QStringLiteral("code")).toString(), QStringLiteral("user"));
        QCOMPARE(userError.value(QStringLiteral("meta"))
                     .toObject()
                     .value(QStringLiteral("input_field"))
                     .toString(),
                 QStringLiteral("to"));

        const HttpResult expired =
            startRun("salesforce", "create_record", QStringLiteral("sb-conn-sf-expired"),
                     {{QStringLiteral("object"), QStringLiteral("Account")},
                      {QStringLiteral("Name"), QStringLiteral("Acme")}});
        QCOMPARE(expired.status, 200);
        const QJsonObject sf =
            finishRun(expired.dataObject().value(QStringLiteral("id")).toString());
        QCOMPARE(sf.value(QStringLiteral("errors"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("authentication"));
    }

    void run_returnsAboutOneMegabyte()
    {
        const HttpResult created =
            startRun("airtable", "find_records", QStringLiteral("sb-conn-airtable-1"),
                     {{QStringLiteral("base"), QStringLiteral("app_crm")},
                      {QStringLiteral("table"), QStringLiteral("tbl_contacts")}});
        QCOMPARE(created.status, 200);
        const QString runId = created.dataObject().value(QStringLiteral("id")).toString();
        QCOMPARE(readRun(runId).dataObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("waiting"));
        const HttpResult done = readRun(runId);
        QVERIFY2(done.body.size() > 1000000, qPrintable(QString::number(done.body.size())));
        QVERIFY(done.body.size() < 1500000);
        QCOMPARE(done.dataObject().value(QStringLiteral("results")).toArray().size(), 3500);
    }
};

QTEST_GUILESS_MAIN(TestSandboxRuns)
#include "tst_sandboxruns.moc"
