#include "form/outputspanel.h"

#include "form/formmessages.h"
#include "widgets/wraplabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace ab::ui {

OutputsPanel::OutputsPanel(QWidget *parent)
    : QWidget(parent)
{}

void OutputsPanel::ensureBuilt()
{
    if (m_table)
        return;
    m_status = new WrapLabel(this);
    m_retry = new QToolButton(this);
    m_table = new QTableWidget(0, 3, this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_retry->hide();
    connect(m_retry, &QToolButton::clicked, this, &OutputsPanel::retryRequested);

    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // One line of text per row, as in the API inspector: the style's default row is about
    // twice a line's height, which spreads a ten-field list over the whole tab.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    fitRowHeight();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setWordWrap(false);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_retry);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(statusRow);
    layout->addWidget(m_table, 1);
    // Built while the panel is being shown: children made now would only show on a later
    // event-loop turn, so the panel would paint one frame empty.
    if (isVisible())
        m_table->show();
    retranslateUi();
}

void OutputsPanel::showEvent(QShowEvent *event)
{
    ensureBuilt();
    QWidget::showEvent(event);
}

void OutputsPanel::fitRowHeight()
{
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
}

QTableWidget *OutputsPanel::table()
{
    ensureBuilt();
    return m_table;
}

QToolButton *OutputsPanel::retryButton()
{
    ensureBuilt();
    return m_retry;
}

void OutputsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_table)
        retranslateUi();
    if (event->type() == QEvent::FontChange && m_table)
        fitRowHeight();
    QWidget::changeEvent(event);
}

void OutputsPanel::retranslateUi()
{
    m_retry->setText(tr("Retry"));
    m_retry->setAccessibleName(tr("Retry loading the outputs"));
    m_table->setAccessibleName(tr("Output fields"));
    m_table->setHorizontalHeaderLabels({tr("Id"), tr("Title"), tr("Sample")});
    updateStatus();
}

void OutputsPanel::updateStatus()
{
    QString text;
    switch (m_state) {
    case State::Empty:
        text = tr("Fill in the form, then open this tab to see what a run returns.");
        break;
    case State::Loading:
        text = tr("Loading the outputs\u2026");
        break;
    case State::Loaded:
        text = m_table->rowCount() == 0
                   ? tr("This action returns no fields.")
                   : tr("What a run of this action returns, with sample values:");
        break;
    case State::Failed:
        text = FormMessages::outputsFailed(m_error);
        break;
    }
    m_status->setText(text);
    m_status->setAccessibleDescription(text);
    m_status->setVisible(!text.isEmpty());
    m_retry->setVisible(m_state == State::Failed);
}

QString OutputsPanel::statusText()
{
    ensureBuilt();
    return m_status->text();
}

void OutputsPanel::clear()
{
    m_state = State::Empty;
    if (!m_table)
        return; // nothing shown yet: built empty when first needed
    m_table->setRowCount(0);
    updateStatus();
}

void OutputsPanel::setLoading()
{
    ensureBuilt();
    m_state = State::Loading;
    updateStatus();
}

void OutputsPanel::setFailed(const core::ApiError &error)
{
    ensureBuilt();
    m_state = State::Failed;
    m_error = error;
    updateStatus();
}

void OutputsPanel::setOutputs(const QList<core::OutputField> &fields)
{
    ensureBuilt();
    m_table->setRowCount(int(fields.size()));
    for (int row = 0; row < fields.size(); ++row) {
        const core::OutputField &field = fields.at(row);
        m_table->setItem(row, 0, new QTableWidgetItem(field.id));
        m_table->setItem(row, 1, new QTableWidgetItem(field.title));
        auto *sample = new QTableWidgetItem(field.sample);
        sample->setToolTip(field.sample);
        m_table->setItem(row, 2, sample);
    }
    m_state = State::Loaded;
    updateStatus();
}

} // namespace ab::ui
