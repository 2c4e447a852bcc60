#pragma once

#include "runs/runrecord.h"

#include <QTreeWidget>

namespace ab::ui {

// A run's inputs: one row per field, titled from the form the run was made with, in the
// form's order (inputs the form did not list follow in key order). A SELECT shows the label
// that was picked with the id that was sent; a password field shows a mask. Copy value
// (Ctrl+C) puts the value as sent on the clipboard, Copy field id (Ctrl+Shift+C) the key that
// `--set` and the API take; both are in the context menu. A password field's value is never
// copied (a clipboard manager would keep it).
class RunDetailInputs final : public QTreeWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunDetailInputs)

public:
    // What a copy did.
    enum class Copied { Value, FieldId, SecretNotCopied };
    Q_ENUM(Copied)

    explicit RunDetailInputs(QWidget *parent = nullptr);

    // The brief confirmation of a copy ("Copied the value of Title"); `field` is its title.
    static QString copiedText(Copied what, const QString &field);

    // Shows `run`'s inputs, keeping the current row and the scroll position when the run is
    // the one shown (a live refresh).
    void setRun(const runs::RunRecord &run);

    // The field id of a row, and the text Copy value puts on the clipboard ({} for a secret).
    QString fieldIdAt(int row) const;
    QString valueTextAt(int row) const;

    void copyValue();
    void copyFieldId();

Q_SIGNALS:
    // After a copy (or a refused one), for a brief confirmation (see copiedText()).
    void copied(ab::ui::RunDetailInputs::Copied what, const QString &field);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fill();
    void showContextMenu(const QPoint &pos);
    QString titleAt(int row) const;

    QStringList m_secrets;
    QVariantMap m_inputs;
    QVariantMap m_labels;
    QByteArray m_fieldsJson;
};

} // namespace ab::ui
