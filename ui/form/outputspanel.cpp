#include "form/outputspanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace ab::ui {

OutputsPanel::OutputsPanel(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_retry(new QToolButton(this))
    , m_table(new QTableWidget(0, 3, this))
{
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_retry->setText(tr("Retry"));
    m_retry->setAccessibleName(tr("Retry loading the outputs"));
    m_retry->hide();
    connect(m_retry, &QToolButton::clicked, this, &OutputsPanel::retryRequested);

    m_table->setAccessibleName(tr("Output fields"));
    m_table->setHorizontalHeaderLabels({tr("Id"), tr("Title"), tr("Sample")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_retry);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(statusRow);
    layout->addWidget(m_table, 1);
    clear();
}

void OutputsPanel::setStatus(const QString &text, bool retry)
{
    m_status->setText(text);
    m_status->setAccessibleDescription(text);
    m_status->setVisible(!text.isEmpty());
    m_retry->setVisible(retry);
}

QString OutputsPanel::statusText() const
{
    return m_status->text();
}

void OutputsPanel::clear()
{
    m_table->setRowCount(0);
    setStatus(tr("Fill in the form, then open this tab to see what a run returns."), false);
}

void OutputsPanel::setLoading()
{
    setStatus(tr("Loading the outputs\u2026"), false);
}

void OutputsPanel::setFailed(const QString &message)
{
    setStatus(message, true);
}

void OutputsPanel::setOutputs(const QList<core::OutputField> &fields)
{
    m_table->setRowCount(int(fields.size()));
    for (int row = 0; row < fields.size(); ++row) {
        const core::OutputField &field = fields.at(row);
        m_table->setItem(row, 0, new QTableWidgetItem(field.id));
        m_table->setItem(row, 1, new QTableWidgetItem(field.title));
        auto *sample = new QTableWidgetItem(field.sample);
        sample->setToolTip(field.sample);
        m_table->setItem(row, 2, sample);
    }
    setStatus(fields.isEmpty() ? tr("This action returns no fields.")
                               : tr("What a run of this action returns, with sample values:"),
              false);
}

} // namespace ab::ui
