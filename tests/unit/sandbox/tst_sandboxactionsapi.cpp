// Actions API v1 of the sandbox: stored-action CRUD, idempotent runs, bulk paging, one-off
// runs, and state shared between processes through the state file.
#include "sandboxclient.h"

#include "sandbox/sandboxserver.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace ab::sandbox;
using ab::test::HttpResult;
using ab::test::SandboxClient;

namespace {

const QString kStored = QStringLiteral("/actions/v1/stored-actions");

QJsonObject slackDefinition()
{
    return QJsonObject{{QStringLiteral("connection_id"), QStringLiteral("sb-conn-slack-2")},
                       {QStringLiteral("selected_api"), QStringLiteral("SlackCLIAPI@1.21.1")},
                       {QStringLiteral("action_key"), QStringLiteral("send_channel_message")},
                       {QStringLiteral("action_type"), QStringLiteral("write")},
                       {QStringLiteral("inputs"),
                        QJsonObject{{QStringLiteral("channel"), QStringLiteral("C0003")},
                                    {QStringLiteral("text"), QStringLiteral("Stand-up in 5")}}}};
}

} // namespace

class TestSandboxActionsApi final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;

    QString create(const QJsonObject &definition)
    {
        const HttpResult created = m_client->postData(kStored, definition);
        return created.json().value(QStringLiteral("id")).toString();
    }

    HttpResult runStored(const QString &id, const QJsonObject &data)
    {
        return m_client->postData(kStored + QStringLiteral("/%1/run").arg(id), data);
    }

    QJsonObject finish(const QString &storedId, const QString &runId)
    {
        for (int i = 0; i < 20; ++i) {
            const QJsonObject run =
                m_client->get(kStored + QStringLiteral("/%1/runs/%2").arg(storedId, runId)).json();
            if (run.value(QStringLiteral("status")).toString() != QLatin1String("waiting"))
                return run;
        }
        return {};
    }

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

    void storedAction_crudRoundTrip()
    {
        const HttpResult created = m_client->postData(kStored, slackDefinition());
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QStringLiteral("type")).toString(),
                 QStringLiteral("stored_action"));
        QVERIFY(!created.json().contains(QStringLiteral("data"))); // flat, no wrapper
        const QString id = created.json().value(QStringLiteral("id")).toString();
        QVERIFY(!QUuid(id).isNull());

        const QJsonObject record = m_client->get(kStored + QLatin1Char('/') + id).json();
        QCOMPARE(record.value(QStringLiteral("action_type")).toString(), QStringLiteral("write"));
        QCOMPARE(record.value(QStringLiteral("selected_api")).toString(),
                 QStringLiteral("SlackCLIAPI@1.21.1"));
        QCOMPARE(record.value(QStringLiteral("connection_id")).toString(),
                 QStringLiteral("sb-conn-slack-2"));
        QCOMPARE(record.value(QStringLiteral("inputs"))
                     .toObject()
                     .value(QStringLiteral("channel"))
                     .toString(),
                 QStringLiteral("C0003"));

        const HttpResult list = m_client->get(kStored + QLatin1Char('/'));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(QStringLiteral("count")).toInt(), 1);
        QVERIFY(list.json().value(QStringLiteral("next")).isNull());
        QCOMPARE(list.json()
                     .value(QStringLiteral("results"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("stored_action"));

        const HttpResult patched =
            m_client->patchData(kStored + QLatin1Char('/') + id,
                                {{QStringLiteral("inputs"),
                                  QJsonObject{{QStringLiteral("channel"), QStringLiteral("C0009")},
                                              {QStringLiteral("text"), QStringLiteral("Moved")}}}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json()
                     .value(QStringLiteral("inputs"))
                     .toObject()
                     .value(QStringLiteral("channel"))
                     .toString(),
                 QStringLiteral("C0009"));
        const HttpResult moved = m_client->patchData(
            kStored + QLatin1Char('/') + id,
            {{QStringLiteral("connection_id"), QStringLiteral("sb-conn-slack-4")}});
        QCOMPARE(moved.status, 400);
        QCOMPARE(moved.firstError()
                     .value(QStringLiteral("source"))
                     .toObject()
                     .value(QStringLiteral("pointer"))
                     .toString(),
                 QStringLiteral("/data/connection_id"));

        QCOMPARE(m_client->remove(kStored + QLatin1Char('/') + id).status, 204);
        QCOMPARE(m_client->get(kStored + QLatin1Char('/') + id).status, 404);
        QCOMPARE(m_client->remove(kStored + QLatin1Char('/') + id).status, 404);
    }

    void storedAction_refusesUnknownDefinitions_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("api") << "selected_api"
                             << "NoSuchAPI"
                             << "/data/selected_api";
        QTest::newRow("key") << "action_key"
                             << "nope"
                             << "/data/action_key";
        QTest::newRow("type") << "action_type"
                              << "search"
                              << "/data/action_type";
        QTest::newRow("connection") << "connection_id"
                                    << "sb-conn-gmail-1"
                                    << "/data/connection_id";
    }
    void storedAction_refusesUnknownDefinitions()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, pointer);
        QJsonObject definition = slackDefinition();
        definition.insert(key, value);
        const HttpResult refused = m_client->postData(kStored, definition);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorCode(), QStringLiteral("bad_request"));
        QCOMPARE(refused.firstError()
                     .value(QStringLiteral("source"))
                     .toObject()
                     .value(QStringLiteral("pointer"))
                     .toString(),
                 pointer);
    }

    void storedRun_replaysTheSameIdempotencyId()
    {
        const QString id = create(slackDefinition());
        const QJsonObject data{
            {QStringLiteral("inputs"),
             QJsonObject{{QStringLiteral("text"), QStringLiteral("Overridden")}}},
            {QStringLiteral("idempotency_id"),
             QStringLiteral("7a0f7c3e-5b0e-4d8f-9a53-0d7f6f0b2c11")}};
        const HttpResult first = runStored(id, data);
        QCOMPARE(first.status, 202);
        QCOMPARE(first.dataObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("run"));
        const QString runId = first.dataObject().value(QStringLiteral("id")).toString();
        const HttpResult replay = runStored(id, data);
        QCOMPARE(replay.status, 202);
        QCOMPARE(replay.dataObject().value(QStringLiteral("id")).toString(), runId);
        QJsonObject other = data;
        other.insert(QStringLiteral("idempotency_id"),
                     QStringLiteral("0c8e0f9a-1111-4d8f-9a53-0d7f6f0b2c11"));
        QVERIFY(runStored(id, other).dataObject().value(QStringLiteral("id")).toString() != runId);

        const HttpResult waiting =
            m_client->get(kStored + QStringLiteral("/%1/runs/%2").arg(id, runId));
        QCOMPARE(waiting.status, 200);
        const QJsonObject pending = waiting.json();
        QCOMPARE(pending.value(QStringLiteral("status")).toString(), QStringLiteral("waiting"));
        for (const char *key : {"type", "id", "results", "next_page", "errors"})
            QVERIFY2(pending.contains(QLatin1String(key)), key);
        const QJsonObject done = finish(id, runId);
        QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("success"));
        const QJsonObject result =
            done.value(QStringLiteral("results")).toArray().first().toObject();
        QCOMPARE(result.value(QStringLiteral("channel")).toString(),
                 QStringLiteral("C0003")); // stored
        QCOMPARE(result.value(QStringLiteral("message"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("Overridden")); // run inputs win
        QCOMPARE(m_client->get(kStored + QStringLiteral("/%1/runs/nope").arg(id)).status, 404);
    }

    void storedRun_validatesMergedInputs()
    {
        QJsonObject definition = slackDefinition();
        definition.insert(QStringLiteral("inputs"),
                          QJsonObject{{QStringLiteral("channel"), QStringLiteral("C0001")}});
        const QString id = create(definition);
        const HttpResult refused = runStored(id, {});
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.firstError()
                     .value(QStringLiteral("source"))
                     .toObject()
                     .value(QStringLiteral("pointer"))
                     .toString(),
                 QStringLiteral("/data/inputs/text"));
        QCOMPARE(runStored(id, {{QStringLiteral("inputs"),
                                 QJsonObject{{QStringLiteral("text"), QStringLiteral("ok")}}}})
                     .status,
                 202);
    }

    void bulkRead_pagesWithNextPage()
    {
        const QString id =
            create({{QStringLiteral("connection_id"), QStringLiteral("sb-conn-airtable-1")},
                    {QStringLiteral("selected_api"), QStringLiteral("AirtableCLIAPI")},
                    {QStringLiteral("action_key"), QStringLiteral("list_records")},
                    {QStringLiteral("action_type"), QStringLiteral("read_bulk")},
                    {QStringLiteral("inputs"),
                     QJsonObject{{QStringLiteral("base"), QStringLiteral("app_crm")},
                                 {QStringLiteral("table"), QStringLiteral("tbl_deals")}}}});
        QString page = QStringLiteral("0");
        QList<int> sizes;
        while (!page.isEmpty() && sizes.size() < 10) {
            const QString runId = runStored(id, {{QStringLiteral("page"), page}})
                                      .dataObject()
                                      .value(QStringLiteral("id"))
                                      .toString();
            const QJsonObject done = finish(id, runId);
            sizes.append(int(done.value(QStringLiteral("results")).toArray().size()));
            const QJsonValue next = done.value(QStringLiteral("next_page"));
            page = next.isNull() ? QString() : next.toString();
        }
        QCOMPARE(sizes, (QList<int>{50, 50, 20}));
    }

    void oneOffRun_answers202UntilDone()
    {
        const HttpResult created = m_client->postData(
            QStringLiteral("/actions/v1/runs"),
            {{QStringLiteral("selected_api"), QStringLiteral("SandboxFaultsAPI")},
             {QStringLiteral("action_key"), QStringLiteral("simulate_outcome")},
             {QStringLiteral("action_type"), QStringLiteral("write")},
             {QStringLiteral("authentication_id"), QStringLiteral("sb-conn-faults-1")},
             {QStringLiteral("inputs"), QJsonObject{{QStringLiteral("polls"), 1}}}});
        QCOMPARE(created.status, 202);
        const QString runId = created.dataObject().value(QStringLiteral("id")).toString();
        const HttpResult pending = m_client->get(QStringLiteral("/actions/v1/runs/") + runId);
        QCOMPARE(pending.status, 202);
        QCOMPARE(pending.dataObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("waiting"));
        const HttpResult done = m_client->get(QStringLiteral("/actions/v1/runs/") + runId);
        QCOMPARE(done.status, 200);
        QCOMPARE(done.dataObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("success"));
    }

    void statePath_sharesStoredActionsBetweenServers()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxOptions options;
        options.statePath = dir.filePath(QStringLiteral("state.json"));
        SandboxServer first(options);
        SandboxServer second(options);
        QVERIFY(first.listen());
        QVERIFY(second.listen());
        SandboxClient one(first.baseUrl());
        SandboxClient two(second.baseUrl());
        const QString id =
            one.postData(kStored, slackDefinition()).json().value(QStringLiteral("id")).toString();
        QCOMPARE(two.get(kStored + QLatin1Char('/') + id).status, 200);
        // An action id fetched through one process can run through the other, once.
        const HttpResult actions =
            one.get(QStringLiteral("/v2/actions"),
                    QUrlQuery{{QStringLiteral("app"), QStringLiteral("CodeAPI")}});
        const QString actionId =
            actions.data().first().toObject().value(QStringLiteral("id")).toString();
        const QJsonObject body{{QStringLiteral("action"), actionId},
                               {QStringLiteral("authentication"), QJsonValue::Null},
                               {QStringLiteral("inputs"), QJsonObject()}};
        const HttpResult run = two.postData(QStringLiteral("/v2/action-runs"), body);
        QCOMPARE(run.status, 200);
        QCOMPARE(one.postData(QStringLiteral("/v2/action-runs"), body).errorCode(),
                 QStringLiteral("invalid_action"));
        // A third process started later sees everything too.
        SandboxServer third(options);
        QVERIFY(third.listen());
        SandboxClient three(third.baseUrl());
        QCOMPARE(three.get(kStored).json().value(QStringLiteral("count")).toInt(), 1);
        QCOMPARE(three
                     .get(QStringLiteral("/v2/action-runs/") +
                          run.dataObject().value(QStringLiteral("id")).toString())
                     .status,
                 200);
        QVERIFY(first.stateError().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandboxActionsApi)
#include "tst_sandboxactionsapi.moc"
