#include "panes/storedrundialog.h"

#include "core/field.h"
#include "models/storedactionsmodel.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ab::ui {

namespace {

// The text a stored value shows in the table; lists and objects are not editable as text.
QString valueText(const QVariant &value, bool *editable)
{
    const int type = value.typeId();
    *editable = type != QMetaType::QVariantList && type != QMetaType::QVariantMap &&
                type != QMetaType::QStringList;
    if (*editable)
        return value.toString();
    return models::StoredActionsModel::inputsSummary({{QStringLiteral("x"), value}}).mid(2);
}

// A SELECT row reads "Sales 2026 (sheet_sales_2026)" while it holds the value it was saved
// with; its editor and what is sent stay the id.
constexpr int StoredTextRole = Qt::UserRole + 1;   // the row's text as saved
constexpr int LabelledTextRole = Qt::UserRole + 2; // that text with the choice's label

QString shownText(const QModelIndex &index)
{
    const QString text = index.data(Qt::DisplayRole).toString();
    const QString labelled = index.data(LabelledTextRole).toString();
    return !labelled.isEmpty() && text == index.data(StoredTextRole).toString() ? labelled : text;
}

class ChoiceLabelDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = shownText(index);
    }
};

QVariant typedLike(const QString &text, const QVariant &original)
{
    bool ok = false;
    switch (original.typeId()) {
    case QMetaType::Bool:
        if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return true;
        if (text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return false;
        break;
    case QMetaType::LongLong:
    case QMetaType::Int: {
        const qint64 number = text.toLongLong(&ok);
        if (ok)
            return number;
        break;
    }
    case QMetaType::Double: {
        const double number = text.toDouble(&ok);
        if (ok)
            return number;
        break;
    }
    default:
        break;
    }
    return text;
}

} // namespace

StoredRunDialog::StoredRunDialog(const core::StoredAction &action,
                                 const core::StoredActionNames &names, QWidget *parent)
    : QDialog(parent)
    , m_action(action)
    , m_names(names)
    , m_summary(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(this))
    , m_remove(new QPushButton(this))
{
    auto *layout = new QVBoxLayout(this);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setBuddy(m_table);
    layout->addWidget(m_summary);
    layout->addWidget(m_hint);

    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setTabKeyNavigation(false);
    m_table->setItemDelegateForColumn(1, new ChoiceLabelDelegate(m_table));
    for (auto it = action.inputs.cbegin(); it != action.inputs.cend(); ++it) {
        bool editable = true;
        const bool secret = names.secretInputs.contains(it.key());
        const QString text = secret ? core::secretInputMask() : valueText(it.value(), &editable);
        editable = editable && !secret;
        addRow(it.key(), text);
        // A stored input's key stays as saved; it reads as the form's title when that is known.
        QTableWidgetItem *keyItem = m_table->item(m_table->rowCount() - 1, 0);
        keyItem->setData(Qt::UserRole, it.key());
        keyItem->setText(names.inputTitles.value(it.key(), it.key()));
        keyItem->setToolTip(it.key());
        keyItem->setFlags(keyItem->flags() & ~Qt::ItemIsEditable);
        QTableWidgetItem *item = m_table->item(m_table->rowCount() - 1, 1);
        if (!editable) {
            // Structured values stay as stored; a text row cannot express them faithfully.
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        } else if (const QString label = names.inputLabels.value(it.key());
                   !label.isEmpty() && label != text) {
            item->setData(StoredTextRole, text); // the label is added by retranslateUi()
        }
    }
    layout->addWidget(m_table, 1);

    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(m_add);
    rowButtons->addWidget(m_remove);
    rowButtons->addStretch(1);
    layout->addLayout(rowButtons);
    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow(QString(), QString());
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->currentItem());
    });
    connect(m_remove, &QPushButton::clicked, this, &StoredRunDialog::removeCurrentRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_run = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_run->setDefault(true);
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    retranslateUi();
    fitToInputs();
}

void StoredRunDialog::fitToInputs()
{
    // Large enough to show every input and its whole value without scrolling, as far as two
    // thirds of the screen's height and three quarters of its width allow; a stored action with
    // few short inputs keeps the usual size.
    const int frame = 2 * m_table->frameWidth();
    const int tableHeight = m_table->horizontalHeader()->sizeHint().height() +
                            m_table->verticalHeader()->length() + frame;
    const QAbstractItemView *view = m_table; // QTableView hides the column hint
    const int tableWidth = view->sizeHintForColumn(0) + view->sizeHintForColumn(1) + frame +
                           m_table->verticalScrollBar()->sizeHint().width();
    const QSize wanted(sizeHint().width() - m_table->sizeHint().width() + tableWidth,
                       sizeHint().height() - m_table->sizeHint().height() + tableHeight);
    const QScreen *screen = parentWidget() ? parentWidget()->screen() : this->screen();
    const QSize most = screen ? QSize(screen->availableGeometry().width() * 3 / 4,
                                      screen->availableGeometry().height() * 2 / 3)
                              : wanted;
    const QSize least(fontMetrics().averageCharWidth() * 70, fontMetrics().height() * 22);
    resize(least.expandedTo(wanted.boundedTo(most)));
}

void StoredRunDialog::retranslateUi()
{
    setWindowTitle(tr("Run stored action"));
    setAccessibleName(tr("Run stored action"));
    //: %1 is an action's title (or key), %2 its type, %3 the app it belongs to.
    m_summary->setText(
        tr("<b>%1</b> (%2) of %3")
            .arg((m_names.actionTitle.isEmpty() ? m_action.actionKey : m_names.actionTitle)
                     .toHtmlEscaped(),
                 m_action.actionType.toHtmlEscaped(),
                 (m_names.appTitle.isEmpty() ? m_action.selectedApi : m_names.appTitle)
                     .toHtmlEscaped()));
    m_summary->setAccessibleName(tr("Stored action"));
    m_summary->setAccessibleDescription(m_summary->text());
    m_hint->setText(tr("Edit a value to override it for this run; unchanged rows use "
                       "the stored value."));
    m_table->setHorizontalHeaderLabels({tr("Input"), tr("Value")});
    m_table->setAccessibleName(tr("Inputs"));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *item = m_table->item(row, 1);
        if (item && item->data(StoredTextRole).isValid()) {
            //: A saved choice: %1 is its label, %2 the id that is sent.
            const QString label = m_names.inputLabels.value(keyOf(row));
            const QString stored = item->data(StoredTextRole).toString();
            item->setData(LabelledTextRole, tr("%1 (%2)").arg(label, stored));
            item->setToolTip(tr("The choice saved: %1. Its id, %2, is what is sent; type "
                                "another id to change it.")
                                 .arg(label, stored));
        }
        // Only password fields and structured values are read-only (see the constructor).
        if (!item || (item->flags() & Qt::ItemIsEditable))
            continue;
        item->setToolTip(m_names.secretInputs.contains(keyOf(row))
                             ? tr("A password field: sent as stored, and never shown.")
                             : tr("Lists and objects are sent as stored."));
    }
    m_add->setText(tr("&Add input"));
    m_add->setAccessibleName(tr("Add input"));
    m_remove->setText(tr("Re&move input"));
    m_remove->setAccessibleName(tr("Remove input"));
    m_run->setText(tr("&Run"));
    m_run->setAccessibleName(tr("Run"));
    m_cancel->setAccessibleName(tr("Cancel"));
}

void StoredRunDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void StoredRunDialog::addRow(const QString &key, const QString &value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
}

void StoredRunDialog::removeCurrentRow()
{
    const int row = m_table->currentRow();
    if (row >= 0)
        m_table->removeRow(row);
}

QString StoredRunDialog::keyOf(int row) const
{
    const QTableWidgetItem *item = m_table->item(row, 0);
    if (!item)
        return {};
    const QVariant stored = item->data(Qt::UserRole);
    return stored.isValid() ? stored.toString() : item->text().trimmed();
}

void StoredRunDialog::setInput(const QString &key, const QString &value)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (keyOf(row) == key) {
            m_table->item(row, 1)->setText(value);
            return;
        }
    }
    addRow(key, value);
}

QString StoredRunDialog::valueShown(int row) const
{
    const QTableWidgetItem *item = m_table->item(row, 1);
    return item ? shownText(m_table->model()->index(row, 1)) : QString();
}

QVariantMap StoredRunDialog::overrides() const
{
    QVariantMap result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *valueItem = m_table->item(row, 1);
        const QString key = keyOf(row);
        if (key.isEmpty() || !valueItem || !(valueItem->flags() & Qt::ItemIsEditable))
            continue;
        const QString text = valueItem->text();
        const auto stored = m_action.inputs.constFind(key);
        if (stored != m_action.inputs.cend() && stored->toString() == text)
            continue;
        result.insert(key,
                      stored != m_action.inputs.cend() ? typedLike(text, *stored) : QVariant(text));
    }
    return result;
}

} // namespace ab::ui
