#include "form/selecteditor.h"

#include "form/formmessages.h"
#include "form/formvaluetext.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace ab::ui {

// --- ChoiceCombo

ChoiceCombo::ChoiceCombo(QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    // Typed text is a filter or a custom value, never a new list item.
    setInsertPolicy(QComboBox::NoInsert);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(16);
    setMaxVisibleItems(12);
}

void ChoiceCombo::showPopup()
{
    Q_EMIT popupAboutToShow();
    QComboBox::showPopup();
}

void ChoiceCombo::focusInEvent(QFocusEvent *event)
{
    QComboBox::focusInEvent(event);
    Q_EMIT focused();
}

// --- SelectEditor

namespace {

// Only the choices take part in type-to-filter, not "Load more…" or status rows.
class ChoicesOnlyModel final : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        return index.data(SelectEditor::RowTypeRole).toInt() == int(SelectEditor::RowType::Choice);
    }
};

} // namespace

SelectEditor::SelectEditor(const core::FieldNode &field, QWidget *parent)
    : FieldEditor(field, EditorKind::Select, parent)
    , m_combo(new ChoiceCombo)
    // The combo's own model: replacing it costs more than the rest of the editor.
    , m_model(qobject_cast<QStandardItemModel *>(m_combo->model()))
    , m_box(new QWidget(widget()))
    , m_statusRow(new QWidget(m_box))
    , m_status(new QLabel(m_statusRow))
    , m_retry(new QToolButton(m_statusRow))
{
    Q_ASSERT(m_model);
    // Editable combos come with a completer of their own; ours replaces it on first use.
    m_combo->lineEdit()->setCompleter(nullptr);
    connect(m_combo, &ChoiceCombo::popupAboutToShow, this, [this] {
        // Opening the list is an explicit request: retry after a failure too.
        m_failure.reset();
        loadFirstPage();
    });
    connect(m_combo, &ChoiceCombo::focused, this, [this] {
        completer(); // before the first keystroke
        if (!m_failure)
            loadFirstPage();
    });
    connect(m_combo, &QComboBox::activated, this, &SelectEditor::onActivated);
    connect(m_combo->lineEdit(), &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!m_completer) {
            // Typed into without focus first (a test, an input method): filter from now on.
            completer()->setCompletionPrefix(text);
            m_completer->complete();
        }
        Q_EMIT edited();
    });
    connect(m_combo->lineEdit(), &QLineEdit::returnPressed, this,
            [this] { acceptText(m_combo->lineEdit()->text()); });
    connect(m_combo->lineEdit(), &QLineEdit::editingFinished, this, &SelectEditor::onFocusLost);

    // Loading, a failure with Retry, or "no choices"; hidden while there is nothing to say.
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    connect(m_retry, &QToolButton::clicked, this, [this] {
        m_failure.reset();
        loadMore();
    });
    auto *statusLayout = new QHBoxLayout(m_statusRow);
    statusLayout->setContentsMargins(0, 0, 0, 0);
    statusLayout->addWidget(m_status, 1);
    statusLayout->addWidget(m_retry);
    m_statusRow->hide();

    auto *layout = new QVBoxLayout(m_box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    layout->addWidget(m_statusRow);
    m_combo->setParent(m_box);
    setControl(m_box, m_combo);
    retranslateUi(); // and the model's rows
}

QCompleter *SelectEditor::completer()
{
    // Made on first use: a form has many selects, and most are never typed into.
    if (m_completer)
        return m_completer;
    auto *choicesOnly = new ChoicesOnlyModel(this);
    choicesOnly->setSourceModel(m_model);
    m_completer = new QCompleter(this);
    m_completer->setModel(choicesOnly);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    // On the line edit, not QComboBox::setCompleter: the combo would map activations through
    // a proxy it does not know, differently across Qt versions. Activation is handled here.
    m_combo->lineEdit()->setCompleter(m_completer);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                const QString id = index.data(IdRole).toString();
                for (const core::Choice &choice : std::as_const(m_choices)) {
                    if (choice.id == id)
                        return choose(choice);
                }
            });
    return m_completer;
}

void SelectEditor::resetState()
{
    m_combo->hidePopup();
    if (m_completer && m_completer->popup()->isVisible())
        m_completer->popup()->hide();
    resetChoices();
}

void SelectEditor::retranslateUi()
{
    FieldEditor::retranslateUi();
    m_retry->setText(tr("Retry"));
    m_retry->setAccessibleName(tr("Retry loading the choices"));
    updateStatus();
    updateNote();
    rebuildModel(); // "Load more…" and the other special rows
}

void SelectEditor::applyField()
{
    const QString placeholder = placeholderText();
    m_combo->lineEdit()->setPlaceholderText(placeholder.isEmpty() ? tr("Choose, or type to search")
                                                                  : placeholder);
}

void SelectEditor::applyGated(bool gated)
{
    m_combo->setEnabled(!gated);
    m_retry->setEnabled(!gated);
}

QVariant SelectEditor::value() const
{
    return m_value.isEmpty() ? QVariant() : QVariant(m_value);
}

void SelectEditor::setValue(const QVariant &value, const QString &label)
{
    const QString id = valueToText(value);
    if (id.isEmpty()) {
        m_value.clear();
        m_label.clear();
        m_custom = false;
        m_display.clear();
    } else {
        m_value = id;
        m_label = label;
        m_custom = false;
        if (const core::Choice *known = findLoaded(id); known && known->id == id) {
            m_label = known->displayText();
        } else if (label.isEmpty() && m_pages > 0 && !m_hasNext) {
            m_custom = true; // every page is here and none has this id
        }
        m_display = m_label.isEmpty() ? id : m_label;
    }
    updateNote();
    showDisplay();
}

void SelectEditor::updateNote()
{
    setNote(m_custom ? tr("Custom value: sent as typed, not one of the choices") : QString());
}

void SelectEditor::showDisplay()
{
    const int row = rowOfValue();
    if (m_combo->currentIndex() != row)
        m_combo->setCurrentIndex(row);
    if (m_combo->lineEdit()->text() != m_display)
        m_combo->lineEdit()->setText(m_display);
}

int SelectEditor::rowOfValue() const
{
    if (m_value.isEmpty() || m_custom)
        return -1;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QStandardItem *item = m_model->item(row);
        if (item->data(RowTypeRole).toInt() == int(RowType::Choice) &&
            item->data(IdRole).toString() == m_value)
            return row;
    }
    return -1;
}

const core::Choice *SelectEditor::findLoaded(const QString &text) const
{
    for (const core::Choice &choice : m_choices) {
        if (choice.id == text)
            return &choice;
    }
    for (const Qt::CaseSensitivity sensitivity : {Qt::CaseSensitive, Qt::CaseInsensitive}) {
        for (const core::Choice &choice : m_choices) {
            if (choice.displayText().compare(text, sensitivity) == 0)
                return &choice;
        }
    }
    for (const core::Choice &choice : m_choices) {
        if (!choice.value.isEmpty() && choice.value == text)
            return &choice;
    }
    return nullptr;
}

void SelectEditor::choose(const core::Choice &choice)
{
    const bool changed = m_value != choice.id || m_custom;
    m_value = choice.id;
    m_label = choice.displayText();
    m_display = m_label;
    m_custom = false;
    updateNote();
    showDisplay();
    if (changed) {
        Q_EMIT edited();
        Q_EMIT editingFinished();
    }
}

void SelectEditor::setCustom(const QString &text)
{
    const bool changed = m_value != text || !m_custom;
    m_value = text;
    m_label.clear();
    m_display = text;
    m_custom = true;
    updateNote();
    showDisplay();
    if (changed) {
        Q_EMIT edited();
        Q_EMIT editingFinished();
    }
}

void SelectEditor::clearChoice()
{
    const bool changed = !m_value.isEmpty();
    m_value.clear();
    m_label.clear();
    m_display.clear();
    m_custom = false;
    updateNote();
    showDisplay();
    if (changed) {
        Q_EMIT edited();
        Q_EMIT editingFinished();
    }
}

void SelectEditor::acceptText(const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return clearChoice();
    if (text == m_display && !m_value.isEmpty())
        return showDisplay();
    if (const core::Choice *choice = findLoaded(text))
        return choose(*choice);
    setCustom(text);
}

void SelectEditor::finishEditing()
{
    if (m_combo->lineEdit()->text() != m_display)
        acceptText(m_combo->lineEdit()->text());
}

void SelectEditor::onFocusLost()
{
    if (m_combo->hasFocus())
        return; // Enter: returnPressed decided already
    // Leaving the field: a typed label picks its choice, anything else was a search and is
    // put back, so a half-typed filter never becomes a value by accident.
    const QString text = m_combo->lineEdit()->text().trimmed();
    if (text == m_display)
        return;
    if (const core::Choice *choice = text.isEmpty() ? nullptr : findLoaded(text))
        return choose(*choice);
    showDisplay();
}

void SelectEditor::onActivated(int row)
{
    const QStandardItem *item = m_model->item(row);
    const auto type = item ? RowType(item->data(RowTypeRole).toInt()) : RowType::Status;
    if (type == RowType::Choice) {
        const QString id = item->data(IdRole).toString();
        for (const core::Choice &choice : std::as_const(m_choices)) {
            if (choice.id == id)
                return choose(choice);
        }
        return;
    }
    // "Load more…" or a status row was picked: it is not a value, put the choice back.
    showDisplay();
    if (type == RowType::LoadMore) {
        m_reopen = true;
        loadMore();
    }
}

void SelectEditor::resetChoices()
{
    m_choices.clear();
    m_pages = 0;
    m_hasNext = false;
    m_loadingPage = 0;
    m_failure.reset();
    m_reopen = false;
    updateStatus();
    rebuildModel();
}

void SelectEditor::loadFirstPage()
{
    if (m_pages > 0 || isLoading() || isGated() || m_failure)
        return;
    loadMore();
}

void SelectEditor::loadMore()
{
    if (isLoading() || isGated() || (m_pages > 0 && !m_hasNext))
        return;
    m_loadingPage = m_pages + 1;
    m_failure.reset();
    updateStatus();
    rebuildModel();
    Q_EMIT choicesRequested(m_loadingPage);
}

void SelectEditor::addPage(const core::ChoicePage &page)
{
    // Pages come in order; a repeat (a cached page announced twice) adds nothing.
    if (page.page != m_pages + 1)
        return;
    const int firstNew = int(m_choices.size());
    m_choices.append(page.choices);
    m_pages = page.page;
    m_hasNext = page.hasNext;
    m_loadingPage = 0;
    m_failure.reset();
    updateStatus();
    // A value set before its page arrived gets its label now.
    if (!m_value.isEmpty() && m_label.isEmpty() && !m_custom) {
        for (const core::Choice &choice : std::as_const(m_choices)) {
            if (choice.id == m_value)
                m_label = m_display = choice.displayText();
        }
    }
    const bool popupOpen = m_combo->view()->isVisible();
    rebuildModel();
    if (m_reopen || popupOpen) {
        m_reopen = false;
        m_combo->showPopup();
        if (firstNew < m_model->rowCount())
            m_combo->view()->scrollTo(m_model->index(firstNew, 0));
    }
}

void SelectEditor::setChoicesFailed(int page, const core::ApiError &error)
{
    if (page != m_loadingPage)
        return;
    m_loadingPage = 0;
    m_reopen = false;
    m_failure = error;
    updateStatus();
    rebuildModel();
}

int SelectEditor::loadMoreRow() const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row)->data(RowTypeRole).toInt() == int(RowType::LoadMore))
            return row;
    }
    return -1;
}

void SelectEditor::rebuildModel()
{
    // Rebuilding moves the combo's current item; the line edit keeps what the user typed.
    QLineEdit *edit = m_combo->lineEdit();
    const QString typed = edit->text();
    const int cursor = edit->cursorPosition();
    const QSignalBlocker blocker(m_combo);
    m_model->clear();
    for (const core::Choice &choice : std::as_const(m_choices)) {
        auto *item = new QStandardItem(choice.displayText());
        item->setData(choice.id, IdRole);
        item->setData(int(RowType::Choice), RowTypeRole);
        if (choice.displayText() != choice.id)
            item->setToolTip(tr("Id: %1").arg(choice.id));
        m_model->appendRow(item);
    }
    const auto special = [this](const QString &text, RowType type, bool enabled) {
        auto *item = new QStandardItem(text);
        item->setData(int(type), RowTypeRole);
        QFont font = item->font();
        font.setItalic(true);
        item->setFont(font);
        if (!enabled)
            item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        m_model->appendRow(item);
    };
    if (isLoading())
        special(tr("Loading choices\u2026"), RowType::Status, false);
    else if (m_failure)
        special(tr("Could not load the choices"), RowType::Status, false);
    else if (m_hasNext)
        special(tr("Load more\u2026"), RowType::LoadMore, true);
    else if (m_pages > 0 && m_choices.isEmpty())
        special(tr("No choices"), RowType::Status, false);
    m_combo->setCurrentIndex(rowOfValue());
    if (edit->text() != typed) {
        edit->setText(typed);
        edit->setCursorPosition(cursor);
    }
}

void SelectEditor::updateStatus()
{
    QString text;
    if (isLoading())
        text = tr("Loading choices\u2026");
    else if (m_failure)
        text = FormMessages::choicesFailed(*m_failure);
    else if (m_pages > 0 && m_choices.isEmpty() && !m_hasNext)
        text = tr("No choices to pick from: type a value");
    m_status->setText(text);
    m_status->setAccessibleDescription(text);
    m_statusRow->setVisible(!text.isEmpty());
    m_retry->setVisible(m_failure.has_value());
}

QString SelectEditor::statusText() const
{
    return m_statusRow->isVisibleTo(m_box) ? m_status->text() : QString();
}

} // namespace ab::ui
