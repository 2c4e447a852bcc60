#include "form/formview.h"

#include "form/formcontainers.h"
#include "form/formsession.h"
#include "form/selecteditor.h"
#include "widgets/wraplabel.h"

#include <QApplication>
#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

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

void collectInputIds(const QList<FieldNode> &nodes, QSet<QString> &ids)
{
    for (const FieldNode &node : nodes) {
        if (node.kind == FieldNode::Kind::Input)
            ids.insert(node.id);
        collectInputIds(node.children, ids);
    }
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
    Build build;
    build.unusedEditors.swap(m_editors);
    build.unusedOthers.swap(m_others);
    m_order.clear();
    m_dependedOn.clear();
    collectInputIds(m_session->fields(), build.inputIds);
    buildNodes(m_session->fields(), m_content, m_contentLayout, build);
    for (FieldEditor *gone : std::as_const(build.unusedEditors)) {
        dropEditor(gone);
        build.orderChanged = true;
    }
    for (QWidget *gone : std::as_const(build.unusedOthers))
        delete gone;
    for (FieldEditor *editor : std::as_const(m_editors))
        syncEditor(editor);
    updateGates();
    showBuiltRows(build.toShow);
    if (build.orderChanged)
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
                          Build &build)
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
            FieldEditor *editor = takeOrCreateEditor(node, container, build);
            m_editors.insert(node.id, editor);
            m_order.append(node.id);
            for (const QString &dependency : node.dependsOn)
                m_dependedOn.insert(dependency);
            wanted.append(editor->widget());
            break;
        }
        case FieldNode::Kind::Info: {
            const QString key = QStringLiteral("info:%1#%2").arg(node.id).arg(index);
            QWidget *box = build.unusedOthers.take(key);
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
                note->setTextInteractionFlags(FieldEditor::markdownInteraction(text));
                note->setAccessibleDescription(node.description);
            }
            m_others.insert(key, box);
            wanted.append(box);
            break;
        }
        case FieldNode::Kind::Fieldset: {
            const QString key = QStringLiteral("set:%1#%2").arg(node.id).arg(index);
            auto *box = qobject_cast<QGroupBox *>(build.unusedOthers.take(key));
            if (!box) {
                box = new FieldsetBox(container);
                new QVBoxLayout(box);
            }
            const QString title = node.title.isEmpty() ? node.id : node.title;
            if (box->title() != title) {
                box->setTitle(title);
                box->setAccessibleName(title);
            }
            m_others.insert(key, box);
            buildNodes(node.children, box, static_cast<QVBoxLayout *>(box->layout()), build);
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
            build.orderChanged = true;
        }
    }
    for (int i = 0; i < wanted.size(); ++i) {
        QWidget *widget = wanted.at(i);
        if (i < layout->count() && layout->itemAt(i)->widget() == widget)
            continue;
        build.orderChanged = true;
        const int at = layout->indexOf(widget);
        if (at >= 0)
            delete layout->takeAt(at); // moved: rare (a field changed places)
        layout->insertWidget(i, widget);
        // A row added to a visible form is only scheduled to show; showBuiltRows() shows it
        // so the layout activated at the end of rebuild() counts it and the scroll area grows.
        if (widget->isHidden() && !widget->testAttribute(Qt::WA_WState_ExplicitShowHide))
            build.toShow.append(widget);
    }
}

void FormView::showBuiltRows(const QList<QWidget *> &rows)
{
    if (rows.isEmpty())
        return;
    // Showing a child activates every layout above it (QWidgetPrivate::setVisible), so 20 new
    // rows would lay the whole form out 20 times. With the layouts off, they are laid out once.
    QList<QLayout *> layouts{m_contentLayout};
    for (QWidget *other : std::as_const(m_others)) {
        if (auto *box = qobject_cast<QGroupBox *>(other))
            layouts.append(box->layout());
    }
    for (QLayout *layout : std::as_const(layouts))
        layout->setEnabled(false);
    // A row's own layout would be activated on show at the row's width before it was placed,
    // measuring every label at a width it never has; it runs when the row gets its place.
    for (QWidget *row : rows) {
        if (QLayout *own = row->layout())
            own->setEnabled(false);
        row->show();
    }
    for (QWidget *row : rows) {
        if (QLayout *own = row->layout())
            own->setEnabled(true);
    }
    // Inner groups first, so the outer layout sees their new sizes.
    const auto depth = [this](const QLayout *layout) {
        int levels = 0;
        for (const QWidget *w = layout->parentWidget(); w && w != m_content; w = w->parentWidget())
            ++levels;
        return levels;
    };
    std::stable_sort(layouts.begin(), layouts.end(),
                     [&](const QLayout *a, const QLayout *b) { return depth(a) > depth(b); });
    for (QLayout *layout : std::as_const(layouts)) {
        layout->setEnabled(true);
        layout->activate();
    }
}

FieldEditor *FormView::takeOrCreateEditor(const FieldNode &node, QWidget *container, Build &build)
{
    if (FieldEditor *kept = build.unusedEditors.take(node.id)) {
        if (kept->kind() == FieldEditorFactory::kindOf(node)) {
            if (!sameAppearance(kept->field(), node))
                kept->setField(node);
            return kept;
        }
        dropEditor(kept); // SELECT became text, or the like: a new editor fits better
    }
    if (FieldEditor *spare = takeSpareEditor(node, container, build))
        return spare;
    FieldEditor *editor = m_factory.create(node, container);
    connectEditor(editor);
    return editor;
}

FieldEditor *FormView::takeSpareEditor(const FieldNode &node, QWidget *container, Build &build)
{
    // A refetch that renames fields (another worksheet's columns, say) removes as many rows as
    // it adds; building a row costs more than the rest of the rebuild, so a removed field's
    // row of the same kind and group is reused, preferably one that reads the same. The row
    // being typed in is never taken: its focus would jump to another field.
    const EditorKind kind = FieldEditorFactory::kindOf(node);
    const QWidget *focus = QApplication::focusWidget();
    FieldEditor *best = nullptr;
    for (FieldEditor *spare : std::as_const(build.unusedEditors)) {
        if (spare->kind() != kind || spare->widget()->parentWidget() != container ||
            build.inputIds.contains(spare->fieldId()) ||
            (focus && spare->widget()->isAncestorOf(focus)))
            continue;
        const bool sameText =
            spare->field().title == node.title && spare->field().description == node.description;
        if (!best || (sameText && best->field().title != node.title))
            best = spare;
        if (sameText)
            break;
    }
    if (!best)
        return nullptr;
    build.unusedEditors.remove(best->fieldId());
    m_pending.remove(best->fieldId());
    best->reuseFor(node);
    build.orderChanged = true;
    return best;
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
