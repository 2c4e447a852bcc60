#include "form/formsession.h"
#include "formfixtures.h"
#include "support/fakebackend.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ab;
using namespace ab::form;
using namespace ab::test::formfixtures;
using ab::test::FakeBackend;
using ab::test::FakeCall;

namespace {

const QString kInputs = QStringLiteral("inputs");

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A backend that answers /inputs at once the way Zapier would for `form`.
void serve(FakeBackend &backend,
           std::function<QList<core::FieldNode>(const QVariantMap &)> form = spreadsheetForm)
{
    backend.onInputs = [form](const FakeCall &call) {
        return std::optional<core::ApiResult<QList<core::FieldNode>>>(form(call.inputs));
    };
}

FormDiff lastDiff(const QSignalSpy &spy)
{
    return spy.last().at(0).value<FormDiff>();
}

} // namespace

class TestFormSession final : public QObject {
    Q_OBJECT

private:
    // Starts on the spreadsheet form and waits for the first tree.
    static bool startLoaded(FakeBackend &backend, FormSession &session)
    {
        serve(backend);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("create_row"), s("core:1"), s("conn-1"));
        return changed.wait();
    }

private Q_SLOTS:
    void firstLoad_postsEmptyInputsAndFlagsDiffInitial()
    {
        FakeBackend backend;
        serve(backend);
        FormSession session(&backend);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        QSignalSpy busy(&session, &FormSession::busyChanged);

        session.start(s("create_row"), s("core:1"), s("conn-1"));
        QVERIFY(session.isBusy());
        QVERIFY(changed.wait());

        QCOMPARE(backend.callCount(kInputs), 1);
        const FakeCall call = backend.callsOf(kInputs).first();
        QCOMPARE(call.args, (QStringList{s("core:1"), s("conn-1")}));
        QVERIFY(call.inputs.isEmpty());
        const FormDiff diff = lastDiff(changed);
        QVERIFY(diff.initial);
        QCOMPARE(diff.added, (QStringList{s("spreadsheet"), s("note")}));
        QCOMPARE(diff.titles.value(s("spreadsheet")), s("Spreadsheet"));
        QVERIFY(session.isLoaded());
        QVERIFY(!session.isBusy());
        QCOMPARE(busy.size(), 2);             // true, then false
        QCOMPARE(session.fields().size(), 3); // the info field is part of the tree
    }

    void start_sendsValuesAlreadySet()
    {
        FakeBackend backend;
        serve(backend);
        FormSession session(&backend);
        session.restore({{s("note"), s("hello")}});
        QCOMPARE(backend.callCount(kInputs), 0); // nothing to ask before start()
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("create_row"), s("core:1"));
        QVERIFY(changed.wait());
        QCOMPARE(backend.callCount(kInputs), 1);
        QCOMPARE(backend.calls.last().inputs, (QVariantMap{{s("note"), s("hello")}}));
        QCOMPARE(backend.calls.last().args.at(1), QString()); // no-auth app
        QCOMPARE(session.value(s("note")), QVariant(s("hello")));
    }

    void setValue_onInvalidatingField_refetchesOnceWithAllValues()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        QSignalSpy changed(&session, &FormSession::fieldsChanged);

        session.setValue(s("note"), s("Hi")); // neither invalidates nor has dependants
        QVERIFY(!session.isBusy());
        session.setValue(s("spreadsheet"), s("sheet-1"), s("Budget 2026"));
        QVERIFY(session.isBusy());
        QVERIFY(changed.wait());

        QCOMPARE(backend.callCount(kInputs), 2);
        QCOMPARE(backend.calls.last().inputs,
                 (QVariantMap{{s("note"), s("Hi")}, {s("spreadsheet"), s("sheet-1")}}));
        QCOMPARE(lastDiff(changed).added, QStringList{s("worksheet")});
        QVERIFY(!lastDiff(changed).initial);
        QCOMPARE(session.valueLabel(s("spreadsheet")), s("Budget 2026"));
        QCOMPARE(session.inputs().value(s("spreadsheet")), QVariant(s("sheet-1")));
        // Each input by its field's title; a value whose field is not in the tree has none.
        session.setValue(s("not_in_the_tree"), s("x"));
        QCOMPARE(
            session.inputTitles(),
            (QMap<QString, QString>{{s("note"), s("Note")}, {s("spreadsheet"), s("Spreadsheet")}}));
    }

    void setValue_sameValueAgain_changesNothing()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        session.setValue(s("spreadsheet"), s("sheet-1"), s("Budget"));
        QTRY_VERIFY(!session.isBusy());
        QSignalSpy valueChanged(&session, &FormSession::valueChanged);

        session.setValue(s("spreadsheet"), s("sheet-1"), s("Budget"));
        QVERIFY(!session.isBusy());
        QCOMPARE(valueChanged.size(), 0);
        // A label arriving later is news for the UI but not for the server.
        session.setValue(s("spreadsheet"), s("sheet-1"), s("Budget (renamed)"));
        QVERIFY(!session.isBusy());
        QCOMPARE(valueChanged.size(), 1);
        QCOMPARE(backend.callCount(kInputs), 2);
    }

    void quickSetValues_coalesceIntoOneRequest()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        QSignalSpy changed(&session, &FormSession::fieldsChanged);

        session.setValue(s("spreadsheet"), s("sheet-1"));
        session.setValue(s("note"), s("typed"));
        session.setValue(s("spreadsheet"), s("sheet-2"));
        session.refetch();
        QVERIFY(changed.wait());
        QTRY_VERIFY(!session.isBusy());

        QCOMPARE(backend.callCount(kInputs), 2);
        QCOMPARE(backend.calls.last().inputs,
                 (QVariantMap{{s("note"), s("typed")}, {s("spreadsheet"), s("sheet-2")}}));
        QCOMPARE(changed.size(), 1);
    }

    void debounce_holdsTheRequestUntilTypingPauses()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        QSignalSpy called(&backend, &FakeBackend::called);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.setDebounceInterval(60000);
        QCOMPARE(session.debounceInterval(), 60000);

        session.setValue(s("spreadsheet"), s("s"));
        session.setValue(s("spreadsheet"), s("sh"));
        QVERIFY(!called.wait(50)); // still inside the pause
        session.setValue(s("spreadsheet"), s("sheet"));
        QVERIFY(session.isBusy());
        session.setDebounceInterval(0); // the pause is over
        QVERIFY(changed.wait());
        QCOMPARE(backend.callCount(kInputs), 2);
        QCOMPARE(backend.calls.last().inputs.value(s("spreadsheet")), QVariant(s("sheet")));
    }

    void refetch_dropsStaleReply_data()
    {
        QTest::addColumn<bool>("olderRepliesLast");
        QTest::newRow("older reply arrives last") << true;
        QTest::newRow("older reply arrives first") << false;
    }
    void refetch_dropsStaleReply()
    {
        QFETCH(bool, olderRepliesLast);
        FakeBackend backend; // no handler: every call waits for the test
        FormSession session(&backend);
        QSignalSpy called(&backend, &FakeBackend::called);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("create_row"), s("core:1"), s("conn-1"));
        QVERIFY(called.wait());
        backend.pendingInputs.at(0).reply(spreadsheetForm({}));
        QCOMPARE(changed.size(), 1);

        session.setValue(s("spreadsheet"), s("sheet-1"));
        QVERIFY(called.wait());
        session.setValue(s("spreadsheet"), s("sheet-2"));
        QVERIFY(called.wait());
        QCOMPARE(backend.pendingInputs.size(), 3);

        QList<core::FieldNode> older = spreadsheetForm(backend.pendingInputs.at(1).call.inputs);
        older.append(input(s("only_in_older_reply")));
        const QList<core::FieldNode> newer =
            spreadsheetForm(backend.pendingInputs.at(2).call.inputs);
        if (olderRepliesLast) {
            backend.pendingInputs.at(2).reply(newer);
            backend.pendingInputs.at(1).reply(older);
        } else {
            backend.pendingInputs.at(1).reply(older);
            QCOMPARE(changed.size(), 1); // dropped, and still waiting for the newer one
            QVERIFY(session.isBusy());
            backend.pendingInputs.at(2).reply(newer);
        }

        QCOMPARE(changed.size(), 2);
        QVERIFY(!session.hasField(s("only_in_older_reply")));
        QVERIFY(session.hasField(s("worksheet")));
        QCOMPARE(session.value(s("spreadsheet")), QVariant(s("sheet-2")));
        QVERIFY(!session.isBusy());
    }

    void dependsOn_clearsTransitively()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        session.setValue(s("spreadsheet"), s("sheet-1"));
        QTRY_VERIFY(!session.isBusy());
        session.setValue(s("worksheet"), s("ws-1"));
        QTRY_VERIFY(!session.isBusy());
        session.setValue(s("COL$A"), s("Ada"));
        session.setValue(s("COL$B"), s("Lovelace"));
        session.setValue(s("note"), s("kept"));
        QCOMPARE(backend.callCount(kInputs), 3); // column values invalidate nothing
        QSignalSpy cleared(&session, &FormSession::valuesCleared);

        session.setValue(s("spreadsheet"), s("sheet-2"));

        QCOMPARE(cleared.size(), 1);
        QCOMPARE(cleared.first().at(0).toStringList(),
                 (QStringList{s("worksheet"), s("COL$A"), s("COL$B")}));
        QVERIFY(!session.hasValue(s("worksheet")));
        QVERIFY(!session.hasValue(s("COL$B")));
        QTRY_VERIFY(!session.isBusy());
        QCOMPARE(backend.calls.last().inputs,
                 (QVariantMap{{s("spreadsheet"), s("sheet-2")}, {s("note"), s("kept")}}));
    }

    void reply_keepsSurvivingValuesAndDropsOthers()
    {
        FakeBackend backend;
        serve(backend, filterForm);
        FormSession session(&backend);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("filter"), s("core:filter"));
        QVERIFY(changed.wait());
        session.setValue(s("filter_criteria_count"), qint64(3));
        QVERIFY(changed.wait());
        session.setValue(s("filter_criteria_1_value"), s("first"));
        session.setValue(s("filter_criteria_3_value"), s("third"));
        session.setValue(s("boolean_operator"), s("or"), s("At least one"));

        session.setValue(s("filter_criteria_count"), qint64(1));
        QVERIFY(changed.wait());

        const FormDiff diff = lastDiff(changed);
        QCOMPARE(diff.droppedValues,
                 (QStringList{s("boolean_operator"), s("filter_criteria_3_value")}));
        QCOMPARE(session.value(s("filter_criteria_1_value")), QVariant(s("first")));
        QCOMPARE(session.value(s("filter_criteria_count")), QVariant(qint64(1)));
        QVERIFY(!session.hasValue(s("filter_criteria_3_value")));
        QCOMPARE(session.valueLabel(s("boolean_operator")), QString());
    }

    void diff_reportsFieldsAddedAndRemoved()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        QSignalSpy changed(&session, &FormSession::fieldsChanged);

        session.setValue(s("spreadsheet"), s("sheet-1"));
        QVERIFY(changed.wait());
        QCOMPARE(lastDiff(changed).added, QStringList{s("worksheet")});
        session.setValue(s("worksheet"), s("archive"));
        QVERIFY(changed.wait());
        QCOMPARE(lastDiff(changed).added, (QStringList{s("COL$A"), s("COL$B"), s("COL$Z")}));
        QVERIFY(lastDiff(changed).removed.isEmpty());
        session.setValue(s("worksheet"), s("current"));
        QVERIFY(changed.wait());
        QVERIFY(lastDiff(changed).added.isEmpty());
        QCOMPARE(lastDiff(changed).removed, QStringList{s("COL$Z")});
        QCOMPARE(lastDiff(changed).titles.value(s("COL$Z")), s("COL$Z"));
    }

    void diff_countFieldAddsFieldsets()
    {
        FakeBackend backend;
        serve(backend, filterForm);
        FormSession session(&backend);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("filter"), s("core:filter"));
        QVERIFY(changed.wait());

        session.setValue(s("filter_criteria_count"), qint64(3));
        QVERIFY(changed.wait());
        QCOMPARE(lastDiff(changed).added,
                 (QStringList{s("boolean_operator"), s("filter_criteria_2_field"),
                              s("filter_criteria_2_value"), s("filter_criteria_3_field"),
                              s("filter_criteria_3_value")}));
        QCOMPARE(session.fields().size(), 5); // count, operator, three fieldsets
        QCOMPARE(backend.calls.last().inputs.value(s("filter_criteria_count")),
                 QVariant(qint64(3))); // sent as a number, as in Zapier's example
    }

    void blockedBy_listsEmptyDependencies()
    {
        FakeBackend backend;
        core::FieldNode gated = input(s("c"));
        gated.dependsOn = {s("a"), s("b"), s("not_a_field")};
        gated.isRequired = true;
        core::FieldNode middle = input(s("b"));
        middle.dependsOn = {s("a")};
        const QList<core::FieldNode> tree{input(s("a")), middle, gated};
        serve(backend, [tree](const QVariantMap &) { return tree; });
        FormSession session(&backend);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("gated"), s("core:gated"));
        QVERIFY(changed.wait());

        QCOMPARE(session.blockedBy(s("c")), (QStringList{s("a"), s("b")}));
        QCOMPARE(session.validate(),
                 (QList<ValidationIssue>{{s("c"), ValidationIssue::Code::Required}}));
        session.setValue(s("a"), s("x"));
        QCOMPARE(session.blockedBy(s("c")), QStringList{s("b")});
        session.setValue(s("b"), s("y"));
        session.setValue(s("c"), s("z"));
        QVERIFY(session.blockedBy(s("c")).isEmpty());
        QVERIFY(session.blockedBy(s("a")).isEmpty());
        QVERIFY(session.validate().isEmpty());
    }

    void fetchFailure_keepsFieldsAndValues_refetchRecovers()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        session.setValue(s("note"), s("keep me"));
        bool fail = true;
        backend.onInputs =
            [&fail](
                const FakeCall &call) -> std::optional<core::ApiResult<QList<core::FieldNode>>> {
            if (fail)
                return core::ApiResult<QList<core::FieldNode>>(
                    FakeBackend::error(core::ErrorKind::Unavailable, 503));
            return core::ApiResult<QList<core::FieldNode>>(spreadsheetForm(call.inputs));
        };
        QSignalSpy failed(&session, &FormSession::fetchFailed);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        // Whoever waits for the session to settle learns of the failure first.
        int failuresWhenSettled = -1;
        connect(&session, &FormSession::busyChanged, this, [&](bool busy) {
            if (!busy)
                failuresWhenSettled = int(failed.size());
        });

        session.setValue(s("spreadsheet"), s("sheet-1"));
        QVERIFY(failed.wait());
        QCOMPARE(failuresWhenSettled, 1);
        QCOMPARE(failed.first().at(0).value<core::ApiError>().kind, core::ErrorKind::Unavailable);
        QVERIFY(!session.isBusy());
        QCOMPARE(changed.size(), 0);
        QVERIFY(session.hasField(s("spreadsheet")));
        QCOMPARE(session.value(s("note")), QVariant(s("keep me")));
        QCOMPARE(session.value(s("spreadsheet")), QVariant(s("sheet-1")));

        fail = false;
        session.refetch();
        QVERIFY(changed.wait());
        QVERIFY(session.hasField(s("worksheet")));
        QCOMPARE(session.value(s("note")), QVariant(s("keep me")));
    }

    void setConnection_keepsValuesAndRefetches()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        session.setValue(s("note"), s("kept"));
        QSignalSpy changed(&session, &FormSession::fieldsChanged);

        session.setConnection(s("conn-2"));
        QVERIFY(changed.wait());
        QCOMPARE(backend.calls.last().args, (QStringList{s("core:1"), s("conn-2")}));
        QCOMPARE(backend.calls.last().inputs, (QVariantMap{{s("note"), s("kept")}}));
        QCOMPARE(session.value(s("note")), QVariant(s("kept")));

        session.setConnection(s("conn-2")); // unchanged: nothing to do
        QVERIFY(!session.isBusy());
    }

    void setActionId_isUsedByLaterRequestsWithoutRefetch()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        session.setActionId(s("core:2"));
        QVERIFY(!session.isBusy());
        QCOMPARE(backend.callCount(kInputs), 1);
        session.refetch();
        QTRY_VERIFY(!session.isBusy());
        QCOMPARE(backend.calls.last().args.first(), s("core:2"));
    }

    void start_anotherAction_clearsValuesButSameActionKeepsThem()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        session.setValue(s("note"), s("mine"));
        session.start(s("create_row"), s("core:3"), s("conn-1"));
        QTRY_VERIFY(!session.isBusy());
        QCOMPARE(session.value(s("note")), QVariant(s("mine")));
        session.start(s("delete_row"), s("core:4"), s("conn-1"));
        QVERIFY(!session.hasValue(s("note")));
        QTRY_VERIFY(!session.isBusy());
    }

    void restore_setsEverythingThenRefetchesOnce()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        QSignalSpy cleared(&session, &FormSession::valuesCleared);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        const QVariantMap past{{s("spreadsheet"), s("sheet-1")},
                               {s("worksheet"), s("ws-1")},
                               {s("COL$A"), s("Ada")},
                               {s("ghost"), s("gone")}};

        session.restore(past, {{s("spreadsheet"), s("Budget")}, {s("worksheet"), s("Sheet1")}});
        QVERIFY(changed.wait());

        QCOMPARE(backend.callCount(kInputs), 2);
        QCOMPARE(backend.calls.last().inputs, past);
        QCOMPARE(cleared.size(), 0); // the restored values belong together
        QCOMPARE(lastDiff(changed).droppedValues, QStringList{s("ghost")});
        QCOMPARE(session.value(s("COL$A")), QVariant(s("Ada")));
        QCOMPARE(session.valueLabels(), (QMap<QString, QString>{{s("spreadsheet"), s("Budget")},
                                                                {s("worksheet"), s("Sheet1")}}));
        QCOMPARE(session.values().size(), 3);
    }

    void validation_followsTypesAndCanBeSwitchedOff()
    {
        FakeBackend backend;
        serve(backend, filterForm);
        FormSession session(&backend);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("filter"), s("core:filter"));
        QVERIFY(changed.wait());

        // Text typed into an INTEGER field without coerceText().
        session.setValue(s("filter_criteria_count"), s("two"));
        QVERIFY(changed.wait());
        const QList<ValidationIssue> expected{
            {s("filter_criteria_count"), ValidationIssue::Code::NotAnInteger}};
        QCOMPARE(session.validate(), expected);
        session.setClientValidationEnabled(false);
        QVERIFY(session.validate().isEmpty());
        QVERIFY(!session.isClientValidationEnabled());
    }

    void coerceText_usesTheFieldsValueType()
    {
        FakeBackend backend;
        serve(backend, filterForm);
        FormSession session(&backend);
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("filter"), s("core:filter"));
        QVERIFY(changed.wait());

        QCOMPARE(session.coerceText(s("filter_criteria_count"), s(" 3 ")).value,
                 QVariant(qint64(3)));
        QCOMPARE(session.coerceText(s("filter_criteria_count"), s("3.5")).error,
                 std::optional(ValidationIssue::Code::NotAnInteger));
        QCOMPARE(session.coerceText(s("unknown"), s(" as is ")).value, QVariant(s(" as is ")));
    }

    void outputs_newestRequestWins()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(startLoaded(backend, session));
        QSignalSpy loaded(&session, &FormSession::outputsLoaded);
        QSignalSpy failed(&session, &FormSession::outputsFailed);
        QSignalSpy called(&backend, &FakeBackend::called);

        session.setValue(s("note"), s("n"));
        session.fetchOutputs();
        session.fetchOutputs();
        QCOMPARE(backend.pendingOutputs.size(), 2);
        QCOMPARE(backend.pendingOutputs.at(0).call.inputs, (QVariantMap{{s("note"), s("n")}}));
        core::OutputField id;
        id.id = s("id");
        backend.pendingOutputs.at(1).reply(QList<core::OutputField>{id});
        backend.pendingOutputs.at(0).reply(FakeBackend::error(core::ErrorKind::Timeout));
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().at(0).value<QList<core::OutputField>>().first().id, s("id"));
        QCOMPARE(failed.size(), 0);

        session.fetchOutputs();
        backend.pendingOutputs.at(2).reply(FakeBackend::error(core::ErrorKind::Timeout));
        QCOMPARE(failed.size(), 1);
    }

    void passwordFields_areSecretsTheBackendKnowsBeforeAValueIsSent()
    {
        FakeBackend backend;
        serve(backend, [](const QVariantMap &) {
            core::FieldNode password = input(s("basic_auth"));
            password.format = core::FieldFormat::Password;
            core::FieldNode nested = input(s("api_key"));
            nested.format = core::FieldFormat::Password;
            return QList<core::FieldNode>{input(s("url")), password,
                                          fieldset(s("extra"), {input(s("name")), nested})};
        });
        FormSession session(&backend);
        QVERIFY(session.secretInputs().isEmpty());
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("post"), s("core:1"));
        QVERIFY(changed.wait());
        QCOMPARE(session.secretInputs(), (QStringList{s("basic_auth"), s("api_key")}));
        // Told once the fields are known, with no value: typing must not register every prefix.
        QCOMPARE(backend.protectedInputs,
                 (QList<QPair<QString, QString>>{{s("basic_auth"), QString()},
                                                 {s("api_key"), QString()}}));
        session.setValue(s("basic_auth"), s("admin|secret"));
        QCOMPARE(backend.protectedInputs.size(), 2);
    }

    void destroyingSession_withPendingCalls_doesNotCrash()
    {
        FakeBackend backend;
        auto session = std::make_unique<FormSession>(&backend);
        QSignalSpy called(&backend, &FakeBackend::called);
        session->start(s("create_row"), s("core:1"), s("conn-1"));
        QVERIFY(called.wait());
        session->loadChoices(s("spreadsheet"));
        session->fetchOutputs();
        bool resolved = false;
        session->resolveChoice(s("spreadsheet"), s("Budget"),
                               [&resolved](const ChoiceResolution &) { resolved = true; });
        QTRY_COMPARE(backend.pendingChoices.size(), 1);

        session.reset();
        backend.pendingInputs.at(0).reply(spreadsheetForm({}));
        backend.pendingChoices.at(0).reply(core::ChoicePage{});
        backend.pendingOutputs.at(0).reply(QList<core::OutputField>{});
        QVERIFY(!resolved);
    }
};

QTEST_GUILESS_MAIN(TestFormSession)
#include "tst_formsession.moc"
