#include "form/formsession.h"
#include "formfixtures.h"
#include "support/fakebackend.h"

#include <QSignalSpy>
#include <QTest>

using namespace ab;
using namespace ab::form;
using namespace ab::test::formfixtures;
using ab::test::FakeBackend;
using ab::test::FakeCall;

namespace {

const QString kChoices = QStringLiteral("choices");

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// Three pages of three worksheets each, named after the chosen spreadsheet, so a test can
// tell whose choices it got.
core::ChoicePage worksheetPage(const QString &spreadsheet, int page)
{
    core::ChoicePage result;
    result.page = page;
    result.hasNext = page < 3;
    for (int i = 1; i <= 3; ++i) {
        const int n = (page - 1) * 3 + i;
        const QString id = QStringLiteral("%1-ws%2").arg(spreadsheet).arg(n);
        result.choices.append(core::Choice{id, QStringLiteral("Tab %1").arg(n), id});
    }
    return result;
}

std::optional<core::ApiResult<core::ChoicePage>> serveWorksheets(const FakeCall &call)
{
    return core::ApiResult<core::ChoicePage>(
        worksheetPage(call.inputs.value(QStringLiteral("spreadsheet")).toString(), call.page));
}

} // namespace

class TestFormSessionChoices final : public QObject {
    Q_OBJECT

private:
    // The spreadsheet form with "sheet-1" chosen, so the worksheet field exists.
    static bool prepare(FakeBackend &backend, FormSession &session, bool answerChoices = true)
    {
        backend.onInputs = [](const FakeCall &call) {
            return std::optional<core::ApiResult<QList<core::FieldNode>>>(
                spreadsheetForm(call.inputs));
        };
        if (answerChoices)
            backend.onChoices = serveWorksheets;
        session.restore({{s("spreadsheet"), s("sheet-1")}});
        QSignalSpy changed(&session, &FormSession::fieldsChanged);
        session.start(s("create_row"), s("core:1"), s("conn-1"));
        return changed.wait() && session.hasField(s("worksheet"));
    }

private Q_SLOTS:
    void beforeStart_choicesAndOutputsFailInsteadOfHanging()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QSignalSpy choicesFailed(&session, &FormSession::choicesFailed);
        QSignalSpy outputsFailed(&session, &FormSession::outputsFailed);
        std::optional<ChoiceResolution> got;
        session.loadChoices(s("spreadsheet"));
        session.fetchOutputs();
        session.resolveChoice(s("spreadsheet"), s("Budget"),
                              [&got](const ChoiceResolution &resolution) { got = resolution; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->status, ChoiceResolution::Status::Failed);
        QCOMPARE(got->error.code, s("form_not_started"));
        QCOMPARE(choicesFailed.size(), 2); // loadChoices, then the resolve's own try
        QCOMPARE(outputsFailed.size(), 1);
        QCOMPARE(backend.calls.size(), 0);
    }

    void loadChoices_deliversPageWithAllInputs()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session));
        session.setValue(s("note"), s("n"));
        QSignalSpy loaded(&session, &FormSession::choicesLoaded);

        session.loadChoices(s("worksheet"), 2);
        QVERIFY(loaded.wait());

        const FakeCall call = backend.callsOf(kChoices).first();
        QCOMPARE(call.args, (QStringList{s("core:1"), s("worksheet"), s("conn-1")}));
        QCOMPARE(call.page, 2);
        QCOMPARE(call.inputs, (QVariantMap{{s("spreadsheet"), s("sheet-1")}, {s("note"), s("n")}}));
        QCOMPARE(loaded.first().at(0).toString(), s("worksheet"));
        QCOMPARE(loaded.first().at(1).toInt(), 2);
        const auto page = loaded.first().at(2).value<core::ChoicePage>();
        QCOMPARE(page.choices.first().id, s("sheet-1-ws4"));
        // Page 1 is missing, so nothing counts as cached from the start yet.
        QVERIFY(session.cachedChoices(s("worksheet")).isEmpty());
    }

    void loadChoices_again_isServedFromCache()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session));
        QSignalSpy loaded(&session, &FormSession::choicesLoaded);
        session.loadChoices(s("worksheet"));
        QVERIFY(loaded.wait());

        session.loadChoices(s("worksheet")); // the combo box is opened again
        QVERIFY(loaded.wait());

        QCOMPARE(backend.callCount(kChoices), 1);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.last().at(2).value<core::ChoicePage>().choices.size(), 3);
        QCOMPARE(session.cachedChoices(s("worksheet")).size(), 3);
        QVERIFY(!session.hasAllChoices(s("worksheet")));
    }

    void cacheKey_followsDependedOnValue()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session));
        QSignalSpy loaded(&session, &FormSession::choicesLoaded);
        session.loadChoices(s("worksheet"));
        QVERIFY(loaded.wait());

        session.setValue(s("spreadsheet"), s("sheet-2"));
        QVERIFY(session.cachedChoices(s("worksheet")).isEmpty()); // another key already
        QTRY_VERIFY(!session.isBusy());
        session.loadChoices(s("worksheet"));
        QVERIFY(loaded.wait());
        QCOMPARE(backend.callCount(kChoices), 2);
        QCOMPARE(loaded.last().at(2).value<core::ChoicePage>().choices.first().id,
                 s("sheet-2-ws1"));

        session.setValue(s("spreadsheet"), s("sheet-1")); // back: the first pages still apply
        QTRY_VERIFY(!session.isBusy());
        session.loadChoices(s("worksheet"));
        QVERIFY(loaded.wait());
        QCOMPARE(backend.callCount(kChoices), 2);
        QCOMPARE(loaded.last().at(2).value<core::ChoicePage>().choices.first().id,
                 s("sheet-1-ws1"));

        // A field that depends on nothing keeps its choices whatever else changes.
        backend.onChoices = [](const FakeCall &) {
            return std::optional<core::ApiResult<core::ChoicePage>>(core::ChoicePage{});
        };
        session.loadChoices(s("spreadsheet"));
        QVERIFY(loaded.wait());
        session.setValue(s("note"), s("unrelated"));
        session.loadChoices(s("spreadsheet"));
        QVERIFY(loaded.wait());
        QCOMPARE(backend.callCount(kChoices), 3);
    }

    void cacheKey_includesConnection()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session));
        QSignalSpy loaded(&session, &FormSession::choicesLoaded);
        session.loadChoices(s("worksheet"));
        QVERIFY(loaded.wait());
        session.setConnection(s("conn-2")); // another account sees other worksheets
        QTRY_VERIFY(!session.isBusy());
        session.loadChoices(s("worksheet"));
        QVERIFY(loaded.wait());
        QCOMPARE(backend.callCount(kChoices), 2);
        QCOMPARE(backend.callsOf(kChoices).last().args.at(2), s("conn-2"));
    }

    void staleChoiceReply_isCachedButNotAnnounced()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session, false));
        QSignalSpy loaded(&session, &FormSession::choicesLoaded);
        session.loadChoices(s("worksheet"));
        QCOMPARE(backend.pendingChoices.size(), 1);

        session.setValue(s("spreadsheet"), s("sheet-2"));
        backend.pendingChoices.at(0).reply(worksheetPage(s("sheet-1"), 1));
        QCOMPARE(loaded.size(), 0); // the UI shows sheet-2 now

        session.setValue(s("spreadsheet"), s("sheet-1"));
        QCOMPARE(session.cachedChoices(s("worksheet")).size(), 3);
    }

    void samePageAskedTwice_sharesOneRequest()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session, false));
        QSignalSpy loaded(&session, &FormSession::choicesLoaded);
        session.loadChoices(s("worksheet"));
        session.loadChoices(s("worksheet"));
        QCOMPARE(backend.pendingChoices.size(), 1);
        backend.pendingChoices.at(0).reply(worksheetPage(s("sheet-1"), 1));
        QCOMPARE(loaded.size(), 1);
    }

    void choicesFailure_isReportedWithThePage()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session, false));
        QSignalSpy failed(&session, &FormSession::choicesFailed);
        session.loadChoices(s("worksheet"), 0); // pages start at 1 (a warning is logged)
        QCOMPARE(backend.pendingChoices.at(0).call.page, 1);
        backend.pendingChoices.at(0).reply(FakeBackend::error(core::ErrorKind::RateLimited, 429));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(1).toInt(), 1);
        QCOMPARE(failed.first().at(2).value<core::ApiError>().httpStatus, 429);
        QVERIFY(session.cachedChoices(s("worksheet")).isEmpty()); // errors are not cached
    }

    void loadAllChoices_pagesUntilNoNext()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session));
        QSignalSpy loaded(&session, &FormSession::choicesLoaded);
        session.loadChoices(s("worksheet"));
        QVERIFY(loaded.wait());
        QSignalSpy all(&session, &FormSession::allChoicesLoaded);

        session.loadAllChoices(s("worksheet"));
        QVERIFY(all.wait());

        QList<int> pages;
        for (const FakeCall &call : backend.callsOf(kChoices))
            pages.append(call.page);
        QCOMPARE(pages, (QList<int>{1, 2, 3})); // page 1 came from the cache the second time
        const auto choices = all.first().at(1).value<QList<core::Choice>>();
        QCOMPARE(choices.size(), 9);
        QCOMPARE(choices.last().id, s("sheet-1-ws9"));
        QVERIFY(session.hasAllChoices(s("worksheet")));

        session.loadAllChoices(s("worksheet")); // everything known: no request at all
        QVERIFY(all.wait());
        QCOMPARE(backend.callCount(kChoices), 3);
    }

    void loadAllChoices_stopsOnAServerThatNeverEnds()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session));
        backend.onChoices = [](const FakeCall &call) {
            core::ChoicePage endless;
            endless.page = call.page;
            endless.hasNext = true;
            return std::optional<core::ApiResult<core::ChoicePage>>(endless);
        };
        QSignalSpy all(&session, &FormSession::allChoicesLoaded);
        session.loadAllChoices(s("worksheet"));
        QVERIFY(all.wait());
        QCOMPARE(backend.callCount(kChoices), 100);
    }

    void findChoice_matchesIdOrLabelInCache()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session));
        QSignalSpy loaded(&session, &FormSession::choicesLoaded);
        session.loadChoices(s("worksheet"));
        QVERIFY(loaded.wait());

        QCOMPARE(session.findChoice(s("worksheet"), s("sheet-1-ws2"))->label, s("Tab 2"));
        QCOMPARE(session.findChoice(s("worksheet"), s("tab 3"))->id, s("sheet-1-ws3"));
        QVERIFY(!session.findChoice(s("worksheet"), s("Tab 9"))); // not loaded yet
    }

    void resolveChoice_byLabelAcrossPages()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session));
        std::optional<ChoiceResolution> got;
        const auto keep = [&got](const ChoiceResolution &resolution) {
            got = resolution;
        };

        session.resolveChoice(s("worksheet"), s("Tab 8"), keep);
        QVERIFY(!got); // never inside the call
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->status, ChoiceResolution::Status::Found);
        QCOMPARE(got->choice.id, s("sheet-1-ws8"));
        QCOMPARE(got->pagesSearched, 3);
        QCOMPARE(got->fieldId, s("worksheet"));

        got.reset();
        session.resolveChoice(s("worksheet"), s("sheet-1-ws1"), keep);
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->status, ChoiceResolution::Status::Found);
        QCOMPARE(got->pagesSearched, 0); // from the cache

        got.reset();
        session.resolveChoice(s("worksheet"), s("Tab 99"), keep);
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->status, ChoiceResolution::Status::NotFound);
        QCOMPARE(got->text, s("Tab 99"));
        QCOMPARE(backend.callCount(kChoices), 3);
    }

    void resolveChoice_reportsFailure()
    {
        FakeBackend backend;
        FormSession session(&backend);
        QVERIFY(prepare(backend, session, false));
        backend.onChoices =
            [](const FakeCall &call) -> std::optional<core::ApiResult<core::ChoicePage>> {
            if (call.page == 1)
                return core::ApiResult<core::ChoicePage>(worksheetPage(s("sheet-1"), 1));
            return core::ApiResult<core::ChoicePage>(FakeBackend::error(core::ErrorKind::Server));
        };
        std::optional<ChoiceResolution> got;
        session.resolveChoice(s("worksheet"), s("Tab 5"),
                              [&got](const ChoiceResolution &resolution) { got = resolution; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->status, ChoiceResolution::Status::Failed);
        QCOMPARE(got->error.kind, core::ErrorKind::Server);
    }
};

QTEST_GUILESS_MAIN(TestFormSessionChoices)
#include "tst_formsessionchoices.moc"
