// The catalog pane driven offscreen against the sandbox, as a user would: type, arrow, Enter.
#include "models/actionlistmodel.h"
#include "models/appcatalogmodel.h"
#include "models/iconcache.h"
#include "panes/catalogmessages.h"
#include "panes/catalogpane.h"
#include "panes/catalogstatusline.h"
#include "support/pseudotranslator.h"
#include "support/sandboxfixture.h"
#include "ui/untranslatedtext.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QShortcut>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace ab;
using ab::models::ActionListModel;
using ab::models::AppCatalogModel;
using ab::test::PseudoTranslator;
using ab::test::SandboxFixture;
using ab::test::UntranslatedText;
using ab::ui::CatalogPane;
using ab::ui::CatalogStatusLine;

namespace {

// A scanner that sets aside the given data (API titles and descriptions), longest first.
UntranslatedText scannerWithout(QStringList data)
{
    std::sort(data.begin(), data.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return UntranslatedText([data](QString text) {
        for (const QString &item : data) {
            if (!item.isEmpty())
                text.remove(item);
        }
        return text;
    });
}

} // namespace

class TestCatalogPane final : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxFixture> m_sandbox;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<models::IconCache> m_icons;
    std::unique_ptr<QWidget> m_window;
    CatalogPane *m_pane = nullptr;

    // A window like the main one: the pane plus a window-wide Ctrl+K bound to focusSearch().
    void makePane(int extraApps = 0, int maxRetries = 3)
    {
        sandbox::SandboxOptions options;
        options.extraApps = extraApps;
        m_sandbox = std::make_unique<SandboxFixture>(options);
        QVERIFY(m_sandbox->start());
        m_client = m_sandbox->client(maxRetries);
        m_network = std::make_unique<QNetworkAccessManager>();
        m_icons = std::make_unique<models::IconCache>(m_network.get(), nullptr);
        m_window = std::make_unique<QWidget>();
        auto *layout = new QVBoxLayout(m_window.get());
        auto *other = new QLineEdit(m_window.get());
        other->setObjectName(QStringLiteral("elsewhere"));
        other->setAccessibleName(QStringLiteral("Elsewhere"));
        layout->addWidget(other);
        m_pane = new CatalogPane(m_client.get(), m_icons.get(), m_window.get());
        layout->addWidget(m_pane);
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_K), m_window.get());
        connect(shortcut, &QShortcut::activated, m_pane, &CatalogPane::focusSearch);
        m_window->resize(420, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTRY_VERIFY(m_pane->appModel()->rowCount() > 0);
    }

    // What the catalog shows that is the API's, not ours: apps, actions (not their group
    // titles), categories and the app the actions belong to.
    QStringList catalogData() const
    {
        QStringList data;
        AppCatalogModel *apps = m_pane->appModel();
        for (int row = 0; row < apps->rowCount(); ++row)
            data << apps->app(row).title << apps->app(row).description;
        // Zapier's category slugs, spelled as titles; they are not ours to translate.
        const QStringList categories = apps->categories();
        for (const QString &category : categories)
            data << ui::CatalogMessages::categoryTitle(category);
        ActionListModel *actions = m_pane->actionModel();
        for (int group = 0; group < actions->rowCount(); ++group) {
            const QModelIndex parent = actions->index(group, 0);
            for (int row = 0; row < actions->rowCount(parent); ++row) {
                const QModelIndex index = actions->index(row, 0, parent);
                data << index.data().toString() << index.data(Qt::ToolTipRole).toString();
            }
        }
        data << m_pane->currentApp().title;
        return data;
    }

    int rowOf(const QString &title) const
    {
        AppCatalogModel *model = m_pane->appModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->app(row).title == title)
                return row;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanup()
    {
        m_window.reset();
        m_icons.reset();
        m_network.reset();
        m_client.reset();
        m_sandbox.reset();
    }

    void searchSelectAndChooseAction()
    {
        makePane();
        QSignalSpy appChosen(m_pane, &CatalogPane::appChosen);
        QSignalSpy actionChosen(m_pane, &CatalogPane::actionChosen);
        QSignalSpy activated(m_pane, &CatalogPane::actionActivated);
        QCOMPARE(m_pane->searchBox()->placeholderText(), QStringLiteral("Search apps (Ctrl+K)"));
        QCOMPARE(m_pane->actionPlaceholderText(),
                 QStringLiteral("Choose an app to see its actions."));

        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(m_pane->searchBox()->hasFocus());
        const int requestsBefore = m_sandbox->count("GET", "/v2/apps");
        QTest::keyClicks(m_pane->searchBox(), QStringLiteral("sheets"));
        // Debounced: typing sends nothing by itself.
        QCOMPARE(m_sandbox->count("GET", "/v2/apps"), requestsBefore);
        QTRY_COMPARE(m_pane->appModel()->query(), QStringLiteral("sheets"));
        QTRY_VERIFY(!m_pane->appModel()->loading() && m_pane->appModel()->hasLoadedOnce());
        // One server query for the whole word.
        QCOMPARE(m_sandbox->count("GET", "/v2/apps"), requestsBefore + 1);
        QCOMPARE(rowOf(QStringLiteral("Google Sheets")), 0);

        // Down from the search selects the first app; its actions load, grouped by type.
        QTest::keyClick(m_pane->searchBox(), Qt::Key_Down);
        QVERIFY(m_pane->appView()->hasFocus());
        // Highlighted as well as current, as a click leaves it.
        QVERIFY(m_pane->appView()->selectionModel()->isSelected(m_pane->appView()->currentIndex()));
        QCOMPARE(appChosen.size(), 1);
        QCOMPARE(appChosen.at(0).at(0).value<core::App>().title, QStringLiteral("Google Sheets"));
        ActionListModel *actions = m_pane->actionModel();
        QTRY_VERIFY(actions->isLoaded());
        QCOMPARE(actions->index(0, 0).data().toString(), QStringLiteral("Write"));
        QVERIFY(actions->index(0, 0).data(ActionListModel::IsGroupRole).toBool());
        QVERIFY(actions->indexOfKey(QStringLiteral("add_row")).isValid());
        QVERIFY(actions->indexOfKey(QStringLiteral("lookup_row")).isValid());
        QVERIFY(m_pane->actionStatus()->state() == CatalogStatusLine::State::Idle);

        // Enter moves into the actions and picks the first one: add_row.
        QTest::keyClick(m_pane->appView(), Qt::Key_Return);
        QVERIFY(m_pane->actionView()->hasFocus());
        QCOMPARE(actionChosen.size(), 1);
        QCOMPARE(actionChosen.at(0).at(0).value<core::App>().title,
                 QStringLiteral("Google Sheets"));
        QCOMPARE(actionChosen.at(0).at(1).value<core::Action>().key, QStringLiteral("add_row"));
        QCOMPARE(m_pane->currentAction()->key, QStringLiteral("add_row"));
        QVERIFY(m_pane->actionView()->selectionModel()->isSelected(
            m_pane->actionView()->currentIndex()));
        QVERIFY(m_pane->appView()->selectionModel()->isSelected(m_pane->appView()->currentIndex()));

        // Arrows skip the group headers.
        QTest::keyClick(m_pane->actionView(), Qt::Key_Down);
        QCOMPARE(actionChosen.size(), 2);
        QCOMPARE(actionChosen.at(1).at(1).value<core::Action>().key, QStringLiteral("lookup_row"));
        QTest::keyClick(m_pane->actionView(), Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(1).value<core::Action>().key, QStringLiteral("lookup_row"));

        // The filter narrows the actions by description too.
        // "column value" is only in lookup_row's description.
        QTest::keyClicks(m_pane->actionFilterBox(), QStringLiteral("column value"));
        QCOMPARE(actions->visibleActionCount(), 1);
        QCOMPARE(actions->rowCount(), 1);
        QCOMPARE(m_pane->currentAction()->key, QStringLiteral("lookup_row")); // kept
        QCOMPARE(actionChosen.size(), 2); // and not chosen again
        m_pane->actionFilterBox()->clear();
        QTest::keyClicks(m_pane->actionFilterBox(), QStringLiteral("nope"));
        QCOMPARE(m_pane->actionPlaceholderText(),
                 QStringLiteral("No actions match \u201cnope\u201d."));
        m_pane->actionFilterBox()->clear();
        QVERIFY(m_pane->actionPlaceholderText().isEmpty());
        QCOMPARE(actions->visibleActionCount(), 3);

        // Escape steps back, and clears the search.
        QTest::keyClick(m_pane->actionView(), Qt::Key_Escape);
        QVERIFY(m_pane->appView()->hasFocus());
        QTest::keyClick(m_pane->appView(), Qt::Key_Escape);
        QVERIFY(m_pane->searchBox()->hasFocus());
        QTest::keyClick(m_pane->searchBox(), Qt::Key_Escape);
        QVERIFY(m_pane->searchBox()->text().isEmpty());
        QCOMPARE(m_pane->appModel()->query(), QString());
        QTRY_VERIFY(m_pane->appModel()->rowCount() > 10);
        // The chosen app is highlighted again in the full list.
        QTRY_COMPARE(m_pane->appView()->currentIndex().row(),
                     rowOf(QStringLiteral("Google Sheets")));
    }

    void ctrlKFocusesSearch()
    {
        makePane();
        m_window->findChild<QLineEdit *>(QStringLiteral("elsewhere"))->setFocus();
        QTest::keyClicks(m_pane->searchBox(), QStringLiteral("x"));
        m_window->findChild<QLineEdit *>(QStringLiteral("elsewhere"))->setFocus();
        QVERIFY(!m_pane->searchBox()->hasFocus());
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(m_pane->searchBox()->hasFocus());
        QCOMPARE(m_pane->searchBox()->selectedText(), QStringLiteral("x"));
    }

    void enterBeforeTheResults_selectsTheFirstOfThem()
    {
        // A fast typist: the name and Enter before the debounced query has even been sent.
        makePane();
        QSignalSpy appChosen(m_pane, &CatalogPane::appChosen);
        m_pane->focusSearch();
        QTRY_VERIFY(m_pane->searchBox()->hasFocus());
        QTest::keyClicks(m_pane->searchBox(), QStringLiteral("trello"));
        QTest::keyClick(m_pane->searchBox(), Qt::Key_Return);
        QVERIFY(m_pane->appView()->hasFocus());
        // Not the first app of the list that was showing: the first match, once it is in.
        QTRY_VERIFY(m_pane->appView()->currentIndex().isValid());
        QCOMPARE(m_pane->appView()->currentIndex().data().toString(), QStringLiteral("Trello"));
        QCOMPARE(appChosen.size(), 1);
        QCOMPARE(appChosen.at(0).at(0).value<ab::core::App>().title, QStringLiteral("Trello"));
    }

    void emptyStateAndCategory()
    {
        makePane();
        QTest::keyClicks(m_pane->searchBox(), QStringLiteral("zzzz"));
        QTRY_VERIFY(m_pane->appModel()->query() == QStringLiteral("zzzz") &&
                    m_pane->appModel()->hasLoadedOnce());
        QLabel *label = nullptr;
        for (QLabel *candidate : m_pane->findChildren<QLabel *>()) {
            if (candidate->accessibleName() == QStringLiteral("No apps"))
                label = candidate;
        }
        QVERIFY(label);
        QVERIFY(label->isVisible());
        QVERIFY(!m_pane->appView()->isVisible());
        QCOMPARE(label->text(), QStringLiteral("No apps match \u201czzzz\u201d."));
        QTest::keyClick(m_pane->searchBox(), Qt::Key_Escape);

        QComboBox *category = m_pane->categoryBox();
        QCOMPARE(category->itemText(0), QStringLiteral("All categories"));
        const int crm = category->findData(QStringLiteral("crm"));
        QVERIFY(crm > 0);
        QCOMPARE(category->itemText(crm), QStringLiteral("CRM"));
        category->setCurrentIndex(crm);
        QTRY_VERIFY(m_pane->appModel()->category() == QStringLiteral("crm") &&
                    m_pane->appModel()->hasLoadedOnce());
        QCOMPARE(m_pane->appModel()->rowCount(), 2);
        QVERIFY(category->findData(QStringLiteral("spreadsheets")) > 0); // still offered
    }

    void errorLineWithRetry()
    {
        makePane(0, 0);
        QVERIFY(m_sandbox->setFaults(R"({"rules": [{"path": "/v2/apps*", "status": 503}]})"));
        m_pane->reload();
        CatalogStatusLine *status = m_pane->appStatus();
        QTRY_COMPARE(status->state(), CatalogStatusLine::State::Error);
        QVERIFY2(status->text().contains(QStringLiteral("Could not load apps")),
                 qPrintable(status->text()));
        QVERIFY(status->retryButton()->isVisible());
        // The warning icon, fetched only now that an error is shown.
        const QList<QLabel *> labels = status->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](const QLabel *label) {
            return label->isVisible() && !label->pixmap().isNull();
        }));
        m_sandbox->clearFaults();
        QTest::mouseClick(status->retryButton(), Qt::LeftButton);
        QTRY_VERIFY(m_pane->appModel()->rowCount() > 10);
        QTRY_COMPARE(status->state(), CatalogStatusLine::State::Idle);
    }

    void restoresSelectionAsynchronously()
    {
        makePane();
        QSignalSpy actionChosen(m_pane, &CatalogPane::actionChosen);
        m_pane->selectApp(m_sandbox->appId("Salesforce"));
        m_pane->selectAction(QStringLiteral("find_record"));
        QTRY_COMPARE(actionChosen.size(), 1);
        QCOMPARE(actionChosen.at(0).at(0).value<core::App>().title, QStringLiteral("Salesforce"));
        QCOMPARE(actionChosen.at(0).at(1).value<core::Action>().key, QStringLiteral("find_record"));
    }

    void restoresAppBeyondTheLoadedPages()
    {
        makePane(10000);
        QSignalSpy actionChosen(m_pane, &CatalogPane::actionChosen);
        const QString id = m_sandbox->server().catalog().apps().at(9000).id;
        const QString title = m_sandbox->server().catalog().apps().at(9000).title;
        QCOMPARE(m_pane->appModel()->rowOfApp(id), -1);
        m_pane->selectApp(id);
        const QString key = m_sandbox->server().catalog().apps().at(9000).actions.value(0).key;
        m_pane->selectAction(key);
        QTRY_COMPARE(actionChosen.size(), 1);
        QCOMPARE(actionChosen.at(0).at(0).value<core::App>().id, id);
        QCOMPARE(actionChosen.at(0).at(1).value<core::Action>().key, key);
        QCOMPARE(m_pane->searchBox()->text(), title);
    }

    void retranslate_updatesEveryVisibleText()
    {
        makePane();
        QTest::keyClicks(m_pane->searchBox(), QStringLiteral("sheets"));
        QTRY_VERIFY(m_pane->appModel()->query() == QStringLiteral("sheets") &&
                    !m_pane->appModel()->loading());
        QTest::keyClick(m_pane->searchBox(), Qt::Key_Down);
        QTRY_VERIFY(m_pane->actionModel()->isLoaded());
        QTest::keyClick(m_pane->appView(), Qt::Key_Return);
        QTest::keyClick(m_pane->actionView(), Qt::Key_Down);
        QCOMPARE(m_pane->currentAction()->key, QStringLiteral("lookup_row"));
        const int appRow = m_pane->appView()->currentIndex().row();

        const test::PseudoLanguage pseudo;
        QVERIFY(pseudo.isInstalled());
        // Installed after construction: the pane must re-translate on LanguageChange.
        QTRY_VERIFY(m_pane->searchBox()->placeholderText().startsWith(PseudoTranslator::open));
        const QStringList found = scannerWithout(catalogData()).scan(m_pane);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        QVERIFY(m_pane->categoryBox()->itemText(0).startsWith(PseudoTranslator::open));
        QVERIFY(m_pane->actionModel()->index(0, 0).data().toString().startsWith(
            PseudoTranslator::open));

        // Nothing the user did is lost.
        QCOMPARE(m_pane->searchBox()->text(), QStringLiteral("sheets"));
        QCOMPARE(m_pane->appView()->currentIndex().row(), appRow);
        QCOMPARE(m_pane->currentApp().title, QStringLiteral("Google Sheets"));
        QCOMPARE(m_pane->currentAction()->key, QStringLiteral("lookup_row"));
        QVERIFY(m_pane->actionView()->hasFocus());
    }

    void retranslate_rewordsTheErrorAndTheEmptyList()
    {
        makePane(0, 0);
        QVERIFY(m_sandbox->setFaults(R"({"rules": [{"path": "/v2/apps*", "status": 503}]})"));
        QTest::keyClicks(m_pane->searchBox(), QStringLiteral("zzzz"));
        CatalogStatusLine *status = m_pane->appStatus();
        QTRY_COMPARE(status->state(), CatalogStatusLine::State::Error);
        const core::ApiError error = *m_pane->appModel()->lastError();

        const test::PseudoLanguage pseudo;
        QVERIFY(pseudo.isInstalled());
        QTRY_VERIFY(status->text().startsWith(PseudoTranslator::open));
        QCOMPARE(status->state(), CatalogStatusLine::State::Error);
        QVERIFY(status->retryButton()->isVisible());
        // The server's own words stay as they came.
        QStringList data = catalogData();
        data << error.title << error.detail;
        const QStringList found = scannerWithout(data).scan(m_pane);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        QCOMPARE(m_pane->searchBox()->text(), QStringLiteral("zzzz"));

        // The list, once it loads, says it is empty in the new language too.
        m_sandbox->clearFaults();
        QTest::mouseClick(status->retryButton(), Qt::LeftButton);
        QTRY_COMPARE(status->state(), CatalogStatusLine::State::Idle);
        QTRY_VERIFY(!m_pane->appView()->isVisible());
        const QStringList empty = scannerWithout(catalogData()).scan(m_pane);
        QVERIFY2(empty.isEmpty(), qPrintable(empty.join(u'\n')));
    }

    void scrollingFetchesMore()
    {
        makePane(10000);
        QTRY_COMPARE(m_pane->appModel()->rowCount(), AppCatalogModel::pageSize);
        m_pane->appView()->scrollToBottom();
        QTRY_VERIFY(m_pane->appModel()->rowCount() >= 2 * AppCatalogModel::pageSize);
        QVERIFY(m_pane->appModel()->rowCount() < 10000);
    }
};

QTEST_MAIN(TestCatalogPane)
#include "tst_catalogpane.moc"
