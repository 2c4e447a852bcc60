// FormSession driven against the real sandbox: dependency chains reshape the form, the newest
// /inputs reply wins whatever order replies arrive in, choices page and resolve, and a failed
// fetch keeps what the user typed.
#include "form/formsession.h"
#include "support/sandboxfixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace ab;
using core::ErrorKind;
using form::FormDiff;
using form::FormSession;
using test::SandboxFixture;

namespace {

const QString sheetsConnection = QStringLiteral("sb-conn-gsheets-1");

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

FormDiff lastDiff(const QSignalSpy &spy)
{
    return spy.last().at(0).value<FormDiff>();
}

QStringList inputIds(const FormSession &session)
{
    QStringList ids;
    for (const core::FieldNode *node : core::flattenInputs(session.fields()))
        ids.append(node->id);
    return ids;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// Waits for the spy's next signal unless it already has `count`.
bool waitForCount(QSignalSpy &spy, int count, int timeoutMs = 20000)
{
    while (spy.count() < count) {
        if (!spy.wait(timeoutMs))
            return false;
    }
    return true;
}

} // namespace

class TestFormSandbox final : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxFixture> m_sandbox;
    std::unique_ptr<api::ApiClient> m_api;
    std::unique_ptr<FormSession> m_session;

    QString freshId(const char *app, const char *key)
    {
        return test::freshActionId(*m_api, m_sandbox->appId(QLatin1String(app)), key);
    }

    void setFaults(const QByteArray &plan)
    {
        QString error;
        QVERIFY2(m_sandbox->setFaults(plan, &error), qPrintable(error));
    }

    // Starts the form and waits for its first tree.
    void startForm(const char *app, const char *key, const QString &connection)
    {
        const QString id = freshId(app, key);
        QVERIFY(!id.isEmpty());
        QSignalSpy changed(m_session.get(), &FormSession::fieldsChanged);
        m_session->start(QLatin1String(key), id, connection);
        QVERIFY(waitForCount(changed, 1));
        QVERIFY(lastDiff(changed).initial);
        QVERIFY(m_session->isLoaded());
    }

    // Sets a value and waits for the refetched tree it causes; returns its diff.
    FormDiff setAndRefetch(const QString &fieldId, const QVariant &value)
    {
        QSignalSpy changed(m_session.get(), &FormSession::fieldsChanged);
        m_session->setValue(fieldId, value);
        if (!waitForCount(changed, 1))
            return {};
        return lastDiff(changed);
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<SandboxFixture>();
        QVERIFY(m_sandbox->start());
        m_api = m_sandbox->client();
        m_session = std::make_unique<FormSession>(m_api.get());
    }
    void cleanup()
    {
        m_session.reset();
        m_api.reset();
        m_sandbox.reset();
    }

    void chain_spreadsheetWorksheetColumnsReshapesTheForm()
    {
        startForm("Google Sheets", "add_row", sheetsConnection);
        QCOMPARE(inputIds(*m_session), (QStringList{s("spreadsheet"), s("worksheet")}));
        QCOMPARE(m_session->blockedBy(s("worksheet")), QStringList{s("spreadsheet")});

        FormDiff diff = setAndRefetch(s("spreadsheet"), s("sheet_sales_2026"));
        QVERIFY(diff.isEmpty());
        QVERIFY(m_session->blockedBy(s("worksheet")).isEmpty());

        diff = setAndRefetch(s("worksheet"), s("ws_q1_deals"));
        QCOMPARE(diff.added, (QStringList{s("COL$A"), s("COL$B"), s("COL$C"), s("COL$D")}));
        QCOMPARE(diff.titles.value(s("COL$A")), s("Deal Name"));
        QVERIFY(diff.removed.isEmpty());
        m_session->setValue(s("COL$A"), s("Acme renewal"));
        m_session->setValue(s("COL$B"), 12500.5);
        m_session->setValue(s("COL$D"), s("ada@example.com"));
        QVERIFY(!m_session->isBusy()); // columns invalidate nothing

        // Another worksheet: the ids that survive keep their values, the vanished one drops.
        diff = setAndRefetch(s("worksheet"), s("ws_escalations"));
        QCOMPARE(diff.removed, QStringList{s("COL$D")});
        QCOMPARE(diff.droppedValues, QStringList{s("COL$D")});
        QVERIFY(diff.added.isEmpty());
        QCOMPARE(m_session->value(s("COL$A")).toString(), s("Acme renewal"));
        QCOMPARE(m_session->value(s("COL$B")).toDouble(), 12500.5);
        QCOMPARE(m_session->field(s("COL$B"))->title, s("Escalated To"));

        // Another spreadsheet: the worksheet depends on it and is cleared at once; its columns
        // go with the next tree.
        QSignalSpy cleared(m_session.get(), &FormSession::valuesCleared);
        diff = setAndRefetch(s("spreadsheet"), s("sheet_support"));
        QCOMPARE(cleared.count(), 1);
        QCOMPARE(cleared.first().at(0).toStringList(), QStringList{s("worksheet")});
        QCOMPARE(sorted(diff.removed), (QStringList{s("COL$A"), s("COL$B"), s("COL$C")}));
        QCOMPARE(sorted(diff.droppedValues), (QStringList{s("COL$A"), s("COL$B")}));
        QVERIFY(!m_session->hasValue(s("worksheet")));
        QCOMPARE(m_session->inputs(), (QVariantMap{{s("spreadsheet"), s("sheet_support")}}));
        // The refetch sent the new spreadsheet without the cleared worksheet (the columns went
        // along until this reply showed they are gone).
        const auto posts = m_sandbox->requests("POST", "/v2/actions/*/inputs");
        QVERIFY(posts.last().requestBody.contains("\"sheet_support\""));
        QVERIFY(!posts.last().requestBody.contains("worksheet"));
    }

    void filterCount_addsAndRemovesFieldsets()
    {
        startForm("Filter by Zapier", "filter", QString());
        QCOMPARE(inputIds(*m_session),
                 (QStringList{s("condition_count"), s("field_1"), s("operator_1"), s("value_1")}));
        m_session->setValue(s("field_1"), s("status"));

        FormDiff diff = setAndRefetch(s("condition_count"), qint64(3));
        QCOMPARE(sorted(diff.added),
                 sorted({s("field_2"), s("operator_2"), s("value_2"), s("field_3"), s("operator_3"),
                         s("value_3"), s("boolean_operator")}));
        int fieldsets = 0;
        for (const core::FieldNode &node : m_session->fields())
            fieldsets += node.kind == core::FieldNode::Kind::Fieldset ? 1 : 0;
        QCOMPARE(fieldsets, 3);
        m_session->setValue(s("field_3"), s("amount"));

        diff = setAndRefetch(s("condition_count"), qint64(1));
        QCOMPARE(diff.removed.size(), 7);
        QCOMPARE(diff.droppedValues, QStringList{s("field_3")});
        QCOMPARE(m_session->value(s("field_1")).toString(), s("status")); // survived
    }

    void invalidationRace_theNewerTreeWinsWhenTheOlderReplyArrivesLast()
    {
        startForm("Google Sheets", "add_row", sheetsConnection);
        // Requests carry the action id in their path: delay only the older one's answer.
        const QString olderId = m_session->actionId();
        const QString newerId = freshId("Google Sheets", "add_row");
        setFaults(test::faultRule("POST", "/v2/actions/" + olderId.toUtf8() + "/inputs",
                                  R"("delay_ms": 400, "times": 1)"));
        QSignalSpy changed(m_session.get(), &FormSession::fieldsChanged);

        m_session->setValue(s("spreadsheet"), s("sheet_sales_2026"));
        QTRY_COMPARE(m_api->scheduler()->inFlightCount(), 1); // the older request is out
        m_session->setActionId(newerId);
        m_session->setValue(s("worksheet"), s("ws_q1_deals"));

        QVERIFY(waitForCount(changed, 1));
        QCOMPARE(lastDiff(changed).added.size(), 4); // the newer tree, with the columns
        m_session->setValue(s("COL$A"), s("Acme"));

        // The older reply (no worksheet, so no columns) arrives now, and is dropped.
        QTRY_COMPARE(m_api->scheduler()->inFlightCount(), 0);
        const auto delayed =
            m_sandbox->requests("POST", QStringLiteral("/v2/actions/%1/inputs").arg(olderId));
        QCOMPARE(delayed.size(), 2);
        QVERIFY(delayed.last().faulted);
        QCOMPARE(delayed.last().status, 200);
        QCOMPARE(changed.count(), 1);
        QVERIFY(m_session->hasField(s("COL$A")));
        QCOMPARE(m_session->value(s("COL$A")).toString(), s("Acme"));
        QCOMPARE(m_session->value(s("worksheet")).toString(), s("ws_q1_deals"));
        QVERIFY(!m_session->isBusy());
    }

    void staleChoices_ofAnEarlierDependencyAreNotReported()
    {
        startForm("Google Sheets", "add_row", sheetsConnection);
        setAndRefetch(s("spreadsheet"), s("sheet_sales_2026"));
        setFaults(test::faultRule("POST", "/v2/actions/*/inputs/worksheet/choices",
                                  R"("delay_ms": 400, "times": 1)"));
        QSignalSpy loaded(m_session.get(), &FormSession::choicesLoaded);
        m_session->loadChoices(s("worksheet")); // for sheet_sales_2026, answered late
        QTRY_COMPARE(m_api->scheduler()->inFlightCount(), 1);
        setAndRefetch(s("spreadsheet"), s("sheet_support"));
        m_session->loadChoices(s("worksheet")); // for sheet_support
        QVERIFY(waitForCount(loaded, 1));
        QTRY_COMPARE(m_api->scheduler()->inFlightCount(), 0); // the late page has arrived
        QCOMPARE(m_sandbox->count("POST", "/v2/actions/*/inputs/worksheet/choices"), 2);

        QCOMPARE(loaded.count(), 1);
        QStringList labels;
        for (const core::Choice &choice : m_session->cachedChoices(s("worksheet")))
            labels.append(choice.label);
        QCOMPARE(labels, (QStringList{s("Open"), s("Escalations")}));
    }

    void choices_pageAndResolveByLabel()
    {
        startForm("Slack", "send_channel_message", s("sb-conn-slack-1"));
        QSignalSpy loaded(m_session.get(), &FormSession::choicesLoaded);
        m_session->loadChoices(s("channel"), 1);
        QVERIFY(waitForCount(loaded, 1));
        const auto first = loaded.first().at(2).value<core::ChoicePage>();
        QCOMPARE(first.choices.size(), 25);
        QVERIFY(first.hasNext);
        QVERIFY(!m_session->hasAllChoices(s("channel")));

        // Resolving pages on demand from where the cache stops: page 3 holds #people-4.
        std::optional<form::ChoiceResolution> resolved;
        m_session->resolveChoice(s("channel"), s("#PEOPLE-4"),
                                 [&resolved](const form::ChoiceResolution &r) { resolved = r; });
        QTRY_VERIFY(resolved.has_value());
        QCOMPARE(resolved->status, form::ChoiceResolution::Status::Found);
        QCOMPARE(resolved->choice.id, s("C0060"));
        QCOMPARE(resolved->choice.label, s("#people-4"));
        QCOMPARE(resolved->pagesSearched, 2);
        QVERIFY(m_session->hasAllChoices(s("channel")));
        QCOMPARE(m_sandbox->count("POST", "/v2/actions/*/inputs/channel/choices"), 3);

        std::optional<form::ChoiceResolution> missing;
        m_session->resolveChoice(s("channel"), s("#no-such-channel"),
                                 [&missing](const form::ChoiceResolution &r) { missing = r; });
        QTRY_VERIFY(missing.has_value());
        QCOMPARE(missing->status, form::ChoiceResolution::Status::NotFound);
        QCOMPARE(m_sandbox->count("POST", "/v2/actions/*/inputs/channel/choices"), 3); // cached

        QSignalSpy all(m_session.get(), &FormSession::allChoicesLoaded);
        m_session->loadAllChoices(s("channel"));
        QVERIFY(waitForCount(all, 1));
        QCOMPARE(all.first().at(1).value<QList<core::Choice>>().size(), 64);
    }

    void fetchFailure_keepsFieldsAndValues_thenRefetchRecovers_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("500") << QByteArray(R"("status": 500)") << ErrorKind::Server;
        QTest::newRow("503 HTML page")
            << QByteArray(R"("status": 503, "body": "html")") << ErrorKind::Unavailable;
        QTest::newRow("dropped") << QByteArray(R"("drop_connection": true)") << ErrorKind::Network;
        QTest::newRow("malformed JSON")
            << QByteArray(R"("body": "malformed_json")") << ErrorKind::MalformedResponse;
        QTest::newRow("wrong types")
            << QByteArray(R"("body": "wrong_types")") << ErrorKind::MalformedResponse;
    }
    void fetchFailure_keepsFieldsAndValues_thenRefetchRecovers()
    {
        QFETCH(QByteArray, fault);
        QFETCH(ErrorKind, kind);
        startForm("Google Sheets", "add_row", sheetsConnection);
        setAndRefetch(s("spreadsheet"), s("sheet_sales_2026"));
        const QStringList before = inputIds(*m_session);
        setFaults(test::faultRule("POST", "/v2/actions/*/inputs", fault));

        QSignalSpy failed(m_session.get(), &FormSession::fetchFailed);
        QSignalSpy changed(m_session.get(), &FormSession::fieldsChanged);
        m_session->setValue(s("worksheet"), s("ws_q1_deals"));
        QVERIFY(waitForCount(failed, 1));
        QCOMPARE(failed.first().at(0).value<core::ApiError>().kind, kind);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(inputIds(*m_session), before);
        QCOMPARE(m_session->value(s("spreadsheet")).toString(), s("sheet_sales_2026"));
        QCOMPARE(m_session->value(s("worksheet")).toString(), s("ws_q1_deals"));
        QVERIFY(!m_session->isBusy());

        m_sandbox->clearFaults();
        m_session->refetch();
        QVERIFY(waitForCount(changed, 1));
        QCOMPARE(lastDiff(changed).added.size(), 4);
        QCOMPARE(m_session->value(s("worksheet")).toString(), s("ws_q1_deals"));
    }

    void outputs_previewTheCurrentInputs()
    {
        startForm("Google Sheets", "add_row", sheetsConnection);
        QSignalSpy loaded(m_session.get(), &FormSession::outputsLoaded);
        m_session->fetchOutputs();
        QVERIFY(waitForCount(loaded, 1));
        const auto fields = loaded.first().at(0).value<QList<core::OutputField>>();
        QVERIFY(!fields.isEmpty());
        QCOMPARE(fields.first().id, s("id"));
    }
};

QTEST_GUILESS_MAIN(TestFormSandbox)
#include "tst_form_sandbox.moc"
