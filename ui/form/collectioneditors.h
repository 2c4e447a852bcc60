#pragma once

#include "form/fieldeditor.h"

#include <QList>

class QLineEdit;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace ab::ui {

// ARRAY (one line edit per item) and OBJECT (key and value per entry): rows with Remove
// buttons and an "Add" button. There is always at least one row, so the field never looks
// like it has nowhere to type. Rows keep their widgets in order (removing shifts the texts
// up), so the first row stays the editor's focus target.
class RowListEditor final : public FieldEditor {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RowListEditor)

public:
    // kind is EditorKind::Array or EditorKind::Object.
    RowListEditor(const core::FieldNode &field, EditorKind kind, QWidget *parent);

    void setValue(const QVariant &value, const QString &label = {}) override;
    // ARRAY: QVariantList of the non-blank items. OBJECT: QVariantMap; a value without a key
    // comes back as "=value" text, which the form's coercion reports as not an object.
    QVariant value() const override;

    int rowCount() const { return int(m_rows.size()); }
    QLineEdit *keyEdit(int row) const { return m_rows.at(row).key; }
    QLineEdit *valueEdit(int row) const { return m_rows.at(row).value; }
    QToolButton *removeButton(int row) const { return m_rows.at(row).remove; }
    QPushButton *addButton() const { return m_add; }
    void addRow();
    void removeRow(int row);

protected:
    void applyField() override;
    void applyGated(bool gated) override;
    void retranslateUi() override;

private:
    struct Row {
        QWidget *widget = nullptr;
        QLineEdit *key = nullptr; // OBJECT only
        QLineEdit *value = nullptr;
        QToolButton *remove = nullptr;
    };

    bool isObject() const { return kind() == EditorKind::Object; }
    Row &appendRow();
    void setRowCount(int count);
    // The rows' placeholders, Remove buttons and accessible names, which number the rows.
    void updateRowTexts();
    int rowOf(const QObject *sender) const;

    QWidget *m_box;
    QVBoxLayout *m_rowsLayout;
    QPushButton *m_add;
    QList<Row> m_rows;
};

} // namespace ab::ui
