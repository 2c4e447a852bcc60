// The Actions API's stored actions through the real ApiClient against the real sandbox: CRUD,
// runs with idempotency ids, and bulk reads paged with next_page.
#include "support/sandboxfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ab;
using core::ErrorKind;
using test::Await;
using test::SandboxFixture;

namespace {

const QString airtableConnection = QStringLiteral("sb-conn-airtable-1");

int resultCount(const QByteArray &resultsJson)
{
    return int(QJsonDocument::fromJson(resultsJson).array().size());
}

} // namespace

class TestActionsApiSandbox final : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxFixture> m_sandbox;
    std::unique_ptr<api::ApiClient> m_api;
    QString createStored(const QString &app, const QString &key, const QString &type,
                         const QString &connection, const QVariantMap &inputs)
    {
        core::StoredAction action;
        action.connectionId = connection;
        action.selectedApi = m_sandbox->selectedApi(app);
        action.actionKey = key;
        action.actionType = type;
        action.inputs = inputs;
        Await<QString> created;
        m_api->createStoredAction(action, nullptr, created.callback());
        if (!created.wait() || !created.ok())
            return {};
        return created.value();
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<SandboxFixture>();
        QVERIFY(m_sandbox->start());
        m_api = m_sandbox->client();
    }
    void cleanup()
    {
        m_api.reset();
        m_sandbox.reset();
    }

    void storedActions_createReadListDelete()
    {
        const QVariantMap inputs{{QStringLiteral("base"), QStringLiteral("app_crm")},
                                 {QStringLiteral("table"), QStringLiteral("tbl_contacts")}};
        const QString id = createStored(QStringLiteral("Airtable"), QStringLiteral("list_records"),
                                        QStringLiteral("read_bulk"), airtableConnection, inputs);
        QVERIFY(!id.isEmpty());

        Await<core::StoredAction> one;
        m_api->storedAction(id, nullptr, one.callback());
        QVERIFY(one.wait());
        QVERIFY2(one.ok(), one.describe());
        QCOMPARE(one.value().id, id);
        QCOMPARE(one.value().connectionId, airtableConnection);
        QCOMPARE(one.value().selectedApi, QStringLiteral("AirtableCLIAPI"));
        QCOMPARE(one.value().actionKey, QStringLiteral("list_records"));
        QCOMPARE(one.value().actionType, QStringLiteral("read_bulk"));
        QCOMPARE(one.value().inputs, inputs);

        Await<QList<core::StoredAction>> list;
        m_api->storedActions(nullptr, list.callback());
        QVERIFY(list.wait());
        QVERIFY2(list.ok(), list.describe());
        QCOMPARE(list.value().size(), 1);
        QCOMPARE(list.value().first().id, id);

        Await<core::Empty> removed;
        m_api->deleteStoredAction(id, nullptr, removed.callback());
        QVERIFY(removed.wait());
        QVERIFY2(removed.ok(), removed.describe());

        Await<core::StoredAction> gone;
        m_api->storedAction(id, nullptr, gone.callback());
        QVERIFY(gone.wait());
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().kind, ErrorKind::NotFound);
        QCOMPARE(gone.error().httpStatus, 404);
    }

    void createStoredAction_withABadDefinitionIsRefused()
    {
        core::StoredAction action;
        action.connectionId = airtableConnection;
        action.selectedApi = QStringLiteral("AirtableCLIAPI");
        action.actionKey = QStringLiteral("list_records");
        action.actionType = QStringLiteral("write"); // it is read_bulk
        Await<QString> created;
        m_api->createStoredAction(action, nullptr, created.callback());
        QVERIFY(created.wait());
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, ErrorKind::BadRequest);
        QCOMPARE(created.error().sourcePointer, QStringLiteral("/data/action_type"));
    }

    void runStoredAction_sameIdempotencyIdGivesTheSameRun()
    {
        const QString id = createStored(
            QStringLiteral("Sandbox Faults"), QStringLiteral("simulate_outcome"),
            QStringLiteral("write"), QStringLiteral("sb-conn-faults-1"),
            {{QStringLiteral("outcome"), QStringLiteral("success")}, {QStringLiteral("polls"), 0}});
        QVERIFY(!id.isEmpty());
        QStringList runIds;
        for (const char *idempotencyId : {"idem-1", "idem-1", "idem-2"}) {
            Await<QString> run;
            m_api->runStoredAction(id, {{QStringLiteral("message"), QStringLiteral("hi")}},
                                   QString(), QLatin1String(idempotencyId), nullptr,
                                   run.callback());
            QVERIFY(run.wait());
            QVERIFY2(run.ok(), run.describe());
            runIds.append(run.value());
        }
        QCOMPARE(runIds.at(0), runIds.at(1));
        QVERIFY(runIds.at(2) != runIds.at(0));
        QCOMPARE(m_sandbox->count(QStringLiteral("POST"), "/actions/v1/stored-actions/*/run"), 3);

        Await<core::RunState> state;
        m_api->storedActionRun(id, runIds.first(), core::Priority::User, nullptr, state.callback());
        QVERIFY(state.wait());
        QVERIFY2(state.ok(), state.describe());
        QCOMPARE(state.value().id, runIds.first());
        QCOMPARE(state.value().status, core::RunStatus::Success);
        const QJsonObject result =
            QJsonDocument::fromJson(state.value().resultsJson).array().first().toObject();
        QCOMPARE(result.value(QStringLiteral("message")).toString(), QStringLiteral("hi"));
    }

    void storedActionRun_pagesABulkReadWithNextPage()
    {
        const QString id = createStored(QStringLiteral("Airtable"), QStringLiteral("list_records"),
                                        QStringLiteral("read_bulk"), airtableConnection,
                                        {{QStringLiteral("base"), QStringLiteral("app_crm")},
                                         {QStringLiteral("table"), QStringLiteral("tbl_deals")}});
        QVERIFY(!id.isEmpty());
        QString page = QStringLiteral("0");
        QList<int> sizes;
        QStringList pagesSent;
        while (!page.isEmpty() && sizes.size() < 10) {
            Await<QString> run;
            m_api->runStoredAction(id, {}, page, QStringLiteral("bulk-%1").arg(page), nullptr,
                                   run.callback());
            QVERIFY(run.wait());
            QVERIFY2(run.ok(), run.describe());
            Await<core::RunState> state;
            m_api->storedActionRun(id, run.value(), core::Priority::User, nullptr,
                                   state.callback());
            QVERIFY(state.wait());
            QVERIFY2(state.ok(), state.describe());
            QCOMPARE(state.value().status, core::RunStatus::Success);
            pagesSent.append(page);
            sizes.append(resultCount(state.value().resultsJson));
            page = state.value().nextPage;
        }
        QCOMPARE(pagesSent,
                 (QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")}));
        QCOMPARE(sizes, (QList<int>{50, 50, 20}));
    }

    void storedActionRun_ofAnotherStoredActionIsNotFound()
    {
        const QString id =
            createStored(QStringLiteral("Sandbox Faults"), QStringLiteral("simulate_outcome"),
                         QStringLiteral("write"), QStringLiteral("sb-conn-faults-1"), {});
        Await<QString> run;
        m_api->runStoredAction(id, {}, QString(), QStringLiteral("idem-x"), nullptr,
                               run.callback());
        QVERIFY(run.wait());
        QVERIFY2(run.ok(), run.describe());
        Await<core::RunState> wrong;
        m_api->storedActionRun(QStringLiteral("not-this-one"), run.value(), core::Priority::User,
                               nullptr, wrong.callback());
        QVERIFY(wrong.wait());
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().kind, ErrorKind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestActionsApiSandbox)
#include "tst_actionsapi_sandbox.moc"
