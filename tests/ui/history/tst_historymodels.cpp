#include "historytestdata.h"

#include "api/requestlog.h"
#include "models/historymodel.h"
#include "models/jsontreemodel.h"
#include "models/requestlogmodel.h"
#include "support/manualclock.h"
#include "support/pseudotranslator.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ab;
using models::HistoryModel;
using models::JsonTreeModel;

namespace {

void fetchAll(QAbstractItemModel &model)
{
    while (model.canFetchMore({}))
        model.fetchMore({});
}

api::RawExchange exchange(const char *method, const char *url, int status)
{
    api::RawExchange raw;
    raw.method = method;
    raw.url = QUrl(QLatin1String(url));
    raw.startedAt = test::historyEpoch();
    raw.durationMs = 120;
    raw.httpStatus = status;
    raw.requestBody = "{\"data\":{}}";
    raw.responseBody = "{\"data\":[]}";
    return raw;
}

} // namespace

class TestHistoryModels final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void history_pagesInWithFetchMore();
    void history_showsSummaryColumns();
    void history_liveInsertUpdateRemove();
    void history_filterByTextAndPhase();
    void history_liveChangeRespectsFilter();
    void history_waitingRunsTick();
    void history_iconProviderGetsAppId();
    void requestLog_listsAndCaps();
    void requestLog_clearHidesOnlyFromTheView();
    void jsonTree_showsKeysValuesTypes();
    void jsonTree_pathsCopyAndSearch();
    void jsonTree_bigDocumentIsLazy();
    void jsonTree_scalarAndInvalidDocuments();
    void history_retranslateAnnouncesHeadersAndRows();
    void requestLog_retranslateAnnouncesHeadersAndRows();
    void jsonTree_retranslateKeepsRowsInPlace();
};

void TestHistoryModels::history_pagesInWithFetchMore()
{
    test::TempHistory history;
    QVERIFY(history.open());
    QList<runs::RunRecord> runs;
    for (int n = 0; n < 1000; ++n)
        runs.append(test::sampleRun(n));
    QVERIFY(history.store()->insertMany(runs));

    HistoryModel model(history.store());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.totalCount(), 1000);
    fetchAll(model); // the tester may already have fetched the first page
    QCOMPARE(model.rowCount(), 1000);
    // Newest first, no duplicates across page boundaries.
    QSet<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids.insert(model.runId(row));
        if (row > 0)
            QVERIFY(model.summary(row - 1).createdAt >= model.summary(row).createdAt);
    }
    QCOMPARE(ids.size(), 1000);
    QCOMPARE(model.summary(0).serverRunId, QStringLiteral("run-999"));
    QCOMPARE(model.rowOfRun(model.runId(500)), 500);
    QCOMPARE(model.rowOfRun(-5), -1);
    QCOMPARE(model.runId(1000), 0);
}

void TestHistoryModels::history_showsSummaryColumns()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(1, runs::Phase::Error);
    QVERIFY(history.store()->insert(run) > 0);
    HistoryModel model(history.store());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), int(HistoryModel::ColumnCount));
    const auto cell = [&](int column, int role = Qt::DisplayRole) {
        return model.index(0, column).data(role);
    };
    QCOMPARE(cell(HistoryModel::AppColumn).toString(), QStringLiteral("Slack"));
    QCOMPARE(cell(HistoryModel::ActionColumn).toString(), QStringLiteral("Send Channel Message"));
    QCOMPARE(cell(HistoryModel::ConnectionColumn).toString(), QStringLiteral("team@example.com"));
    QCOMPARE(cell(HistoryModel::StatusColumn).toString(), QStringLiteral("Error"));
    QCOMPARE(cell(HistoryModel::DurationColumn).toString(), QStringLiteral("1.5 s"));
    QVERIFY(!cell(HistoryModel::TimeColumn).toString().isEmpty());
    QCOMPARE(cell(0, HistoryModel::PillCategoryRole).toInt(),
             int(HistoryModel::PillCategory::Error));
    QCOMPARE(cell(0, HistoryModel::PhaseRole).toInt(), int(runs::Phase::Error));
    QCOMPARE(cell(0, HistoryModel::ServerRunIdRole).toString(), QStringLiteral("run-1"));
    QCOMPARE(model.headerData(HistoryModel::StatusColumn, Qt::Horizontal).toString(),
             QStringLiteral("Status"));
    QCOMPARE(HistoryModel::pillCategory(runs::Phase::OutcomeUnknown),
             HistoryModel::PillCategory::Warning);
    QCOMPARE(HistoryModel::pillCategory(runs::Phase::TimedOut),
             HistoryModel::PillCategory::Warning);
    QCOMPARE(HistoryModel::pillCategory(runs::Phase::Waiting), HistoryModel::PillCategory::Waiting);
    QCOMPARE(HistoryModel::pillCategory(runs::Phase::Success), HistoryModel::PillCategory::Success);
    QCOMPARE(HistoryModel::durationText(850), QStringLiteral("850 ms"));
    QCOMPARE(HistoryModel::durationText(42000), QStringLiteral("42 s"));
    QCOMPARE(HistoryModel::durationText(125000), QStringLiteral("2 min 5 s"));
}

void TestHistoryModels::history_liveInsertUpdateRemove()
{
    test::TempHistory history;
    QVERIFY(history.open());
    for (int n = 0; n < 3; ++n)
        QVERIFY(history.store()->insert(test::sampleRun(n)) > 0);
    HistoryModel model(history.store());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 3);

    // A new run appears at the top.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    runs::RunRecord fresh = test::sampleRun(10, runs::Phase::Waiting);
    fresh.id = history.store()->insert(fresh);
    QVERIFY(fresh.id > 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.runId(0), fresh.id);
    QCOMPARE(model.index(0, HistoryModel::StatusColumn).data(HistoryModel::PhaseRole).toInt(),
             int(runs::Phase::Waiting));
    QCOMPARE(model.totalCount(), 4);

    // It finishes: the same row updates.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    fresh.phase = runs::Phase::Success;
    fresh.finishedAt = fresh.submittedAt.addSecs(3);
    QVERIFY(history.store()->update(fresh));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(model.rowOfRun(fresh.id), 0);
    QCOMPARE(model.index(0, HistoryModel::StatusColumn).data().toString(),
             QStringLiteral("Success"));
    QCOMPARE(model.index(0, HistoryModel::DurationColumn).data().toString(),
             QStringLiteral("3.0 s"));

    // Removed from the store, removed from the table.
    const qint64 middle = model.runId(2);
    QVERIFY(history.store()->remove(middle));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOfRun(middle), -1);
    QCOMPARE(model.totalCount(), 3);

    // An import resets the model.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(history.store()->insertMany({test::sampleRun(20), test::sampleRun(21)}));
    QCOMPARE(reset.size(), 1);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 5);
}

void TestHistoryModels::history_filterByTextAndPhase()
{
    test::TempHistory history;
    QVERIFY(history.open());
    QList<runs::RunRecord> runs;
    for (int n = 0; n < 300; ++n)
        runs.append(test::sampleRun(n, n % 3 == 0 ? runs::Phase::Error : runs::Phase::Success));
    QVERIFY(history.store()->insertMany(runs));
    HistoryModel model(history.store());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    runs::RunFilter filter;
    filter.phases = {runs::Phase::Error};
    model.setFilter(filter);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.totalCount(), 100);

    filter.text = QStringLiteral("sLACK"); // odd n are Slack
    model.setFilter(filter);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 50);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.summary(row).appTitle, QStringLiteral("Slack"));

    model.setFilter({});
    fetchAll(model);
    QCOMPARE(model.rowCount(), 300);
}

void TestHistoryModels::history_liveChangeRespectsFilter()
{
    test::TempHistory history;
    QVERIFY(history.open());
    HistoryModel model(history.store());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    runs::RunFilter filter;
    filter.phases = {runs::Phase::Waiting};
    model.setFilter(filter);
    fetchAll(model);

    runs::RunRecord run = test::sampleRun(1, runs::Phase::Preparing);
    run.finishedAt = {};
    run.id = history.store()->insert(run);
    QCOMPARE(model.rowCount(), 0); // Preparing is not Waiting

    run.phase = runs::Phase::Waiting;
    QVERIFY(history.store()->update(run));
    QCOMPARE(model.rowCount(), 1); // now it is

    run.phase = runs::Phase::Success;
    run.finishedAt = run.submittedAt.addSecs(1);
    QVERIFY(history.store()->update(run));
    QCOMPARE(model.rowCount(), 0); // and no longer
}

void TestHistoryModels::history_waitingRunsTick()
{
    test::TempHistory history;
    QVERIFY(history.open());
    QVERIFY(history.store()->insert(test::sampleRun(1)) > 0);
    runs::RunRecord waiting = test::sampleRun(2, runs::Phase::Waiting);
    waiting.id = history.store()->insert(waiting);
    test::ManualClock clock(waiting.createdAt.addSecs(12));
    HistoryModel model(history.store());
    model.setClock(&clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowOfRun(waiting.id), 0);
    QCOMPARE(model.index(0, 0).data(HistoryModel::ElapsedMsRole).toLongLong(), 12000);
    QCOMPARE(model.index(0, HistoryModel::DurationColumn).data().toString(),
             QStringLiteral("12 s"));
    QCOMPARE(model.index(0, HistoryModel::StatusColumn).data().toString(),
             QStringLiteral("Waiting 12 s"));

    // Once a second only the waiting row's status and duration cells change.
    clock.advance(5000);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(changed.wait(3000));
    const QModelIndex topLeft = changed.first().at(0).value<QModelIndex>();
    const QModelIndex bottomRight = changed.first().at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 0);
    QCOMPARE(bottomRight.row(), 0);
    QCOMPARE(topLeft.column(), int(HistoryModel::StatusColumn));
    QCOMPARE(bottomRight.column(), int(HistoryModel::DurationColumn));
    QCOMPARE(model.index(0, HistoryModel::DurationColumn).data().toString(),
             QStringLiteral("17 s"));
    QCOMPARE(model.index(1, HistoryModel::StatusColumn).data().toString(),
             QStringLiteral("Success"));
}

void TestHistoryModels::history_iconProviderGetsAppId()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord earlier = test::sampleRun(1);
    earlier.appId = QStringLiteral("app-gmail");
    earlier.environment = QStringLiteral("sandbox");
    QVERIFY(history.store()->insert(earlier) > 0); // a run of an earlier session
    HistoryModel model(history.store());
    QStringList asked;
    model.setIconProvider([&asked](const runs::RunSummary &run) {
        asked.append(run.appId + u'@' + run.environment);
        return QIcon();
    });
    fetchAll(model);
    QCOMPARE(model.rowCount(), 1);
    model.index(0, HistoryModel::AppColumn).data(Qt::DecorationRole);
    QCOMPARE(asked, QStringList{QStringLiteral("app-gmail@sandbox")});
    asked.clear();
    const runs::RunRecord live = test::sampleRun(2);
    QVERIFY(history.store()->insert(live) > 0); // read as it is added
    QCOMPARE(model.rowCount(), 2);
    model.index(0, HistoryModel::AppColumn).data(Qt::DecorationRole);
    QCOMPARE(asked, QStringList{live.appId + u'@' + live.environment});
}

void TestHistoryModels::requestLog_listsAndCaps()
{
    api::RequestLog log;
    log.add(exchange("GET", "http://127.0.0.1:9/v2/apps?limit=20", 200));
    models::RequestLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    log.add(exchange("POST", "http://127.0.0.1:9/v2/action-runs", 429));
    log.add(exchange("GET", "http://127.0.0.1:9/v2/action-runs/r1", 0));
    QCOMPARE(model.rowCount(), 3);
    using M = models::RequestLogModel;
    QCOMPARE(model.index(0, M::PathColumn).data().toString(), QStringLiteral("/v2/apps?limit=20"));
    QCOMPARE(model.index(1, M::MethodColumn).data().toString(), QStringLiteral("POST"));
    QCOMPARE(model.index(1, M::StatusColumn).data().toString(), QStringLiteral("429"));
    QCOMPARE(model.index(1, M::StatusColumn).data(M::StatusCategoryRole).toInt(),
             int(M::StatusCategory::ClientError));
    QCOMPARE(model.index(2, M::StatusColumn).data(M::StatusCategoryRole).toInt(),
             int(M::StatusCategory::NoResponse));
    QCOMPARE(model.index(0, M::DurationColumn).data().toString(), QStringLiteral("120 ms"));
    QCOMPARE(model.record(1).method, QStringLiteral("POST"));
    QCOMPARE(model.rowOfRecord(model.record(2).id), 2);

    // Newest at the bottom, oldest dropped at the log's capacity.
    log.setCapacity(3);
    log.add(exchange("DELETE", "http://127.0.0.1:9/actions/v1/stored-actions/x", 204));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.record(0).method, QStringLiteral("POST"));
    QCOMPARE(model.record(2).method, QStringLiteral("DELETE"));
}

void TestHistoryModels::requestLog_clearHidesOnlyFromTheView()
{
    api::RequestLog log;
    log.add(exchange("GET", "http://127.0.0.1:9/v2/apps", 200));
    models::RequestLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(log.size(), 1);
    log.add(exchange("GET", "http://127.0.0.1:9/v2/apps", 500));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.record(0).httpStatus, 500);
}

void TestHistoryModels::jsonTree_showsKeysValuesTypes()
{
    models::JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson(R"({"a":[1,{"b":"text"}],"n":null,"o":{"x":true}})",
                          QStringLiteral("results")));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 3);
    const QModelIndex a = model.index(0, 0);
    QCOMPARE(a.data().toString(), QStringLiteral("a"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("2 items"));
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("array"));
    QCOMPARE(model.rowCount(a), 2);
    QVERIFY(model.hasChildren(a));
    const QModelIndex second = model.index(1, 0, a);
    QCOMPARE(second.data().toString(), QStringLiteral("[1]"));
    QCOMPARE(second.parent(), a);
    const QModelIndex b = model.index(0, 1, second);
    QCOMPARE(b.data().toString(), QStringLiteral("text"));
    QCOMPARE(model.index(0, 2, second).data().toString(), QStringLiteral("string"));
    QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("null"));
    QCOMPARE(model.index(2, 1).data().toString(), QStringLiteral("1 key"));
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Value"));
}

void TestHistoryModels::jsonTree_pathsCopyAndSearch()
{
    models::JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson(R"([{"fields":{"Name":"Ada","Tags":["x"]}},{"fields":{"Name":"Grace"}}])",
                          QStringLiteral("results")));
    const QModelIndex grace = model.indexForPath(QStringLiteral("results[1].fields.Name"));
    QVERIFY(grace.isValid());
    QCOMPARE(grace.column(), 0);
    QCOMPARE(model.pathAt(grace), QStringLiteral("results[1].fields.Name"));
    QCOMPARE(grace.data(models::JsonTreeModel::PathRole).toString(), model.pathAt(grace));
    QCOMPARE(model.copyTextAt(grace), QStringLiteral("Grace")); // strings as plain text
    const QModelIndex tags = model.indexForPath(QStringLiteral("results[0].fields.Tags"));
    QCOMPARE(model.copyTextAt(tags).remove(u' ').remove(u'\n'), QStringLiteral("[\"x\"]"));
    QVERIFY(!model.indexForPath(QStringLiteral("results[9]")).isValid());

    const QModelIndexList found = model.search(QStringLiteral("grace"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first(), grace);
    QCOMPARE(model.search(QStringLiteral("name")).size(), 2);
}

void TestHistoryModels::jsonTree_bigDocumentIsLazy()
{
    QByteArray json = "[";
    for (int n = 0; n < 20000; ++n)
        json += (n ? ",{\"id\":" : "{\"id\":") + QByteArray::number(n) +
                ",\"fields\":{\"Name\":\"Row " + QByteArray::number(n) + "\",\"Notes\":\"" +
                QByteArray(20, 'n') + "\"}}";
    json += "]";
    QVERIFY(json.size() > 1000000);
    models::JsonTreeModel model;
    QVERIFY(model.setJson(json, QStringLiteral("results")));
    QCOMPARE(model.rowCount(), 20000);
    QCOMPARE(model.tree()->materializedCount(), 1); // counted, not created
    const QModelIndex last = model.indexForPath(QStringLiteral("results[19999].fields.Name"));
    QCOMPARE(last.data(Qt::DisplayRole).toString(), QStringLiteral("Name"));
    QCOMPARE(model.index(last.row(), 1, last.parent()).data().toString(),
             QStringLiteral("Row 19999"));
    QVERIFY(model.tree()->materializedCount() < 20010);
    QCOMPARE(model.search(QStringLiteral("Row 12345")).size(), 1);
}

void TestHistoryModels::jsonTree_scalarAndInvalidDocuments()
{
    models::JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson("42"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("value"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("42"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    QString error;
    QVERIFY(!model.setJson("{oops", QString(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(model.isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void TestHistoryModels::history_retranslateAnnouncesHeadersAndRows()
{
    test::TempHistory history;
    QVERIFY(history.open());
    QVERIFY(history.store()->insert(test::sampleRun(1, runs::Phase::Error)) > 0);
    QVERIFY(history.store()->insert(test::sampleRun(2)) > 0);
    HistoryModel model(history.store());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    QSignalSpy rows(&model, &QAbstractItemModel::dataChanged);

    const test::PseudoLanguage pseudo;
    QVERIFY(pseudo.isInstalled());
    model.retranslate();
    QCOMPARE(headers.size(), 1);
    QCOMPARE(headers.at(0).at(1).toInt(), 0);
    QCOMPARE(headers.at(0).at(2).toInt(), HistoryModel::ColumnCount - 1);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).at(0).toModelIndex(), model.index(0, 0));
    QCOMPARE(rows.at(0).at(1).toModelIndex(), model.index(1, HistoryModel::ColumnCount - 1));
    QCOMPARE(model.headerData(HistoryModel::StatusColumn, Qt::Horizontal).toString(),
             QStringLiteral("\u27e6Status\u27e7"));
    QCOMPARE(model.index(1, HistoryModel::StatusColumn).data().toString(),
             QStringLiteral("\u27e6Error\u27e7"));
}

void TestHistoryModels::requestLog_retranslateAnnouncesHeadersAndRows()
{
    api::RequestLog log;
    log.add(exchange("GET", "http://127.0.0.1:9/v2/apps", 200));
    log.add(exchange("GET", "http://127.0.0.1:9/v2/apps", 0));
    models::RequestLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    QSignalSpy rows(&model, &QAbstractItemModel::dataChanged);

    const test::PseudoLanguage pseudo;
    QVERIFY(pseudo.isInstalled());
    model.retranslate();
    using M = models::RequestLogModel;
    QCOMPARE(headers.size(), 1);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).at(1).toModelIndex(), model.index(1, M::ColumnCount - 1));
    QCOMPARE(model.headerData(M::PathColumn, Qt::Horizontal).toString(),
             QStringLiteral("\u27e6Path\u27e7"));
    QCOMPARE(model.index(1, M::StatusColumn).data().toString(),
             QStringLiteral("\u27e6No response\u27e7"));
}

void TestHistoryModels::jsonTree_retranslateKeepsRowsInPlace()
{
    models::JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson(R"({"a":[1,{"b":"text"}],"o":{"x":true}})", QStringLiteral("results")));
    const QPersistentModelIndex deep = model.indexForPath(QStringLiteral("results.a[1].b"));
    QVERIFY(deep.isValid());
    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    const test::PseudoLanguage pseudo;
    QVERIFY(pseudo.isInstalled());
    model.retranslate();
    QCOMPARE(headers.size(), 1);
    QCOMPARE(layout.size(), 1);
    QVERIFY(reset.isEmpty());
    // Every row where it was: views keep what they expanded and selected.
    QCOMPARE(model.pathAt(deep), QStringLiteral("results.a[1].b"));
    QCOMPARE(model.index(0, JsonTreeModel::ValueColumn).data().toString(),
             QStringLiteral("\u27e6%1 items\u27e7").arg(2));
    QCOMPARE(model.index(deep.row(), JsonTreeModel::TypeColumn, deep.parent()).data().toString(),
             QStringLiteral("\u27e6string\u27e7"));
    QCOMPARE(model.headerData(JsonTreeModel::KeyColumn, Qt::Horizontal).toString(),
             QStringLiteral("\u27e6Key\u27e7"));
}

QTEST_GUILESS_MAIN(TestHistoryModels)
#include "tst_historymodels.moc"
