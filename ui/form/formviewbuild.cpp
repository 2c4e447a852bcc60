#include "form/formview.h"

#include "form/formsession.h"
#include "form/selecteditor.h"
#include "form/wraplabel.h"

#include <QApplication>
#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

// FormView, part two: turning the session's field tree into widgets, reusing what survives.
namespace ab::ui {

using core::FieldNode;

namespace {

// Whether a reply described the field differently, so its editor needs setField().
bool sameAppearance(const FieldNode &a, const FieldNode &b)
{
    return a.title == b.title && a.description == b.description &&
           a.defaultValue == b.defaultValue && a.placeholder == b.placeholder &&
           a.isRequired == b.isRequired && a.dependsOn == b.dependsOn &&
           a.invalidatesInputFields == b.invalidatesInputFields && a.formatRaw == b.formatRaw &&
           a.valueTypeRaw == b.valueTypeRaw;
}

// Tab stops in visual (layout) order; a control that takes Tab focus is one stop, its inner
// parts (a combo's line edit, a text edit's viewport) are not.
void collectFocusChain(QWidget *widget, QList<QWidget *> &chain);
void collectLayout(QLayout *layout, QList<QWidget *> &chain)
{
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem *item = layout->itemAt(i);
        if (QWidget *child = item->widget())
            collectFocusChain(child, chain);
        else if (QLayout *inner = item->layout())
            collectLayout(inner, chain);
    }
}
void collectFocusChain(QWidget *widget, QList<QWidget *> &chain)
{
    if (widget->isHidden())
        return;
    if ((widget->focusPolicy() & Qt::TabFocus) && !widget->focusProxy()) {
        chain.append(widget);
        return;
    }
    if (QLayout *layout = widget->layout())
        collectLayout(layout, chain);
}

} // namespace

// --- Building

void FormView::rebuild()
{
    // The field being edited keeps its place on screen while rows come and go above it.
    FieldEditor *anchor = nullptr;
    for (QWidget *focus = QApplication::focusWidget(); focus && focus != m_content;
         focus = focus->parentWidget()) {
        if (auto *owner = focus->findChild<FieldEditor *>(QString(), Qt::FindDirectChildrenOnly);
            owner && owner->widget() == focus) {
            anchor = owner;
            break;
        }
    }
    const QString anchorId = anchor ? anchor->fieldId() : QString();
    const int anchorY = anchor ? anchor->widget()->mapTo(m_scroll->viewport(), QPoint()).y() : 0;
    QWidget *focused = anchor ? QApplication::focusWidget() : nullptr;

    m_content->setUpdatesEnabled(false);
    QHash<QString, FieldEditor *> unusedEditors;
    unusedEditors.swap(m_editors);
    QHash<QString, QWidget *> unusedOthers;
    unusedOthers.swap(m_others);
    m_order.clear();
    m_dependedOn.clear();
    bool orderChanged = false;
    buildNodes(m_session->fields(), m_content, m_contentLayout, unusedOthers, unusedEditors,
               orderChanged);
    for (FieldEditor *gone : std::as_const(unusedEditors)) {
        dropEditor(gone);
        orderChanged = true;
    }
    for (QWidget *gone : std::as_const(unusedOthers))
        delete gone;
    for (FieldEditor *editor : std::as_const(m_editors))
        syncEditor(editor);
    updateGates();
    if (orderChanged)
        fixTabOrder();
    updatePlaceholder();
    m_contentLayout->activate();
    m_content->setUpdatesEnabled(true);

    if (anchor && m_editors.value(anchorId) == anchor) {
        const int y = anchor->widget()->mapTo(m_content, QPoint()).y();
        m_scroll->verticalScrollBar()->setValue(y - anchorY);
        if (focused && !focused->hasFocus() && focused->isVisible())
            focused->setFocus(Qt::OtherFocusReason);
    }
}

void FormView::buildNodes(const QList<FieldNode> &nodes, QWidget *container, QVBoxLayout *layout,
                          QHash<QString, QWidget *> &unusedOthers,
                          QHash<QString, FieldEditor *> &unusedEditors, bool &orderChanged)
{
    QList<QWidget *> wanted;
    wanted.reserve(nodes.size());
    int index = 0;
    for (const FieldNode &node : nodes) {
        ++index;
        switch (node.kind) {
        case FieldNode::Kind::Input: {
            if (m_editors.contains(node.id))
                continue; // a malformed tree repeats an id: one editor per value
            FieldEditor *editor = takeOrCreateEditor(node, container, unusedEditors);
            m_editors.insert(node.id, editor);
            m_order.append(node.id);
            for (const QString &dependency : node.dependsOn)
                m_dependedOn.insert(dependency);
            wanted.append(editor->widget());
            break;
        }
        case FieldNode::Kind::Info: {
            const QString key = QStringLiteral("info:%1#%2").arg(node.id).arg(index);
            QWidget *box = unusedOthers.take(key);
            QLabel *note = box ? box->findChild<QLabel *>() : nullptr;
            if (!note) {
                // Inside a box with the rows' margins, so the note lines up with the fields.
                box = new QWidget(container);
                auto *boxLayout = new QVBoxLayout(box);
                const int unit = FieldEditor::layoutUnit(box);
                boxLayout->setContentsMargins(unit, unit * 2 / 3, unit, unit * 2 / 3);
                note = new WrapLabel(box);
                boxLayout->addWidget(note);
                note->setTextFormat(Qt::MarkdownText);
                note->setWordWrap(true);
                note->setOpenExternalLinks(true);
                note->setTextInteractionFlags(Qt::TextBrowserInteraction);
                note->setFrameShape(QFrame::StyledPanel);
                note->setBackgroundRole(QPalette::AlternateBase);
                note->setAutoFillBackground(true);
                note->setMargin(fontMetrics().height() / 2);
                note->setAccessibleName(tr("Note"));
            }
            const QString text =
                node.title.isEmpty()
                    ? node.description
                    : QStringLiteral("**%1**\n\n%2").arg(node.title, node.description);
            if (note->text() != text) {
                note->setText(text);
                note->setAccessibleDescription(node.description);
            }
            m_others.insert(key, box);
            wanted.append(box);
            break;
        }
        case FieldNode::Kind::Fieldset: {
            const QString key = QStringLiteral("set:%1#%2").arg(node.id).arg(index);
            auto *box = qobject_cast<QGroupBox *>(unusedOthers.take(key));
            if (!box) {
                box = new QGroupBox(container);
                new QVBoxLayout(box);
            }
            const QString title = node.title.isEmpty() ? node.id : node.title;
            if (box->title() != title) {
                box->setTitle(title);
                box->setAccessibleName(title);
            }
            m_others.insert(key, box);
            buildNodes(node.children, box, static_cast<QVBoxLayout *>(box->layout()), unusedOthers,
                       unusedEditors, orderChanged);
            wanted.append(box);
            break;
        }
        }
    }
    // The fewest layout edits: a layout item that stays keeps its cached height-for-width,
    // and recomputing that for hundreds of word-wrapped labels is what makes a rebuild slow.
    const QSet<QWidget *> keep(wanted.cbegin(), wanted.cend());
    for (int i = layout->count() - 1; i >= 0; --i) {
        if (!keep.contains(layout->itemAt(i)->widget())) {
            delete layout->takeAt(i);
            orderChanged = true;
        }
    }
    for (int i = 0; i < wanted.size(); ++i) {
        QWidget *widget = wanted.at(i);
        if (i < layout->count() && layout->itemAt(i)->widget() == widget)
            continue;
        orderChanged = true;
        const int at = layout->indexOf(widget);
        if (at >= 0)
            delete layout->takeAt(at); // moved: rare (a field changed places)
        layout->insertWidget(i, widget);
        // A row added to a visible form is only scheduled to show; show it now so the layout
        // activated at the end of rebuild() counts it and the scroll area grows to fit it.
        if (widget->isHidden() && !widget->testAttribute(Qt::WA_WState_ExplicitShowHide))
            widget->show();
    }
}

FieldEditor *FormView::takeOrCreateEditor(const FieldNode &node, QWidget *container,
                                          QHash<QString, FieldEditor *> &unused)
{
    if (FieldEditor *kept = unused.take(node.id)) {
        if (kept->kind() == FieldEditorFactory::kindOf(node)) {
            if (!sameAppearance(kept->field(), node))
                kept->setField(node);
            return kept;
        }
        dropEditor(kept); // SELECT became text, or the like: a new editor fits better
    }
    FieldEditor *editor = m_factory.create(node, container);
    connectEditor(editor);
    return editor;
}

void FormView::connectEditor(FieldEditor *editor)
{
    connect(editor, &FieldEditor::edited, this, [this, editor] { onEdited(editor); });
    connect(editor, &FieldEditor::editingFinished, this,
            [this, editor] { onEditingFinished(editor); });
    if (auto *select = qobject_cast<SelectEditor *>(editor)) {
        connect(select, &SelectEditor::choicesRequested, this,
                [this, select](int page) { m_session->loadChoices(select->fieldId(), page); });
    }
}

void FormView::dropEditor(FieldEditor *editor)
{
    // Disconnected first: hiding a focused row makes its line edit report "editing finished",
    // which must not write a value for a field that is gone.
    editor->disconnect(this);
    m_pending.remove(editor->fieldId());
    delete editor->widget();
}

void FormView::fixTabOrder()
{
    QList<QWidget *> chain{m_retry};
    collectFocusChain(m_content, chain);
    chain.append({m_skipValidation, m_saveStored, m_run});
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

QStringList FormView::fieldIds() const
{
    return m_order;
}

QGroupBox *FormView::fieldsetBox(const QString &fieldsetId) const
{
    const QString prefix = QStringLiteral("set:%1#").arg(fieldsetId);
    for (auto it = m_others.cbegin(); it != m_others.cend(); ++it) {
        if (it.key().startsWith(prefix))
            return qobject_cast<QGroupBox *>(it.value());
    }
    return nullptr;
}

} // namespace ab::ui
