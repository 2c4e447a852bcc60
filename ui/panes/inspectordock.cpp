#include "panes/inspectordock.h"

#include "models/requestlogmodel.h"
#include "panes/inspectorexchangeview.h"
#include "widgets/currentselection.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ab::ui {

using models::RequestLogModel;

InspectorDock::InspectorDock(api::RequestLog *log, QWidget *parent)
    : QDockWidget(parent)
    , m_model(new RequestLogModel(log, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_clear(new QPushButton(this))
    , m_count(new QLabel(this))
    , m_view(new QTableView(this))
    , m_exchange(new InspectorExchangeView(this))
{
    setObjectName(QStringLiteral("inspectorDock"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(RequestLogModel::SearchTextRole);
    m_proxy->setFilterKeyColumn(RequestLogModel::PathColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setObjectName(QStringLiteral("inspectorFilter"));
    m_filter->setClearButtonEnabled(true);
    m_clear->setObjectName(QStringLiteral("inspectorClear"));
    m_count->setObjectName(QStringLiteral("inspectorCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_view->setObjectName(QStringLiteral("inspectorTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    keepCurrentRowSelected(m_view);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    const QFontMetrics metrics = fontMetrics();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(metrics.height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(RequestLogModel::PathColumn, QHeaderView::Stretch);
    const auto width = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + metrics.height();
    };
    header->resizeSection(RequestLogModel::TimeColumn, width(QStringLiteral("00:00:00.000")));
    header->resizeSection(RequestLogModel::MethodColumn, width(QStringLiteral("DELETE")));
    header->resizeSection(RequestLogModel::StatusColumn, width(QStringLiteral("429 (attempt 2)")));
    header->resizeSection(RequestLogModel::DurationColumn, width(QStringLiteral("00.0 s")));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_count);
    bar->addWidget(m_clear);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_exchange);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    setWidget(content);
    setTabOrder(m_filter, m_clear);
    setTabOrder(m_clear, m_view);

    connect(m_filter, &QLineEdit::textChanged, this, &InspectorDock::setFilterText);
    connect(m_clear, &QPushButton::clicked, this, &InspectorDock::clear);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &InspectorDock::onRowsInserted);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &InspectorDock::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &InspectorDock::updateCount);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InspectorDock::onCurrentChanged);
    retranslateUi();
}

void InspectorDock::retranslateUi()
{
    setWindowTitle(tr("API inspector"));
    setAccessibleName(tr("API inspector"));
    m_filter->setPlaceholderText(tr("Filter by method, URL or status"));
    m_filter->setAccessibleName(tr("Filter requests"));
    m_clear->setText(tr("C&lear"));
    m_clear->setAccessibleName(tr("Clear the request list"));
    m_clear->setToolTip(tr("Empty this list; runs keep their own API calls"));
    m_count->setAccessibleName(tr("Number of requests"));
    m_view->setAccessibleName(tr("Requests"));
    m_model->retranslate();
    updateCount();
}

void InspectorDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDockWidget::changeEvent(event);
}

void InspectorDock::setFilterText(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text); // comes back here through textChanged
    else
        m_proxy->setFilterFixedString(text.trimmed());
    updateCount();
}

void InspectorDock::clear()
{
    m_model->clear();
    m_exchange->clear();
}

void InspectorDock::onRowsInserted()
{
    // Follow new requests only while the user is looking at the newest ones.
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    updateCount();
    if (atEnd)
        m_view->scrollToBottom();
}

void InspectorDock::onCurrentChanged(const QModelIndex &current)
{
    const QModelIndex source = m_proxy->mapToSource(current);
    if (source.isValid())
        m_exchange->setRecord(m_model->record(source.row()));
    else
        m_exchange->clear();
}

void InspectorDock::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int all = m_model->rowCount();
    const QLocale locale;
    // Spelled out rather than "%n request(s)": English has no translation file to pick forms.
    QString text;
    if (shown == all)
        text = all == 1 ? tr("1 request") : tr("%1 requests").arg(locale.toString(all));
    else if (all == 1)
        text = tr("%1 of 1 request").arg(locale.toString(shown));
    else
        text = tr("%1 of %2 requests").arg(locale.toString(shown), locale.toString(all));
    m_count->setText(text);
    m_count->setAccessibleDescription(text);
}

} // namespace ab::ui
