#include "panes/rundetailview.h"

#include "api/curlexport.h"
#include "models/historymodel.h"
#include "models/requestlogmodel.h"
#include "panes/historypill.h"
#include "panes/inspectorexchangeview.h"
#include "panes/rundetailerrors.h"
#include "panes/rundetailinputs.h"
#include "panes/rundetailresults.h"
#include "runs/historystore.h"
#include "widgets/wraplabel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ab::ui {

using models::HistoryModel;
using runs::Phase;

namespace {

// The page of a run: its header over its tabs, in the view's scroll area. A scroll area takes
// the height-for-width of a widget like this (wrapped labels) as the least it may have, and a
// layout's height-for-width is its preferred height, the trees' roomy hints included; so the
// page says what must show instead: the header's every line and the tabs' minimum. The page
// scrolls only when the pane is shorter than that, and otherwise gives the tabs the rest.
class RunPage final : public QWidget {
public:
    using QWidget::QWidget;
    QWidget *header = nullptr;
    QWidget *tabs = nullptr; // once built; takes what the header leaves

    int heightForWidth(int width) const override
    {
        int height = header->heightForWidth(width);
        if (tabs)
            height += layout()->spacing() + tabs->minimumHeight();
        return height;
    }
};

// Header labels and the accessible name come with the view's retranslateUi().
QTreeWidget *table(int columns, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setColumnCount(columns);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->header()->setStretchLastSection(true);
    return tree;
}

// Keeps exactly `count` rows, reusing the ones there: a live refresh or a language change then
// rewrites texts in place and keeps the selection and the scroll position.
void setRowCount(QTreeWidget *tree, int count)
{
    while (tree->topLevelItemCount() > count)
        delete tree->takeTopLevelItem(tree->topLevelItemCount() - 1);
    while (tree->topLevelItemCount() < count)
        new QTreeWidgetItem(tree);
}

QString plainActionText(const QAction *action)
{
    return QString(action->text()).remove(u'&');
}

} // namespace

RunDetailView::RunDetailView(runs::HistoryStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_stack(new QStackedWidget(this))
    , m_emptyLabel(new WrapLabel(this))
    , m_title(new WrapLabel(this))
    , m_pill(new HistoryPillLabel(this))
    , m_meta(new WrapLabel(this))
    , m_notice(new QLabel(this))
    , m_confirm(new QFrame(this))
    , m_rerun(new QAction(this))
    , m_restore(new QAction(this))
    , m_copyCurl(new QAction(this))
    , m_delete(new QAction(this))
{
    setObjectName(QStringLiteral("runDetailView"));
    m_emptyLabel->setObjectName(QStringLiteral("runDetailEmpty"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    m_rerun->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_restore->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_copyCurl->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    m_delete->setShortcut(QKeySequence::Delete);
    for (QAction *action : {m_rerun, m_restore, m_copyCurl, m_delete}) {
        // Shortcuts act on the run shown here, so they work while focus is inside the view.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(m_rerun, &QAction::triggered, this, [this] {
        if (m_runId)
            Q_EMIT rerunRequested(m_runId);
    });
    connect(m_restore, &QAction::triggered, this, [this] {
        if (m_runId)
            Q_EMIT restoreRequested(m_runId);
    });
    connect(m_copyCurl, &QAction::triggered, this, &RunDetailView::copyCurl);
    connect(m_delete, &QAction::triggered, this, &RunDetailView::askDelete);

    // The tabs are built when the first run is shown (ensureTabs()): until then the view is its
    // placeholder, and the window starts without five tables and a JSON tree it cannot fill.
    auto *page = new RunPage(this);
    m_pageLayout = new QVBoxLayout(page);
    m_pageLayout->setContentsMargins(0, 0, 0, 0);
    page->header = buildHeader();
    m_pageLayout->addWidget(page->header);
    // The page scrolls when the pane is shorter (or narrower) than the header and the tabs
    // need, rather than squeezing the header's wrapped lines out of sight. And no run makes
    // the pane ask for more room than another: its splitter stays where the user left it.
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("runDetailScroll"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the controls inside
    m_scroll->setWidget(page);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_scroll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, &RunDetailView::reload);
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &RunDetailView::updateHeader);
    m_noticeTimer.setSingleShot(true);
    m_noticeTimer.setInterval(4000);
    connect(&m_noticeTimer, &QTimer::timeout, this, [this] {
        m_noticeText = {};
        m_notice->clear();
    });

    connect(m_store, &runs::HistoryStore::runChanged, this, [this](qint64 id) {
        if (id == m_runId)
            m_refresh.start();
    });
    connect(m_store, &runs::HistoryStore::runRemoved, this, [this](qint64 id) {
        if (id == m_runId)
            clear();
    });
    clear();
    retranslateUi();
    updateMinimumSize();
}

void RunDetailView::ensureTabs()
{
    if (m_tabs)
        return;
    QWidget *page = m_pageLayout->parentWidget();
    m_tabs = new QTabWidget(page);
    m_inputs = new RunDetailInputs(page);
    m_results = new RunDetailResults(page);
    m_errors = new RunDetailErrors(page);
    m_timeline = table(3, page);
    m_calls = table(5, page);
    m_call = new InspectorExchangeView(page);
    m_tabs->setObjectName(QStringLiteral("runDetailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_inputs, QString());
    m_tabs->addTab(m_results, QString());
    m_tabs->addTab(m_errors, QString());
    m_tabs->addTab(m_timeline, QString());
    auto *calls = new QSplitter(Qt::Vertical, page);
    calls->addWidget(m_calls);
    calls->addWidget(m_call);
    calls->setStretchFactor(1, 2);
    m_tabs->addTab(calls, QString());
    m_calls->setObjectName(QStringLiteral("runCalls"));
    m_timeline->setObjectName(QStringLiteral("runTimeline"));
    m_pageLayout->addWidget(m_tabs, 1);
    static_cast<RunPage *>(page)->tabs = m_tabs;
    connect(m_tabs, &QTabWidget::currentChanged, this, &RunDetailView::updateMinimumSize);
    updateMinimumSize();

    connect(m_errors, &RunDetailErrors::focusFieldRequested, this,
            &RunDetailView::focusFieldRequested);
    connect(m_results, &RunDetailResults::copied, this,
            [this](RunDetailResults::Copied what, const QString &path) {
                showNotice([what, path] { return RunDetailResults::copiedText(what, path); });
            });
    connect(m_inputs, &RunDetailInputs::copied, this,
            [this](RunDetailInputs::Copied what, const QString &field) {
                showNotice([what, field] { return RunDetailInputs::copiedText(what, field); });
            });
    connect(m_calls, &QTreeWidget::currentItemChanged, this, &RunDetailView::showCurrentCall);
    retranslateTabs();
}

QTabWidget *RunDetailView::tabs()
{
    ensureTabs();
    return m_tabs;
}

RunDetailResults *RunDetailView::results()
{
    ensureTabs();
    return m_results;
}

RunDetailErrors *RunDetailView::errors()
{
    ensureTabs();
    return m_errors;
}

void RunDetailView::updateRestoreTip()
{
    m_restore->setToolTip(
        m_record.kind == runs::RunKind::Stored
            ? tr("A stored action's run cannot fill the form: its inputs are kept by Zapier. "
                 "Use Re-run, or run it from Stored actions.")
            : tr("Put this run's action, connection and inputs back into the form "
                 "(Ctrl+Shift+R)"));
}

void RunDetailView::retranslateUi()
{
    m_emptyLabel->setText(tr("Select a run to see its inputs, results, errors and API calls."));
    m_rerun->setText(tr("Re-&run"));
    m_rerun->setToolTip(tr("Run the same action with the same inputs again (Ctrl+R)"));
    m_restore->setText(tr("Re&store into form"));
    updateRestoreTip();
    m_copyCurl->setText(tr("Copy as c&URL"));
    m_copyCurl->setToolTip(tr("Copy a cURL command that repeats this run; the token is the "
                              "$ZAPIER_TOKEN shell variable (Ctrl+Alt+C)"));
    m_delete->setText(tr("&Delete…"));
    m_delete->setToolTip(tr("Delete this run from the history (Del)"));
    for (QToolButton *button : std::as_const(m_actionButtons))
        button->setAccessibleName(plainActionText(button->defaultAction()));
    if (m_moreActions) {
        m_moreActions->setAccessibleName(tr("More run actions"));
        m_moreActions->setToolTip(tr("More run actions"));
    }

    m_title->setAccessibleName(tr("Run"));
    m_meta->setAccessibleName(tr("Run information"));
    m_notice->setAccessibleName(tr("Notice"));
    if (m_noticeText) {
        m_notice->setText(m_noticeText());
        m_notice->setAccessibleDescription(m_notice->text());
    }
    m_confirmText->setText(tr("Delete this run from the history? This cannot be undone."));
    m_confirmDelete->setText(tr("Delete run"));
    m_confirmDelete->setAccessibleName(tr("Confirm deleting the run"));
    m_cancelDelete->setText(tr("Keep it"));
    m_cancelDelete->setAccessibleName(tr("Cancel deleting the run"));

    if (m_tabs)
        retranslateTabs();

    // The run's own texts, in place. The results, the errors (explained again) and the selected
    // call's view retranslate themselves.
    if (m_runId == 0)
        return;
    updateHeader();
    fillTimeline();
    fillCalls();
}

void RunDetailView::retranslateTabs()
{
    m_tabs->setAccessibleName(tr("Run details"));
    m_tabs->setTabText(InputsTab, tr("&Inputs"));
    m_tabs->setTabText(ResultsTab, tr("Res&ults"));
    updateErrorsTabText();
    m_tabs->setTabText(TimelineTab, tr("&Timeline"));
    m_tabs->setTabText(CallsTab, tr("&API calls"));
    m_timeline->setHeaderLabels({tr("Time"), tr("Status"), tr("Note")});
    m_timeline->setAccessibleName(tr("Timeline"));
    m_calls->setHeaderLabels(
        {tr("Method"), tr("Path"), tr("Status"), tr("Duration"), tr("Attempt")});
    m_calls->setAccessibleName(tr("API calls"));
}

void RunDetailView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateMinimumSize();
    QWidget::changeEvent(event);
}

void RunDetailView::updateMinimumSize()
{
    // The page scrolls, so no run makes the pane wider; but it never gets narrower than a run
    // id (in every header) and the page's scroll bar, so no pane shows its runs cut.
    const int id =
        fontMetrics().horizontalAdvance(QStringLiteral("00000000-0000-0000-0000-000000000000"));
    setMinimumWidth(id + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this) +
                    2 * style()->pixelMetric(QStyle::PM_LayoutLeftMargin, nullptr, this));
    // The tabs ask for their bar and what the tab shown needs, not for the most their busiest
    // page would (the API calls' list over a request's bodies, which every tab would then
    // reserve): in a pane of ordinary height the page scrolls for that tab only.
    if (m_tabs) {
        const QWidget *shown = m_tabs->currentWidget();
        const int page =
            shown ? qMax(shown->minimumSizeHint().height(), shown->minimumHeight()) : 0;
        m_tabs->setMinimumHeight(m_tabs->tabBar()->sizeHint().height() + page);
    }
}

QWidget *RunDetailView::buildHeader()
{
    auto *header = new QWidget(this);
    m_title->setObjectName(QStringLiteral("runTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_pill->setObjectName(QStringLiteral("runStatus"));
    m_meta->setObjectName(QStringLiteral("runMeta"));
    m_meta->setTextFormat(Qt::PlainText);
    m_meta->setWordWrap(true);
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    m_notice->setObjectName(QStringLiteral("runNotice"));

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_pill, 0, Qt::AlignTop);

    auto *buttons = new QHBoxLayout;
    // A tool bar rather than a row of buttons: when the pane is narrower than the buttons'
    // words (German ones are long), the last ones move into its » menu instead of being cut.
    auto *actionBar = new QToolBar(header);
    actionBar->setObjectName(QStringLiteral("runActions"));
    actionBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    actionBar->setFloatable(false);
    actionBar->setMovable(false);
    for (QAction *action : {m_rerun, m_restore, m_copyCurl, m_delete}) {
        actionBar->addAction(action);
        if (auto *button = qobject_cast<QToolButton *>(actionBar->widgetForAction(action))) {
            button->setAutoRaise(false); // they read as buttons, not as a tool bar's flat icons
            m_actionButtons.append(button);
        }
    }
    buttons->addWidget(actionBar);
    m_moreActions = actionBar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
    buttons->addWidget(m_notice, 1);

    // Deleting asks inline rather than in a modal dialog (no nested event loop, and the
    // keyboard stays where it was).
    m_confirm->setObjectName(QStringLiteral("deleteConfirmation"));
    m_confirm->setFrameShape(QFrame::StyledPanel);
    m_confirmText = new WrapLabel(m_confirm);
    m_confirmText->setWordWrap(true);
    m_confirmDelete = new QPushButton(m_confirm);
    m_confirmDelete->setObjectName(QStringLiteral("confirmDelete"));
    m_cancelDelete = new QPushButton(m_confirm);
    m_cancelDelete->setObjectName(QStringLiteral("cancelDelete"));
    auto *confirmLayout = new QHBoxLayout(m_confirm);
    confirmLayout->addWidget(m_confirmText, 1);
    confirmLayout->addWidget(m_confirmDelete);
    confirmLayout->addWidget(m_cancelDelete);
    connect(m_confirmDelete, &QPushButton::clicked, this, &RunDetailView::deleteRun);
    connect(m_cancelDelete, &QPushButton::clicked, this, &RunDetailView::cancelDelete);
    auto *escape = new QAction(m_confirm);
    escape->setShortcut(QKeySequence(Qt::Key_Escape));
    escape->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QAction::triggered, this, &RunDetailView::cancelDelete);
    m_confirm->addAction(escape);
    m_confirm->hide();

    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(titleRow);
    layout->addWidget(m_meta);
    layout->addLayout(buttons);
    layout->addWidget(m_confirm);
    return header;
}

void RunDetailView::showRun(qint64 id)
{
    if (id == m_runId && id != 0) {
        reload();
        return;
    }
    ensureTabs();
    m_runId = id;
    m_confirm->hide();
    m_noticeText = {};
    m_notice->clear();
    m_record = {};
    m_results->clear();
    reload();
    selectTabForPhase();
}

void RunDetailView::clear()
{
    m_runId = 0;
    m_record = {};
    m_ticker.stop();
    m_confirm->hide();
    if (m_results)
        m_results->clear();
    for (QAction *action : {m_rerun, m_restore, m_copyCurl, m_delete})
        action->setEnabled(false);
    m_stack->setCurrentWidget(m_emptyLabel);
}

void RunDetailView::reload()
{
    if (m_runId == 0)
        return;
    const std::optional<runs::RunRecord> record = m_store->load(m_runId);
    if (!record) {
        clear();
        return;
    }
    const bool finishedNow = runs::isUnfinishedPhase(m_record.phase) && m_record.id == m_runId &&
                             runs::isFinalPhase(record->phase);
    m_record = *record;
    for (QAction *action : {m_rerun, m_copyCurl, m_delete})
        action->setEnabled(true);
    // A stored action's inputs live on the server; its run only sent the changes to them.
    m_restore->setEnabled(m_record.kind != runs::RunKind::Stored);
    updateRestoreTip();
    updateHeader();
    m_inputs->setRun(m_record);
    m_results->setJson(m_record.resultsJson, QStringLiteral("results"));
    fillErrors();
    fillTimeline();
    fillCalls();
    showCurrentCall(); // its record may have changed too
    m_stack->setCurrentIndex(1);
    if (runs::isUnfinishedPhase(m_record.phase))
        m_ticker.start();
    else
        m_ticker.stop();
    if (finishedNow)
        selectTabForPhase();
}

void RunDetailView::selectTabForPhase()
{
    if (m_runId == 0)
        return;
    if (m_errors->count() > 0 && runs::isFinalPhase(m_record.phase) &&
        m_record.phase != Phase::Success)
        m_tabs->setCurrentIndex(ErrorsTab);
    else if (runs::isFinalPhase(m_record.phase))
        m_tabs->setCurrentIndex(ResultsTab);
}

void RunDetailView::updateHeader()
{
    const runs::RunRecord &run = m_record;
    m_title->setText(tr("%1 · %2").arg(run.appTitle, run.actionTitle));
    qint64 duration = run.durationMs();
    const bool running = runs::isUnfinishedPhase(run.phase);
    if (running && run.createdAt.isValid())
        duration = qMax<qint64>(0, run.createdAt.msecsTo(QDateTime::currentDateTimeUtc()));
    QString pill = HistoryModel::phaseLabel(run.phase);
    if (running)
        pill = tr("%1 %2").arg(pill, HistoryModel::durationText(duration));
    m_pill->setPill(pill, HistoryModel::pillCategory(run.phase),
                    running ? int(duration / 1000) : -1);

    QStringList meta;
    meta.append(run.connectionTitle.isEmpty() ? tr("No connection")
                                              : tr("Connection: %1").arg(run.connectionTitle));
    if (run.kind == runs::RunKind::Stored)
        meta.append(tr("Stored action %1").arg(run.storedActionId));
    meta.append(run.serverRunId.isEmpty() ? tr("Not created on the server")
                                          : tr("Run id: %1").arg(run.serverRunId));
    if (duration >= 0)
        meta.append(running ? tr("Running for %1").arg(HistoryModel::durationText(duration))
                            : tr("Took %1").arg(HistoryModel::durationText(duration)));
    meta.append(tr("Started %1")
                    .arg(QLocale().toString(run.createdAt.toLocalTime(), QLocale::ShortFormat)));
    meta.append(tr("Environment: %1").arg(run.environment));
    m_meta->setText(meta.join(QStringLiteral("  ·  ")));
    m_meta->setAccessibleDescription(m_meta->text());
    m_title->setAccessibleDescription(m_title->text() + u' ' + pill);
}

QString RunDetailView::headerText() const
{
    return m_title->text() + u'\n' + m_pill->text() + u'\n' + m_meta->text();
}

QString RunDetailView::noticeText() const
{
    return m_notice->text();
}

void RunDetailView::fillErrors()
{
    m_errors->setRun(m_record);
    updateErrorsTabText();
}

void RunDetailView::updateErrorsTabText()
{
    const int count = m_errors->count();
    m_tabs->setTabText(ErrorsTab, count == 0 ? tr("&Errors") : tr("&Errors (%1)").arg(count));
}

void RunDetailView::fillTimeline()
{
    setRowCount(m_timeline, int(m_record.events.size()));
    const QDateTime start = m_record.events.isEmpty() ? QDateTime() : m_record.events.first().at;
    for (int row = 0; row < m_record.events.size(); ++row) {
        const runs::RunEvent &event = m_record.events.at(row);
        QTreeWidgetItem *item = m_timeline->topLevelItem(row);
        const qint64 offset = start.isValid() ? start.msecsTo(event.at) : 0;
        item->setText(0, tr("%1 (+%2)")
                             .arg(QLocale().toString(event.at.toLocalTime().time(),
                                                     QStringLiteral("HH:mm:ss.zzz")),
                                  HistoryModel::durationText(offset)));
        item->setToolTip(0, QLocale().toString(event.at.toLocalTime(), QLocale::LongFormat));
        item->setText(1,
                      event.status.isEmpty()
                          ? HistoryModel::phaseLabel(event.phase)
                          : tr("%1 (%2)").arg(HistoryModel::phaseLabel(event.phase), event.status));
        item->setText(2, event.displayNote());
    }
    m_timeline->resizeColumnToContents(0);
    m_timeline->resizeColumnToContents(1);
}

void RunDetailView::fillCalls()
{
    // Rows are reused, so the selected call stays selected.
    setRowCount(m_calls, int(m_record.calls.size()));
    for (int row = 0; row < m_record.calls.size(); ++row) {
        const core::RequestRecord &call = m_record.calls.at(row);
        QTreeWidgetItem *item = m_calls->topLevelItem(row);
        item->setText(0, call.method);
        item->setText(1, models::RequestLogModel::pathText(call));
        item->setToolTip(1, call.url);
        item->setText(2, models::RequestLogModel::statusText(call));
        item->setText(3, HistoryModel::durationText(call.durationMs));
        item->setText(4, QString::number(call.attempt));
    }
    if (m_calls->topLevelItemCount() > 0 && !m_calls->currentItem())
        m_calls->setCurrentItem(m_calls->topLevelItem(0));
    m_calls->resizeColumnToContents(0);
    m_calls->resizeColumnToContents(1);
}

void RunDetailView::showCurrentCall()
{
    QTreeWidgetItem *item = m_calls->currentItem();
    const int row = item ? m_calls->indexOfTopLevelItem(item) : -1;
    if (row >= 0 && row < m_record.calls.size())
        m_call->setRecord(m_record.calls.at(row));
    else
        m_call->clear();
}

QString RunDetailView::curlCommand() const
{
    if (m_runId == 0)
        return {};
    const QUrl base(m_record.environment);
    if (m_record.kind == runs::RunKind::Stored)
        return api::curlForStoredRun(base, m_record.storedActionId, m_record.inputs, m_record.page);
    return api::curlForActionRun(base, m_record.actionId, m_record.connectionId, m_record.inputs,
                                 m_record.secretInputs);
}

void RunDetailView::copyCurl()
{
    if (m_runId == 0)
        return;
    QGuiApplication::clipboard()->setText(curlCommand());
    showNotice([] {
        return tr("Copied a cURL command; set $ZAPIER_TOKEN in the shell before running it.");
    });
}

void RunDetailView::showNotice(Notice notice)
{
    m_noticeText = std::move(notice);
    m_notice->setText(m_noticeText());
    m_notice->setAccessibleDescription(m_notice->text());
    m_noticeTimer.start();
}

void RunDetailView::askDelete()
{
    if (m_runId == 0)
        return;
    if (!m_confirm->isVisible())
        m_focusBeforeDelete = QApplication::focusWidget();
    m_confirm->show();
    // The question is asked in the header: bring it into view if the page was scrolled down.
    m_scroll->verticalScrollBar()->setValue(0);
    m_cancelDelete->setFocus(Qt::OtherFocusReason); // the safe choice has the focus
}

void RunDetailView::cancelDelete()
{
    m_confirm->hide();
    returnFocusAfterDelete();
}

// Back where Delete was asked from (the history list, say), so the keyboard stays there
// rather than falling to whatever follows the hidden confirmation.
void RunDetailView::returnFocusAfterDelete()
{
    QPointer<QWidget> target = m_focusBeforeDelete;
    m_focusBeforeDelete.clear();
    if (target && target->isVisible() && target->isEnabled())
        target->setFocus(Qt::OtherFocusReason);
}

void RunDetailView::deleteRun()
{
    const qint64 id = m_runId;
    if (id == 0)
        return;
    m_confirm->hide();
    Q_EMIT deleteRequested(id);
    if (m_store->remove(id)) {
        if (m_runId == id)
            clear();
    } else {
        showNotice(
            [] { return tr("Could not delete the run: the history file could not be written."); });
    }
    returnFocusAfterDelete();
}

} // namespace ab::ui
