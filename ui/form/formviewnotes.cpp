#include "form/formview.h"

#include "form/formmessages.h"
#include "form/formsession.h"

#include <QAccessible>
#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

// FormView, part three: the note about what changed (and its Undo), and where the keyboard goes.
namespace ab::ui {

using form::FormDiff;

// --- The note and its Undo

void FormView::showChangeNote(const FormDiff &diff)
{
    QStringList added, removed;
    for (const QString &id : diff.added)
        added.append(diff.titles.value(id, id));
    for (const QString &id : diff.removed)
        removed.append(diff.titles.value(id, id));
    if (added.isEmpty() && removed.isEmpty())
        return; // nothing came or went: keep whatever note is up
    m_addedTitles = added;
    m_removedTitles = removed;
    updateChangeNote();
    m_note->show();
    // Screen readers announce the change without the user having to find the note.
    QAccessibleEvent event(m_noteText, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&event);
}

void FormView::clearForm()
{
    commitPendingEdits();
    if (m_session->values().isEmpty())
        return;
    m_replaced = Replaced{Replaced::By::Clear, m_session->actionKey(), m_session->values(),
                          m_session->valueLabels()};
    clearErrors();
    m_validationShown = false;
    m_session->restore(QVariantMap());
    showUndoNote();
}

void FormView::offerUndoRestore(const QVariantMap &values, const QMap<QString, QString> &labels)
{
    if (values.isEmpty())
        return;
    m_replaced = Replaced{Replaced::By::Restore, m_session->actionKey(), values, labels,
                          !m_session->isLoaded()};
    showUndoNote();
}

void FormView::showUndoNote()
{
    m_addedTitles.clear();
    m_removedTitles.clear();
    updateChangeNote();
    updateUndoName();
    m_undo->show();
    m_note->show();
    QAccessibleEvent event(m_noteText, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&event);
}

void FormView::updateUndoName()
{
    m_undo->setAccessibleName(m_replaced && m_replaced->by == Replaced::By::Restore
                                  ? tr("Undo restoring the run's values")
                                  : tr("Undo clearing the form"));
}

void FormView::undo()
{
    const std::optional<Replaced> replaced = std::exchange(m_replaced, std::nullopt);
    m_undo->hide();
    m_note->hide();
    if (replaced && replaced->actionKey == m_session->actionKey())
        m_session->restore(replaced->values, replaced->labels);
}

void FormView::dropUndo()
{
    if (!m_replaced)
        return;
    m_replaced.reset();
    m_undo->hide();
    if (m_addedTitles.isEmpty() && m_removedTitles.isEmpty())
        m_note->hide();
    else
        updateChangeNote();
}

void FormView::updateChangeNote()
{
    const QString changes = FormMessages::formChanged(m_addedTitles, m_removedTitles);
    QString text = changes;
    if (m_replaced && m_replaced->by == Replaced::By::Clear)
        text = FormMessages::formCleared(changes);
    else if (m_replaced)
        text = FormMessages::formRestored(changes);
    m_noteText->setText(text);
    m_noteText->setAccessibleName(text);
    m_note->setAccessibleDescription(text);
}

QString FormView::changeNote() const
{
    return m_note->isHidden() ? QString() : m_noteText->text();
}

// --- Navigation

void FormView::focusField(const QString &fieldId)
{
    if (FieldEditor *editor = m_editors.value(fieldId)) {
        revealAndFocus(editor);
        editor->flash();
    }
}

void FormView::revealAndFocus(FieldEditor *editor)
{
    m_tabs->setCurrentIndex(0);
    m_contentLayout->activate();
    const int margin = fontMetrics().height() * 2;
    m_scroll->ensureWidgetVisible(editor->widget(), margin, margin);
    editor->focus();
}

QString FormView::fieldIdFromSourcePointer(const QString &pointer)
{
    // JSON pointer: "/data/inputs/<id>", with "~1" for '/' and "~0" for '~' inside the id.
    const QStringList parts = pointer.split(QLatin1Char('/'));
    const qsizetype inputs = parts.indexOf(QStringLiteral("inputs"));
    if (inputs < 0 || inputs + 1 >= parts.size())
        return {};
    QString id = parts.at(inputs + 1);
    id.replace(QLatin1String("~1"), QLatin1String("/"));
    id.replace(QLatin1String("~0"), QLatin1String("~"));
    return id;
}

void FormView::focusFirstField(const QString &actionKey)
{
    m_focusFirst = FocusRequest{actionKey, QApplication::focusWidget()};
    focusFirstFieldIfReady(false);
}

void FormView::focusFirstFieldIfReady(bool formStarted)
{
    if (!m_focusFirst || !m_session->isLoaded())
        return;
    if (m_session->actionKey() != m_focusFirst->actionKey) {
        if (formStarted)
            m_focusFirst.reset(); // another action's form came first: the user moved on
        return;
    }
    const FocusRequest request = *std::exchange(m_focusFirst, std::nullopt);
    if (QApplication::focusWidget() != request.from)
        return; // the user went somewhere else meanwhile
    for (const core::FieldNode *field : core::flattenInputs(m_session->fields())) {
        FieldEditor *editor = m_editors.value(field->id);
        if (editor && editor->kind() != EditorKind::Readonly && !editor->isGated() &&
            editor->widget()->isEnabled()) {
            revealAndFocus(editor);
            return;
        }
    }
    m_tabs->setCurrentIndex(0);
    m_run->setFocus(Qt::OtherFocusReason); // nothing to fill in: the next step is Run
}

} // namespace ab::ui
