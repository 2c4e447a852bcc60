#include "form/collectioneditors.h"

#include "form/formvaluetext.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace ab::ui {

RowListEditor::RowListEditor(const core::FieldNode &field, EditorKind kind, QWidget *parent)
    : FieldEditor(field, kind, parent)
    , m_box(new QWidget(widget()))
    , m_rowsLayout(new QVBoxLayout)
    , m_add(new QPushButton(m_box))
{
    Q_ASSERT(kind == EditorKind::Array || kind == EditorKind::Object);
    auto *layout = new QVBoxLayout(m_box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rowsLayout);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow();
        m_rows.last().key ? m_rows.last().key->setFocus() : m_rows.last().value->setFocus();
    });
    appendRow();
    setControl(m_box, isObject() ? m_rows.first().key : m_rows.first().value);
    retranslateUi();
}

void RowListEditor::retranslateUi()
{
    FieldEditor::retranslateUi(); // the rows' texts too: applyField()
    m_add->setText(isObject() ? tr("Add entry") : tr("Add item"));
}

RowListEditor::Row &RowListEditor::appendRow()
{
    Row row;
    row.widget = new QWidget(m_box);
    auto *layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    if (isObject()) {
        row.key = new QLineEdit(row.widget);
        layout->addWidget(row.key, 2);
        connect(row.key, &QLineEdit::textEdited, this, &FieldEditor::edited);
        connect(row.key, &QLineEdit::editingFinished, this, &FieldEditor::editingFinished);
    }
    row.value = new QLineEdit(row.widget);
    layout->addWidget(row.value, 3);
    row.remove = new QToolButton(row.widget);
    layout->addWidget(row.remove);
    connect(row.value, &QLineEdit::textEdited, this, &FieldEditor::edited);
    connect(row.value, &QLineEdit::editingFinished, this, &FieldEditor::editingFinished);
    // Enter on the last filled item opens the next one, for quick list entry.
    connect(row.value, &QLineEdit::returnPressed, this, [this] {
        const int index = rowOf(sender());
        if (index == rowCount() - 1 && !m_rows.at(index).value->text().trimmed().isEmpty()) {
            addRow();
            m_rows.last().key ? m_rows.last().key->setFocus() : m_rows.last().value->setFocus();
        }
    });
    connect(row.remove, &QToolButton::clicked, this, [this] { removeRow(rowOf(sender())); });
    row.widget->setEnabled(!isGated());
    m_rowsLayout->addWidget(row.widget);
    m_rows.append(row);
    return m_rows.last();
}

int RowListEditor::rowOf(const QObject *sender) const
{
    for (int i = 0; i < rowCount(); ++i) {
        const Row &row = m_rows.at(i);
        if (sender == row.key || sender == row.value || sender == row.remove)
            return i;
    }
    return -1;
}

void RowListEditor::updateRowTexts()
{
    const QString title = field().title.isEmpty() ? field().id : field().title;
    for (int i = 0; i < rowCount(); ++i) {
        const Row &row = m_rows.at(i);
        row.remove->setText(tr("Remove"));
        if (isObject()) {
            row.key->setPlaceholderText(tr("Key"));
            row.key->setAccessibleName(i == 0 ? accessibleTitle()
                                              : tr("%1, key %2").arg(title).arg(i + 1));
            row.value->setAccessibleName(tr("%1, value %2").arg(title).arg(i + 1));
        } else {
            row.value->setAccessibleName(i == 0 ? accessibleTitle()
                                                : tr("%1, item %2").arg(title).arg(i + 1));
        }
        row.remove->setAccessibleName(isObject() ? tr("Remove entry %1").arg(i + 1)
                                                 : tr("Remove item %1").arg(i + 1));
    }
    m_add->setAccessibleName(isObject() ? tr("Add an entry to %1").arg(title)
                                        : tr("Add an item to %1").arg(title));
}

void RowListEditor::applyField()
{
    if (!m_rows.isEmpty()) {
        const QString placeholder = placeholderText();
        m_rows.first().value->setPlaceholderText(placeholder.isEmpty() && isObject() ? tr("Value")
                                                                                     : placeholder);
    }
    updateRowTexts();
}

void RowListEditor::applyGated(bool gated)
{
    m_box->setEnabled(!gated);
}

void RowListEditor::addRow()
{
    appendRow();
    updateRowTexts();
}

void RowListEditor::removeRow(int index)
{
    if (index < 0 || index >= rowCount())
        return;
    // Shift the texts up and drop the last row, so the first row's widgets stay in place.
    for (int i = index; i + 1 < rowCount(); ++i) {
        m_rows[i].value->setText(m_rows.at(i + 1).value->text());
        if (isObject())
            m_rows[i].key->setText(m_rows.at(i + 1).key->text());
    }
    if (rowCount() > 1) {
        Row last = m_rows.takeLast();
        m_rowsLayout->removeWidget(last.widget);
        last.widget->hide();
        last.widget->deleteLater();
    } else {
        m_rows.first().value->clear();
        if (isObject())
            m_rows.first().key->clear();
    }
    updateRowTexts();
    const Row &focusRow = m_rows.at(qMin(index, rowCount() - 1));
    (focusRow.key ? focusRow.key : focusRow.value)->setFocus();
    Q_EMIT edited();
    Q_EMIT editingFinished();
}

void RowListEditor::setRowCount(int count)
{
    count = qMax(1, count);
    while (rowCount() < count)
        appendRow();
    while (rowCount() > count) {
        Row last = m_rows.takeLast();
        m_rowsLayout->removeWidget(last.widget);
        delete last.widget;
    }
}

void RowListEditor::setValue(const QVariant &value, const QString &)
{
    if (sameFormValue(value, this->value()))
        return;
    if (isObject()) {
        const QVariantMap map = value.toMap();
        setRowCount(int(map.size()));
        int i = 0;
        for (auto it = map.cbegin(); it != map.cend(); ++it, ++i) {
            m_rows[i].key->setText(it.key());
            m_rows[i].value->setText(valueToText(it.value()));
        }
        if (map.isEmpty()) {
            m_rows.first().key->clear();
            m_rows.first().value->clear();
        }
    } else {
        const QVariantList items = value.toList();
        setRowCount(int(items.size()));
        for (int i = 0; i < items.size(); ++i)
            m_rows[i].value->setText(valueToText(items.at(i)));
        if (items.isEmpty())
            m_rows.first().value->clear();
    }
    updateRowTexts();
}

QVariant RowListEditor::value() const
{
    if (!isObject()) {
        QVariantList items;
        for (const Row &row : m_rows) {
            if (!row.value->text().trimmed().isEmpty())
                items.append(row.value->text());
        }
        return items;
    }
    QVariantMap map;
    QStringList keyless;
    for (const Row &row : m_rows) {
        const QString key = row.key->text().trimmed();
        if (key.isEmpty()) {
            if (!row.value->text().trimmed().isEmpty())
                keyless.append(QLatin1Char('=') + row.value->text());
            continue;
        }
        map.insert(key, row.value->text());
    }
    if (!keyless.isEmpty())
        return keyless.join(QLatin1Char('\n'));
    return map;
}

} // namespace ab::ui
