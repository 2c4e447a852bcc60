#pragma once

#include "core/field.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QVariant>

#include <functional>

class QLabel;
class QVBoxLayout;
class QVariantAnimation;

namespace ab::ui {

class FieldRow;

// What editor a field gets: decided from `format` first, then `value_type`
// (FieldEditorFactory::kindOf). Unknown formats and value types are edited as text.
enum class EditorKind {
    Text,
    Multiline,
    Code,
    Password,
    DateTime,
    Number,
    Integer,
    Boolean,
    Select,
    Array,
    Object,
    File,
    Readonly,
    Unknown,
};

// One input field of the dynamic form: its row (title with a required marker, the control,
// inline messages, help text) and the value the user edits. Editors know nothing about the
// FormSession; the FormView moves values between the two, so an editor can be reused when
// the form is rebuilt.
//
// value() is "raw": QString for everything typed as text (the view coerces it with
// FormSession::coerceText to the field's value_type), bool or invalid for BOOLEAN,
// QVariantList for ARRAY, QVariantMap for OBJECT, the choice id for SELECT.
class FieldEditor : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldEditor)

public:
    ~FieldEditor() override;

    // The whole row. It owns the editor: deleting the row deletes the editor.
    QWidget *widget() const;
    // The control that takes focus and carries the field's accessible name.
    QWidget *control() const { return m_focusTarget; }
    const core::FieldNode &field() const { return m_field; }
    QString fieldId() const { return m_field.id; }
    EditorKind kind() const { return m_kind; }

    // A new reply described the same field: refresh title, help text and placeholder.
    void setField(const core::FieldNode &field);
    // The row of a field a refetch removed becomes the row of one it added, of the same kind:
    // made again from `field`, without error, gate, tint or state of the old field's. The
    // value is the view's to set.
    void reuseFor(const core::FieldNode &field);

    virtual void setValue(const QVariant &value, const QString &label = {}) = 0;
    virtual QVariant value() const = 0;
    virtual QString label() const { return {}; } // a SELECT's chosen label
    // Turns what the user typed but did not confirm into a value (a SELECT's typed text);
    // emits editingFinished when that changed the value. Called before a run.
    virtual void finishEditing() {}

    void focus();
    void setError(const QString &text); // empty clears
    QString error() const { return m_error; }
    // Disabled with the reason shown under the title ("Choose Spreadsheet first").
    void setGated(bool gated, const QString &reason = {});
    bool isGated() const { return m_gated; }
    QString gateReason() const { return m_gateReason; }
    // A tint that stays until the user edits the field (added by the last change).
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }
    // A short tint that fades out (focusField).
    void flash();
    // Text of the small note under the control (unknown format, custom value); empty hides it.
    QString note() const { return m_noteText; }

    // The form's spacing unit: the style's layout spacing, at least a third of a line.
    static int layoutUnit(const QWidget *widget);
    // How a label showing Markdown help or a note is used: selectable and its links clickable,
    // and a Tab stop only when it has a link to reach (otherwise an extra stop for nothing).
    static Qt::TextInteractionFlags markdownInteraction(const QString &markdown);

Q_SIGNALS:
    void edited();          // the user changed the value (each keystroke)
    void editingFinished(); // the user is done: Enter, focus left, a pick from a list

protected:
    FieldEditor(const core::FieldNode &field, EditorKind kind, QWidget *parent);

    // Puts the control (possibly a composite) under the title; `focusTarget` gets focus, the
    // title as buddy and the accessible name.
    void setControl(QWidget *control, QWidget *focusTarget);
    // Called after setField(), once the control is set and on a language change: placeholders,
    // notes and other texts made from the field.
    virtual void applyField() {}
    // Sets the row's own texts again in the current language (title, accessible name and
    // description, applyField()). Called on QEvent::LanguageChange; editors with texts of
    // their own override it, call this first, and call it at the end of their constructor.
    virtual void retranslateUi();
    // Enables or disables the control; composites may keep parts readable.
    virtual void applyGated(bool gated);
    // Forgets what belonged to the old field when the row is reused (loaded choices, a
    // revealed password).
    virtual void resetState() {}
    // The placeholder: the field's own, and the default Zapier uses when nothing is sent.
    QString placeholderText() const;
    // "Title" or "Title, required", for accessible names of the control and its parts.
    QString accessibleTitle() const;
    void setNote(const QString &text);
    // Margins and spacing in layout units of the current style.
    static int spacing(const QWidget *widget) { return layoutUnit(widget); }

private:
    enum class Slot { Title, Gate, Control, Note, Error, Help };
    QLabel *ensureLabel(QPointer<QLabel> &label, Slot slot);
    void insertAt(Slot slot, QWidget *widget);
    void updateTitle();
    void updateHelp();
    void updateAccessibleName(); // the control's, from the field's title
    void updateAccessibleDescription();
    void setTint(qreal strength);

    core::FieldNode m_field;
    EditorKind m_kind;
    FieldRow *m_row;
    QVBoxLayout *m_layout;
    QLabel *m_title;
    QWidget *m_control = nullptr;
    QWidget *m_focusTarget = nullptr;
    QPointer<QLabel> m_help, m_errorLabel, m_gate, m_note;
    QMap<Slot, QWidget *> m_slots;
    QString m_error;
    QString m_gateReason;
    QString m_noteText;
    bool m_gated = false;
    bool m_highlighted = false;
    QVariantAnimation *m_flash = nullptr;
};

// Makes the editor for a field, keyed by EditorKind. The built-in editors are registered by
// the constructor; setCreator() replaces one (tests, or a richer editor later).
class FieldEditorFactory final {
public:
    using Creator = std::function<FieldEditor *(const core::FieldNode &field, QWidget *parent)>;

    FieldEditorFactory();

    static EditorKind kindOf(const core::FieldNode &field);
    void setCreator(EditorKind kind, Creator creator);
    FieldEditor *create(const core::FieldNode &field, QWidget *parent) const;

private:
    QMap<EditorKind, Creator> m_creators;
};

} // namespace ab::ui
