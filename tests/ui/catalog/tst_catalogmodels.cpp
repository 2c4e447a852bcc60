// The catalog models under QAbstractItemModelTester: exact paging, staleness and failures with
// FakeBackend, real data (and a 10,000-app catalog) with the sandbox over loopback.
#include "models/actionlistmodel.h"
#include "models/appcatalogmodel.h"
#include "models/appdirectory.h"
#include "models/appicons.h"
#include "models/connectionlistmodel.h"
#include "models/iconcache.h"
#include "models/storedactionsmodel.h"
#include "support/fakebackend.h"
#include "support/pseudotranslator.h"
#include "support/sandboxfixture.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace ab;
using ab::models::ActionListModel;
using ab::models::AppCatalogModel;
using ab::models::ConnectionListModel;
using ab::models::IconCache;
using ab::models::StoredActionsModel;
using ab::test::FakeBackend;
using ab::test::SandboxFixture;

namespace {

core::App app(int n)
{
    core::App app;
    app.id = QStringLiteral("app-%1").arg(n);
    app.title = QStringLiteral("App %1").arg(n);
    app.categories = {n % 2 ? QStringLiteral("odd") : QStringLiteral("even")};
    return app;
}

core::Page<core::App> page(int offset, int count, int total)
{
    core::Page<core::App> page;
    for (int n = offset; n < offset + count; ++n)
        page.items.append(app(n));
    page.count = total;
    page.offset = offset;
    page.limit = AppCatalogModel::pageSize;
    if (offset + count < total)
        page.next = QStringLiteral("next");
    return page;
}

// A stored "add row" of Google Sheets, as the Actions API lists it (keys only).
core::StoredAction sheetsRow(const QString &id)
{
    core::StoredAction action;
    action.id = id;
    action.actionKey = QStringLiteral("add_row");
    action.actionType = QStringLiteral("write");
    action.selectedApi = QStringLiteral("GoogleSheetsV2API");
    action.connectionId = QStringLiteral("sb-conn-gsheets-1");
    return action;
}

core::Action action(const QString &key, core::ActionType type, const QString &title = {},
                    const QString &description = {})
{
    core::Action action;
    action.key = key;
    action.id = key + QStringLiteral("-id");
    action.actionType = type;
    action.actionTypeRaw = core::actionTypeToString(type);
    action.title = title.isEmpty() ? key : title;
    action.description = description;
    return action;
}

} // namespace

class TestCatalogModels final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void apps_pagesThroughFetchMore()
    {
        FakeBackend backend;
        AppCatalogModel model(&backend, nullptr, nullptr);
        QAbstractItemModelTester tester(&model);
        model.setQuery(QString());
        QCOMPARE(backend.pendingApps.size(), 1);
        QVERIFY(model.loading());
        QVERIFY(!model.canFetchMore({})); // one request in flight
        model.fetchMore({});
        QCOMPARE(backend.pendingApps.size(), 1);

        backend.pendingApps.takeFirst().reply(page(0, 50, 120));
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.totalCount(), 120);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(backend.pendingApps.constLast().call.page, 50); // offset
        backend.pendingApps.takeFirst().reply(page(50, 50, 120));
        model.fetchMore({});
        backend.pendingApps.takeFirst().reply(page(100, 20, 120));
        QCOMPARE(model.rowCount(), 120);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.data(model.index(119)).toString(), QStringLiteral("App 119"));
        QCOMPARE(model.data(model.index(3), AppCatalogModel::AppIdRole).toString(),
                 QStringLiteral("app-3"));
        QCOMPARE(model.app(7).id, QStringLiteral("app-7"));
        QCOMPARE(model.rowOfApp(QStringLiteral("app-42")), 42);
        QCOMPARE(model.categories(), (QStringList{QStringLiteral("even"), QStringLiteral("odd")}));
        QVERIFY(!model.data(model.index(0), Qt::DecorationRole).value<QIcon>().isNull());
    }

    void apps_newQueryDropsStaleReply()
    {
        FakeBackend backend;
        AppCatalogModel model(&backend, nullptr, nullptr);
        QAbstractItemModelTester tester(&model);
        // (The tester itself fetched the first page of the empty query.)
        const int before = backend.callCount(QStringLiteral("apps"));
        model.setQuery(QStringLiteral("s"));
        model.setQuery(QStringLiteral("sh"));
        QCOMPARE(backend.callCount(QStringLiteral("apps")), before + 2);
        QCOMPARE(backend.callsOf(QStringLiteral("apps")).constLast().args.value(0),
                 QStringLiteral("sh"));
        const auto older = backend.pendingApps.at(backend.pendingApps.size() - 2);
        const auto newer = backend.pendingApps.constLast();
        // The old reply lands last: it must not show.
        newer.reply(page(0, 3, 3));
        older.reply(page(10, 50, 500));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.totalCount(), 3);
        QVERIFY(!model.loading());

        model.setCategory(QStringLiteral("odd"));
        QCOMPARE(backend.callsOf(QStringLiteral("apps")).constLast().args.value(1),
                 QStringLiteral("odd"));
        QCOMPARE(model.rowCount(), 0);
        // The same query again changes nothing.
        const int calls = backend.callCount(QStringLiteral("apps"));
        model.setCategory(QStringLiteral("odd"));
        QCOMPARE(backend.callCount(QStringLiteral("apps")), calls);
    }

    void apps_failureStopsPagingUntilRetry()
    {
        FakeBackend backend;
        AppCatalogModel model(&backend, nullptr, nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy failed(&model, &AppCatalogModel::failed);
        model.setQuery(QString());
        backend.pendingApps.takeFirst().reply(page(0, 50, 100));
        model.fetchMore({});
        backend.pendingApps.takeFirst().reply(
            FakeBackend::error(core::ErrorKind::Unavailable, 503));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).value<core::ApiError>().kind, core::ErrorKind::Unavailable);
        QVERIFY(model.hasError());
        QVERIFY(!model.canFetchMore({})); // no retry storm from a scrolling view
        model.fetchMore({});
        QCOMPARE(backend.pendingApps.size(), 0);
        model.retry();
        QCOMPARE(backend.pendingApps.constFirst().call.page, 50);
        backend.pendingApps.takeFirst().reply(page(50, 50, 100));
        QCOMPARE(model.rowCount(), 100);
        QVERIFY(!model.hasError());
    }

    void apps_reloadForgetsCategories()
    {
        FakeBackend backend;
        AppCatalogModel model(&backend, nullptr, nullptr);
        QAbstractItemModelTester tester(&model);
        model.setQuery(QString());
        backend.pendingApps.takeFirst().reply(page(0, 2, 2));
        QCOMPARE(model.categories().size(), 2);
        model.reload();
        QVERIFY(model.categories().isEmpty());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.loading());
    }

    void apps_sandboxTenThousandApps()
    {
        sandbox::SandboxOptions options;
        options.extraApps = 10000;
        SandboxFixture sandbox(options);
        QVERIFY(sandbox.start());
        auto client = sandbox.client();
        AppCatalogModel model(client.get(), nullptr, nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy pages(&model, &AppCatalogModel::pageLoaded);
        model.setQuery(QString());
        QVERIFY(pages.wait());
        QCOMPARE(model.rowCount(), 50);
        QVERIFY(model.totalCount() > 10000);
        for (int i = 0; i < 4; ++i) {
            QVERIFY(model.canFetchMore({}));
            model.fetchMore({});
            QVERIFY(pages.wait());
        }
        QCOMPARE(model.rowCount(), 250);
        QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("Google Sheets"));

        model.setQuery(QStringLiteral("generated app 0042"));
        QVERIFY(pages.wait());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.totalCount(), 1);
        QVERIFY(!model.canFetchMore({}));
    }

    void apps_sandboxCategory()
    {
        SandboxFixture sandbox;
        QVERIFY(sandbox.start());
        auto client = sandbox.client();
        AppCatalogModel model(client.get(), nullptr, nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy pages(&model, &AppCatalogModel::pageLoaded);
        model.setQuery(QString());
        QVERIFY(pages.wait());
        QVERIFY(model.categories().contains(QStringLiteral("crm")));
        model.setCategory(QStringLiteral("crm"));
        QVERIFY(pages.wait());
        QCOMPARE(model.rowCount(), 2); // HubSpot, Salesforce
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.app(row).categories.contains(QStringLiteral("crm")));
        // Categories seen stay offered while a category is chosen.
        QVERIFY(model.categories().contains(QStringLiteral("spreadsheets")));
    }

    void actions_groupedByTypeAndFiltered()
    {
        FakeBackend backend;
        ActionListModel model(&backend, nullptr);
        QAbstractItemModelTester tester(&model);
        core::App sheets;
        sheets.id = QStringLiteral("sheets");
        model.setApp(sheets);
        QCOMPARE(backend.callsOf(QStringLiteral("actions")).constFirst().args,
                 (QStringList{QStringLiteral("sheets"), QString()}));
        QVERIFY(model.loading());
        core::Action odd = action(QStringLiteral("mystery"), core::ActionType::Unknown);
        odd.actionTypeRaw = QStringLiteral("TELEPORT");
        backend.pendingActions.takeFirst().reply(QList<core::Action>{
            action(QStringLiteral("new_row"), core::ActionType::Read, QStringLiteral("New Row")),
            action(QStringLiteral("add_row"), core::ActionType::Write, QStringLiteral("Add Row"),
                   QStringLiteral("Adds a row")),
            odd,
            action(QStringLiteral("lookup_row"), core::ActionType::Search,
                   QStringLiteral("Lookup Row")),
            action(QStringLiteral("update_row"), core::ActionType::Write,
                   QStringLiteral("Update Row"), QStringLiteral("Changes a row"))});
        QVERIFY(model.isLoaded());
        QCOMPARE(model.rowCount(), 4);
        const QStringList groups{
            model.index(0, 0).data().toString(), model.index(1, 0).data().toString(),
            model.index(2, 0).data().toString(), model.index(3, 0).data().toString()};
        QCOMPARE(groups, (QStringList{QStringLiteral("Write"), QStringLiteral("Search"),
                                      QStringLiteral("Read"), QStringLiteral("TELEPORT")}));
        const QModelIndex write = model.index(0, 0);
        QVERIFY(model.data(write, ActionListModel::IsGroupRole).toBool());
        QCOMPARE(model.flags(write), Qt::NoItemFlags);
        QCOMPARE(model.rowCount(write), 2);
        QCOMPARE(model.data(write, ActionListModel::GroupCountRole).toInt(), 2);
        const QModelIndex addRow = model.index(0, 0, write);
        QCOMPARE(model.action(addRow)->key, QStringLiteral("add_row"));
        QCOMPARE(model.data(addRow, ActionListModel::DescriptionRole).toString(),
                 QStringLiteral("Adds a row"));
        QVERIFY(model.data(addRow, Qt::ToolTipRole).toString().contains(QStringLiteral("Adds")));
        QVERIFY(model.flags(addRow) & Qt::ItemIsSelectable);
        QCOMPARE(model.action(write), nullptr);
        QCOMPARE(model.indexOfKey(QStringLiteral("lookup_row")).parent().row(), 1);
        QCOMPARE(model.action(model.firstAction())->key, QStringLiteral("add_row"));

        // Title, key and description all match the filter.
        model.setFilterText(QStringLiteral("changes"));
        QCOMPARE(model.visibleActionCount(), 1);
        QCOMPARE(model.action(model.firstAction())->key, QStringLiteral("update_row"));
        model.setFilterText(QStringLiteral("LOOKUP_"));
        QCOMPARE(model.visibleActionCount(), 1);
        model.setFilterText(QStringLiteral("row"));
        QCOMPARE(model.rowCount(), 3);
        model.setFilterText(QStringLiteral("nothing like it"));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.indexOfKey(QStringLiteral("add_row")).isValid());
        model.setFilterText(QString());
        QCOMPARE(model.visibleActionCount(), 5);
    }

    void actions_staleAppReplyDropped()
    {
        FakeBackend backend;
        ActionListModel model(&backend, nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy failed(&model, &ActionListModel::failed);
        core::App first, second;
        first.id = QStringLiteral("first");
        second.id = QStringLiteral("second");
        model.setApp(first);
        model.setApp(second);
        backend.pendingActions.at(0).reply(
            QList<core::Action>{action(QStringLiteral("old"), core::ActionType::Write)});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.loading());
        backend.pendingActions.at(1).reply(FakeBackend::error(core::ErrorKind::Network));
        QCOMPARE(failed.size(), 1);
        QVERIFY(model.lastError().has_value());
        QVERIFY(!model.loading());
        model.reload();
        backend.pendingActions.at(2).reply(
            QList<core::Action>{action(QStringLiteral("new"), core::ActionType::Search)});
        QCOMPARE(model.visibleActionCount(), 1);
        QVERIFY(!model.lastError().has_value());
    }

    void actions_sandboxGoogleSheets()
    {
        SandboxFixture sandbox;
        QVERIFY(sandbox.start());
        auto client = sandbox.client();
        ActionListModel model(client.get(), nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy loaded(&model, &ActionListModel::loaded);
        core::App sheets;
        sheets.id = sandbox.appId("Google Sheets");
        model.setApp(sheets);
        QVERIFY(loaded.wait());
        QVERIFY(model.indexOfKey(QStringLiteral("add_row")).isValid());
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Write"));
    }

    void connections_listExpiredAndNoAuth()
    {
        SandboxFixture sandbox;
        QVERIFY(sandbox.start());
        auto client = sandbox.client();
        ConnectionListModel model(client.get(), nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy loaded(&model, &ConnectionListModel::loaded);
        core::App salesforce;
        salesforce.id = sandbox.appId("Salesforce");
        salesforce.title = QStringLiteral("Salesforce");
        model.setApp(salesforce);
        QVERIFY(model.loading());
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 2);
        const int expired = model.rowOfConnection(QStringLiteral("sb-conn-sf-expired"));
        QVERIFY(expired >= 0);
        QVERIFY(model.index(expired).data(ConnectionListModel::ExpiredRole).toBool());
        QVERIFY(model.index(expired)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("expired")));
        QCOMPARE(model.connection(model.firstUsableRow()).id, QStringLiteral("sb-conn-sf-1"));
        QVERIFY(model.needsAuthentication());

        core::App code;
        code.id = sandbox.appId("Code by Zapier");
        code.needsAuthentication = false;
        const int before = sandbox.count("GET", "/v2/authentications*");
        model.setApp(code);
        QVERIFY(!model.needsAuthentication());
        QVERIFY(model.isLoaded());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(sandbox.count("GET", "/v2/authentications*"), before);
    }

    void connections_failureAndStaleReply()
    {
        FakeBackend backend;
        ConnectionListModel model(&backend, nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy failed(&model, &ConnectionListModel::failed);
        core::App a, b;
        a.id = QStringLiteral("a");
        b.id = QStringLiteral("b");
        model.setApp(a);
        model.setApp(b);
        core::Connection stale;
        stale.id = QStringLiteral("stale");
        backend.pendingConnections.at(0).reply(QList<core::Connection>{stale});
        QCOMPARE(model.rowCount(), 0);
        backend.pendingConnections.at(1).reply(FakeBackend::error(core::ErrorKind::Server, 500));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(model.firstUsableRow(), -1);
    }

    void storedActions_listAndRemove()
    {
        FakeBackend backend;
        StoredActionsModel model(&backend, nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy removed(&model, &StoredActionsModel::removed);
        QSignalSpy removeFailed(&model, &StoredActionsModel::removeFailed);
        model.reload();
        core::StoredAction one = sheetsRow(QStringLiteral("s1"));
        one.inputs = {{QStringLiteral("spreadsheet"), QStringLiteral("sheet_1")},
                      {QStringLiteral("rows"), QVariantList{1, 2}}};
        core::StoredAction two = one;
        two.id = QStringLiteral("s2");
        backend.pendingStoredActions.takeFirst().reply(QList<core::StoredAction>{one, two});
        QCOMPARE(model.rowCount(), 2);
        const QString detail = model.index(0).data(StoredActionsModel::DetailRole).toString();
        QVERIFY2(detail.contains(QStringLiteral("GoogleSheetsV2API")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("spreadsheet=sheet_1")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("rows=[2 items]")), qPrintable(detail));
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("add_row (write)"));

        model.remove(QStringLiteral("s1"));
        QVERIFY(model.isRemoving(QStringLiteral("s1")));
        backend.pendingDeleteStoredAction.takeFirst().reply(
            FakeBackend::error(core::ErrorKind::Server, 500));
        QCOMPARE(removeFailed.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        model.remove(QStringLiteral("s1"));
        backend.pendingDeleteStoredAction.takeFirst().reply(core::Empty{});
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 1);
        // Already gone on the server counts as removed.
        model.remove(QStringLiteral("s2"));
        backend.pendingDeleteStoredAction.takeFirst().reply(
            FakeBackend::error(core::ErrorKind::NotFound, 404));
        QCOMPARE(model.rowCount(), 0);
    }

    void appDirectory_asksOnceForTheIdsOfATurnAndRemembers()
    {
        FakeBackend backend;
        models::AppDirectory directory(&backend, nullptr);
        QSignalSpy resolved(&directory, &models::AppDirectory::resolved);
        const core::App known = app(1);
        directory.remember({known});
        QCOMPARE(directory.app(known.id)->title, known.title);
        // Two unknown ids asked in one paint: one request, after it.
        QVERIFY(!directory.app(app(2).id));
        QVERIFY(!directory.app(app(3).id));
        QVERIFY(!directory.app(app(2).id)); // asked again while queued: not sent twice
        QVERIFY(backend.pendingApps.isEmpty());
        QTRY_COMPARE(backend.pendingApps.size(), 1);
        QCOMPARE(backend.pendingApps.first().call.args.value(2), app(2).id + u',' + app(3).id);
        // The server knows only one of them; the other is missing, and not asked for again.
        core::Page<core::App> answer;
        answer.items = {app(2)};
        answer.count = 1;
        backend.pendingApps.takeFirst().reply(answer);
        QCOMPARE(resolved.size(), 1);
        QCOMPARE(directory.app(app(2).id)->title, app(2).title);
        QVERIFY(!directory.app(app(3).id));
        QVERIFY(directory.isMissing(app(3).id));
        QVERIFY(!directory.isMissing(app(2).id));
        QCoreApplication::processEvents();
        QVERIFY(backend.pendingApps.isEmpty());

        // A failed request makes its ids missing (the view keeps its stand-in), not a retry loop.
        QVERIFY(!directory.app(app(4).id));
        QTRY_COMPARE(backend.pendingApps.size(), 1);
        backend.pendingApps.takeFirst().reply(FakeBackend::error(core::ErrorKind::Server, 500));
        QVERIFY(directory.isMissing(app(4).id));
        QVERIFY(!directory.app(app(4).id)); // the paint that follows asks nothing
        QCoreApplication::processEvents();
        QVERIFY(backend.pendingApps.isEmpty());
        QCOMPARE(resolved.size(), 2);

        // Another server: everything is forgotten, and an answer still on its way is dropped.
        QVERIFY(!directory.app(app(5).id));
        QTRY_COMPARE(backend.pendingApps.size(), 1);
        directory.clear();
        backend.pendingApps.takeFirst().reply(page(5, 1, 1));
        QCOMPARE(resolved.size(), 2);
        QVERIFY(!directory.app(known.id)); // asked anew
        QVERIFY(!directory.isMissing(app(3).id));
    }

    void appDirectory_asksAgainOnceAFailedRequestHasWaited()
    {
        FakeBackend backend;
        models::AppDirectory directory(&backend, nullptr);
        directory.setRetryDelayMs(0);
        QSignalSpy resolved(&directory, &models::AppDirectory::resolved);
        QVERIFY(!directory.app(app(4).id));
        QTRY_COMPARE(backend.pendingApps.size(), 1);
        core::ApiError throttled = FakeBackend::error(core::ErrorKind::RateLimited, 429);
        backend.pendingApps.takeFirst().reply(throttled);
        QVERIFY(directory.isMissing(app(4).id));
        // The wait is over: views are told to ask again, and the next paint does.
        QTRY_COMPARE(resolved.size(), 2);
        QVERIFY(!directory.app(app(4).id));
        QTRY_COMPARE(backend.pendingApps.size(), 1);
        QVERIFY(!directory.isMissing(app(4).id)); // asked: the placeholder, not the stand-in
        core::Page<core::App> answer;
        answer.items = {app(4)};
        answer.count = 1;
        backend.pendingApps.takeFirst().reply(answer);
        QCOMPARE(directory.app(app(4).id)->title, app(4).title);

        // The server's Retry-After wins over the delay: no new request before it is over.
        QVERIFY(!directory.app(app(5).id));
        QTRY_COMPARE(backend.pendingApps.size(), 1);
        throttled.retryAfterSeconds = 3600;
        backend.pendingApps.takeFirst().reply(throttled);
        QCoreApplication::processEvents();
        QVERIFY(!directory.app(app(5).id));
        QCoreApplication::processEvents();
        QVERIFY(backend.pendingApps.isEmpty());
        QVERIFY(directory.isMissing(app(5).id));
    }

    void appIcons_areTheCatalogsForThisServerAndGreyTilesOtherwise()
    {
        FakeBackend backend;
        QNetworkAccessManager network;
        IconCache cache(&network, nullptr);
        models::AppIcons icons(&backend, &cache, nullptr);
        QSignalSpy changed(&icons, &models::AppIcons::changed);
        const auto colour = [](const QIcon &icon) {
            const QImage image = icon.pixmap(32, 32).toImage();
            return image.isNull() ? QColor() : image.pixelColor(16, 3);
        };
        core::App slack = app(7);
        slack.hexColor = QStringLiteral("4a154b"); // no image: the cache draws its tile
        const QColor grey(0x8a, 0x8a, 0x8a);

        // Looked up first (a neutral placeholder meanwhile), then the catalog's icon.
        QCOMPARE(colour(icons.icon(slack.id, slack.title, true)), colour(IconCache::placeholder()));
        QTRY_COMPARE(backend.pendingApps.size(), 1);
        core::Page<core::App> answer;
        answer.items = {slack};
        backend.pendingApps.takeFirst().reply(answer);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(colour(icons.icon(slack.id, slack.title, true)), colour(cache.icon(slack)));
        QCOMPARE(colour(cache.icon(slack)), QColor(0x4a, 0x15, 0x4b));
        // Another server's row, or no id: a grey tile, and nothing asked.
        QCOMPARE(colour(icons.icon(slack.id, slack.title, false)), grey);
        QCOMPARE(colour(icons.icon(QString(), QStringLiteral("Gmail"), true)), grey);
        QCoreApplication::processEvents();
        QVERIFY(backend.pendingApps.isEmpty());
        // The server changed: the app is looked up again there.
        icons.clear();
        QCOMPARE(changed.size(), 2);
        icons.icon(slack.id, slack.title, true);
        QTRY_COMPARE(backend.pendingApps.size(), 1);
    }

    void storedActions_showTheNamesTheyWereSavedWith()
    {
        FakeBackend backend;
        StoredActionsModel model(&backend, nullptr);
        QAbstractItemModelTester tester(&model);
        model.reload();
        const core::StoredAction one = sheetsRow(QStringLiteral("s1"));
        const core::StoredAction two = sheetsRow(QStringLiteral("s2"));
        backend.pendingStoredActions.takeFirst().reply(QList<core::StoredAction>{one, two});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setNames(
            {{QStringLiteral("s1"),
              {QStringLiteral("app-gs"), QStringLiteral("Google Sheets"),
               QStringLiteral("Create Spreadsheet Row"), QStringLiteral("Ada's Drive")}}});
        QCOMPARE(changed.size(), 1);
        const QModelIndex named = model.index(0);
        QCOMPARE(named.data().toString(), QStringLiteral("Create Spreadsheet Row (write)"));
        QCOMPARE(named.data(Qt::AccessibleTextRole), named.data());
        const QString detail = named.data(StoredActionsModel::DetailRole).toString();
        QVERIFY2(detail.startsWith(QStringLiteral("Google Sheets \u00b7 Ada's Drive \u00b7 ")),
                 qPrintable(detail));
        QCOMPARE(named.data(Qt::AccessibleDescriptionRole),
                 named.data(StoredActionsModel::DetailRole));
        // The keys the API knows it by stay within reach.
        const QString tip = named.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Google Sheets (GoogleSheetsV2API)")),
                 qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Create Spreadsheet Row (add_row)")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Ada's Drive (sb-conn-gsheets-1)")), qPrintable(tip));
        QCOMPARE(named.data(StoredActionsModel::ActionKeyRole).toString(), one.actionKey);
        QCOMPARE(model.names(QStringLiteral("s1")).appId, QStringLiteral("app-gs"));
        // Saved elsewhere: the keys.
        const QModelIndex unnamed = model.index(1);
        QCOMPARE(unnamed.data().toString(), QStringLiteral("add_row (write)"));
        QVERIFY(unnamed.data(StoredActionsModel::DetailRole)
                    .toString()
                    .startsWith(
                        QStringLiteral("GoogleSheetsV2API \u00b7 connection sb-conn-gsheets-1")));
        QVERIFY(model.names(QStringLiteral("s2")).isEmpty());
    }

    void retranslate_announcesEveryTextOfOurs()
    {
        FakeBackend backend;
        ActionListModel actions(&backend, nullptr);
        ConnectionListModel connections(&backend, nullptr);
        StoredActionsModel stored(&backend, nullptr);
        QAbstractItemModelTester actionsTester(&actions);
        QAbstractItemModelTester connectionsTester(&connections);
        QAbstractItemModelTester storedTester(&stored);
        core::App app;
        app.id = QStringLiteral("sheets");
        app.needsAuthentication = true;
        actions.setApp(app);
        backend.pendingActions.takeFirst().reply(
            QList<core::Action>{action(QStringLiteral("add_row"), core::ActionType::Write),
                                action(QStringLiteral("lookup_row"), core::ActionType::Search)});
        connections.setApp(app);
        core::Connection expired;
        expired.id = QStringLiteral("c1");
        expired.title = QStringLiteral("ada@example.com");
        expired.isExpired = true;
        backend.pendingConnections.takeFirst().reply(QList<core::Connection>{expired});
        stored.reload();
        core::StoredAction one;
        one.id = QStringLiteral("s1");
        one.actionKey = QStringLiteral("add_row");
        one.actionType = QStringLiteral("write");
        backend.pendingStoredActions.takeFirst().reply(QList<core::StoredAction>{one});
        QSignalSpy actionsChanged(&actions, &QAbstractItemModel::dataChanged);
        QSignalSpy connectionsChanged(&connections, &QAbstractItemModel::dataChanged);
        QSignalSpy storedChanged(&stored, &QAbstractItemModel::dataChanged);

        const test::PseudoLanguage pseudo;
        QVERIFY(pseudo.isInstalled());
        actions.retranslate();
        connections.retranslate();
        stored.retranslate();

        // Every group row and every action row is announced; the groups read anew.
        QCOMPARE(actionsChanged.size(), 3);
        QCOMPARE(actionsChanged.at(0).at(0).toModelIndex(), actions.index(0, 0));
        QCOMPARE(actionsChanged.at(0).at(1).toModelIndex(), actions.index(1, 0));
        QCOMPARE(actions.index(0, 0).data().toString(), QStringLiteral("\u27e6Write\u27e7"));
        QCOMPARE(connectionsChanged.size(), 1);
        QVERIFY(connections.index(0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(test::PseudoTranslator::open));
        QCOMPARE(storedChanged.size(), 1);
        QVERIFY(stored.index(0).data().toString().startsWith(test::PseudoTranslator::open));
    }

    void iconCache_loadsSvgOrFallsBackToLetterTile()
    {
        SandboxFixture sandbox;
        QVERIFY(sandbox.start());
        auto client = sandbox.client();
        QNetworkAccessManager network;
        IconCache icons(&network, nullptr);
        QVERIFY(network.cache()); // the disk cache was installed
        AppCatalogModel model(client.get(), &icons, nullptr);
        QAbstractItemModelTester tester(&model);
        QSignalSpy pages(&model, &AppCatalogModel::pageLoaded);
        model.setQuery(QStringLiteral("sheets"));
        QVERIFY(pages.wait());
        QSignalSpy ready(&icons, &IconCache::iconReady);
        QSignalSpy changed(&model, &AppCatalogModel::dataChanged);
        const QIcon placeholder = model.index(0).data(Qt::DecorationRole).value<QIcon>();
        QVERIFY(!placeholder.isNull());
        QVERIFY(ready.wait());
        QCOMPARE(ready.at(0).at(0).toUrl(), IconCache::iconUrl(model.app(0)));
        QVERIFY(!changed.isEmpty());
        const QIcon loaded = model.index(0).data(Qt::DecorationRole).value<QIcon>();
        const QImage image = loaded.pixmap(QSize(32, 32)).toImage();
        QVERIFY(!image.isNull());
        // Either the SVG or the letter tile: both are painted in the app's colour.
        const QColor middle = image.pixelColor(4, 16);
        QCOMPARE(middle.name().mid(1), model.app(0).hexColor.toLower());

        // A failing URL becomes a letter tile and is not asked for again.
        const int loads = sandbox.count("GET", "/sandbox/icons/*");
        core::App broken = model.app(0);
        broken.images = {};
        broken.image = sandbox.baseUrl().toString() + QStringLiteral("/sandbox/icons/nope.svg");
        icons.icon(broken);
        QVERIFY(ready.wait());
        QVERIFY(!icons.icon(broken).isNull());
        icons.icon(broken);
        QVERIFY(QTest::qWaitFor([&] { return icons.loadsInFlight() == 0; }));
        QCOMPARE(sandbox.count("GET", "/sandbox/icons/*"), loads + 1);
    }
};

QTEST_MAIN(TestCatalogModels)
#include "tst_catalogmodels.moc"
