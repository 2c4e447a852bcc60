#include "panes/historypane.h"

#include "models/historymodel.h"
#include "panes/historypill.h"
#include "panes/historystatusdelegate.h"
#include "panes/historytextdelegate.h"
#include "widgets/currentselection.h"
#include "widgets/wraplabel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace ab::ui {

using models::HistoryModel;
using runs::Phase;

HistoryPane::HistoryPane(runs::HistoryStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new HistoryModel(store, this))
    , m_filter(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_thisServer(new QCheckBox(this))
    , m_count(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QTableView(this))
    , m_empty(new WrapLabel(this))
{
    setObjectName(QStringLiteral("historyPane"));

    m_filter->setObjectName(QStringLiteral("historyFilter"));
    m_filter->setClearButtonEnabled(true);
    auto *focusFilterAction = new QAction(this);
    focusFilterAction->setShortcut(QKeySequence::Find);
    focusFilterAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(focusFilterAction, &QAction::triggered, this, &HistoryPane::focusFilter);
    addAction(focusFilterAction);

    m_status->setObjectName(QStringLiteral("historyStatusFilter"));
    for (const StatusFilter filter :
         {StatusFilter::All, StatusFilter::Waiting, StatusFilter::Success, StatusFilter::Error,
          StatusFilter::Failed, StatusFilter::TimedOut, StatusFilter::OutcomeUnknown})
        m_status->addItem(statusFilterText(filter), int(filter));

    m_thisServer->setObjectName(QStringLiteral("historyThisServer"));
    m_thisServer->setEnabled(false); // until the window says which server is in use

    m_count->setObjectName(QStringLiteral("historyCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_view->setObjectName(QStringLiteral("historyTable"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new HistoryTextDelegate(m_view));
    m_view->setItemDelegateForColumn(HistoryModel::StatusColumn, new HistoryStatusDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    keepCurrentRowSelected(m_view);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->verticalHeader()->hide();
    // Fixed row heights: a 100,000-row table never measures rows.
    const QFontMetrics metrics = fontMetrics();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(metrics.height() * 3 / 2 + 6);
    m_view->setIconSize(QSize(metrics.height(), metrics.height()));
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(HistoryModel::ActionColumn, QHeaderView::Stretch);
    // Status right after Time: in a narrow pane the outcome must stay visible, not the connection.
    header->moveSection(header->visualIndex(HistoryModel::StatusColumn), 1);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const auto width = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + metrics.height();
    };
    const int em = metrics.horizontalAdvance(QLatin1Char('m'));
    header->setMinimumSectionSize(em * 4);
    header->resizeSection(HistoryModel::TimeColumn, width(QStringLiteral("28 Dec 00:00")));
    header->resizeSection(HistoryModel::AppColumn, em * 9 + m_view->iconSize().width());
    header->resizeSection(HistoryModel::ConnectionColumn, em * 10);
    header->resizeSection(HistoryModel::DurationColumn, width(QStringLiteral("00 min 00 s")));

    m_empty->setObjectName(QStringLiteral("historyEmptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setMargin(metrics.height());

    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_status);
    filters->addWidget(m_thisServer);
    filters->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_stack, 1);
    setTabOrder(m_filter, m_status);
    setTabOrder(m_status, m_thisServer);
    setTabOrder(m_thisServer, m_view);
    setFocusProxy(m_view);

    // Typing filters after a short pause, so each keystroke does not query the store.
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(200);
    connect(&m_filterDelay, &QTimer::timeout, this, &HistoryPane::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_filterDelay.start(); });
    connect(m_filter, &QLineEdit::returnPressed, this, &HistoryPane::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &HistoryPane::applyFilter);
    connect(m_thisServer, &QCheckBox::toggled, this, &HistoryPane::applyFilter);
    // The next page is read as soon as the events of a scroll step are done, once the view is
    // within half a page of the end of what is loaded: a later step then finds it there
    // instead of reading it inside a frame.
    m_prefetch.setSingleShot(true);
    m_prefetch.setInterval(0);
    connect(&m_prefetch, &QTimer::timeout, this, [this] {
        if (m_model->canFetchMore({}))
            m_model->fetchMore({});
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &HistoryPane::prefetchIfNearTheEnd);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryPane::onCurrentChanged);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &HistoryPane::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPane::updateEmptyState);
    // A reset (filter change) loses the current row; put the selection back when it is listed.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_selected == 0)
            return;
        if (m_model->canFetchMore({}))
            m_model->fetchMore({});
        const int row = m_model->rowOfRun(m_selected);
        if (row >= 0)
            m_view->setCurrentIndex(m_model->index(row, HistoryModel::TimeColumn));
    });
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    retranslateUi();
}

QString HistoryPane::statusFilterText(StatusFilter filter)
{
    switch (filter) {
    case StatusFilter::All:
        return tr("All statuses");
    case StatusFilter::Waiting:
        return tr("Waiting");
    case StatusFilter::Success:
        return tr("Success");
    case StatusFilter::Error:
        return tr("Error");
    case StatusFilter::Failed:
        return tr("Failed");
    case StatusFilter::TimedOut:
        return tr("Timed out");
    case StatusFilter::OutcomeUnknown:
        return tr("Outcome unknown");
    }
    return {};
}

void HistoryPane::retranslateUi()
{
    // Short enough for a narrow pane (beside the status filter and the check box); what it
    // matches is in the tooltip.
    m_filter->setPlaceholderText(
        tr("Filter runs", "the hint inside the history's text filter; keep it short"));
    m_filter->setToolTip(tr("Shows the runs whose app, action, connection or run id contains "
                            "the text (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter runs"));
    m_filter->setAccessibleDescription(m_filter->toolTip());
    m_status->setAccessibleName(tr("Filter runs by status"));
    // Over AT-SPI a combo box is named by its current item: the purpose goes in the description.
    m_status->setAccessibleDescription(tr("Filter runs by status"));
    // In place: the chosen filter stays chosen.
    for (int i = 0; i < m_status->count(); ++i)
        m_status->setItemText(i, statusFilterText(StatusFilter(m_status->itemData(i).toInt())));
    //: A check box beside the history's filters: show only the runs of the server in use.
    m_thisServer->setText(tr("This server onl&y"));
    m_thisServer->setAccessibleName(tr("Only runs of this server"));
    m_thisServer->setToolTip(tr("Show only the runs made on the server chosen in the toolbar"));
    m_count->setAccessibleName(tr("Number of runs"));
    m_view->setAccessibleName(tr("Run history"));
    m_model->retranslate();
    fitStatusColumn();
    updateEmptyState();
}

void HistoryPane::fitStatusColumn()
{
    // Wide enough for the longest status pill in the current language; a language change only
    // widens it (a column the user made wider stays so).
    int widest = 0;
    for (const runs::Phase phase :
         {runs::Phase::Preparing, runs::Phase::Submitting, runs::Phase::Waiting,
          runs::Phase::Success, runs::Phase::Error, runs::Phase::Failed,
          runs::Phase::OutcomeUnknown, runs::Phase::TimedOut, runs::Phase::Cancelled})
        widest = qMax(widest, ui::pillSize(HistoryModel::phaseLabel(phase), font()).width());
    const int wanted = widest + fontMetrics().height();
    QHeaderView *header = m_view->horizontalHeader();
    if (header->sectionSize(HistoryModel::StatusColumn) < wanted)
        header->resizeSection(HistoryModel::StatusColumn, wanted);
}

void HistoryPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

qint64 HistoryPane::currentRun() const
{
    return m_model->runId(m_view->currentIndex().row());
}

void HistoryPane::setFilterText(const QString &text)
{
    m_filter->setText(text);
    applyFilter();
}

void HistoryPane::setStatusFilter(StatusFilter filter)
{
    m_status->setCurrentIndex(m_status->findData(int(filter)));
}

void HistoryPane::setEnvironment(const QString &name)
{
    m_environment = name;
    m_thisServer->setEnabled(!name.isEmpty());
    applyFilter();
}

void HistoryPane::setIconProvider(std::function<QIcon(const runs::RunSummary &)> provider)
{
    m_model->setIconProvider(std::move(provider));
}

void HistoryPane::refreshIcons()
{
    m_model->refreshIcons();
}

void HistoryPane::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

runs::RunFilter HistoryPane::currentFilter() const
{
    runs::RunFilter filter;
    filter.text = m_filter->text().trimmed();
    if (m_thisServer->isChecked())
        filter.environment = m_environment;
    switch (StatusFilter(m_status->currentData().toInt())) {
    case StatusFilter::All:
        break;
    case StatusFilter::Waiting:
        filter.phases = {Phase::Preparing, Phase::Submitting, Phase::Waiting};
        break;
    case StatusFilter::Success:
        filter.phases = {Phase::Success};
        break;
    case StatusFilter::Error:
        filter.phases = {Phase::Error};
        break;
    case StatusFilter::Failed:
        filter.phases = {Phase::Failed};
        break;
    case StatusFilter::TimedOut:
        filter.phases = {Phase::TimedOut};
        break;
    case StatusFilter::OutcomeUnknown:
        filter.phases = {Phase::OutcomeUnknown};
        break;
    }
    return filter;
}

void HistoryPane::applyFilter()
{
    m_filterDelay.stop();
    const runs::RunFilter filter = currentFilter();
    const runs::RunFilter &shown = m_model->filter();
    if (filter.text == shown.text && filter.phases == shown.phases &&
        filter.environment == shown.environment)
        return;
    m_model->setFilter(filter);
}

void HistoryPane::selectRun(qint64 id)
{
    m_selected = id;
    int row = m_model->rowOfRun(id);
    if (row < 0 && (!m_filter->text().isEmpty() || m_status->currentIndex() != 0 ||
                    m_thisServer->isChecked())) {
        const QSignalBlocker blockStatus(m_status);
        const QSignalBlocker blockFilter(m_filter);
        const QSignalBlocker blockServer(m_thisServer);
        m_filter->clear();
        m_status->setCurrentIndex(0);
        m_thisServer->setChecked(false);
        applyFilter();
        row = m_model->rowOfRun(id);
    }
    // An older run may sit on a page not read yet.
    while (row < 0 && m_model->canFetchMore({})) {
        m_model->fetchMore({});
        row = m_model->rowOfRun(id);
    }
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, HistoryModel::TimeColumn);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void HistoryPane::onCurrentChanged()
{
    const qint64 id = currentRun();
    if (id == 0)
        return;
    m_selected = id;
    Q_EMIT runSelected(id);
}

void HistoryPane::prefetchIfNearTheEnd()
{
    if (m_prefetch.isActive() || !m_view->isVisible() || !m_model->canFetchMore({}))
        return;
    const int rows = m_model->rowCount();
    int lastShown = m_view->rowAt(m_view->viewport()->height() - 1);
    if (lastShown < 0) // the rows end above the bottom of the view
        lastShown = rows - 1;
    if (rows - lastShown <= HistoryModel::pageSize / 2)
        m_prefetch.start();
}

void HistoryPane::updateEmptyState()
{
    const int total = m_model->totalCount();
    const runs::RunFilter &filter = m_model->filter();
    const bool filtered =
        !filter.text.isEmpty() || !filter.phases.isEmpty() || !filter.environment.isEmpty();
    if (m_model->rowCount() == 0) {
        const bool serverOnly = filter.text.isEmpty() && filter.phases.isEmpty() && filtered;
        m_empty->setText(serverOnly ? tr("No runs on this server yet — fill a form and press "
                                         "Ctrl+Enter.")
                         : filtered ? tr("No runs match the filter.")
                                    : tr("No runs yet — fill a form and press Ctrl+Enter."));
        m_empty->setAccessibleName(m_empty->text());
        m_stack->setCurrentWidget(m_empty);
    } else {
        m_stack->setCurrentWidget(m_view);
    }
    const QString count = total == 1 ? tr("1 run") : tr("%1 runs").arg(QLocale().toString(total));
    m_count->setText(count);
    m_count->setAccessibleDescription(count);
}

} // namespace ab::ui
