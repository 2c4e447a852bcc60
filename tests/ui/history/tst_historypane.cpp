#include "historytestdata.h"
#include "historywidgetchecks.h"

#include "models/historymodel.h"
#include "panes/historypane.h"
#include "panes/historypill.h"
#include "panes/historytextdelegate.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"

#include <algorithm>
#include <cmath>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>

using namespace ab;
using models::HistoryModel;
using ui::HistoryPane;

class TestHistoryPane final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyState_invitesAFirstRun();
    void newRun_appearsOnTopAndCanBeSelected();
    void keyboard_movesTheSelection();
    void statusFilter_narrowsTheList();
    void textFilter_narrowsTheListAfterAPause();
    void selectRun_clearsFiltersThatHideIt();
    void thisServerOnly_showsTheRunsOfTheServerInUse();
    void textFilter_placeholderFitsANarrowPane();
    void statusPills_paintInLightAndDark();
    void statusPill_paintsTheSameFromItsCaches();
    void everyControl_hasAnAccessibleName();
    void retranslate_updatesEveryVisibleText();
    void textCells_followTheColumnWidthAndTheData();
    void scrolling_readsTheNextPageBeforeTheEnd();
};

void TestHistoryPane::emptyState_invitesAFirstRun()
{
    test::TempHistory history;
    QVERIFY(history.open());
    HistoryPane pane(history.store());
    pane.resize(800, 300);
    pane.show();
    auto *empty = pane.findChild<QLabel *>(QStringLiteral("historyEmptyState"));
    QVERIFY(empty);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("Ctrl+Enter")));
    QVERIFY(history.store()->insert(test::sampleRun(1)) > 0);
    QVERIFY(!empty->isVisible());
    QVERIFY(pane.view()->isVisible());
    QCOMPARE(pane.findChild<QLabel *>(QStringLiteral("historyCount"))->text(),
             QStringLiteral("1 run"));
}

void TestHistoryPane::newRun_appearsOnTopAndCanBeSelected()
{
    test::TempHistory history;
    QVERIFY(history.open());
    for (int n = 0; n < 5; ++n)
        QVERIFY(history.store()->insert(test::sampleRun(n)) > 0);
    HistoryPane pane(history.store());
    pane.show();
    QSignalSpy selected(&pane, &HistoryPane::runSelected);
    runs::RunRecord waiting = test::sampleRun(10, runs::Phase::Waiting);
    waiting.createdAt = QDateTime::currentDateTimeUtc();
    waiting.id = history.store()->insert(waiting);
    QCOMPARE(pane.model()->runId(0), waiting.id);
    QVERIFY(pane.model()
                ->index(0, HistoryModel::StatusColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("Waiting")));
    pane.selectRun(waiting.id);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().first().toLongLong(), waiting.id);
    QCOMPARE(pane.currentRun(), waiting.id);
}

void TestHistoryPane::keyboard_movesTheSelection()
{
    test::TempHistory history;
    QVERIFY(history.open());
    for (int n = 0; n < 3; ++n)
        QVERIFY(history.store()->insert(test::sampleRun(n)) > 0);
    HistoryPane pane(history.store());
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.selectRun(pane.model()->runId(0));
    pane.view()->setFocus();
    QSignalSpy selected(&pane, &HistoryPane::runSelected);
    QTest::keyClick(pane.view(), Qt::Key_Down);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().first().toLongLong(), pane.model()->runId(1));
    // Ctrl+F (Find) takes the focus to the filter box.
    QTest::keySequence(pane.view(), QKeySequence::Find);
    QVERIFY(pane.findChild<QLineEdit *>(QStringLiteral("historyFilter"))->hasFocus());
}

void TestHistoryPane::statusFilter_narrowsTheList()
{
    test::TempHistory history;
    QVERIFY(history.open());
    QVERIFY(history.store()->insert(test::sampleRun(1, runs::Phase::Success)) > 0);
    QVERIFY(history.store()->insert(test::sampleRun(2, runs::Phase::Error)) > 0);
    QVERIFY(history.store()->insert(test::sampleRun(3, runs::Phase::OutcomeUnknown)) > 0);
    HistoryPane pane(history.store());
    pane.show();
    auto *status = pane.findChild<QComboBox *>(QStringLiteral("historyStatusFilter"));
    QCOMPARE(status->count(), 7);
    pane.setStatusFilter(HistoryPane::StatusFilter::Error);
    QCOMPARE(pane.model()->rowCount(), 1);
    QCOMPARE(pane.model()->summary(0).phase, runs::Phase::Error);
    pane.setStatusFilter(HistoryPane::StatusFilter::OutcomeUnknown);
    QCOMPARE(pane.model()->rowCount(), 1);
    pane.setStatusFilter(HistoryPane::StatusFilter::Waiting);
    QCOMPARE(pane.model()->rowCount(), 0);
    auto *empty = pane.findChild<QLabel *>(QStringLiteral("historyEmptyState"));
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("No runs match the filter."));
    pane.setStatusFilter(HistoryPane::StatusFilter::All);
    QCOMPARE(pane.model()->rowCount(), 3);
}

void TestHistoryPane::textFilter_narrowsTheListAfterAPause()
{
    test::TempHistory history;
    QVERIFY(history.open());
    for (int n = 0; n < 4; ++n)
        QVERIFY(history.store()->insert(test::sampleRun(n)) > 0);
    HistoryPane pane(history.store());
    pane.show();
    auto *filter = pane.findChild<QLineEdit *>(QStringLiteral("historyFilter"));
    QTest::keyClicks(filter, QStringLiteral("sheets"));
    QCOMPARE(pane.model()->rowCount(), 4); // not yet: typing is still going on
    QTRY_COMPARE(pane.model()->rowCount(), 2);
    filter->clear();
    QTRY_COMPARE(pane.model()->rowCount(), 4);
}

void TestHistoryPane::selectRun_clearsFiltersThatHideIt()
{
    test::TempHistory history;
    QVERIFY(history.open());
    const qint64 error = history.store()->insert(test::sampleRun(1, runs::Phase::Error));
    QVERIFY(history.store()->insert(test::sampleRun(2, runs::Phase::Success)) > 0);
    HistoryPane pane(history.store());
    pane.setStatusFilter(HistoryPane::StatusFilter::Success);
    QCOMPARE(pane.model()->rowCount(), 1);
    pane.selectRun(error);
    QCOMPARE(pane.currentRun(), error);
    QCOMPARE(pane.model()->rowCount(), 2);
}

void TestHistoryPane::statusPills_paintInLightAndDark()
{
    // The pill's label must keep its contrast against its fill in both palettes.
    const auto contrast = [](const QColor &a, const QColor &b) {
        const auto luminance = [](const QColor &c) {
            const auto channel = [](float v) {
                return v <= 0.03928f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
            };
            return 0.2126f * channel(c.redF()) + 0.7152f * channel(c.greenF()) +
                   0.0722f * channel(c.blueF());
        };
        const float la = luminance(a) + 0.05f;
        const float lb = luminance(b) + 0.05f;
        return la > lb ? la / lb : lb / la;
    };
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    light.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    for (const QPalette &palette : {light, dark}) {
        for (auto category :
             {ui::PillCategory::Neutral, ui::PillCategory::Waiting, ui::PillCategory::Success,
              ui::PillCategory::Error, ui::PillCategory::Warning}) {
            const ui::PillColors colors = ui::pillColors(category, palette);
            QVERIFY2(contrast(colors.foreground, colors.background) >= 4.5,
                     qPrintable(QStringLiteral("category %1: %2")
                                    .arg(int(category))
                                    .arg(contrast(colors.foreground, colors.background))));
        }
    }
    test::TempHistory history;
    QVERIFY(history.open());
    QVERIFY(history.store()->insert(test::sampleRun(1, runs::Phase::Waiting)) > 0);
    QVERIFY(history.store()->insert(test::sampleRun(2, runs::Phase::Error)) > 0);
    HistoryPane pane(history.store());
    pane.setPalette(dark);
    pane.resize(900, 200);
    QVERIFY(!pane.grab().isNull()); // the delegate paints every category without trouble
}

void TestHistoryPane::statusPill_paintsTheSameFromItsCaches()
{
    // The outline and the label are kept between paints (a history page step paints a pill on
    // every row): a second paint must look exactly like the first, and a new palette or text
    // must not be served from what was kept for the old one.
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    QPalette dark = light;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    QFont font;
    const auto paint = [&font](const QPalette &palette, const QString &text,
                               ui::PillCategory category) {
        QImage image(160, 28, QImage::Format_ARGB32_Premultiplied);
        image.fill(palette.color(QPalette::Base));
        QPainter painter(&image);
        ui::paintPill(&painter, QRect(4, 2, 150, 24), text, category, palette, font);
        painter.end();
        return image;
    };
    const QString success = QStringLiteral("Success");
    const QImage first = paint(light, success, ui::PillCategory::Success);
    QCOMPARE(paint(light, success, ui::PillCategory::Success), first);
    QVERIFY(paint(light, QStringLiteral("Error"), ui::PillCategory::Error) != first);
    QVERIFY(paint(light, QStringLiteral("Succeeded"), ui::PillCategory::Success) != first);

    // The fill is the category's colour for the palette in use, just inside the outline.
    const QFontMetrics metrics(font);
    const int height = qMin(24, metrics.height() + metrics.height() / 4 + 2);
    const QPoint inside(4 + height, 2 + (24 - height) / 2 + 2);
    for (const QPalette &palette : {light, dark, light}) {
        const QImage image = paint(palette, success, ui::PillCategory::Success);
        QCOMPARE(image.pixel(inside),
                 ui::pillColors(ui::PillCategory::Success, palette).background.rgb());
    }
}

void TestHistoryPane::thisServerOnly_showsTheRunsOfTheServerInUse()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord zapier = test::sampleRun(1);
    zapier.environment = QStringLiteral("zapier");
    const qint64 onZapier = history.store()->insert(zapier);
    runs::RunRecord sandbox = test::sampleRun(2);
    sandbox.environment = QStringLiteral("sandbox");
    QVERIFY(history.store()->insert(sandbox) > 0);
    HistoryPane pane(history.store());
    pane.show();
    QCheckBox *box = pane.thisServerBox();
    QVERIFY(!box->isEnabled()); // no server said yet
    pane.setEnvironment(QStringLiteral("sandbox"));
    QVERIFY(box->isEnabled());
    QCOMPARE(pane.model()->rowCount(), 2); // off by default: every server's runs
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(4, box->height() / 2));
    QVERIFY(box->isChecked());
    QCOMPARE(pane.model()->rowCount(), 1);
    QCOMPARE(pane.model()->summary(0).environment, QStringLiteral("sandbox"));
    QCOMPARE(pane.findChild<QLabel *>(QStringLiteral("historyCount"))->text(),
             QStringLiteral("1 run"));
    // Another server: its runs, at once.
    pane.setEnvironment(QStringLiteral("zapier"));
    QCOMPARE(pane.model()->rowCount(), 1);
    QCOMPARE(pane.model()->runId(0), onZapier);
    pane.setEnvironment(QStringLiteral("https://staging.example"));
    QCOMPARE(pane.model()->rowCount(), 0);
    auto *empty = pane.findChild<QLabel *>(QStringLiteral("historyEmptyState"));
    QVERIFY(empty->text().startsWith(QStringLiteral("No runs on this server yet")));
    // A run of another server asked for (a notification, say) clears it.
    pane.selectRun(onZapier);
    QVERIFY(!box->isChecked());
    QCOMPARE(pane.currentRun(), onZapier);
    QCOMPARE(pane.model()->rowCount(), 2);
}

void TestHistoryPane::textFilter_placeholderFitsANarrowPane()
{
    // Beside the status filter and "This server only", in the pane's share of a 1200-pixel
    // window with the run detail open: the hint is read whole, what it matches is a tooltip away.
    test::TempHistory history;
    QVERIFY(history.open());
    HistoryPane pane(history.store());
    pane.setEnvironment(QStringLiteral("sandbox"));
    pane.resize(440, 300);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    auto *filter = pane.findChild<QLineEdit *>(QStringLiteral("historyFilter"));
    const int text = filter->fontMetrics().horizontalAdvance(filter->placeholderText());
    QVERIFY2(text + 2 * filter->fontMetrics().averageCharWidth() < filter->width(),
             qPrintable(QStringLiteral("%1 in %2").arg(text).arg(filter->width())));
    QVERIFY(filter->toolTip().contains(QStringLiteral("run id")));
    QCOMPARE(filter->accessibleDescription(), filter->toolTip());
}

void TestHistoryPane::everyControl_hasAnAccessibleName()
{
    test::TempHistory history;
    QVERIFY(history.open());
    HistoryPane pane(history.store());
    const QStringList missing = test::widgetsWithoutAccessibleName(&pane);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u' ')));
}

void TestHistoryPane::retranslate_updatesEveryVisibleText()
{
    test::TempHistory history;
    QVERIFY(history.open());
    for (int n = 0; n < 120; ++n)
        QVERIFY(history.store()->insert(
                    test::sampleRun(n, n % 3 ? runs::Phase::Success : runs::Phase::Error)) > 0);
    HistoryPane pane(history.store());
    pane.resize(800, 300);
    pane.show();
    auto *filter = pane.findChild<QLineEdit *>(QStringLiteral("historyFilter"));
    auto *status = pane.findChild<QComboBox *>(QStringLiteral("historyStatusFilter"));
    pane.setStatusFilter(HistoryPane::StatusFilter::Success);
    pane.setFilterText(QStringLiteral("slack"));
    QVERIFY(pane.model()->rowCount() > 20);
    const qint64 chosen = pane.model()->runId(12);
    pane.selectRun(chosen);
    pane.view()->verticalScrollBar()->setValue(pane.view()->verticalScrollBar()->maximum());
    const int scrolled = pane.view()->verticalScrollBar()->value();
    QVERIFY(scrolled > 0);

    const test::PseudoLanguage pseudo;
    QVERIFY(pseudo.isInstalled());
    QTRY_VERIFY(filter->placeholderText().startsWith(test::PseudoTranslator::open));
    // The runs' titles and times are data.
    QStringList data;
    for (int row = 0; row < pane.model()->rowCount(); ++row) {
        for (int column : {HistoryModel::TimeColumn, HistoryModel::AppColumn,
                           HistoryModel::ActionColumn, HistoryModel::ConnectionColumn})
            data << pane.model()->index(row, column).data().toString();
        data << pane.model()->index(row, HistoryModel::AppColumn).data(Qt::ToolTipRole).toString();
        data << pane.model()->index(row, HistoryModel::TimeColumn).data(Qt::ToolTipRole).toString();
    }
    std::sort(data.begin(), data.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    const QStringList found = test::UntranslatedText([data](QString text) {
                                  for (const QString &item : data)
                                      text.remove(item);
                                  return text;
                              }).scan(&pane);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    QCOMPARE(status->itemText(0), QStringLiteral("\u27e6All statuses\u27e7"));
    QVERIFY(pane.findChild<QLabel *>(QStringLiteral("historyCount"))
                ->text()
                .startsWith(test::PseudoTranslator::open));

    // The filters, the selection and the scroll position are as they were.
    QCOMPARE(filter->text(), QStringLiteral("slack"));
    QCOMPARE(status->currentData().toInt(), int(HistoryPane::StatusFilter::Success));
    QCOMPARE(pane.currentRun(), chosen);
    QCOMPARE(pane.view()->verticalScrollBar()->value(), scrolled);

    // The status column fits the longest pill of the new language (the pseudo one is longer).
    const QString longest = HistoryModel::phaseLabel(runs::Phase::OutcomeUnknown);
    QVERIFY(longest.startsWith(test::PseudoTranslator::open));
    QVERIFY(pane.view()->horizontalHeader()->sectionSize(HistoryModel::StatusColumn) >=
            ui::pillSize(longest, pane.font()).width() + pane.fontMetrics().height());
}

void TestHistoryPane::textCells_followTheColumnWidthAndTheData()
{
    test::TempHistory history;
    QVERIFY(history.open());
    runs::RunRecord run = test::sampleRun(1);
    run.id = history.store()->insert(run);
    QVERIFY(run.id > 0);
    HistoryPane pane(history.store());
    pane.resize(900, 300);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    auto *delegate = qobject_cast<ui::HistoryTextDelegate *>(pane.view()->itemDelegate());
    QVERIFY(delegate);
    const QString action = QStringLiteral("Send Channel Message");
    pane.view()->viewport()->grab();
    QVERIFY(delegate->shownTexts().contains(action));
    QVERIFY(delegate->shownTexts().contains(QStringLiteral("Slack")));

    // A narrower column: the text is elided again to fit, not drawn from the wide entry.
    QHeaderView *header = pane.view()->horizontalHeader();
    header->setSectionResizeMode(HistoryModel::ActionColumn, QHeaderView::Interactive);
    header->resizeSection(HistoryModel::ActionColumn,
                          pane.view()->fontMetrics().horizontalAdvance(action) / 2);
    pane.view()->viewport()->grab();
    const QStringList shown = delegate->shownTexts();
    QVERIFY2(std::any_of(shown.cbegin(), shown.cend(),
                         [](const QString &text) {
                             return text.startsWith(QStringLiteral("Send")) &&
                                    text.endsWith(QChar(0x2026));
                         }),
             qPrintable(shown.join(u'|')));

    // A run that changes shows its new text.
    run.appTitle = QStringLiteral("Gmail");
    QVERIFY(history.store()->update(run));
    pane.view()->viewport()->grab();
    QVERIFY(delegate->shownTexts().contains(QStringLiteral("Gmail")));
}

void TestHistoryPane::scrolling_readsTheNextPageBeforeTheEnd()
{
    test::TempHistory history;
    QVERIFY(history.open());
    QList<runs::RunRecord> runs;
    for (int n = 0; n < HistoryModel::pageSize * 4; ++n)
        runs.append(test::sampleRun(n));
    QVERIFY(history.store()->insertMany(runs));
    HistoryPane pane(history.store());
    pane.resize(900, 400);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    const int loaded = pane.model()->rowCount();
    QVERIFY(loaded < HistoryModel::pageSize * 4);
    // Within half a page of the last loaded row, but not at the end of the scroll range: the
    // view itself would only fetch at the very end, inside a scroll step.
    pane.view()->scrollTo(pane.model()->index(loaded - HistoryModel::pageSize / 4, 0),
                          QAbstractItemView::PositionAtBottom);
    QScrollBar *bar = pane.view()->verticalScrollBar();
    QVERIFY(bar->value() < bar->maximum());
    QCOMPARE(pane.model()->rowCount(), loaded); // not inside the scroll step
    QTRY_COMPARE(pane.model()->rowCount(), loaded + HistoryModel::pageSize);
    QVERIFY(bar->value() < bar->maximum());
}

QTEST_MAIN(TestHistoryPane)
#include "tst_historypane.moc"
