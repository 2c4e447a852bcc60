#pragma once

#include "form/fieldeditor.h"

#include <QPlainTextEdit>
#include <QPointer>

class QComboBox;
class QFileDialog;
class QLabel;
class QLineEdit;
class QToolButton;

namespace ab::ui {

// A plain-text edit that grows with its text between a few lines and a cap, so short notes
// stay compact and long ones don't need a scroll bar inside the scrolling form.
class GrowingTextEdit final : public QPlainTextEdit {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GrowingTextEdit)

public:
    explicit GrowingTextEdit(int minimumLines, int maximumLines, QWidget *parent = nullptr);
    // Tab inserts this many spaces (code); 0 keeps Tab for moving focus.
    void setTabSpaces(int spaces) { m_tabSpaces = spaces; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void focusLost();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    int heightForLines(int lines) const;
    void updateHeight();

    int m_minimumLines;
    int m_maximumLines;
    int m_tabSpaces = 0;
    int m_lines = 0;
};

// Single-line text: STRING fields, NUMBER (C-locale double validation), INTEGER (digits
// only) and anything of an unknown format or value type (with a note saying so).
class LineEditor final : public FieldEditor {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineEditor)

public:
    LineEditor(const core::FieldNode &field, EditorKind kind, QWidget *parent);
    void setValue(const QVariant &value, const QString &label = {}) override;
    QVariant value() const override;
    QLineEdit *lineEdit() const { return m_edit; }

protected:
    void applyField() override;

private:
    QLineEdit *m_edit;
};

// MULTILINE (wrapping, grows) and CODE (monospace, no wrapping, Tab inserts spaces).
class TextBlockEditor final : public FieldEditor {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextBlockEditor)

public:
    TextBlockEditor(const core::FieldNode &field, EditorKind kind, QWidget *parent);
    void setValue(const QVariant &value, const QString &label = {}) override;
    QVariant value() const override;
    GrowingTextEdit *textEdit() const { return m_edit; }

protected:
    void applyField() override;
    void retranslateUi() override;

private:
    GrowingTextEdit *m_edit;
    bool m_updating = false;
};

// PASSWORD: masked, with a Show/Hide toggle.
class PasswordEditor final : public FieldEditor {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordEditor)

public:
    PasswordEditor(const core::FieldNode &field, QWidget *parent);
    void setValue(const QVariant &value, const QString &label = {}) override;
    QVariant value() const override;
    QLineEdit *lineEdit() const { return m_edit; }
    QToolButton *revealButton() const { return m_reveal; }

protected:
    void applyField() override;
    void applyGated(bool gated) override;
    void retranslateUi() override;
    void resetState() override;

private:
    void updateReveal();

    QLineEdit *m_edit;
    QToolButton *m_reveal;
};

// FILE: a path (or URL) with a non-modal "Browse…" file dialog.
class FileEditor final : public FieldEditor {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileEditor)

public:
    FileEditor(const core::FieldNode &field, QWidget *parent);
    void setValue(const QVariant &value, const QString &label = {}) override;
    QVariant value() const override;
    QLineEdit *lineEdit() const { return m_edit; }
    QToolButton *browseButton() const { return m_browse; }

protected:
    void applyField() override;
    void retranslateUi() override;

private:
    void browse();
    QString dialogTitle() const;

    QLineEdit *m_edit;
    QToolButton *m_browse;
    QPointer<QFileDialog> m_dialog;
};

// READONLY: the value (or the default) as selectable text; never edited.
class ReadonlyEditor final : public FieldEditor {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadonlyEditor)

public:
    ReadonlyEditor(const core::FieldNode &field, QWidget *parent);
    void setValue(const QVariant &value, const QString &label = {}) override;
    QVariant value() const override { return m_value; }

protected:
    void applyField() override;

private:
    void showValue();

    QLabel *m_text;
    QVariant m_value;
    QString m_label;
};

// BOOLEAN: three states, because "not set" means the server's default, not "No".
class BooleanEditor final : public FieldEditor {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BooleanEditor)

public:
    BooleanEditor(const core::FieldNode &field, QWidget *parent);
    void setValue(const QVariant &value, const QString &label = {}) override;
    QVariant value() const override;
    QComboBox *comboBox() const { return m_combo; }

protected:
    void applyField() override;
    void retranslateUi() override;

private:
    QComboBox *m_combo;
};

} // namespace ab::ui
