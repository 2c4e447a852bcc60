// The stored actions view against the sandbox: save the form's action as a stored action, see it
// listed, run it (through RunService, so it lands in the history), page a bulk read, delete it.
#include "models/storedactionsmodel.h"
#include "panes/catalogstatusline.h"
#include "panes/rundetailinputs.h"
#include "panes/storedactionsview.h"
#include "panes/storedrundialog.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "runs/runservice.h"
#include "support/pseudotranslator.h"
#include "support/sandboxfixture.h"
#include "ui/untranslatedtext.h"

#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ab;
using ab::models::StoredActionsModel;
using ab::test::PseudoTranslator;
using ab::test::SandboxFixture;
using ab::test::UntranslatedText;
using ab::ui::CatalogStatusLine;
using ab::ui::RunDetailInputs;
using ab::ui::StoredActionsView;

class TestStoredActionsView final : public QObject {
    Q_OBJECT

    core::SystemClock m_clock;
    std::unique_ptr<SandboxFixture> m_sandbox;
    std::unique_ptr<api::ApiClient> m_client;
    QTemporaryDir m_dir;
    std::unique_ptr<runs::HistoryStore> m_store;
    std::unique_ptr<runs::RunService> m_runs;
    std::unique_ptr<StoredActionsView> m_view;

    core::StoredAction bulkRead() const
    {
        core::StoredAction action;
        action.selectedApi = m_sandbox->selectedApi("Airtable");
        action.actionKey = QStringLiteral("list_records");
        action.actionType = QStringLiteral("read_bulk");
        action.connectionId = QStringLiteral("sb-conn-airtable-1");
        action.inputs = {{QStringLiteral("base"), QStringLiteral("app_crm")},
                         {QStringLiteral("table"), QStringLiteral("tbl_contacts")}};
        return action;
    }

    // Answers the confirmation box the view opened with `button`.
    void answerConfirmation(QMessageBox::StandardButton button)
    {
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_view->findChild<QMessageBox *>(
                         QStringLiteral("confirmDeleteStoredAction"))) != nullptr);
        QTest::mouseClick(box->button(button), Qt::LeftButton);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_sandbox = std::make_unique<SandboxFixture>();
        QVERIFY(m_sandbox->start());
        m_client = m_sandbox->client();
        m_store = std::make_unique<runs::HistoryStore>(runs::jsonRunCodec());
        QVERIFY(m_store->open(m_dir.filePath(
            QStringLiteral("history-%1.sqlite").arg(QLatin1String(QTest::currentTestFunction())))));
        m_runs = std::make_unique<runs::RunService>(m_client.get(), m_store.get(), &m_clock);
        m_runs->setPollSchedule(runs::PollSchedule(5, {{60000, 10}}, 10, 60000));
        m_view = std::make_unique<StoredActionsView>(m_client.get(), m_runs.get(), m_store.get());
        m_view->setEnvironmentName(QStringLiteral("sandbox"));
        m_view->resize(520, 420);
        m_view->show();
        QTRY_VERIFY(m_view->model()->isLoaded());
    }

    void cleanup()
    {
        m_view.reset();
        m_runs.reset();
        m_store.reset();
        m_client.reset();
        m_sandbox.reset();
    }

    void createListRunPageAndDelete()
    {
        QCOMPARE(m_view->model()->rowCount(), 0);
        QVERIFY(!m_view->runButton()->isEnabled());

        QSignalSpy saved(m_view.get(), &StoredActionsView::saved);
        m_view->saveAsStored(bulkRead());
        QVERIFY(saved.wait());
        const QString id = saved.at(0).at(0).toString();
        QTRY_COMPARE(m_view->model()->rowCount(), 1);
        QTRY_VERIFY2(m_view->status()->text().contains(id), qPrintable(m_view->status()->text()));
        QTRY_COMPARE(m_view->currentId(), id);
        const QString detail =
            m_view->model()->index(0).data(StoredActionsModel::DetailRole).toString();
        QVERIFY2(detail.contains(QStringLiteral("sb-conn-airtable-1")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("table=tbl_contacts")), qPrintable(detail));
        QVERIFY(m_view->runButton()->isEnabled());
        QVERIFY(m_view->nextPageButton()->isVisible());
        QVERIFY(!m_view->nextPageButton()->isEnabled());

        // Run through the dialog; an unchanged row is not sent as an override.
        QSignalSpy started(m_view.get(), &StoredActionsView::runStarted);
        QSignalSpy finished(m_runs.get(), &runs::RunService::runFinished);
        QTest::mouseClick(m_view->runButton(), Qt::LeftButton);
        QTRY_VERIFY(m_view->runDialog() && m_view->runDialog()->isVisible());
        QCOMPARE(m_view->runDialog()->table()->rowCount(), 2);
        QVERIFY(m_view->runDialog()->overrides().isEmpty());
        m_view->runDialog()->accept();
        QCOMPARE(started.size(), 1);
        const qint64 first = started.at(0).at(0).toLongLong();
        QVERIFY(first > 0);
        QVERIFY(finished.wait());
        const auto record = m_store->load(first);
        QVERIFY(record.has_value());
        QCOMPARE(record->kind, runs::RunKind::Stored);
        QCOMPARE(record->storedActionId, id);
        QCOMPARE(record->environment, QStringLiteral("sandbox"));
        QCOMPARE(record->phase, runs::Phase::Success);
        QVERIFY(!record->nextPage.isEmpty());

        // A bulk read with more results offers the next page and sends it.
        QTRY_VERIFY(m_view->nextPageButton()->isEnabled());
        QCOMPARE(m_view->nextPage(id), record->nextPage);
        QTest::mouseClick(m_view->nextPageButton(), Qt::LeftButton);
        QCOMPARE(started.size(), 2);
        const qint64 second = started.at(1).at(0).toLongLong();
        QCOMPARE(m_store->load(second)->page, record->nextPage);
        QVERIFY(!m_view->nextPageButton()->isEnabled()); // spent until the run answers
        QVERIFY(finished.wait());

        // Delete asks first; Cancel keeps it.
        m_view->deleteSelected();
        answerConfirmation(QMessageBox::Cancel);
        QCOMPARE(m_view->model()->rowCount(), 1);
        QSignalSpy removed(m_view->model(), &StoredActionsModel::removed);
        QTest::mouseClick(m_view->deleteButton(), Qt::LeftButton);
        answerConfirmation(QMessageBox::Yes);
        QVERIFY(removed.wait());
        QCOMPARE(m_view->model()->rowCount(), 0);
        QCOMPARE(m_sandbox->count("DELETE", "/actions/v1/stored-actions/*"), 1);
    }

    void savedNamesLabelTheRowTheDialogAndTheRuns()
    {
        const core::StoredActionNames names{
            QStringLiteral("app-airtable"), QStringLiteral("Airtable"),
            QStringLiteral("List Records"), QStringLiteral("Ada's bases")};
        QSignalSpy saved(m_view.get(), &StoredActionsView::saved);
        m_view->saveAsStored(bulkRead(), names);
        QVERIFY(saved.wait());
        const QString id = saved.at(0).at(0).toString();
        QTRY_COMPARE(m_view->currentId(), id);
        QTRY_VERIFY2(m_view->status()->text().contains(QStringLiteral("Saved List Records")),
                     qPrintable(m_view->status()->text()));
        const QModelIndex row = m_view->model()->index(0);
        QCOMPARE(row.data().toString(), QStringLiteral("List Records (read_bulk)"));
        QVERIFY2(row.data(StoredActionsModel::DetailRole)
                     .toString()
                     .startsWith(QStringLiteral("Airtable \u00b7 Ada's bases")),
                 qPrintable(row.data(StoredActionsModel::DetailRole).toString()));

        m_view->runSelected();
        QTRY_VERIFY(m_view->runDialog() && m_view->runDialog()->isVisible());
        QLabel *summary = nullptr;
        for (QLabel *label : m_view->runDialog()->findChildren<QLabel *>()) {
            if (label->accessibleName() == QStringLiteral("Stored action"))
                summary = label;
        }
        QVERIFY(summary);
        QCOMPARE(summary->text(), QStringLiteral("<b>List Records</b> (read_bulk) of Airtable"));
        QSignalSpy started(m_view.get(), &StoredActionsView::runStarted);
        m_view->runDialog()->accept();
        QCOMPARE(started.size(), 1);
        const auto record = m_store->load(started.at(0).at(0).toLongLong());
        QVERIFY(record);
        QCOMPARE(record->appId, names.appId); // the history pane shows its icon
        QCOMPARE(record->appTitle, names.appTitle);
        QCOMPARE(record->actionTitle, names.actionTitle);
        QCOMPARE(record->actionKey, QStringLiteral("list_records"));
        QCOMPARE(record->connectionTitle, names.connectionTitle);
        QCOMPARE(record->connectionId, QStringLiteral("sb-conn-airtable-1"));

        // A later process (the next start, or the CLI) finds the names in the history file.
        StoredActionsView later(m_client.get(), m_runs.get(), m_store.get());
        later.setEnvironmentName(QStringLiteral("sandbox"));
        later.reload();
        QTRY_VERIFY(later.model()->isLoaded() && later.model()->rowCount() == 1);
        QCOMPARE(later.model()->index(0).data().toString(),
                 QStringLiteral("List Records (read_bulk)"));
        // Names belong to the server that holds the action.
        StoredActionsView elsewhere(m_client.get(), m_runs.get(), m_store.get());
        elsewhere.setEnvironmentName(QStringLiteral("https://api.zapier.com"));
        elsewhere.reload();
        QTRY_VERIFY(elsewhere.model()->isLoaded() && elsewhere.model()->rowCount() == 1);
        QCOMPARE(elsewhere.model()->index(0).data().toString(),
                 QStringLiteral("list_records (read_bulk)"));

        // Deleting the action forgets its names.
        QSignalSpy removed(m_view->model(), &StoredActionsModel::removed);
        m_view->deleteSelected();
        answerConfirmation(QMessageBox::Yes);
        QVERIFY(removed.wait());
        QVERIFY(!m_store->storedActionNames(QStringLiteral("sandbox")).contains(id));
    }

    void runWithOverriddenInput()
    {
        core::StoredActionNames names;
        names.inputTitles = {{QStringLiteral("base"), QStringLiteral("Base")},
                             {QStringLiteral("table"), QStringLiteral("Table")}};
        QSignalSpy saved(m_view.get(), &StoredActionsView::saved);
        m_view->saveAsStored(bulkRead(), names);
        QVERIFY(saved.wait());
        QTRY_VERIFY(!m_view->currentId().isEmpty());
        m_view->runSelected();
        QTRY_VERIFY(m_view->runDialog());
        m_view->runDialog()->setInput(QStringLiteral("table"), QStringLiteral("tbl_deals"));
        QCOMPARE(m_view->runDialog()->overrides(),
                 (QVariantMap{{QStringLiteral("table"), QStringLiteral("tbl_deals")}}));
        QSignalSpy started(m_view.get(), &StoredActionsView::runStarted);
        m_view->runDialog()->accept();
        QCOMPARE(started.size(), 1);
        const auto record = m_store->load(started.at(0).at(0).toLongLong());
        QCOMPARE(record->inputs.value(QStringLiteral("table")).toString(),
                 QStringLiteral("tbl_deals"));
        // The run's Inputs tab reads "Table", the title the input was saved with, not its key.
        RunDetailInputs inputs;
        inputs.setRun(*record);
        QCOMPARE(inputs.topLevelItemCount(), 1);
        QCOMPARE(inputs.topLevelItem(0)->text(0), QStringLiteral("Table"));
        QCOMPARE(inputs.fieldIdAt(0), QStringLiteral("table"));
    }

    void retranslate_rewordsStatusListAndOpenDialogs()
    {
        QSignalSpy saved(m_view.get(), &StoredActionsView::saved);
        const core::StoredAction action = bulkRead();
        m_view->saveAsStored(action);
        QVERIFY(saved.wait());
        const QString id = saved.at(0).at(0).toString();
        QTRY_COMPARE(m_view->currentId(), id);
        QTRY_VERIFY(m_view->status()->text().contains(id)); // "Saved ... as stored action <id>."
        m_view->runSelected();
        QTRY_VERIFY(m_view->runDialog() && m_view->runDialog()->isVisible());
        ui::StoredRunDialog *dialog = m_view->runDialog();
        dialog->setInput(QStringLiteral("table"), QStringLiteral("tbl_deals"));

        PseudoTranslator pseudo;
        QVERIFY(QCoreApplication::installTranslator(&pseudo));
        const auto restore =
            qScopeGuard([&pseudo] { QCoreApplication::removeTranslator(&pseudo); });
        QTRY_VERIFY(dialog->windowTitle().startsWith(PseudoTranslator::open));
        QTRY_VERIFY(m_view->runButton()->text().startsWith(PseudoTranslator::open));
        // The stored action's own fields are the API's.
        QStringList data{id,
                         action.selectedApi,
                         action.actionKey,
                         action.actionType,
                         action.connectionId,
                         StoredActionsModel::inputsSummary(action.inputs),
                         QStringLiteral("tbl_deals")};
        for (auto it = action.inputs.cbegin(); it != action.inputs.cend(); ++it)
            data << it.key() << it.value().toString();
        std::sort(data.begin(), data.end(),
                  [](const QString &a, const QString &b) { return a.size() > b.size(); });
        const auto withoutData = [data](QString text) {
            for (const QString &item : data)
                text.remove(item);
            return text;
        };
        QStringList found = UntranslatedText(withoutData).scan(m_view.get());
        found += UntranslatedText(withoutData).scan(dialog);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        // The success note is worded again from what it reported.
        QVERIFY2(m_view->status()->text().startsWith(PseudoTranslator::open),
                 qPrintable(m_view->status()->text()));
        QVERIFY(m_view->status()->text().contains(id));

        // The open dialog kept its edit; the selection stayed.
        QCOMPARE(m_view->runDialog(), dialog);
        QCOMPARE(dialog->overrides(),
                 (QVariantMap{{QStringLiteral("table"), QStringLiteral("tbl_deals")}}));
        QCOMPARE(m_view->currentId(), id);
        dialog->reject();

        // A confirmation asked in one language is reworded when the language changes.
        m_view->deleteSelected();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_view->findChild<QMessageBox *>(
                         QStringLiteral("confirmDeleteStoredAction"))) != nullptr);
        QVERIFY(box->text().startsWith(PseudoTranslator::open));
        QCoreApplication::removeTranslator(&pseudo);
        QTRY_VERIFY(box->text().startsWith(QStringLiteral("Delete the stored action")));
        QVERIFY(box->text().contains(id));
        QCOMPARE(box->windowTitle(), QStringLiteral("Delete stored action"));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QCOMPARE(m_view->model()->rowCount(), 1);
    }

    void saveFailureOffersRetry()
    {
        core::StoredAction broken = bulkRead();
        broken.actionKey = QStringLiteral("no_such_action");
        m_view->saveAsStored(broken);
        QTRY_COMPARE(m_view->status()->state(), CatalogStatusLine::State::Error);
        QVERIFY2(m_view->status()->text().contains(QStringLiteral("Could not save")),
                 qPrintable(m_view->status()->text()));
        QVERIFY(m_view->status()->retryButton()->isVisible());
        QCOMPARE(m_view->model()->rowCount(), 0);
    }

    void runDialogShowsEveryInputTheScreenHasRoomFor()
    {
        // Ten inputs: more than the dialog's usual height shows, and room enough on the screen.
        core::StoredAction action = bulkRead();
        for (int i = 0; i < 8; ++i)
            action.inputs.insert(QStringLiteral("column_%1").arg(i), QStringLiteral("value"));
        ui::StoredRunDialog dialog(action, {}, m_view.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.table()->verticalScrollBar()->maximum(), 0);
        QVERIFY(dialog.height() > dialog.fontMetrics().height() * 22);
        // A long value is shown whole.
        QCOMPARE(dialog.table()->horizontalScrollBar()->maximum(), 0);
        const QString sentence =
            QStringLiteral("A value as long as a sentence, shown without cutting it off");
        action.inputs.insert(QStringLiteral("note"), sentence);
        ui::StoredRunDialog wide(action, {}, m_view.get());
        wide.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wide));
        QTableWidget *table = wide.table();
        const int noteRow = int(std::distance(action.inputs.constBegin(),
                                              action.inputs.constFind(QStringLiteral("note"))));
        QCOMPARE(table->item(noteRow, 1)->text(), sentence);
        const int valueWidth = static_cast<QAbstractItemView *>(table)->sizeHintForColumn(1);
        QVERIFY2(table->columnWidth(1) >= valueWidth,
                 qPrintable(QStringLiteral("%1 < %2").arg(table->columnWidth(1)).arg(valueWidth)));

        // Hundreds of inputs: the dialog stays on the screen and the table scrolls.
        for (int i = 8; i < 300; ++i)
            action.inputs.insert(QStringLiteral("column_%1").arg(i), QStringLiteral("value"));
        ui::StoredRunDialog many(action, {}, m_view.get());
        many.show();
        QVERIFY(QTest::qWaitForWindowExposed(&many));
        QVERIFY(many.height() <= many.screen()->availableGeometry().height());
        QVERIFY(many.width() <= many.screen()->availableGeometry().width());
        QVERIFY(many.table()->verticalScrollBar()->maximum() > 0);
    }

    void runDialogShowsSavedChoicesByLabelAndSendsTheirIds()
    {
        core::StoredAction action = bulkRead();
        action.inputs = {{QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026")},
                         {QStringLiteral("worksheet"), QStringLiteral("Q1")},
                         {QStringLiteral("note"), QStringLiteral("as typed")}};
        core::StoredActionNames names;
        names.inputLabels = {{QStringLiteral("spreadsheet"), QStringLiteral("Sales 2026")},
                             {QStringLiteral("worksheet"), QStringLiteral("Q1")}}; // a custom value
        ui::StoredRunDialog dialog(action, names, m_view.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QMap<QString, int> rows;
        for (int row = 0; row < dialog.table()->rowCount(); ++row)
            rows.insert(dialog.keyOf(row), row);
        const int spreadsheet = rows.value(QStringLiteral("spreadsheet"));
        const QString labelled = QStringLiteral("Sales 2026 (sheet_sales_2026)");
        QCOMPARE(dialog.valueShown(spreadsheet), labelled);
        QVERIFY(
            dialog.table()->item(spreadsheet, 1)->toolTip().contains(QStringLiteral("Sales 2026")));
        // The editor holds the id, which is what is sent.
        QCOMPARE(dialog.table()->item(spreadsheet, 1)->text(), QStringLiteral("sheet_sales_2026"));
        QVERIFY(dialog.table()->columnWidth(1) >=
                dialog.table()->fontMetrics().horizontalAdvance(labelled));
        QCOMPARE(dialog.valueShown(rows.value(QStringLiteral("worksheet"))), QStringLiteral("Q1"));
        QCOMPARE(dialog.valueShown(rows.value(QStringLiteral("note"))), QStringLiteral("as typed"));
        QVERIFY(dialog.overrides().isEmpty());

        // Another id typed: the label no longer applies.
        dialog.setInput(QStringLiteral("spreadsheet"), QStringLiteral("sheet_budget"));
        QCOMPARE(dialog.valueShown(spreadsheet), QStringLiteral("sheet_budget"));
        QCOMPARE(dialog.overrides(),
                 (QVariantMap{{QStringLiteral("spreadsheet"), QStringLiteral("sheet_budget")}}));
        // And back: the saved choice reads as saved again, and nothing is sent for it.
        dialog.setInput(QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026"));
        QCOMPARE(dialog.valueShown(spreadsheet), labelled);
        QVERIFY(dialog.overrides().isEmpty());
    }
};

QTEST_MAIN(TestStoredActionsView)
#include "tst_storedactionsview.moc"
