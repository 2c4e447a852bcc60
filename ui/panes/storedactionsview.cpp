#include "panes/storedactionsview.h"

#include "api/jsontext.h"
#include "core/zapierbackend.h"
#include "models/storedactionsmodel.h"
#include "panes/catalogitemdelegate.h"
#include "panes/catalogmessages.h"
#include "panes/catalogstatusline.h"
#include "panes/storedrundialog.h"
#include "runs/historystore.h"
#include "runs/runservice.h"
#include "widgets/currentselection.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

#include <utility>

namespace ab::ui {

using models::StoredActionsModel;

StoredActionsView::StoredActionsView(core::ZapierBackend *backend, runs::RunService *runs,
                                     QWidget *parent)
    : StoredActionsView(backend, runs, nullptr, parent)
{}

StoredActionsView::StoredActionsView(core::ZapierBackend *backend, runs::RunService *runs,
                                     runs::HistoryStore *history, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_runs(runs)
    , m_history(history)
    , m_model(new StoredActionsModel(backend, this))
    , m_refreshButton(new QPushButton(this))
    , m_runButton(new QPushButton(this))
    , m_nextButton(new QPushButton(this))
    , m_deleteButton(new QPushButton(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QListView(this))
    , m_emptyLabel(createCatalogPlaceholder(this))
    , m_status(new CatalogStatusLine(this))
{
    buildLayout();
    connect(m_model, &StoredActionsModel::loadingChanged, this,
            &StoredActionsView::updateListState);
    connect(m_model, &StoredActionsModel::failed, this, [this](const core::ApiError &error) {
        showError([error] { return CatalogMessages::storedActionsFailed(error); },
                  [this] { reload(); });
        updateListState();
    });
    connect(m_model, &StoredActionsModel::loaded, this, [this] {
        updateListState();
        if (m_noteAfterLoad)
            showStatus(CatalogStatusLine::State::Note, std::exchange(m_noteAfterLoad, {}));
        if (!m_selectAfterLoad.isEmpty()) {
            select(m_selectAfterLoad);
            m_selectAfterLoad.clear();
        }
    });
    connect(m_model, &StoredActionsModel::removed, this, [this](const QString &id) {
        m_nextPage.remove(id);
        m_lastInputs.remove(id);
        if (m_history)
            m_history->forgetStoredActionNames(m_environment, id);
        showStatus(CatalogStatusLine::State::Note,
                   [id] { return tr("Deleted stored action %1.").arg(id); });
        updateListState();
    });
    connect(m_model, &StoredActionsModel::removeFailed, this,
            [this](const QString &id, const core::ApiError &error) {
                showError([error] { return CatalogMessages::storedActionDeleteFailed(error); },
                          [this, id] { m_model->remove(id); });
                updateButtons();
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &StoredActionsView::updateButtons);
    connect(m_view, &QListView::doubleClicked, this, &StoredActionsView::runSelected);
    connect(m_refreshButton, &QPushButton::clicked, this, &StoredActionsView::reload);
    connect(m_runButton, &QPushButton::clicked, this, &StoredActionsView::runSelected);
    connect(m_nextButton, &QPushButton::clicked, this, &StoredActionsView::runNextPage);
    connect(m_deleteButton, &QPushButton::clicked, this, &StoredActionsView::deleteSelected);
    connect(m_status, &CatalogStatusLine::retryRequested, this, [this] {
        if (m_retry)
            m_retry();
    });
    if (m_runs)
        connect(m_runs, &runs::RunService::runFinished, this, &StoredActionsView::onRunFinished);
    m_view->installEventFilter(this);
    updateListState();
    retranslateUi();
}

StoredActionsView::~StoredActionsView() = default;

void StoredActionsView::retranslateUi()
{
    m_refreshButton->setText(tr("Re&fresh"));
    m_refreshButton->setAccessibleName(tr("Refresh stored actions"));
    m_runButton->setText(tr("&Run\u2026"));
    m_runButton->setAccessibleName(tr("Run stored action"));
    m_runButton->setToolTip(tr("Run the selected stored action, optionally overriding inputs"));
    m_nextButton->setText(tr("&Next page"));
    m_nextButton->setAccessibleName(tr("Run next page"));
    m_nextButton->setToolTip(tr("Run the bulk read again for the next page of results"));
    m_deleteButton->setText(tr("&Delete"));
    m_deleteButton->setAccessibleName(tr("Delete stored action"));
    m_view->setAccessibleName(tr("Stored actions"));
    m_view->setAccessibleDescription(
        tr("Enter runs the selected stored action; Delete removes it"));
    m_emptyLabel->setText(tr("No stored actions yet.\nConfigure an action in the form and use "
                             "\u201cSave as stored action\u201d."));
    m_emptyLabel->setAccessibleName(tr("No stored actions"));
    m_emptyLabel->setAccessibleDescription(m_emptyLabel->text());
    m_status->setSubject(tr("Stored actions status"));
    m_model->retranslate();
    applyStatus();
    updateConfirmationText();
}

void StoredActionsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StoredActionsView::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_nextButton);
    buttons->addStretch(1);
    buttons->addWidget(m_deleteButton);
    buttons->addWidget(m_refreshButton);
    layout->addLayout(buttons);

    m_view->setModel(m_model);
    m_delegate = new CatalogItemDelegate(StoredActionsModel::DetailRole, -1, -1, m_view);
    m_view->setItemDelegate(m_delegate);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    keepCurrentRowSelected(m_view);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_emptyLabel);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);
    setTabOrder(m_runButton, m_nextButton);
    setTabOrder(m_nextButton, m_deleteButton);
    setTabOrder(m_deleteButton, m_refreshButton);
    setTabOrder(m_refreshButton, m_view);
}

void StoredActionsView::setEnvironmentName(const QString &name)
{
    m_environment = name;
}

void StoredActionsView::setHistoryStore(runs::HistoryStore *history)
{
    m_history = history;
    if (m_model->isLoaded())
        loadNames();
    updateButtons();
}

void StoredActionsView::setIconProvider(
    std::function<QIcon(const core::StoredAction &, const core::StoredActionNames &)> provider)
{
    m_delegate->setIconSize(style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this));
    m_model->setIconProvider(std::move(provider));
}

void StoredActionsView::loadNames()
{
    const QHash<QString, core::StoredActionNames> names =
        m_history ? m_history->storedActionNames(m_environment)
                  : QHash<QString, core::StoredActionNames>();
    for (const core::StoredActionNames &saved : names) {
        for (const QString &id : saved.secretInputs)
            m_backend->protectInput(id);
    }
    m_model->setNames(names);
}

QString StoredActionsView::currentId() const
{
    const core::StoredAction *action = selected();
    return action ? action->id : QString();
}

const core::StoredAction *StoredActionsView::selected() const
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid() || index.row() >= m_model->rowCount())
        return nullptr;
    return &m_model->storedAction(index.row());
}

void StoredActionsView::reload()
{
    // Keep the selection across the reload unless a new stored action is already queued.
    if (m_selectAfterLoad.isEmpty())
        m_selectAfterLoad = currentId();
    // The names first: the list's answer carries the values of the password fields they name,
    // which the client must know to keep out of the inspector.
    loadNames();
    m_model->reload();
    updateListState();
}

void StoredActionsView::select(const QString &storedActionId)
{
    const int row = m_model->rowOf(storedActionId);
    if (row < 0)
        return;
    m_view->setCurrentIndex(m_model->index(row));
    m_view->scrollTo(m_model->index(row));
}

void StoredActionsView::saveAsStored(const core::StoredAction &action,
                                     const core::StoredActionNames &names)
{
    showStatus(CatalogStatusLine::State::Busy, [] { return tr("Saving stored action\u2026"); });
    m_backend->createStoredAction(
        action, this, [this, action, names](core::ApiResult<QString> result) {
            if (!result.ok()) {
                showError(
                    [error = result.error()] {
                        return CatalogMessages::storedActionSaveFailed(error);
                    },
                    [this, action, names] { saveAsStored(action, names); });
                return;
            }
            const QString id = result.value();
            // It is saved on the server either way; without its names it shows its keys.
            if (m_history && !names.isEmpty())
                m_history->rememberStoredActionNames(m_environment, id, names);
            m_noteAfterLoad =
                [name = names.actionTitle.isEmpty() ? action.actionKey : names.actionTitle, id] {
                    return tr("Saved %1 as stored action %2.").arg(name, id);
                };
            showStatus(CatalogStatusLine::State::Note, m_noteAfterLoad);
            m_selectAfterLoad = id;
            reload();
            Q_EMIT saved(id);
        });
}

void StoredActionsView::runSelected()
{
    const core::StoredAction *action = selected();
    if (!action || !m_runs)
        return;
    if (m_dialog)
        m_dialog->close();
    auto *dialog = new StoredRunDialog(*action, m_model->names(action->id), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { start(dialog->storedAction(), dialog->overrides(), QString()); });
    // open(), not exec(): no nested event loop.
    dialog->open();
}

qint64 StoredActionsView::runSelectedWith(const QVariantMap &overrides)
{
    const core::StoredAction *action = selected();
    return action ? start(*action, overrides, QString()) : 0;
}

void StoredActionsView::runNextPage()
{
    const core::StoredAction *action = selected();
    if (!action)
        return;
    const QString page = m_nextPage.value(action->id);
    if (page.isEmpty())
        return;
    start(*action, m_lastInputs.value(action->id), page);
}

qint64 StoredActionsView::start(const core::StoredAction &action, const QVariantMap &inputs,
                                const QString &page)
{
    if (!m_runs)
        return 0;
    const core::StoredActionNames names = m_model->names(action.id);
    runs::StoredRunRequest request =
        runs::StoredRunRequest::of(m_environment, action, names, inputs, page);
    // Its Inputs tab titles the inputs as the form did when the action was saved.
    request.fieldsJson = api::encodeFieldTree(core::titledInputs(names.inputTitles));
    const qint64 localId = m_runs->startStoredRun(request);
    if (localId == 0) {
        const QString detail = m_history ? m_history->lastError().detail : QString();
        showError(
            [detail] {
                //: %1 is the database's own explanation, possibly empty.
                return tr("The run could not be recorded in the history, so it was not sent. %1")
                    .arg(detail);
            },
            {});
        return 0;
    }
    m_runOwner.insert(localId, action.id);
    m_lastInputs.insert(action.id, inputs);
    // The page is spent: the next one comes with this run's result.
    m_nextPage.remove(action.id);
    showStatus(CatalogStatusLine::State::Note,
               [name = request.actionTitle, nextPage = !page.isEmpty()] {
                   return nextPage ? tr("Started a run of %1 for the next page.").arg(name)
                                   : tr("Started a run of %1.").arg(name);
               });
    updateButtons();
    Q_EMIT runStarted(localId);
    return localId;
}

void StoredActionsView::onRunFinished(qint64 localId)
{
    const auto owner = m_runOwner.constFind(localId);
    if (owner == m_runOwner.constEnd())
        return;
    const QString storedId = *owner;
    m_runOwner.erase(owner);
    if (!m_history)
        return;
    const std::optional<runs::RunRecord> record = m_history->load(localId);
    if (record && !record->nextPage.isEmpty()) {
        m_nextPage.insert(storedId, record->nextPage);
        if (storedId == currentId())
            showStatus(CatalogStatusLine::State::Note,
                       [] { return tr("More results are available: use Next page."); });
    }
    updateButtons();
}

void StoredActionsView::deleteSelected()
{
    const core::StoredAction *action = selected();
    if (!action || m_model->isRemoving(action->id))
        return;
    const QString id = action->id;
    m_deleting = *action;
    auto *box = new QMessageBox(QMessageBox::Question, QString(), QString(),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("confirmDeleteStoredAction"));
    m_confirmation = box;
    updateConfirmationText();
    connect(box, &QMessageBox::finished, this, [this, id](int result) {
        if (result != QMessageBox::Yes)
            return;
        showStatus(CatalogStatusLine::State::Busy,
                   [] { return tr("Deleting stored action\u2026"); });
        m_model->remove(id);
        updateButtons();
    });
    box->open();
}

void StoredActionsView::updateConfirmationText()
{
    // The box is ours to word: QMessageBox translates only its own buttons.
    if (!m_confirmation)
        return;
    m_confirmation->setWindowTitle(tr("Delete stored action"));
    const QString title = m_model->names(m_deleting.id).actionTitle;
    m_confirmation->setText(
        tr("Delete the stored action %1 (%2)?\nThis cannot be undone.")
            .arg(title.isEmpty() ? m_deleting.actionKey : title, m_deleting.id));
    m_confirmation->setAccessibleName(tr("Confirm deletion"));
}

void StoredActionsView::showStatus(CatalogStatusLine::State state, Message message)
{
    m_statusState = state;
    m_statusMessage = std::move(message);
    applyStatus();
}

void StoredActionsView::showError(Message message, std::function<void()> retry)
{
    m_retry = std::move(retry);
    showStatus(CatalogStatusLine::State::Error, std::move(message));
}

void StoredActionsView::applyStatus()
{
    const QString text = m_statusMessage ? m_statusMessage() : QString();
    switch (m_statusState) {
    case CatalogStatusLine::State::Idle:
        m_status->clear();
        break;
    case CatalogStatusLine::State::Busy:
        m_status->showBusy(text);
        break;
    case CatalogStatusLine::State::Note:
        m_status->showNote(text);
        break;
    case CatalogStatusLine::State::Error:
        m_status->showError(text);
        m_status->retryButton()->setVisible(bool(m_retry));
        break;
    }
}

void StoredActionsView::updateListState()
{
    if (m_model->loading())
        showStatus(CatalogStatusLine::State::Busy,
                   [] { return tr("Loading stored actions\u2026"); });
    else if (m_statusState == CatalogStatusLine::State::Busy)
        showStatus(CatalogStatusLine::State::Idle, {});
    const bool empty = m_model->isLoaded() && m_model->rowCount() == 0 && !m_model->loading();
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_emptyLabel) : m_view);
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0));
    updateButtons();
}

void StoredActionsView::updateButtons()
{
    const core::StoredAction *action = selected();
    const bool busy = action && m_model->isRemoving(action->id);
    m_runButton->setEnabled(action && m_runs && !busy);
    m_deleteButton->setEnabled(action && !busy);
    m_nextButton->setVisible(m_history != nullptr);
    m_nextButton->setEnabled(action && !busy && !m_nextPage.value(action->id).isEmpty());
}

void StoredActionsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Loaded when first shown: the Actions API has its own, smaller rate budget.
    if (!m_model->isLoaded() && !m_model->loading())
        reload();
}

bool StoredActionsView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            runSelected();
            return true;
        }
        if (key->key() == Qt::Key_Delete) {
            deleteSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ab::ui
