#include "ui/mainwindow/windowfixture.h"

#include "form/formview.h"
#include "panes/historypane.h"
#include "panes/rundetailview.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabBar>
#include <QTest>
#include <QTextEdit>

#include <algorithm>

using namespace ab;
using runs::Phase;

namespace {

// A control a user operates (and a screen reader must be able to name), as opposed to layout.
bool isInteractive(const QWidget *w)
{
    if (qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QComboBox *>(w) ||
        qobject_cast<const QLineEdit *>(w) || qobject_cast<const QAbstractSpinBox *>(w) ||
        qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QTabBar *>(w) ||
        qobject_cast<const QPlainTextEdit *>(w) || qobject_cast<const QTextEdit *>(w))
        return true;
    // Sliders other than scroll bars (which screen readers name from their area).
    return qobject_cast<const QAbstractSlider *>(w) && w->focusPolicy() != Qt::NoFocus;
}

// The name an assistive technology gets over AT-SPI / UIA / NSAccessibility: Qt's accessible
// interface, which falls back to a buddy label, a button's text, a tooltip, ...
QString accessibleName(QWidget *w)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->text(QAccessible::Name).trimmed() : QString();
}

bool hasLabel(QWidget *root, const QWidget *control)
{
    const QList<QLabel *> labels = root->findChildren<QLabel *>();
    return std::any_of(labels.begin(), labels.end(),
                       [control](const QLabel *label) { return label->buddy() == control; });
}

QStringList unnamedControls(QWidget *root)
{
    QStringList found;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(root) || !isInteractive(w))
            continue;
        // Parts of a control that a screen reader reads through the control: a view's header
        // (its sections are the table's column headers) and a line edit's clear button.
        if (qobject_cast<QHeaderView *>(w) || qobject_cast<QLineEdit *>(w->parentWidget()))
            continue;
        // A spin box's inner line edit is named by its owner. (An editable combo box's is not:
        // screen readers list it as a text object of its own.)
        if (qobject_cast<QLineEdit *>(w) && qobject_cast<QAbstractSpinBox *>(w->parentWidget()))
            continue;
        QString path;
        for (QWidget *p = w; p && p != root; p = p->parentWidget())
            path.prepend(QLatin1Char('/') + (p->objectName().isEmpty()
                                                 ? QString::fromLatin1(p->metaObject()->className())
                                                 : p->objectName()));
        if (accessibleName(w).isEmpty())
            found << path;
        // On Linux Qt names a combo box over AT-SPI by its current item ("All statuses") and
        // leaves its purpose to a label relation: without a label (a buddy), the description
        // must say what it is for.
        const auto *combo = qobject_cast<const QComboBox *>(w);
        if (combo && !combo->isEditable() && !hasLabel(root, w) &&
            w->accessibleDescription().isEmpty())
            found << path + QStringLiteral(" (combo box: no label, no description)");
    }
    return found;
}

} // namespace

// Every control of the main window in its working states has a name a screen reader reads,
// and can take keyboard focus.
class TestAccessibility final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyControlHasAName_throughTheWholeFlow()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QStringList found = unnamedControls(f.window.get());

        QVERIFY(f.chooseAction(QStringLiteral("Google Sheets"), QStringLiteral("add_row")));
        // The actions filter is labelled by the title above it: its relation reads the app.
        {
            const QList<QLabel *> labels = f.window->findChildren<QLabel *>();
            const auto title = std::find_if(labels.begin(), labels.end(), [](QLabel *label) {
                return label->buddy() && accessibleName(label->buddy()) == u"Filter actions";
            });
            QVERIFY(title != labels.end());
            QVERIFY2(accessibleName(*title).contains(QStringLiteral("Google Sheets")),
                     qPrintable(accessibleName(*title)));
        }
        QVERIFY(f.set(QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026"),
                      QStringLiteral("Sales Pipeline 2026")));
        QVERIFY(f.set(QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals"),
                      QStringLiteral("Q1 Deals")));
        QTRY_VERIFY(f.window->formView()->editor(QStringLiteral("COL$A")));
        found << unnamedControls(f.window.get());
        QVERIFY(f.set(QStringLiteral("COL$A"), QStringLiteral("Acme renewal")));

        const qint64 id = f.run();
        QVERIFY(id > 0);
        QVERIFY(f.finishes(id, Phase::Success));
        QTRY_COMPARE(f.window->runDetail()->runId(), id);
        // The API inspector dock (Ctrl+Shift+I).
        for (QAction *action : f.window->actions()) {
            if (action->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)))
                action->trigger();
        }
        found << unnamedControls(f.window.get());

        found.removeDuplicates();
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("controls without an accessible "
                                                            "name:\n") +
                                             found.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
