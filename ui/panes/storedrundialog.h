#pragma once

#include "core/storedaction.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ab::ui {

// Runs a stored action with some inputs overridden: one editable row per input (prefilled with
// the stored values), rows can be added and removed. Only rows that differ from the stored
// action are sent, as the Actions API merges them over the stored inputs. Opened with open(),
// never exec(): the caller listens to accepted().
class StoredRunDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoredRunDialog)

public:
    StoredRunDialog(const core::StoredAction &action, const core::StoredActionNames &names = {},
                    QWidget *parent = nullptr);

    const core::StoredAction &storedAction() const { return m_action; }
    // The inputs to send: changed or added rows. Text that reads as the stored value's type
    // (a number, true/false) keeps that type.
    QVariantMap overrides() const;
    QTableWidget *table() const { return m_table; }
    void setInput(const QString &key, const QString &value); // for tests and callers
    // The input key of a row: the stored key (whatever title it shows), or what was typed.
    QString keyOf(int row) const;
    // The value a row shows: its text, or for a SELECT still holding the value it was saved
    // with, the choice's label with that id.
    QString valueShown(int row) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void addRow(const QString &key, const QString &value);
    void removeCurrentRow();
    void fitToInputs();

    core::StoredAction m_action;
    core::StoredActionNames m_names;
    QLabel *m_summary;
    QLabel *m_hint;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_run;
    QPushButton *m_cancel;
};

} // namespace ab::ui
