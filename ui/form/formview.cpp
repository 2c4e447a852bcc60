#include "form/formview.h"

#include "form/formcontainers.h"
#include "form/formmessages.h"
#include "form/formpalette.h"
#include "form/formsession.h"
#include "form/formvaluetext.h"
#include "form/outputspanel.h"
#include "form/selecteditor.h"
#include "widgets/wraplabel.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace ab::ui {

using core::FieldNode;
using form::FormDiff;
using form::FormSession;

namespace {

void colourBackground(QWidget *widget, const QColor &colour)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::Window, colour);
    widget->setPalette(palette);
    widget->setAutoFillBackground(true);
}

QKeySequence runKeys()
{
    return QKeySequence(Qt::CTRL | Qt::Key_Return);
}

} // namespace

FormView::FormView(FormSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_tabs(new QTabWidget(this))
    , m_busy(new QProgressBar)
    , m_banner(new QWidget)
    , m_bannerText(new WrapLabel(m_banner))
    , m_retry(new QToolButton(m_banner))
    , m_note(new QWidget)
    , m_noteText(new WrapLabel(m_note))
    , m_dismiss(new QToolButton(m_note))
    , m_scroll(new QScrollArea)
    , m_content(new FormContent)
    , m_contentLayout(new QVBoxLayout(m_content))
    , m_placeholder(new WrapLabel)
    , m_outputs(new OutputsPanel)
    , m_skipValidation(new QCheckBox(this))
    , m_saveStored(new QPushButton(this))
    , m_run(new QPushButton(this))
    , m_runAction(new QAction(this))
    , m_clearAction(new QAction(this))
    , m_undo(new QToolButton(m_note))
{
    Q_ASSERT(m_session);

    // Busy: a thin indeterminate bar; the fields stay readable and usable under it.
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(qMax(4, fontMetrics().height() / 4));
    m_busy->hide();

    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    connect(m_retry, &QToolButton::clicked, this, [this] {
        m_banner->hide();
        m_session->refetch();
    });
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_retry);
    colourBackground(m_banner, formpalette::errorTint(palette()));
    m_banner->hide();

    m_noteText->setWordWrap(true);
    m_noteText->setTextFormat(Qt::PlainText);
    connect(m_dismiss, &QToolButton::clicked, this, [this] {
        m_note->hide();
        dropUndo();
    });
    connect(m_undo, &QToolButton::clicked, this, &FormView::undo);
    m_undo->hide();
    auto *noteLayout = new QHBoxLayout(m_note);
    noteLayout->addWidget(m_noteText, 1);
    noteLayout->addWidget(m_undo);
    noteLayout->addWidget(m_dismiss);
    colourBackground(m_note, formpalette::highlightTint(palette(), 0.7));
    m_note->hide();

    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setTextFormat(Qt::PlainText);

    m_contentLayout->setAlignment(Qt::AlignTop);
    // A small gap, so the tints of neighbouring added fields read as separate fields.
    m_contentLayout->setSpacing(qMax(2, fontMetrics().height() / 8));
    m_scroll->setWidget(m_content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto *inputPage = new QWidget;
    auto *inputLayout = new QVBoxLayout(inputPage);
    inputLayout->setContentsMargins(0, 0, 0, 0);
    inputLayout->setSpacing(0);
    inputLayout->addWidget(m_busy);
    inputLayout->addWidget(m_banner);
    inputLayout->addWidget(m_note);
    inputLayout->addWidget(m_placeholder);
    inputLayout->addWidget(m_scroll, 1);
    m_tabs->addTab(inputPage, QString());
    m_tabs->addTab(m_outputs, QString());
    m_tabs->setDocumentMode(true);
    connect(m_tabs, &QTabWidget::currentChanged, this, &FormView::onTabChanged);

    connect(m_skipValidation, &QCheckBox::toggled, this, [this](bool skip) {
        m_session->setClientValidationEnabled(!skip);
        if (skip) {
            clearErrors();
            m_validationShown = false;
        }
    });
    connect(m_run, &QPushButton::clicked, this, &FormView::runRequested);
    connect(m_saveStored, &QPushButton::clicked, this, &FormView::saveAsStoredRequested);
    // Ctrl+Enter from anywhere in the form, text editors included, keypad Enter too. One action
    // holds the keys: a window that offers Run elsewhere (menu, toolbar, window-wide) uses this
    // one, as a second shortcut on the same keys would make both ambiguous and run nothing.
    m_runAction->setShortcuts({runKeys(), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_runAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_runAction);
    connect(m_runAction, &QAction::triggered, this, &FormView::runRequested);
    m_clearAction->setEnabled(false);
    connect(m_clearAction, &QAction::triggered, this, &FormView::clearForm);

    auto *footer = new QHBoxLayout;
    const int unit = FieldEditor::layoutUnit(this);
    footer->setContentsMargins(unit, unit / 2, unit, unit);
    m_run->setDefault(true);
    footer->addWidget(m_skipValidation);
    footer->addStretch(1);
    footer->addWidget(m_saveStored);
    footer->addWidget(m_run);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(footer);

    connect(m_session, &FormSession::fieldsChanged, this, &FormView::onFieldsChanged);
    connect(m_session, &FormSession::fetchFailed, this, &FormView::onFetchFailed);
    connect(m_session, &FormSession::busyChanged, this, &FormView::onBusyChanged);
    connect(m_session, &FormSession::valueChanged, this, &FormView::onValueChanged);
    connect(m_session, &FormSession::choicesLoaded, this,
            [this](const QString &fieldId, int, const core::ChoicePage &page) {
                if (auto *select = qobject_cast<SelectEditor *>(m_editors.value(fieldId)))
                    select->addPage(page);
            });
    connect(m_session, &FormSession::choicesFailed, this,
            [this](const QString &fieldId, int page, const core::ApiError &error) {
                if (auto *select = qobject_cast<SelectEditor *>(m_editors.value(fieldId)))
                    select->setChoicesFailed(page, error);
            });
    connect(m_session, &FormSession::outputsLoaded, this,
            [this](const QList<core::OutputField> &fields) {
                m_outputsLoading = false;
                m_outputs->setOutputs(fields);
            });
    connect(m_session, &FormSession::outputsFailed, this, [this](const core::ApiError &error) {
        m_outputsLoading = false;
        m_outputsStale = true;
        m_outputs->setFailed(error);
    });
    connect(m_outputs, &OutputsPanel::retryRequested, this, [this] {
        m_outputsStale = true;
        fetchOutputsIfStale();
    });

    m_skipValidation->setChecked(!m_session->isClientValidationEnabled());
    m_connectionKey = m_session->actionKey() + QLatin1Char('\n') + m_session->connectionId();
    rebuild();
    onBusyChanged(m_session->isBusy());
    retranslateUi();
}

void FormView::retranslateUi()
{
    setAccessibleName(tr("Action form"));
    m_busy->setAccessibleName(tr("Updating the form"));
    m_retry->setText(tr("Retry"));
    m_retry->setAccessibleName(tr("Retry loading the form"));
    m_clearAction->setText(tr("C&lear form"));
    m_clearAction->setToolTip(tr("Empty every field of the form; the note it shows can undo it"));
    m_undo->setText(tr("Undo"));
    updateUndoName();
    m_dismiss->setText(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss the note about changed fields"));
    m_scroll->setAccessibleName(tr("Input fields"));
    m_tabs->setTabText(0, tr("Input"));
    m_tabs->setTabText(1, tr("Outputs"));
    m_tabs->setAccessibleName(tr("Form and outputs"));
    m_skipValidation->setText(tr("Skip client-side validation"));
    m_skipValidation->setAccessibleName(tr("Skip client-side validation"));
    m_skipValidation->setToolTip(
        tr("Send the values as they are, so the server's own validation can be tested"));
    m_saveStored->setText(tr("Save as stored action\u2026"));
    m_saveStored->setAccessibleName(tr("Save as stored action"));
    m_run->setText(tr("Run"));
    m_run->setAccessibleName(tr("Run the action"));
    m_run->setToolTip(tr("Run the action (%1)").arg(runKeys().toString(QKeySequence::NativeText)));
    for (auto it = m_others.cbegin(); it != m_others.cend(); ++it) {
        if (!it.key().startsWith(QLatin1String("info:")))
            continue;
        if (auto *note = it.value()->findChild<QLabel *>())
            note->setAccessibleName(tr("Note"));
    }

    // Texts made from the state: each is made again in the new language.
    updateBanner();
    updateChangeNote();
    updatePlaceholder();
    updateGates();
    if (m_validationShown)
        showIssues(m_session->validate());
}

FormView::~FormView()
{
    // Editors die with their rows; nothing they emit on the way out may reach the session.
    for (FieldEditor *editor : std::as_const(m_editors))
        editor->disconnect(this);
}

// --- Session events

void FormView::onFieldsChanged(const FormDiff &diff)
{
    m_banner->hide();
    const QString connectionKey =
        m_session->actionKey() + QLatin1Char('\n') + m_session->connectionId();
    const bool newSource = connectionKey != m_connectionKey;
    m_connectionKey = connectionKey;
    for (FieldEditor *editor : std::as_const(m_editors)) {
        editor->setHighlighted(false);
        // Choices belong to an action and a connection; another one needs other pages.
        if (auto *select = qobject_cast<SelectEditor *>(editor); select && newSource)
            select->resetChoices();
    }
    if (diff.initial) {
        m_validationShown = false;
        if (m_replaced && m_replaced->awaitingFields &&
            m_replaced->actionKey == m_session->actionKey()) {
            m_replaced->awaitingFields = false; // the fields of the form the run was restored to
        } else {
            m_note->hide();
            dropUndo(); // another action, or the same one started again: nothing to undo
        }
        m_outputs->clear();
    }
    m_outputsStale = true;
    // The note first: showing it lays the page out again, better before the rows change.
    if (!diff.initial)
        showChangeNote(diff);
    rebuild();
    if (diff.initial) {
        clearErrors();
    } else {
        for (const QString &id : diff.added) {
            if (FieldEditor *editor = m_editors.value(id))
                editor->setHighlighted(true);
        }
    }
    if (m_validationShown)
        showIssues(m_session->validate());
    if (m_tabs->currentWidget() == m_outputs)
        fetchOutputsIfStale();
    focusFirstFieldIfReady(diff.initial);
}

void FormView::onFetchFailed(const core::ApiError &error)
{
    m_fetchError = error;
    updateBanner();
    m_banner->show();
    updatePlaceholder();
    QAccessibleEvent event(m_bannerText, QAccessible::Alert);
    QAccessible::updateAccessibility(&event);
}

void FormView::updateBanner()
{
    m_bannerText->setText(FormMessages::formLoadFailed(m_fetchError));
    m_bannerText->setAccessibleDescription(m_bannerText->text());
}

void FormView::onBusyChanged(bool busy)
{
    m_busy->setVisible(busy);
    // start() dropped the old tree: its editors would write into the new action's values.
    if (busy && !m_session->isLoaded() && !m_editors.isEmpty()) {
        m_note->hide();
        m_outputs->clear();
        rebuild();
    }
    updatePlaceholder();
}

void FormView::updatePlaceholder()
{
    QString text;
    if (!m_session->isLoaded()) {
        if (m_session->isBusy())
            text = tr("Loading the form\u2026");
        else if (m_session->actionKey().isEmpty())
            text = tr("Choose an action to fill in its form.");
    } else if (m_session->fields().isEmpty()) {
        text = tr("This action has no input fields: it can run as it is.");
    }
    m_placeholder->setText(text);
    m_placeholder->setAccessibleDescription(text);
    m_placeholder->setVisible(!text.isEmpty());
}

void FormView::onValueChanged(const QString &fieldId)
{
    m_outputsStale = true;
    m_clearAction->setEnabled(!m_session->values().isEmpty());
    if (fieldId == m_writing) {
        m_writeChanged = true;
    } else if (FieldEditor *editor = m_editors.value(fieldId)) {
        // Set from outside (restored, or cleared because what it depends on changed): that
        // wins over anything half-typed.
        m_pending.remove(fieldId);
        syncEditor(editor);
    }
    if (!m_dependedOn.contains(fieldId))
        return;
    for (FieldEditor *editor : std::as_const(m_editors)) {
        if (!editor->field().dependsOn.contains(fieldId))
            continue;
        if (auto *select = qobject_cast<SelectEditor *>(editor))
            select->resetChoices(); // its choices were for the old value
    }
    updateGates();
}

// --- Values

QVariant FormView::typedValue(FieldEditor *editor) const
{
    const QVariant raw = editor->value();
    if (raw.typeId() != QMetaType::QString)
        return raw;
    // Text the field's type can't hold is kept as typed: validation names the problem, and
    // with validation skipped the server gets to judge it.
    const form::CoercionResult result = m_session->coerceText(editor->fieldId(), raw.toString());
    return result.ok() ? result.value : raw;
}

void FormView::syncEditor(FieldEditor *editor)
{
    const QString id = editor->fieldId();
    if (m_pending.contains(id))
        return;
    const QVariant value = m_session->value(id);
    const QString label = m_session->valueLabel(id);
    const bool sameLabel =
        editor->kind() != EditorKind::Select || label.isEmpty() || label == editor->label();
    if (sameFormValue(typedValue(editor), value) && sameLabel)
        return;
    editor->setValue(value, label);
}

void FormView::onEdited(FieldEditor *editor)
{
    editor->setHighlighted(false);
    dropUndo(); // the user is filling the form again
    const QString id = editor->fieldId();
    // A field others depend on refetches the form when it changes: write it when the user
    // is done, not on every keystroke.
    if (editor->field().invalidatesInputFields || m_dependedOn.contains(id)) {
        m_pending.insert(id);
        return;
    }
    commit(editor);
}

void FormView::onEditingFinished(FieldEditor *editor)
{
    m_pending.remove(editor->fieldId());
    commit(editor);
}

void FormView::commit(FieldEditor *editor)
{
    const QString id = editor->fieldId();
    if (!m_session->hasField(id))
        return;
    m_writing = id;
    m_writeChanged = false;
    m_session->setValue(id, typedValue(editor), editor->label());
    m_writing.clear();
    if (!m_writeChanged)
        return;
    if (m_validationShown)
        showIssues(m_session->validate());
    Q_EMIT valuesEdited();
}

void FormView::commitPendingEdits()
{
    for (const QString &id : std::as_const(m_order)) {
        if (FieldEditor *editor = m_editors.value(id))
            editor->finishEditing();
    }
    const QSet<QString> pending = std::exchange(m_pending, {});
    for (const QString &id : pending) {
        if (FieldEditor *editor = m_editors.value(id))
            commit(editor);
    }
}

void FormView::updateGates()
{
    for (FieldEditor *editor : std::as_const(m_editors)) {
        if (editor->field().dependsOn.isEmpty()) {
            editor->setGated(false);
            continue;
        }
        const QStringList blocking = m_session->blockedBy(editor->fieldId());
        QStringList titles;
        for (const QString &id : blocking) {
            const FieldNode *field = m_session->field(id);
            titles.append(field && !field->title.isEmpty() ? field->title : id);
        }
        editor->setGated(!blocking.isEmpty(),
                         blocking.isEmpty() ? QString() : FormMessages::gated(titles));
    }
}

// --- Validation

bool FormView::skipsValidation() const
{
    return m_skipValidation->isChecked();
}

void FormView::setSkipsValidation(bool skip)
{
    m_skipValidation->setChecked(skip);
}

bool FormView::checkBeforeRun()
{
    commitPendingEdits();
    if (skipsValidation()) {
        clearErrors();
        return true;
    }
    const QList<form::ValidationIssue> issues = m_session->validate();
    showIssues(issues);
    m_validationShown = !issues.isEmpty();
    if (issues.isEmpty())
        return true;
    for (const form::ValidationIssue &issue : issues) {
        if (m_editors.contains(issue.fieldId)) {
            focusField(issue.fieldId);
            break;
        }
    }
    return false;
}

void FormView::showIssues(const QList<form::ValidationIssue> &issues)
{
    QHash<QString, QString> messages;
    for (const form::ValidationIssue &issue : issues) {
        if (!messages.contains(issue.fieldId))
            messages.insert(issue.fieldId, FormMessages::validation(issue.code));
    }
    for (FieldEditor *editor : std::as_const(m_editors))
        editor->setError(messages.value(editor->fieldId()));
}

void FormView::clearErrors()
{
    for (FieldEditor *editor : std::as_const(m_editors))
        editor->setError({});
}

// --- Outputs

void FormView::onTabChanged(int)
{
    if (m_tabs->currentWidget() == m_outputs)
        fetchOutputsIfStale();
}

void FormView::fetchOutputsIfStale()
{
    if (!m_outputsStale || !m_session->isLoaded())
        return;
    m_outputsStale = false;
    m_outputsLoading = true;
    m_outputs->setLoading();
    m_session->fetchOutputs();
}

// --- State for tests and the window

QString FormView::errorBanner() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

bool FormView::isBusyShown() const
{
    return !m_busy->isHidden();
}

QString FormView::placeholderText() const
{
    return m_placeholder->isHidden() ? QString() : m_placeholder->text();
}

void FormView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        colourBackground(m_banner, formpalette::errorTint(palette()));
        colourBackground(m_note, formpalette::highlightTint(palette(), 0.7));
    }
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace ab::ui
