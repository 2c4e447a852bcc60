#include "historytestdata.h"
#include "historywidgetchecks.h"

#include "models/jsontreemodel.h"
#include "panes/inspectorexchangeview.h"
#include "panes/rundetailerrors.h"
#include "panes/rundetailresults.h"
#include "panes/rundetailview.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace ab;
using ui::RunDetailView;

namespace {

QByteArray bigResults(int *records)
{
    QByteArray json = "[{\"records\":[";
    int count = 0;
    while (json.size() < 1024 * 1024) {
        json += (count ? ",{" : "{") + QByteArray("\"id\":\"rec") + QByteArray::number(count) +
                "\",\"fields\":{\"Name\":\"Row " + QByteArray::number(count) + "\",\"Notes\":\"" +
                QByteArray(250, 'n') + "\"}}";
        ++count;
    }
    json += "]}]";
    *records = count;
    return json;
}

QStringList labelTexts(const QWidget *root, const QString &name)
{
    QStringList out;
    for (const QLabel *label : root->findChildren<QLabel *>(name))
        out.append(label->text());
    return out;
}

// A scanner that sets aside what a run keeps (titles, ids, inputs, the server's words), longest
// first so that no shorter piece breaks up a longer one.
test::UntranslatedText scannerWithout(QStringList data)
{
    std::sort(data.begin(), data.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return test::UntranslatedText([data](QString text) {
        for (const QString &item : data) {
            if (!item.isEmpty())
                text.remove(item);
        }
        return text;
    });
}

QStringList runData(const runs::RunRecord &run)
{
    QStringList data{
        run.appTitle,        run.actionTitle,
        run.connectionTitle, run.serverRunId,
        run.environment,     QLocale().toString(run.createdAt.toLocalTime(), QLocale::ShortFormat)};
    for (auto it = run.inputs.cbegin(); it != run.inputs.cend(); ++it)
        data << it.key() << it.value().toString();
    for (auto it = run.inputLabels.cbegin(); it != run.inputLabels.cend(); ++it)
        data << it.value().toString();
    for (const core::RunError &error : run.errors)
        data << error.title << error.detail;
    return data;
}

} // namespace

class TestRunDetailView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void empty_saysWhatToDo();
    void tabs_builtWhenTheFirstRunIsShown();
    void successRun_showsHeaderInputsResults();
    void errorRun_explainsAndGoesToTheField();
    void secretInput_isHiddenButKeptForRestore();
    void throttledRun_saysHowLongToWait();
    void outcomeUnknownRun_warnsBeforeRerunning();
    void bigResult_loadsLazilyAndSearchFindsDeepValue();
    void results_copyValueAndPath();
    void results_keysLeaveRoomForTheValues();
    void copyAsCurl_usesThePlaceholderToken();
    void rerunAndRestore_emitSignals();
    void delete_asksThenRemoves();
    void liveRun_refreshesWhenTheStoreChanges();
    void apiCalls_showRedactedBodies();
    void longWords_neverWidenThePane();
    void shortPane_scrollsRatherThanHidingTheHeader();
    void narrowestPane_stillShowsARunWithoutSideScrolling();
    void ordinaryPane_showsARunWithoutScrolling();
    void everyControl_hasAnAccessibleName();
    void retranslate_rewordsTheRunAndExplainsItsErrorsAgain();
    void retranslate_keepsTheResultsAsTheyWere();
};

void TestRunDetailView::empty_saysWhatToDo()
{
    test::TempHistory history;
    QVERIFY(history.open());
    RunDetailView view(history.store());
    view.show();
    auto *empty = view.findChild<QLabel *>(QStringLiteral("runDetailEmpty"));
    QVERIFY(empty->isVisible());
    QVERIFY(!view.rerunAction()->isEnabled());
    QCOMPARE(view.curlCommand(), QString());
}

void TestRunDetailView::tabs_builtWhenTheFirstRunIsShown()
{
    test::TempHistory history;
    QVERIFY(history.open());
    const qint64 id = history.store()->insert(test::sampleRun(1));
    RunDetailView view(history.store());
    view.show();
    // Nothing to fill yet: no tabs, tables or JSON tree, and a language change is harmless.
    QVERIFY(!view.findChild<QTabWidget *>());
    QVERIFY(!view.findChild<QTreeWidget *>());
    {
        test::PseudoLanguage pseudo;
        QVERIFY(!view.findChild<QTabWidget *>());
    }
    view.showRun(id);
    auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("runDetailTabs"));
    QVERIFY(tabs);
    QVERIFY(tabs->isVisible());
    QCOMPARE(view.tabs(), tabs);
    QCOMPARE(tabs->tabText(RunDetailView::InputsTab), QStringLiteral("&Inputs"));
    QCOMPARE(view.findChild<QTreeWidget *>(QStringLiteral("runInputs"))->headerItem()->text(0),
             QStringLiteral("Field"));
    // Clearing keeps them for the next run.
    view.clear();
    QCOMPARE(view.findChild<QTabWidget *>(QStringLiteral("runDetailTabs")), tabs);
    view.showRun(id);
    QCOMPARE(view.findChildren<QTabWidget *>(QStringLiteral("runDetailTabs")).size(), 1);
}

void TestRunDetailView::successRun_showsHeaderInputsResults()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(1);
    run.fieldsJson =
        R"([{"id":"channel","title":"Channel","type":"input_field","format":"SELECT"},)"
        R"({"id":"message","title":"Message text","type":"input_field"}])";
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.show();
    view.showRun(run.id);
    QCOMPARE(view.runId(), run.id);
    const QString header = view.headerText();
    QVERIFY2(header.contains(QStringLiteral("Slack · Send Channel Message")), qPrintable(header));
    QVERIFY(header.contains(QStringLiteral("Success")));
    QVERIFY(header.contains(QStringLiteral("team@example.com")));
    QVERIFY(header.contains(QStringLiteral("run-1")));
    QVERIFY(header.contains(QStringLiteral("1.5 s")));
    QVERIFY(header.contains(QStringLiteral("http://127.0.0.1:9")));
    QCOMPARE(view.tabs()->currentIndex(), int(RunDetailView::ResultsTab));

    auto *inputs = view.findChild<QTreeWidget *>(QStringLiteral("runInputs"));
    QCOMPARE(inputs->topLevelItemCount(), 2);
    QCOMPARE(inputs->topLevelItem(0)->text(0), QStringLiteral("Channel"));
    QCOMPARE(inputs->topLevelItem(0)->text(1), QStringLiteral("#general (C1)")); // label kept
    QCOMPARE(inputs->topLevelItem(1)->text(0), QStringLiteral("Message text"));
    QCOMPARE(inputs->topLevelItem(1)->text(1), QStringLiteral("Hello 1"));

    models::JsonTreeModel *results = view.results()->model();
    QCOMPARE(results->rowCount(), 1);
    QVERIFY(results->indexForPath(QStringLiteral("results[0].ts")).isValid());
    QCOMPARE(view.errors()->count(), 0);
    QCOMPARE(view.findChild<QTreeWidget *>(QStringLiteral("runTimeline"))->topLevelItemCount(), 3);
}

void TestRunDetailView::secretInput_isHiddenButKeptForRestore()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(1);
    run.inputs.insert(QStringLiteral("basic_auth"), QStringLiteral("admin|pw"));
    run.secretInputs = {QStringLiteral("basic_auth")};
    run.fieldsJson = R"([{"id":"basic_auth","title":"Basic Auth","type":"input_field",)"
                     R"("format":"PASSWORD"}])";
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.show();
    view.showRun(run.id);
    auto *inputs = view.findChild<QTreeWidget *>(QStringLiteral("runInputs"));
    QTreeWidgetItem *secret = inputs->topLevelItem(0);
    QCOMPARE(secret->text(0), QStringLiteral("Basic Auth"));
    QCOMPARE(secret->text(1), QString(8, QChar(0x2022)));
    QVERIFY(secret->toolTip(1).startsWith(QStringLiteral("A password field")));
    QVERIFY(!inputs->topLevelItem(1)->text(1).isEmpty()); // the other inputs as they were
    QVERIFY(!view.curlCommand().contains(QStringLiteral("admin|pw")));
    QVERIFY(view.curlCommand().contains(QStringLiteral("$BASIC_AUTH")));
    // Copying it says why nothing was copied.
    QGuiApplication::clipboard()->setText(QStringLiteral("before"));
    view.tabs()->setCurrentIndex(RunDetailView::InputsTab);
    inputs->setCurrentItem(secret);
    inputs->setFocus();
    QTest::keySequence(inputs, QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("before"));
    QCOMPARE(view.noticeText(),
             QStringLiteral("Basic Auth is a password field: its value is not copied."));
    // Restore puts it back into the form, which masks it itself.
    QSignalSpy restore(&view, &RunDetailView::restoreRequested);
    view.restoreAction()->trigger();
    QCOMPARE(restore.size(), 1);
    QCOMPARE(history.store()->load(run.id)->inputs.value(QStringLiteral("basic_auth")).toString(),
             QStringLiteral("admin|pw"));
}

void TestRunDetailView::errorRun_explainsAndGoesToTheField()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(2, runs::Phase::Error);
    run.resultsJson = "[]";
    run.errors = {core::RunError{core::RunErrorCode::User, QStringLiteral("user"),
                                 QStringLiteral("Invalid message"),
                                 QStringLiteral("Message must not be empty"), std::nullopt,
                                 QStringLiteral("/data/inputs/message")}};
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    QSignalSpy focus(&view, &RunDetailView::focusFieldRequested);
    view.show();
    view.showRun(run.id);
    QCOMPARE(view.tabs()->currentIndex(), int(RunDetailView::ErrorsTab));
    QCOMPARE(view.tabs()->tabText(RunDetailView::ErrorsTab), QStringLiteral("&Errors (1)"));
    QCOMPARE(view.errors()->count(), 1);
    QCOMPARE(labelTexts(&view, QStringLiteral("errorTitle")),
             QStringList{QStringLiteral("The app rejected the input")});
    QVERIFY(labelTexts(&view, QStringLiteral("errorDetails"))
                .first()
                .contains(QStringLiteral("Message must not be empty")));
    auto *go = view.findChild<QPushButton *>(QStringLiteral("goToField"));
    QVERIFY(go);
    QVERIFY(go->isVisible());
    QTest::mouseClick(go, Qt::LeftButton);
    QCOMPARE(focus.size(), 1);
    QCOMPARE(focus.first().first().toString(), QStringLiteral("message"));
}

void TestRunDetailView::throttledRun_saysHowLongToWait()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(3, runs::Phase::Error);
    run.errors = {core::RunError{core::RunErrorCode::Throttled, QStringLiteral("throttled"),
                                 QStringLiteral("Too many requests"), QString(), 30, QString()}};
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.showRun(run.id);
    const QStringList explanations = labelTexts(&view, QStringLiteral("errorExplanation"));
    QCOMPARE(explanations.size(), 1);
    QCOMPARE(explanations.first(),
             QStringLiteral("The app asked Zapier to slow down. Wait 30 s before running again; "
                            "re-running now will likely fail the same way."));
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("goToField")));
}

void TestRunDetailView::outcomeUnknownRun_warnsBeforeRerunning()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(4, runs::Phase::OutcomeUnknown);
    run.serverRunId.clear();
    run.resultsJson.clear();
    run.apiError = core::ApiError{core::ErrorKind::Network,
                                  0,
                                  {},
                                  {},
                                  QStringLiteral("Connection closed"),
                                  {},
                                  std::nullopt,
                                  {}};
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.showRun(run.id);
    QCOMPARE(view.tabs()->currentIndex(), int(RunDetailView::ErrorsTab));
    QCOMPARE(labelTexts(&view, QStringLiteral("errorTitle")),
             QStringList{QStringLiteral("Outcome unknown")});
    QVERIFY(labelTexts(&view, QStringLiteral("errorExplanation"))
                .first()
                .contains(QStringLiteral("not sent again")));
    QVERIFY(labelTexts(&view, QStringLiteral("errorNextStep"))
                .first()
                .contains(QStringLiteral("before re-running")));
    QVERIFY(view.headerText().contains(QStringLiteral("Not created on the server")));
}

void TestRunDetailView::bigResult_loadsLazilyAndSearchFindsDeepValue()
{
    test::TempHistory history;
    QVERIFY(history.open());
    int records = 0;
    runs::RunRecord run = test::sampleRun(5);
    run.resultsJson = bigResults(&records);
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.resize(900, 600);
    view.show();
    view.showRun(run.id);
    ui::RunDetailResults *results = view.results();
    QCOMPARE(results->model()->rowCount(), 1);
    // Only a handful of nodes exist: nothing was expanded beyond the single top-level record.
    QVERIFY(results->model()->tree()->materializedCount() < 10);
    const QString wanted = QStringLiteral("Row %1").arg(records - 7);
    results->search(wanted);
    QCOMPARE(results->matchCount(), 1);
    QCOMPARE(results->currentMatch(), 0);
    const QModelIndex current = results->view()->currentIndex();
    QCOMPARE(results->model()->pathAt(current),
             QStringLiteral("results[0].records[%1].fields.Name").arg(records - 7));
    QVERIFY(results->view()->isExpanded(current.parent())); // its ancestors, and only them
    QVERIFY(results->model()->tree()->materializedCount() < records + 20);
    // The search box drives the same search.
    results->searchField()->setText(QStringLiteral("row 1"));
    QTRY_VERIFY(results->matchCount() > 10);
    const QModelIndex first = results->view()->currentIndex();
    results->nextMatch();
    QVERIFY(results->view()->currentIndex() != first);
    results->previousMatch();
    QCOMPARE(results->view()->currentIndex(), first);
}

void TestRunDetailView::results_copyValueAndPath()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(6);
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.show();
    view.showRun(run.id);
    ui::RunDetailResults *results = view.results();
    results->search(QStringLiteral("1700000000"));
    QCOMPARE(results->matchCount(), 1);
    results->copyValue();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("1700000000.000100"));
    results->copyPath();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("results[0].ts"));
    QVERIFY(view.noticeText().contains(QStringLiteral("results[0].ts")));
}

void TestRunDetailView::results_keysLeaveRoomForTheValues()
{
    // The detail pane is narrow next to the history: short keys must not take the values' room.
    ui::RunDetailResults results;
    results.resize(380, 300);
    results.show();
    QVERIFY(QTest::qWaitForWindowExposed(&results));
    const QByteArray shortKeys = R"([{"ok":true,"ts":"1767268800.1","channel":"general"}])";
    results.setJson(shortKeys, QStringLiteral("results"));
    QTreeView *tree = results.view();
    QHeaderView *header = tree->header();
    const int keyColumn = models::JsonTreeModel::KeyColumn;
    const int valueColumn = models::JsonTreeModel::ValueColumn;
    const int fitted = header->sectionSize(keyColumn);
    QVERIFY2(fitted <= tree->viewport()->width() * 2 / 5, qPrintable(QString::number(fitted)));
    const QModelIndex record = results.model()->index(0, 0);
    QModelIndex ts;
    for (int row = 0; row < results.model()->rowCount(record); ++row) {
        if (results.model()->index(row, keyColumn, record).data().toString() == u"ts")
            ts = results.model()->index(row, valueColumn, record);
    }
    QCOMPARE(ts.data().toString(), QStringLiteral("1767268800.1"));
    QVERIFY2(tree->visualRect(ts).width() >
                 tree->fontMetrics().horizontalAdvance(ts.data().toString()),
             qPrintable(QString::number(tree->visualRect(ts).width())));

    // A long key gets at most two fifths; a wider pane gives it more.
    results.setJson(R"({"a_key_name_that_goes_on_and_on_and_on_and_on_and_on": 1})",
                    QStringLiteral("results"));
    QCOMPARE(header->sectionSize(keyColumn), tree->viewport()->width() * 2 / 5);
    const int capped = header->sectionSize(keyColumn);
    results.resize(900, 300);
    QTRY_VERIFY(header->sectionSize(keyColumn) > capped);

    // A width the user dragged stays, through new results and resizes.
    header->resizeSection(keyColumn, 123);
    results.setJson(shortKeys, QStringLiteral("results"));
    const int wide = tree->viewport()->width();
    results.resize(500, 300);
    QTRY_VERIFY(tree->viewport()->width() < wide);
    QCOMPARE(header->sectionSize(keyColumn), 123);
}

void TestRunDetailView::copyAsCurl_usesThePlaceholderToken()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(7);
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.show();
    view.showRun(run.id);
    QGuiApplication::clipboard()->clear();
    view.copyCurlAction()->trigger();
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY(command.contains(QStringLiteral("curl ")));
    QVERIFY(command.contains(QStringLiteral("'http://127.0.0.1:9/v2/action-runs'")));
    QVERIFY(command.contains(QStringLiteral("Bearer $ZAPIER_TOKEN")));
    QVERIFY(!command.contains(QStringLiteral("sandbox-token")));
    QVERIFY(command.contains(QStringLiteral("core:action-7")));
    QVERIFY(command.contains(QStringLiteral("Hello 7")));
    QVERIFY(view.noticeText().startsWith(QStringLiteral("Copied")));

    runs::RunRecord stored = test::sampleRun(8);
    stored.kind = runs::RunKind::Stored;
    stored.storedActionId = QStringLiteral("sa-1");
    stored.id = history.store()->insert(stored);
    view.showRun(stored.id);
    QVERIFY(view.curlCommand().contains(QStringLiteral("/actions/v1/stored-actions/sa-1/run")));
}

void TestRunDetailView::rerunAndRestore_emitSignals()
{
    test::TempHistory history;
    QVERIFY(history.open());
    const qint64 id = history.store()->insert(test::sampleRun(9));
    RunDetailView view(history.store());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showRun(id);
    QSignalSpy rerun(&view, &RunDetailView::rerunRequested);
    QSignalSpy restore(&view, &RunDetailView::restoreRequested);
    view.tabs()->setFocus();
    QTest::keyClick(view.tabs(), Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(rerun.size(), 1);
    QCOMPARE(rerun.first().first().toLongLong(), id);
    view.restoreAction()->trigger();
    QCOMPARE(restore.size(), 1);
    QCOMPARE(restore.first().first().toLongLong(), id);

    // A stored action's run sent only changes to inputs Zapier keeps: nothing to put back.
    runs::RunRecord stored = test::sampleRun(10);
    stored.kind = runs::RunKind::Stored;
    stored.storedActionId = QStringLiteral("sa-1");
    const qint64 storedId = history.store()->insert(stored);
    view.showRun(storedId);
    QVERIFY(!view.restoreAction()->isEnabled());
    QVERIFY2(view.restoreAction()->toolTip().contains(QStringLiteral("stored action")),
             qPrintable(view.restoreAction()->toolTip()));
    QVERIFY(view.rerunAction()->isEnabled());
    view.showRun(id);
    QVERIFY(view.restoreAction()->isEnabled());
    QVERIFY(view.restoreAction()->toolTip().startsWith(QStringLiteral("Put this run's")));
}

void TestRunDetailView::delete_asksThenRemoves()
{
    test::TempHistory history;
    QVERIFY(history.open());
    const qint64 id = history.store()->insert(test::sampleRun(10));
    RunDetailView view(history.store());
    view.resize(400, 220); // a short pane: the page scrolls, the question shows in the header
    view.show();
    view.showRun(id);
    // Asked while the page is scrolled down, the question comes into view.
    auto *scroll = view.findChild<QScrollArea *>(QStringLiteral("runDetailScroll"));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
    scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    QSignalSpy deleted(&view, &RunDetailView::deleteRequested);
    auto *confirmation = view.findChild<QWidget *>(QStringLiteral("deleteConfirmation"));
    QVERIFY(!confirmation->isVisible());
    view.deleteAction()->trigger();
    QVERIFY(confirmation->isVisible());
    QCOMPARE(scroll->verticalScrollBar()->value(), 0);
    QVERIFY(deleted.isEmpty());
    // "Keep it" keeps it.
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("cancelDelete")),
                      Qt::LeftButton);
    QVERIFY(!confirmation->isVisible());
    QVERIFY(history.store()->load(id));
    view.deleteAction()->trigger();
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("confirmDelete")),
                      Qt::LeftButton);
    QCOMPARE(deleted.size(), 1);
    QCOMPARE(deleted.first().first().toLongLong(), id);
    QVERIFY(!history.store()->load(id));
    QCOMPARE(view.runId(), 0);
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("runDetailEmpty"))->isVisible());
}

void TestRunDetailView::liveRun_refreshesWhenTheStoreChanges()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(11, runs::Phase::Waiting);
    run.resultsJson = "[]";
    run.createdAt = QDateTime::currentDateTimeUtc();
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.show();
    view.showRun(run.id);
    QVERIFY(view.headerText().contains(QStringLiteral("Waiting")));
    view.tabs()->setCurrentIndex(RunDetailView::InputsTab);

    run.phase = runs::Phase::Error;
    run.finishedAt = run.createdAt.addSecs(2);
    run.errors = {core::RunError{core::RunErrorCode::Authentication,
                                 QStringLiteral("authentication"), QStringLiteral("Token expired"),
                                 QString(), std::nullopt, QString()}};
    QVERIFY(history.store()->update(run, {runs::RunEvent{run.finishedAt, runs::Phase::Error,
                                                         QStringLiteral("error"), QString()}}));
    QTRY_VERIFY(view.headerText().contains(QStringLiteral("Error")));
    QCOMPARE(view.errors()->count(), 1);
    // It just finished with an error: the view turns to the explanation.
    QCOMPARE(view.tabs()->currentIndex(), int(RunDetailView::ErrorsTab));
    QCOMPARE(view.findChild<QTreeWidget *>(QStringLiteral("runTimeline"))->topLevelItemCount(), 3);
}

void TestRunDetailView::apiCalls_showRedactedBodies()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(12);
    core::RequestRecord call = test::sampleCall(
        run, QStringLiteral("POST"), QStringLiteral("http://127.0.0.1:9/v2/action-runs"), 202);
    call.durationMs = 80;
    call.requestBody = R"({"data":{"action":"core:x","inputs":{}}})";
    call.responseBody = R"({"data":{"id":"run-12"}})";
    call.responseSize = call.responseBody.size();
    run.calls = {call};
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.show();
    view.showRun(run.id);
    auto *calls = view.findChild<QTreeWidget *>(QStringLiteral("runCalls"));
    QCOMPARE(calls->topLevelItemCount(), 1);
    QCOMPARE(calls->topLevelItem(0)->text(1), QStringLiteral("/v2/action-runs"));
    QCOMPARE(calls->topLevelItem(0)->text(2), QStringLiteral("202"));
    auto *exchange = view.findChild<ui::InspectorExchangeView *>();
    QVERIFY(exchange->responseText().contains(QStringLiteral("\"id\": \"run-12\""))); // indented
    QVERIFY(exchange->requestText().contains(QStringLiteral("\"action\": \"core:x\"")));
}

void TestRunDetailView::longWords_neverWidenThePane()
{
    // A URL or an id has nowhere to wrap. Were the pane to ask for its width, the splitter
    // beside it would move each time another run is selected.
    test::TempHistory history;
    QVERIFY(history.open());
    const auto runWithCall = [&](int n, const QString &url) {
        runs::RunRecord run = test::sampleRun(n);
        run.calls = {test::sampleCall(run, QStringLiteral("GET"), url, 200)};
        run.connectionTitle = url; // a long word in the header too
        return history.store()->insert(run);
    };
    const qint64 shortRun = runWithCall(20, QStringLiteral("http://127.0.0.1:9/v2/apps"));
    const qint64 longRun =
        runWithCall(21, QStringLiteral("http://127.0.0.1:9/v2/action-runs/") + QString(60, u'x'));
    QSplitter splitter;
    splitter.addWidget(new QWidget);
    auto *view = new RunDetailView(history.store());
    splitter.addWidget(view);
    splitter.resize(1000, 400);
    splitter.setSizes({700, 300}); // room enough for the pane to take the URL's width

    splitter.show();
    QVERIFY(QTest::qWaitForWindowExposed(&splitter));
    const auto showWithItsCall = [view, &splitter](qint64 id) {
        view->showRun(id);
        view->tabs()->setCurrentIndex(RunDetailView::CallsTab);
        auto *calls = view->findChild<QTreeWidget *>(QStringLiteral("runCalls"));
        calls->setCurrentItem(calls->topLevelItem(0));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        splitter.refresh(); // as the window does when it next lays out
    };
    showWithItsCall(shortRun);
    const QList<int> sizes = splitter.sizes();
    showWithItsCall(longRun);
    QVERIFY(view->findChild<ui::InspectorExchangeView *>()->urlText().endsWith(QString(60, u'x')));
    QCOMPARE(splitter.sizes(), sizes);
}

void TestRunDetailView::shortPane_scrollsRatherThanHidingTheHeader()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(22);
    run.connectionTitle = QStringLiteral("A connection with a long name that wraps over lines");
    run.id = history.store()->insert(run);
    QWidget host; // the pane's place in the window, shorter than the header and the tabs
    host.resize(300, 180);
    auto *view = new RunDetailView(history.store(), &host);
    view->setGeometry(0, 0, 300, 180);
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));
    view->showRun(run.id);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    auto *meta = view->findChild<QLabel *>(QStringLiteral("runMeta"));
    QVERIFY(meta);
    // Every wrapped line of the header keeps its room; the page scrolls instead.
    QVERIFY2(meta->height() >= meta->heightForWidth(meta->width()),
             qPrintable(QStringLiteral("%1 < %2")
                            .arg(meta->height())
                            .arg(meta->heightForWidth(meta->width()))));
    auto *scroll = view->findChild<QScrollArea *>(QStringLiteral("runDetailScroll"));
    QVERIFY(scroll);
    QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
    // A taller pane needs no scrolling.
    host.resize(300, 900);
    view->setGeometry(0, 0, 300, 900);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCOMPARE(scroll->verticalScrollBar()->maximum(), 0);
}

void TestRunDetailView::narrowestPane_stillShowsARunWithoutSideScrolling()
{
    // The splitter may take the pane down to its minimum (a long translation beside it), never
    // below what a run's header needs: its run id does not wrap.
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(23);
    run.serverRunId = QStringLiteral("5ce5cb69-0854-5178-8c77-dfbe8f9c2bf7"); // as Zapier's
    run.id = history.store()->insert(run);
    QSplitter splitter;
    splitter.addWidget(new QWidget);
    auto *view = new RunDetailView(history.store());
    splitter.addWidget(view);
    splitter.resize(900, 500);
    splitter.setSizes({900, 0});
    splitter.setChildrenCollapsible(false);
    splitter.show();
    QVERIFY(QTest::qWaitForWindowExposed(&splitter));
    view->showRun(run.id);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    splitter.refresh();
    QCOMPARE(view->width(), view->minimumWidth());
    QVERIFY(view->minimumWidth() > view->fontMetrics().horizontalAdvance(run.serverRunId));
    auto *scroll = view->findChild<QScrollArea *>(QStringLiteral("runDetailScroll"));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0);
}

void TestRunDetailView::ordinaryPane_showsARunWithoutScrolling()
{
    // The history's share of a laptop screen: the header and the tabs fit, whatever the
    // busiest tab (the API calls over a request's bodies) would like for itself.
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(24);
    run.calls = {test::sampleCall(run, QStringLiteral("GET"),
                                  QStringLiteral("http://127.0.0.1:9/v2/action-runs/run-24"), 200)};
    run.id = history.store()->insert(run);
    QWidget host;
    host.resize(320, 280);
    auto *view = new RunDetailView(history.store(), &host);
    view->setGeometry(0, 0, 320, 280);
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));
    view->showRun(run.id);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    auto *scroll = view->findChild<QScrollArea *>(QStringLiteral("runDetailScroll"));
    QCOMPARE(scroll->verticalScrollBar()->maximum(), 0);
    QWidget *results = view->tabs()->currentWidget();
    QVERIFY(results->height() >= results->minimumSizeHint().height());
    // The API calls (a list over a request's bodies) need more: the page scrolls for them, and
    // they keep their room instead of being cut.
    view->tabs()->setCurrentIndex(RunDetailView::CallsTab);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QWidget *calls = view->tabs()->currentWidget();
    QTRY_VERIFY(calls->height() >= calls->minimumSizeHint().height());
    QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
    view->tabs()->setCurrentIndex(RunDetailView::ResultsTab);
    QTRY_COMPARE(scroll->verticalScrollBar()->maximum(), 0);
}

void TestRunDetailView::everyControl_hasAnAccessibleName()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(13, runs::Phase::Error);
    run.errors = {core::RunError{core::RunErrorCode::User, QStringLiteral("user"),
                                 QStringLiteral("Bad"), QString(), std::nullopt,
                                 QStringLiteral("/data/inputs/message")}};
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.showRun(run.id);
    const QStringList missing = test::widgetsWithoutAccessibleName(&view);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u' ')));
}

void TestRunDetailView::retranslate_rewordsTheRunAndExplainsItsErrorsAgain()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(14, runs::Phase::Error);
    run.errors = {core::RunError{core::RunErrorCode::User, QStringLiteral("user"),
                                 QStringLiteral("Invalid message"),
                                 QStringLiteral("Message must not be empty"), std::nullopt,
                                 QStringLiteral("/data/inputs/message")}};
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    QSignalSpy focus(&view, &RunDetailView::focusFieldRequested);
    view.resize(900, 700);
    view.show();
    view.showRun(run.id);
    QCOMPARE(view.tabs()->currentIndex(), int(RunDetailView::ErrorsTab));
    view.copyCurlAction()->trigger(); // a notice
    view.deleteAction()->trigger();   // and the inline confirmation
    auto *confirmation = view.findChild<QWidget *>(QStringLiteral("deleteConfirmation"));
    QVERIFY(confirmation->isVisible());

    const test::PseudoLanguage pseudo;
    QVERIFY(pseudo.isInstalled());
    QTRY_VERIFY(
        view.tabs()->tabText(RunDetailView::InputsTab).startsWith(test::PseudoTranslator::open));
    const QStringList found = scannerWithout(runData(run)).scan(&view);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    // Explained again in the new language, not just relabelled.
    QCOMPARE(labelTexts(&view, QStringLiteral("errorTitle")),
             QStringList{QStringLiteral("\u27e6The app rejected the input\u27e7")});
    QVERIFY(
        view.errors()->explanations().first().nextStep.startsWith(test::PseudoTranslator::open));
    QVERIFY(view.noticeText().startsWith(test::PseudoTranslator::open));

    // Same run, same tab, the question still open, the field still reachable.
    QCOMPARE(view.runId(), run.id);
    QCOMPARE(view.tabs()->currentIndex(), int(RunDetailView::ErrorsTab));
    QVERIFY(confirmation->isVisible());
    auto *go = view.findChild<QPushButton *>(QStringLiteral("goToField"));
    QVERIFY(go && go->isVisible());
    QTest::mouseClick(go, Qt::LeftButton);
    QCOMPARE(focus.size(), 1);
    QCOMPARE(focus.first().first().toString(), QStringLiteral("message"));

    // The other tabs are worded too.
    for (const int tab : {int(RunDetailView::InputsTab), int(RunDetailView::TimelineTab),
                          int(RunDetailView::CallsTab)}) {
        view.tabs()->setCurrentIndex(tab);
        QStringList data = runData(run);
        for (const runs::RunEvent &event : std::as_const(run.events)) {
            data << event.status << event.note; // kept as runs/ wrote them
            data << QLocale().toString(event.at.toLocalTime(), QLocale::LongFormat);
        }
        const QStringList inTab = scannerWithout(data).scan(&view);
        QVERIFY2(inTab.isEmpty(), qPrintable(inTab.join(u'\n')));
    }
}

void TestRunDetailView::retranslate_keepsTheResultsAsTheyWere()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(15);
    run.id = history.store()->insert(run);
    RunDetailView view(history.store());
    view.resize(900, 700);
    view.show();
    view.showRun(run.id);
    QCOMPARE(view.tabs()->currentIndex(), int(RunDetailView::ResultsTab));
    ui::RunDetailResults *results = view.results();
    results->search(QStringLiteral("1700000000"));
    QCOMPARE(results->matchCount(), 1);
    const QModelIndex match = results->view()->currentIndex();
    QVERIFY(results->view()->isExpanded(match.parent()));
    results->copyPath();

    const test::PseudoLanguage pseudo;
    QVERIFY(pseudo.isInstalled());
    QTRY_VERIFY(results->searchField()->placeholderText().startsWith(test::PseudoTranslator::open));
    QStringList data = runData(run);
    data << QStringLiteral("results[0].ok") << QStringLiteral("results[0].ts")
         << QStringLiteral("results[0]") << QStringLiteral("1700000000.000100")
         << QStringLiteral("ok") << QStringLiteral("true") << QStringLiteral("ts");
    const QStringList found = scannerWithout(data).scan(&view);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    QVERIFY(view.noticeText().startsWith(test::PseudoTranslator::open));
    QVERIFY(view.noticeText().contains(QStringLiteral("results[0].ts")));

    // The search, the match and the expanded row survive.
    QCOMPARE(results->searchField()->text(), QStringLiteral("1700000000"));
    QCOMPARE(results->matchCount(), 1);
    QCOMPARE(results->view()->currentIndex(), match);
    QVERIFY(results->view()->isExpanded(match.parent()));
    QCOMPARE(view.tabs()->currentIndex(), int(RunDetailView::ResultsTab));

    // The Type column fits the longest type name of the new language (the pseudo one is longer).
    const QString boolean = models::JsonTreeModel::kindName(api::JsonTree::Kind::Bool);
    QVERIFY(boolean.startsWith(test::PseudoTranslator::open));
    const QFontMetrics metrics = results->fontMetrics();
    QVERIFY(results->view()->header()->sectionSize(models::JsonTreeModel::TypeColumn) >=
            metrics.horizontalAdvance(boolean) + metrics.height() * 2);
}

QTEST_MAIN(TestRunDetailView)
#include "tst_rundetailview.moc"
