#include "panes/catalogpane.h"

#include "core/zapierbackend.h"
#include "models/actionlistmodel.h"
#include "models/appcatalogmodel.h"
#include "panes/catalogitemdelegate.h"
#include "panes/catalogmessages.h"
#include "panes/catalogstatusline.h"
#include "widgets/currentselection.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace ab::ui {

using models::ActionListModel;
using models::AppCatalogModel;

CatalogPane::CatalogPane(core::ZapierBackend *backend, models::IconCache *icons, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_apps(new AppCatalogModel(backend, icons, this))
    , m_actions(new ActionListModel(backend, this))
    , m_search(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_countLabel(new QLabel(this))
    , m_appStack(new QStackedWidget(this))
    , m_appView(new QListView(this))
    , m_emptyLabel(createCatalogPlaceholder(this))
    , m_appStatus(new CatalogStatusLine(this))
    , m_actionsTitle(new QLabel(this))
    , m_actionFilter(new QLineEdit(this))
    , m_actionStack(new QStackedWidget(this))
    , m_actionView(new QTreeView(this))
    , m_actionPlaceholder(createCatalogPlaceholder(this))
    , m_actionStatus(new CatalogStatusLine(this))
    , m_searchTimer(new QTimer(this))
{
    buildLayout();

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(searchDebounceMs);
    connect(m_search, &QLineEdit::textChanged, this, &CatalogPane::onSearchEdited);
    connect(m_searchTimer, &QTimer::timeout, this, &CatalogPane::applySearch);
    connect(m_category, &QComboBox::currentIndexChanged, this, &CatalogPane::onCategoryChosen);

    connect(m_apps, &AppCatalogModel::loadingChanged, this, &CatalogPane::updateAppState);
    connect(m_apps, &AppCatalogModel::failed, this, &CatalogPane::updateAppState);
    connect(m_apps, &AppCatalogModel::modelReset, this, &CatalogPane::updateAppState);
    connect(m_apps, &AppCatalogModel::pageLoaded, this, [this] {
        updateAppState();
        applyPendingApp();
        if (std::exchange(m_selectFirstApp, false) && m_appView->hasFocus())
            selectFirstAppIfNone();
    });
    connect(m_apps, &AppCatalogModel::categoriesChanged, this, &CatalogPane::updateCategories);
    connect(m_appStatus, &CatalogStatusLine::retryRequested, m_apps, &AppCatalogModel::retry);
    connect(m_appView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CatalogPane::onAppCurrentChanged);
    connect(m_appView, &QListView::doubleClicked, this, &CatalogPane::focusActions);

    connect(m_actions, &ActionListModel::loadingChanged, this, &CatalogPane::updateActionState);
    connect(m_actions, &ActionListModel::failed, this, &CatalogPane::updateActionState);
    connect(m_actions, &ActionListModel::modelReset, this, [this] {
        m_actionView->expandAll();
        // A filter change or reload loses the current row; put the chosen action back quietly.
        const QModelIndex chosen = m_actions->indexOfKey(m_chosenActionKey);
        if (chosen.isValid())
            m_actionView->setCurrentIndex(chosen);
        updateActionState();
    });
    connect(m_actions, &ActionListModel::loaded, this, [this] {
        applyPendingAction();
        if (m_actionView->hasFocus() && !m_actionView->currentIndex().isValid())
            m_actionView->setCurrentIndex(m_actions->firstAction());
    });
    connect(m_actionStatus, &CatalogStatusLine::retryRequested, m_actions,
            &ActionListModel::reload);
    connect(m_actionFilter, &QLineEdit::textChanged, m_actions, &ActionListModel::setFilterText);
    connect(m_actionView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CatalogPane::onActionCurrentChanged);
    connect(m_actionView, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const core::Action *action = m_actions->action(index))
            Q_EMIT actionActivated(m_app, *action);
    });

    for (QWidget *watched :
         std::initializer_list<QWidget *>{m_search, m_appView, m_actionFilter, m_actionView})
        watched->installEventFilter(this);

    updateCategories();
    m_apps->setQuery(QString());
    retranslateUi();
}

CatalogPane::~CatalogPane() = default;

void CatalogPane::retranslateUi()
{
    m_search->setPlaceholderText(tr("Search apps (Ctrl+K)"));
    m_search->setAccessibleName(tr("Search apps"));
    m_search->setAccessibleDescription(tr("Type to search the app catalog; Down moves to the "
                                          "results, Escape clears"));
    m_category->setAccessibleName(tr("App category"));
    // On Linux a combo box's name over AT-SPI is its current item ("All categories"); what it is
    // for reaches a screen reader as its description (it has no visible label).
    m_category->setAccessibleDescription(tr("App category"));
    m_category->setItemText(0, tr("All categories"));
    m_countLabel->setAccessibleName(tr("Number of apps"));
    m_appView->setAccessibleName(tr("Apps"));
    m_appView->setAccessibleDescription(tr("Enter opens the app's actions"));
    m_emptyLabel->setAccessibleName(tr("No apps"));
    m_appStatus->setSubject(tr("Apps status"));
    m_actionFilter->setPlaceholderText(tr("Filter actions"));
    m_actionFilter->setAccessibleName(tr("Filter actions"));
    m_actionView->setAccessibleName(tr("Actions"));
    m_actionView->setAccessibleDescription(tr("Grouped by type; Enter opens the action's form"));
    m_actionPlaceholder->setAccessibleName(tr("No actions"));
    m_actionStatus->setSubject(tr("Actions status"));
    m_actions->retranslate();
    // The texts that say what the lists are doing, from their state.
    updateAppState();
    updateActionState();
}

void CatalogPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CatalogPane::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);

    auto *filterRow = new QHBoxLayout;
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_category->setMinimumContentsLength(14);
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    filterRow->addWidget(m_category, 1);
    filterRow->addWidget(m_countLabel);
    layout->addLayout(filterRow);

    const int iconSize = style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this);
    auto *appDelegate =
        new CatalogItemDelegate(AppCatalogModel::DescriptionRole, -1, -1, m_appView);
    appDelegate->setIconSize(iconSize);
    m_appView->setItemDelegate(appDelegate);
    m_appView->setModel(m_apps);
    m_appView->setUniformItemSizes(true);
    m_appView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_appView->setSelectionMode(QAbstractItemView::SingleSelection);
    keepCurrentRowSelected(m_appView);
    m_appView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_appStack->addWidget(m_appView);
    m_appStack->addWidget(m_emptyLabel);

    auto *appsBox = new QWidget(this);
    auto *appsLayout = new QVBoxLayout(appsBox);
    appsLayout->setContentsMargins(0, 0, 0, 0);
    appsLayout->addWidget(m_appStack, 1);
    appsLayout->addWidget(m_appStatus);

    auto *actionsBox = new QWidget(this);
    auto *actionsLayout = new QVBoxLayout(actionsBox);
    // Air between the app list and the actions heading, so the heading reads as a new section.
    actionsLayout->setContentsMargins(0, fontMetrics().height() / 2, 0, 0);
    QFont titleFont = m_actionsTitle->font();
    titleFont.setBold(true);
    m_actionsTitle->setFont(titleFont);
    m_actionsTitle->setBuddy(m_actionFilter);
    m_actionFilter->setClearButtonEnabled(true);
    auto *actionDelegate =
        new CatalogItemDelegate(ActionListModel::DescriptionRole, ActionListModel::IsGroupRole,
                                ActionListModel::GroupCountRole, m_actionView);
    m_actionView->setItemDelegate(actionDelegate);
    m_actionView->setModel(m_actions);
    keepCurrentRowSelected(m_actionView);
    m_actionView->setHeaderHidden(true);
    m_actionView->setRootIsDecorated(false);
    m_actionView->setItemsExpandable(false);
    m_actionView->setIndentation(0);
    m_actionView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_actionView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    actionsLayout->addWidget(m_actionsTitle);
    actionsLayout->addWidget(m_actionFilter);
    m_actionStack->addWidget(m_actionView);
    m_actionStack->addWidget(m_actionPlaceholder);
    actionsLayout->addWidget(m_actionStack, 1);
    actionsLayout->addWidget(m_actionStatus);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(appsBox);
    splitter->addWidget(actionsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    setTabOrder(m_search, m_category);
    setTabOrder(m_category, m_appView);
    setTabOrder(m_appView, m_actionFilter);
    setTabOrder(m_actionFilter, m_actionView);
}

const core::Action *CatalogPane::currentAction() const
{
    return m_actions->action(m_actionView->currentIndex());
}

void CatalogPane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void CatalogPane::reload()
{
    delete m_lookupContext;
    m_pendingAppId.clear();
    m_pendingActionKey.clear();
    m_app = core::App{};
    m_chosenActionKey.clear();
    m_actions->clear();
    m_actionFilter->clear();
    m_apps->reload();
    updateActionState();
}

void CatalogPane::onSearchEdited()
{
    // Typing costs nothing on the UI thread; the server is asked once the typing pauses.
    m_searchTimer->start();
}

void CatalogPane::applySearch()
{
    m_searchTimer->stop();
    m_apps->setQuery(m_search->text().trimmed());
}

void CatalogPane::onCategoryChosen()
{
    m_apps->setCategory(m_category->currentData().toString());
}

void CatalogPane::updateCategories()
{
    const QString current = m_category->currentData().toString();
    QStringList slugs = m_apps->categories();
    // The chosen category stays listed even when a reload has not seen it yet.
    if (!current.isEmpty() && !slugs.contains(current)) {
        slugs.append(current);
        slugs.sort();
    }
    const QSignalBlocker blocker(m_category);
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    for (const QString &slug : std::as_const(slugs))
        m_category->addItem(CatalogMessages::categoryTitle(slug), slug);
    m_category->setCurrentIndex(qMax(0, m_category->findData(current)));
}

void CatalogPane::updateAppState()
{
    if (m_apps->loading())
        m_appStatus->showBusy(tr("Loading apps\u2026"));
    else if (const auto error = m_apps->lastError())
        m_appStatus->showError(CatalogMessages::appsFailed(*error));
    else
        m_appStatus->clear();

    const bool empty = m_apps->hasLoadedOnce() && m_apps->rowCount() == 0 && !m_apps->loading();
    if (empty) {
        const QString query = m_apps->query();
        const QString category = CatalogMessages::categoryTitle(m_apps->category());
        QString text;
        if (!query.isEmpty() && !category.isEmpty())
            text = tr("No apps match \u201c%1\u201d in %2.").arg(query, category);
        else if (!query.isEmpty())
            text = tr("No apps match \u201c%1\u201d.").arg(query);
        else
            text = tr("No apps to show.");
        m_emptyLabel->setText(text);
        m_emptyLabel->setAccessibleDescription(text);
    }
    m_appStack->setCurrentWidget(empty ? static_cast<QWidget *>(m_emptyLabel) : m_appView);

    QString count;
    if (m_apps->hasLoadedOnce()) {
        const int rows = m_apps->rowCount();
        const int total = qMax(rows, m_apps->totalCount());
        // Spelled out rather than "%n app(s)": English has no translation file to pick forms.
        if (rows < total)
            count = tr("%1 of %2 apps").arg(QLocale().toString(rows), QLocale().toString(total));
        else
            count = rows == 1 ? tr("1 app") : tr("%1 apps").arg(QLocale().toString(rows));
    }
    m_countLabel->setText(count);
    m_countLabel->setAccessibleDescription(count);
}

void CatalogPane::updateActionState()
{
    const bool hasApp = !m_actions->app().id.isEmpty();
    m_actionsTitle->setText(hasApp ? tr("Actions of %1").arg(m_actions->app().title)
                                   : tr("Actions"));
    // The actions filter's label (its buddy): a screen reader names the filter by what it says.
    m_actionsTitle->setAccessibleName(m_actionsTitle->text());
    m_actionFilter->setEnabled(hasApp);
    if (m_actions->loading())
        m_actionStatus->showBusy(tr("Loading actions\u2026"));
    else if (const auto error = m_actions->lastError())
        m_actionStatus->showError(CatalogMessages::actionsFailed(*error));
    else
        m_actionStatus->clear();

    QString placeholder;
    if (!hasApp)
        placeholder = tr("Choose an app to see its actions.");
    else if (m_actions->isLoaded() && m_actions->actionCount() == 0)
        placeholder = tr("This app has no actions.");
    else if (m_actions->isLoaded() && m_actions->visibleActionCount() == 0)
        placeholder = tr("No actions match \u201c%1\u201d.").arg(m_actions->filterText());
    m_actionPlaceholder->setText(placeholder);
    m_actionPlaceholder->setAccessibleDescription(placeholder);
    m_actionStack->setCurrentWidget(placeholder.isEmpty() ? static_cast<QWidget *>(m_actionView)
                                                          : m_actionPlaceholder);
}

QString CatalogPane::actionPlaceholderText() const
{
    return m_actionStack->currentWidget() == m_actionPlaceholder ? m_actionPlaceholder->text()
                                                                 : QString();
}

void CatalogPane::onAppCurrentChanged(const QModelIndex &current)
{
    if (current.isValid())
        chooseApp(m_apps->app(current.row()));
}

void CatalogPane::chooseApp(const core::App &app)
{
    if (app.id == m_app.id)
        return;
    m_app = app;
    m_chosenActionKey.clear();
    {
        // The filter belongs to the previous app's list.
        const QSignalBlocker blocker(m_actionFilter);
        m_actionFilter->clear();
    }
    m_actions->setFilterText(QString());
    m_actions->setApp(app);
    updateActionState();
    Q_EMIT appChosen(app);
}

void CatalogPane::onActionCurrentChanged(const QModelIndex &current)
{
    const core::Action *action = m_actions->action(current);
    if (!action || action->key == m_chosenActionKey)
        return;
    m_chosenActionKey = action->key;
    m_pendingActionKey.clear();
    Q_EMIT actionChosen(m_app, *action);
}

void CatalogPane::selectApp(const QString &appId)
{
    m_pendingAppId = appId;
    m_pendingLookedUp = false;
    applyPendingApp();
}

void CatalogPane::selectAction(const QString &key)
{
    m_pendingActionKey = key;
    applyPendingAction();
}

void CatalogPane::applyPendingApp()
{
    if (m_pendingAppId.isEmpty()) {
        // A new page or query lost the highlight of the chosen app: show it again if listed.
        const int row = m_apps->rowOfApp(m_app.id);
        if (row >= 0 && !m_appView->currentIndex().isValid())
            m_appView->setCurrentIndex(m_apps->index(row));
        return;
    }
    const int row = m_apps->rowOfApp(m_pendingAppId);
    if (row >= 0) {
        m_pendingAppId.clear();
        const QModelIndex index = m_apps->index(row);
        m_appView->setCurrentIndex(index);
        m_appView->scrollTo(index);
        chooseApp(m_apps->app(row));
        applyPendingAction();
        return;
    }
    if (m_apps->loading())
        return; // pageLoaded() calls again
    if (m_pendingLookedUp) {
        m_pendingAppId.clear(); // the app is gone from this environment
        m_pendingActionKey.clear();
        return;
    }
    lookUpPendingApp();
}

void CatalogPane::lookUpPendingApp()
{
    // Not in the loaded pages: ask for it by id, then search for its title so it is listed.
    m_pendingLookedUp = true;
    delete m_lookupContext;
    auto *context = new QObject(this);
    m_lookupContext = context;
    core::AppQuery query;
    query.ids = {m_pendingAppId};
    query.limit = 1;
    const QString wanted = m_pendingAppId;
    m_backend->apps(query, context,
                    [this, context, wanted](core::ApiResult<core::Page<core::App>> result) {
                        context->deleteLater();
                        if (wanted != m_pendingAppId)
                            return;
                        if (!result.ok() || result.value().items.isEmpty()) {
                            m_pendingAppId.clear();
                            m_pendingActionKey.clear();
                            return;
                        }
                        const core::App app = result.value().items.constFirst();
                        m_category->setCurrentIndex(0);
                        {
                            const QSignalBlocker blocker(m_search);
                            m_search->setText(app.title);
                        }
                        applySearch();
                        applyPendingApp();
                    });
}

void CatalogPane::applyPendingAction()
{
    if (m_pendingActionKey.isEmpty() || !m_pendingAppId.isEmpty() || !m_actions->isLoaded())
        return;
    QModelIndex index = m_actions->indexOfKey(m_pendingActionKey);
    if (!index.isValid() && !m_actions->filterText().isEmpty()) {
        m_actionFilter->clear();
        index = m_actions->indexOfKey(m_pendingActionKey);
    }
    m_pendingActionKey.clear();
    if (index.isValid()) {
        m_actionView->setCurrentIndex(index);
        m_actionView->scrollTo(index);
    }
}

void CatalogPane::selectFirstAppIfNone()
{
    if (!m_appView->currentIndex().isValid() && m_apps->rowCount() > 0)
        m_appView->setCurrentIndex(m_apps->index(0));
}

void CatalogPane::focusActions()
{
    m_actionView->setFocus(Qt::OtherFocusReason);
    if (!m_actionView->currentIndex().isValid() && m_actions->isLoaded())
        m_actionView->setCurrentIndex(m_actions->firstAction());
}

bool CatalogPane::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
            if (handleKey(watched, key->key()))
                return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool CatalogPane::handleKey(QObject *watched, int key)
{
    const bool enter = key == Qt::Key_Return || key == Qt::Key_Enter;
    if (watched == m_search) {
        if (key == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            applySearch();
            return true;
        }
        if (key == Qt::Key_Down || enter) {
            if (m_searchTimer->isActive())
                applySearch();
            m_appView->setFocus(Qt::OtherFocusReason);
            if (m_apps->loading())
                m_selectFirstApp = true; // typed faster than the catalog answered
            else
                selectFirstAppIfNone();
            return true;
        }
    } else if (watched == m_appView) {
        if (enter) {
            focusActions();
            return true;
        }
        if (key == Qt::Key_Escape || (key == Qt::Key_Up && m_appView->currentIndex().row() <= 0)) {
            focusSearch();
            return true;
        }
        if (key == Qt::Key_Right) {
            focusActions();
            return true;
        }
    } else if (watched == m_actionFilter) {
        if (key == Qt::Key_Escape && !m_actionFilter->text().isEmpty()) {
            m_actionFilter->clear();
            return true;
        }
        if (key == Qt::Key_Escape) {
            m_appView->setFocus(Qt::OtherFocusReason);
            return true;
        }
        if (key == Qt::Key_Down || enter) {
            focusActions();
            return true;
        }
    } else if (watched == m_actionView) {
        if (enter) {
            if (const core::Action *action = currentAction())
                Q_EMIT actionActivated(m_app, *action);
            return true;
        }
        if (key == Qt::Key_Escape || key == Qt::Key_Left) {
            m_appView->setFocus(Qt::OtherFocusReason);
            return true;
        }
    }
    return false;
}

} // namespace ab::ui
