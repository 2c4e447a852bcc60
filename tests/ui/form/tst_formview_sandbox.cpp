// The form against the real sandbox over loopback: the Google Sheets add_row chain as a user
// walks it (spreadsheet -> worksheet -> columns), with the real ApiClient and FormSession.
#include "form/formsession.h"
#include "form/formview.h"
#include "form/outputspanel.h"
#include "form/selecteditor.h"
#include "formtestsupport.h"
#include "support/sandboxfixture.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTabWidget>
#include <QToolButton>

using namespace ab;
using namespace ab::ui;
using namespace ab::test::formui;
using ab::form::FormSession;
using ab::test::SandboxFixture;
using ab::test::UntranslatedText;

namespace {

const QString kConnection = QStringLiteral("sb-conn-gsheets-1");

} // namespace

class TestFormViewSandbox final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SandboxFixture> m_sandbox;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<FormSession> m_session;
    std::unique_ptr<FormView> m_view;

    bool startForm()
    {
        const QString actionId =
            test::freshActionId(*m_client, m_sandbox->appId("Google Sheets"), "add_row");
        if (actionId.isEmpty())
            return false;
        QSignalSpy changed(m_session.get(), &FormSession::fieldsChanged);
        m_session->start(s("add_row"), actionId, kConnection);
        return changed.wait();
    }

    bool waitIdle()
    {
        return QTest::qWaitFor([this] { return !m_session->isBusy(); });
    }

    // Focus the select (its first page loads), type a label, Enter; then the refetch.
    bool pick(const QString &fieldId, const QString &label)
    {
        auto *select = qobject_cast<SelectEditor *>(m_view->editor(fieldId));
        if (!select || select->isGated())
            return false;
        select->comboBox()->setFocus(Qt::TabFocusReason);
        if (!QTest::qWaitFor([select] { return select->loadedPages() > 0; }))
            return false;
        QLineEdit *edit = select->comboBox()->lineEdit();
        edit->selectAll();
        QTest::keyClicks(edit, label);
        QTest::keyClick(edit, Qt::Key_Return);
        return !select->isCustomValue() && waitIdle();
    }

    QString titleOf(const QString &id) const
    {
        FieldEditor *editor = m_view->editor(id);
        return editor ? editor->field().title : QString();
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<SandboxFixture>();
        QVERIFY(m_sandbox->start());
        m_client = m_sandbox->client(0);
        m_session = std::make_unique<FormSession>(m_client.get());
        m_session->setJsonTextParser(jsonParser());
        m_view = std::make_unique<FormView>(m_session.get());
        m_view->resize(800, 900);
        m_view->show();
        m_view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    }

    void cleanup()
    {
        m_view.reset();
        m_session.reset();
        m_client.reset();
        m_sandbox.reset();
    }

    void googleSheets_chainGatesThenAddsAndRemovesColumns()
    {
        QVERIFY(startForm());
        QCOMPARE(m_view->fieldIds(), (QStringList{s("spreadsheet"), s("worksheet")}));
        FieldEditor *worksheet = m_view->editor(s("worksheet"));
        QCOMPARE(worksheet->gateReason(), s("Choose Spreadsheet first"));
        QVERIFY(!worksheet->control()->isEnabled());

        QVERIFY(pick(s("spreadsheet"), s("Sales Pipeline 2026")));
        QCOMPARE(m_session->value(s("spreadsheet")), QVariant(s("sheet_sales_2026")));
        QCOMPARE(m_session->valueLabel(s("spreadsheet")), s("Sales Pipeline 2026"));
        QVERIFY(!worksheet->isGated());
        auto *spreadsheet = qobject_cast<SelectEditor *>(m_view->editor(s("spreadsheet")));
        QCOMPARE(spreadsheet->comboBox()->lineEdit()->text(), s("Sales Pipeline 2026"));

        QVERIFY(pick(s("worksheet"), s("Q1 Deals")));
        QCOMPARE(m_view->fieldIds(), (QStringList{s("spreadsheet"), s("worksheet"), s("COL$A"),
                                                  s("COL$B"), s("COL$C"), s("COL$D")}));
        QCOMPARE(titleOf(s("COL$A")), s("Deal Name"));
        QCOMPARE(m_view->editor(s("COL$A"))->control()->accessibleName(), s("Deal Name, required"));
        QCOMPARE(m_view->editor(s("COL$B"))->kind(), EditorKind::Number);
        QCOMPARE(m_view->editor(s("COL$C"))->kind(), EditorKind::DateTime);
        for (const char *id : {"COL$A", "COL$B", "COL$C", "COL$D"})
            QVERIFY2(m_view->editor(s(id))->isHighlighted(), id);
        QVERIFY(m_view->changeNote().startsWith(s("Added: Deal Name, Amount")));

        typeInto(m_view->editor(s("COL$B"))->control(), s("12500.5"));
        QCOMPARE(m_session->value(s("COL$B")).toDouble(), 12500.5);

        // Another spreadsheet: the worksheet is cleared, so every column goes.
        QVERIFY(pick(s("spreadsheet"), s("Support Tickets")));
        QCOMPARE(m_view->fieldIds(), (QStringList{s("spreadsheet"), s("worksheet")}));
        QCOMPARE(m_view->changeNote(), s("Removed: Deal Name, Amount, Close Date, Owner Email"));
        QCOMPARE(worksheet->gateReason(), QString());

        QVERIFY(pick(s("worksheet"), s("Open")));
        QCOMPARE(titleOf(s("COL$D")), s("Notes"));
        QCOMPARE(m_view->editor(s("COL$D"))->kind(), EditorKind::Multiline);
        typeInto(m_view->editor(s("COL$A"))->control(), s("SUP-1"));

        // Switching worksheets: Escalations has no fourth column.
        QVERIFY(pick(s("worksheet"), s("Escalations")));
        QCOMPARE(m_view->changeNote(), s("Removed: Notes"));
        QVERIFY(!m_view->editor(s("COL$D")));
        QCOMPARE(titleOf(s("COL$B")), s("Escalated To"));
        QVERIFY(!m_view->isBusyShown());

        // The ticket column exists in both worksheets, so its value survived the switch.
        auto *ticket = qobject_cast<QLineEdit *>(m_view->editor(s("COL$A"))->control());
        QCOMPARE(ticket->text(), s("SUP-1"));
        QCOMPARE(m_session->value(s("COL$A")), QVariant(s("SUP-1")));

        ticket->clear();
        typeInto(ticket, s(" "));
        QVERIFY(!m_view->checkBeforeRun());
        QCOMPARE(m_view->editor(s("COL$A"))->error(), s("This field is required"));
        QVERIFY(ticket->hasFocus());
        typeInto(ticket, s("SUP-2"));
        QVERIFY(m_view->editor(s("COL$A"))->error().isEmpty());
        QVERIFY(m_view->checkBeforeRun());
        QCOMPARE(m_session->inputs().value(s("worksheet")), QVariant(s("ws_escalations")));
    }

    void retranslate_liveFormKeepsValuesAndShowsNoUntranslatedText()
    {
        const auto dataShown = [this] {
            QStringList data = dataOf(m_session->fields());
            for (const QString &id : m_view->fieldIds()) {
                if (auto *select = qobject_cast<SelectEditor *>(m_view->editor(id))) {
                    for (const core::Choice &choice : select->choices())
                        data << choice.displayText() << choice.id;
                }
            }
            return data;
        };
        QVERIFY(startForm());
        {
            // The worksheet waits for a spreadsheet.
            PseudoLanguage pseudo;
            const QStringList found = UntranslatedText(stripping(dataShown())).scan(m_view.get());
            QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
            QCOMPARE(m_view->editor(s("worksheet"))->gateReason(),
                     s("⟦Choose %1 first⟧").arg(s("Spreadsheet")));
        }
        QVERIFY(pick(s("spreadsheet"), s("Sales Pipeline 2026")));
        QVERIFY(pick(s("worksheet"), s("Q1 Deals")));
        QVERIFY(m_view->changeNote().startsWith(s("Added: Deal Name")));
        typeInto(m_view->editor(s("COL$B"))->control(), s("12500.5"));
        QVERIFY(!m_view->checkBeforeRun()); // Deal Name is required
        QCOMPARE(m_view->editor(s("COL$A"))->error(), s("This field is required"));
        const QVariantMap inputs = m_session->inputs();
        QWidget *focused = QApplication::focusWidget();
        {
            PseudoLanguage pseudo;
            const QStringList found = UntranslatedText(stripping(dataShown())).scan(m_view.get());
            QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
            QCOMPARE(m_view->editor(s("COL$A"))->error(), s("⟦This field is required⟧"));
            QVERIFY(m_view->changeNote().startsWith(s("⟦Added: Deal Name")));
            QCOMPARE(m_session->inputs(), inputs);
            QCOMPARE(qobject_cast<QLineEdit *>(m_view->editor(s("COL$B"))->control())->text(),
                     s("12500.5"));
            auto *worksheet = qobject_cast<SelectEditor *>(m_view->editor(s("worksheet")));
            QCOMPARE(worksheet->comboBox()->lineEdit()->text(), s("Q1 Deals"));
            QCOMPARE(QApplication::focusWidget(), focused);

            // The form goes on working in the new language.
            QVERIFY(pick(s("spreadsheet"), s("Support Tickets")));
            QVERIFY(m_view->changeNote().startsWith(s("⟦Removed: Deal Name")));
        }
        QVERIFY(m_view->changeNote().startsWith(s("Removed: Deal Name")));
    }

    void busyStateWhileRefetching()
    {
        QVERIFY(startForm());
        QSignalSpy busy(m_session.get(), &FormSession::busyChanged);
        QVERIFY(pick(s("spreadsheet"), s("Warehouse Inventory")));
        QVERIFY(busy.size() >= 2);
        QCOMPARE(busy.first().at(0).toBool(), true);
        QVERIFY(!m_view->isBusyShown());
        // The view showed busy exactly while the session was.
        m_session->refetch();
        QVERIFY(m_view->isBusyShown());
        QVERIFY(waitIdle());
        QVERIFY(!m_view->isBusyShown());
    }

    void fetchFailure_bannerThenRetry()
    {
        QVERIFY(startForm());
        QString error;
        QVERIFY2(m_sandbox->setFaults(test::faultRule("POST",
                                                      "/v2/actions/"
                                                      "*"
                                                      "/inputs",
                                                      "\"status\":503,\"times\":1"),
                                      &error),
                 qPrintable(error));
        QSignalSpy failed(m_session.get(), &FormSession::fetchFailed);
        m_session->refetch();
        QVERIFY(failed.wait());
        QVERIFY(m_view->errorBanner().startsWith(s("Could not load the form's fields.")));
        QCOMPARE(m_view->fieldIds().size(), 2); // the fields stay
        QSignalSpy changed(m_session.get(), &FormSession::fieldsChanged);
        m_view->retryButton()->click();
        QVERIFY(changed.wait());
        QVERIFY(m_view->errorBanner().isEmpty());
    }

    void outputsTab_listsTheWorksheetColumns()
    {
        QVERIFY(startForm());
        QVERIFY(pick(s("spreadsheet"), s("Support Tickets")));
        QVERIFY(pick(s("worksheet"), s("Open")));
        OutputsPanel *outputs = m_view->outputsPanel();
        m_view->tabs()->setCurrentWidget(outputs);
        QTRY_VERIFY(outputs->table()->rowCount() > 0);
        QStringList ids;
        for (int row = 0; row < outputs->table()->rowCount(); ++row)
            ids.append(outputs->table()->item(row, 0)->text());
        QVERIFY2(ids.contains(s("COL$D")), qPrintable(ids.join(s(", "))));
    }
};

QTEST_MAIN(TestFormViewSandbox)
#include "tst_formview_sandbox.moc"
