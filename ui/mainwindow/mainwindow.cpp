#include "mainwindow/mainwindow.h"

#include "api/apiclient.h"
#include "connect/tokenservice.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/accountsdialog.h"
#include "dialogs/settingsdialog.h"
#include "form/formsession.h"
#include "form/formview.h"
#include "mainwindow/environmentswitcher.h"
#include "mainwindow/windowmessages.h"
#include "mainwindow/workbench.h"
#include "models/appicons.h"
#include "models/historymodel.h"
#include "models/iconcache.h"
#include "models/storedactionsmodel.h"
#include "notify/desktopnotifier.h"
#include "panes/catalogpane.h"
#include "panes/connectionpicker.h"
#include "panes/historypane.h"
#include "panes/inspectordock.h"
#include "panes/ratelimitgauge.h"
#include "panes/rundetailview.h"
#include "panes/storedactionsview.h"
#include "runs/historystore.h"
#include "runs/runservice.h"
#include "widgets/connectcontroller.h"
#include "widgets/connectmessagebar.h"
#include "widgets/connectwindowloader.h"
#include "widgets/wraplabel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QEvent>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace ab::ui {

using namespace ab::core;

// Runs shorter than this end while the user is still looking; no need to call them back.
static constexpr qint64 notifyAfterMs = 5000;

MainWindow::MainWindow(const Services &services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_workbench(new Workbench(services.client, services.runs, services.history, this))
    , m_environment(new EnvironmentSwitcher(services.sandboxUrl, services.sandboxToken,
                                            services.credentials, this))
    , m_leftTabs(new QTabWidget(this))
    , m_catalog(new CatalogPane(services.client, services.icons, this))
    , m_stored(new StoredActionsView(services.client, services.runs, this))
    , m_formTitle(new WrapLabel(this))
    , m_connections(new ConnectionPicker(services.client, this))
    , m_connectBar(new ConnectMessageBar(this))
    , m_connectLoader(new ConnectWindowLoader(ConnectWindowLoader::defaultDirectories(), this))
    , m_connect(new ConnectController(m_connections, m_connectLoader, this, this))
    , m_form(new FormView(m_workbench->session(), this))
    , m_history(new HistoryPane(services.history, this))
    , m_appIcons(new models::AppIcons(services.client, services.icons, this))
    , m_detail(new RunDetailView(services.history, this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_workSplitter(new QSplitter(Qt::Vertical, this))
    , m_historySplitter(new QSplitter(Qt::Horizontal, this))
    , m_environmentLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_workbench->setEnvironmentName(m_environment->current().name);
    m_stored->setEnvironmentName(m_environment->current().name);
    m_history->setEnvironment(m_environment->current().name);
    m_stored->setHistoryStore(services.history); // "Next page" reads the last run's next_page

    m_leftTabs->addTab(m_catalog, QString());
    m_leftTabs->addTab(m_stored, QString());

    auto *formArea = new QWidget(this);
    auto *formLayout = new QVBoxLayout(formArea);
    formLayout->setContentsMargins(0, 0, 0, 0);
    m_formTitle->setObjectName(QStringLiteral("formTitle"));
    m_formTitle->setWordWrap(true);
    m_formTitle->setTextFormat(Qt::RichText);
    formLayout->addWidget(m_formTitle);
    formLayout->addWidget(m_connections);
    formLayout->addWidget(m_connectBar);
    formLayout->addWidget(m_form, 1);

    m_historySplitter->addWidget(m_history);
    m_historySplitter->addWidget(m_detail);
    m_historySplitter->setStretchFactor(0, 3);
    m_historySplitter->setStretchFactor(1, 2);
    m_workSplitter->addWidget(formArea);
    m_workSplitter->addWidget(m_historySplitter);
    m_workSplitter->setStretchFactor(0, 3);
    m_workSplitter->setStretchFactor(1, 2);
    m_mainSplitter->addWidget(m_leftTabs);
    m_mainSplitter->addWidget(m_workSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setChildrenCollapsible(false);
    setCentralWidget(m_mainSplitter);

    m_notifier = new DesktopNotifier(this);
    connect(m_notifier, &DesktopNotifier::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
        if (m_notifiedRun > 0)
            m_history->selectRun(m_notifiedRun);
    });

    m_environmentLabel->setObjectName(QStringLiteral("environmentLabel"));
    statusBar()->addWidget(m_environmentLabel);
    statusBar()->addPermanentWidget(new RateLimitGauge(services.client->scheduler(), this));

    buildActions();

    connect(m_catalog, &CatalogPane::actionChosen, this, &MainWindow::onActionChosen);
    // Enter (or a double click) on an action goes on to its form.
    connect(m_catalog, &CatalogPane::actionActivated, this,
            [this](const App &, const Action &action) { m_form->focusFirstField(action.key); });
#if QT_CONFIG(sessionmanager) // logging out may end the process without closing the window
    connect(qApp, &QGuiApplication::commitDataRequest, this, &MainWindow::saveSettings);
#endif
    connect(m_connections, &ConnectionPicker::connectionChanged, this,
            [this](const Connection &connection) {
                if (!m_pendingConnection.isEmpty() && connection.id != m_pendingConnection) {
                    const QString wanted = m_pendingConnection;
                    m_pendingConnection.clear();
                    m_connections->selectConnection(wanted);
                    return;
                }
                m_pendingConnection.clear();
                m_workbench->chooseConnection(connection);
            });
    connect(m_workbench, &Workbench::formTargetChanged, this, &MainWindow::updateFormTitle);
    connect(m_workbench, &Workbench::restoreTargetNeeded, this,
            [this](const QString &appId, const QString &actionKey, const QString &connectionId) {
                m_pendingConnection = connectionId;
                m_leftTabs->setCurrentWidget(m_catalog);
                m_catalog->selectApp(appId);
                m_catalog->selectAction(actionKey);
                if (m_workbench->app().id == appId && !connectionId.isEmpty())
                    m_connections->selectConnection(connectionId);
            });
    connect(m_workbench, &Workbench::runStarted, m_history, &HistoryPane::selectRun);
    connect(m_workbench, &Workbench::valuesReplaced, m_form, &FormView::offerUndoRestore);
    connect(m_form, &FormView::runRequested, this, &MainWindow::onRunRequested);
    connect(m_form, &FormView::saveAsStoredRequested, this, &MainWindow::onSaveAsStoredRequested);
    connect(m_history, &HistoryPane::runSelected, m_detail, &RunDetailView::showRun);
    connect(m_detail, &RunDetailView::rerunRequested, this, &MainWindow::onRerunRequested);
    connect(m_detail, &RunDetailView::restoreRequested, this, &MainWindow::onRestoreRequested);
    connect(m_detail, &RunDetailView::focusFieldRequested, m_form, &FormView::focusField);
    // The detail view removes the record itself; a run still being polled stops first.
    connect(m_detail, &RunDetailView::deleteRequested, m_services.runs, &runs::RunService::cancel);
    // The run commands work from the history list as well, on the run the detail shows (the
    // list's current one): in its context menu, and by their keys (Delete, Ctrl+R, ...) while
    // the list has the focus.
    m_history->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_history->view()->addActions({m_detail->rerunAction(), m_detail->restoreAction(),
                                   m_detail->copyCurlAction(), m_detail->deleteAction()});
    connect(m_stored, &StoredActionsView::runStarted, m_history, &HistoryPane::selectRun);
    connect(m_services.runs, &runs::RunService::runFinished, this, &MainWindow::onRunFinished);
    connect(m_environment, &EnvironmentSwitcher::environmentChanged, this,
            &MainWindow::onEnvironmentChanged);
    // Connecting accounts (issue 4): the picker asks, the controller runs the Connect window.
    connect(m_connections, &ConnectionPicker::connectRequested, m_connect,
            &ConnectController::start);
    connect(m_connect, &ConnectController::message, m_connectBar, &ConnectMessageBar::showMessage);
    connect(m_connectBar, &ConnectMessageBar::retryRequested, m_connect, &ConnectController::retry);
    connect(m_connectBar, &ConnectMessageBar::accountsRequested, this, &MainWindow::showAccounts);
    connect(m_connect, &ConnectController::connectionReady, this, &MainWindow::onConnectionReady);
    connect(statusBar(), &QStatusBar::messageChanged, this, [this] {
        if (!m_showingStatus)
            m_statusMessage = nullptr; // timed out, cleared, or another message took its place
    });
    configureConnect();
    installAppIcons();

    retranslateUi(); // also fills the form title and the environment label
    restoreSettings();
}

MainWindow::~MainWindow() = default;

InspectorDock *MainWindow::inspector()
{
    if (m_inspector)
        return m_inspector;
    m_inspector = new InspectorDock(m_services.client->requestLog(), this);
    // restoreState() kept the dock's place (and whether it was open) until it exists;
    // addDockWidget() would drop that, so it only places a dock with no saved state.
    if (!restoreDockWidget(m_inspector)) {
        addDockWidget(Qt::RightDockWidgetArea, m_inspector);
        m_inspector->hide();
    }
    m_commands.inspector->setChecked(!m_inspector->isHidden());
    connect(m_inspector->toggleViewAction(), &QAction::toggled, m_commands.inspector,
            &QAction::setChecked);
    return m_inspector;
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Actionbench"));
    m_leftTabs->setTabText(m_leftTabs->indexOf(m_catalog), tr("&Catalog"));
    m_leftTabs->setTabText(m_leftTabs->indexOf(m_stored), tr("S&tored actions"));
    m_leftTabs->setAccessibleName(tr("Catalog and stored actions"));
    m_formTitle->setAccessibleName(tr("Selected action"));
    m_environmentLabel->setAccessibleName(tr("Environment in use"));

    Commands &c = m_commands;
    c.toolbar->setWindowTitle(tr("Main"));
    c.run->setText(tr("&Run"));
    c.run->setToolTip(tr("Run the action with the form's values (Ctrl+Enter)"));
    c.save->setText(tr("Save as &stored action…"));
    c.search->setText(tr("&Search apps"));
    c.connectAccount->setText(tr("Connect an a&ccount…"));
    c.connectAccount->setToolTip(tr("Connect an account of the chosen app through Zapier"));
    c.refresh->setText(tr("Re&fresh catalog"));
    c.inspector->setText(tr("API &inspector"));
    c.quit->setText(tr("&Quit"));
    c.accounts->setText(tr("&Accounts…"));
    c.accounts->setToolTip(
        tr("Sign in to the environment in use: a token, the White Label exchange or OAuth"));
    c.settings->setText(tr("&Settings…"));
    c.about->setText(tr("&About Actionbench"));
    c.fileMenu->setTitle(tr("&File"));
    c.actionMenu->setTitle(tr("&Action"));
    c.viewMenu->setTitle(tr("&View"));
    c.helpMenu->setTitle(tr("&Help"));

    retranslateSaveDialog();
    if (m_statusMessage)
        showStatus(m_statusMessage, m_statusTimeoutMs);
    updateFormTitle();
}

void MainWindow::retranslateSaveDialog()
{
    if (!m_saveDialog)
        return;
    m_saveDialog->setWindowTitle(tr("Save as stored action"));
    m_saveDialog->setLabelText(
        tr("The app's implementation key for the Actions API (selected_api), such as\n"
           "SlackCLIAPI or SlackCLIAPI@1.21.1. Taken from the app's connect link if it names it:"));
    m_saveDialog->setAccessibleName(tr("Implementation key"));
}

void MainWindow::showStatus(StatusMessage message, int timeoutMs)
{
    m_statusMessage = std::move(message);
    m_statusTimeoutMs = timeoutMs;
    const QScopedValueRollback showing(m_showingStatus, true);
    statusBar()->showMessage(m_statusMessage(), timeoutMs);
}

void MainWindow::buildActions()
{
    Commands &c = m_commands;
    c.toolbar = addToolBar(QString());
    c.toolbar->setObjectName(QStringLiteral("mainToolbar"));
    c.toolbar->setMovable(false);
    c.toolbar->addWidget(m_environment);

    // The form's own Run (Ctrl+Enter; it reaches onRunRequested() through runRequested), made
    // window-wide: a second action on the same keys would make both ambiguous.
    c.run = m_form->runAction();
    c.run->setShortcutContext(Qt::WindowShortcut);
    c.save = new QAction(this);
    connect(c.save, &QAction::triggered, this, &MainWindow::onSaveAsStoredRequested);
    c.search = new QAction(this);
    c.search->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(c.search, &QAction::triggered, this, [this] {
        m_leftTabs->setCurrentWidget(m_catalog);
        m_catalog->focusSearch();
    });
    c.connectAccount = new QAction(this);
    connect(c.connectAccount, &QAction::triggered, this, [this] {
        if (m_connections->app().id.isEmpty()) {
            showStatus([] { return tr("Choose an app and an action first."); }, 5000);
            m_catalog->focusSearch();
            return;
        }
        m_connect->start(m_connections->app());
    });
    c.refresh = new QAction(this);
    c.refresh->setShortcut(QKeySequence::Refresh);
    connect(c.refresh, &QAction::triggered, m_catalog, &CatalogPane::reload);
    // The window's own toggle: the dock is built the first time it opens, and follows it.
    c.inspector = new QAction(this);
    c.inspector->setCheckable(true);
    c.inspector->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    connect(c.inspector, &QAction::triggered, this, [this](bool open) {
        QAction *toggle = inspector()->toggleViewAction();
        if (toggle->isChecked() != open)
            toggle->trigger();
    });
    c.quit = new QAction(this);
    c.quit->setShortcut(QKeySequence::Quit);
    // Said outright: macOS guesses these roles from English texts, which a translation changes.
    c.quit->setMenuRole(QAction::QuitRole);
    connect(c.quit, &QAction::triggered, this, &QWidget::close);

    c.accounts = new QAction(this);
    c.accounts->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(c.accounts, &QAction::triggered, this, &MainWindow::showAccounts);
    c.settings = new QAction(this);
    c.settings->setShortcut(QKeySequence::Preferences);
    c.settings->setMenuRole(QAction::PreferencesRole);
    c.settings->setVisible(m_services.languages != nullptr); // nothing to set without it
    connect(c.settings, &QAction::triggered, this, &MainWindow::showSettings);
    c.about = new QAction(this);
    c.about->setMenuRole(QAction::AboutRole);
    connect(c.about, &QAction::triggered, this, &MainWindow::showAbout);

    c.fileMenu = menuBar()->addMenu(QString());
    c.fileMenu->addAction(c.accounts);
    c.fileMenu->addAction(c.settings);
    c.fileMenu->addSeparator();
    c.fileMenu->addAction(c.quit);
    c.actionMenu = menuBar()->addMenu(QString());
    c.actionMenu->addAction(c.run);
    c.actionMenu->addAction(c.save);
    c.actionMenu->addAction(m_form->clearAction());
    c.actionMenu->addSeparator();
    c.actionMenu->addAction(c.connectAccount);
    c.viewMenu = menuBar()->addMenu(QString());
    c.viewMenu->addAction(c.search);
    c.viewMenu->addAction(c.refresh);
    c.viewMenu->addAction(c.inspector);
    c.helpMenu = menuBar()->addMenu(QString());
    c.helpMenu->addAction(c.about);

    if (m_services.tokens) {
        connect(m_services.tokens, &connect::TokenService::signInRequired, this,
                [this](const QString &environment) {
                    if (environment == m_environment->current().name)
                        showAccounts();
                });
        // The dialog opens the browser for sign-ins it started; the app opens any other.
        connect(m_services.tokens, &connect::TokenService::authorizationUrlReady, this,
                [this](const QUrl &url) {
                    if (!m_accounts || !m_accounts->isWaitingForBrowser())
                        QDesktopServices::openUrl(url);
                });
    }

    c.toolbar->addSeparator();
    c.toolbar->addAction(c.run);
    c.toolbar->addAction(c.inspector);
    // Window-wide shortcuts must work wherever the focus is.
    for (QAction *action :
         {c.run, c.save, c.search, c.refresh, c.inspector, c.accounts, c.settings, c.quit})
        addAction(action);
}

void MainWindow::onActionChosen(const App &app, const Action &action)
{
    if (app.id != m_workbench->app().id)
        m_connections->setApp(app);
    m_workbench->chooseAction(app, action);
    saveSelection(); // at once: a window that is killed, not closed, still comes back to it
    // Same app: the picker already holds the connection and will not announce it again.
    const Connection current = m_connections->currentConnection();
    if (!current.id.isEmpty() && (current.appId.isEmpty() || current.appId == app.id))
        m_workbench->chooseConnection(current);
}

void MainWindow::onRunRequested()
{
    if (!m_workbench->hasAction()) {
        showStatus([] { return tr("Choose an app and an action first."); }, 5000);
        m_catalog->focusSearch();
        return;
    }
    if (!m_form->checkBeforeRun())
        return;
    if (m_workbench->run() <= 0)
        showStatus(
            [] { return tr("The run could not be recorded in the history; nothing was sent."); },
            8000);
}

void MainWindow::onSaveAsStoredRequested()
{
    if (!m_workbench->hasAction()) {
        showStatus([] { return tr("Choose an app and an action first."); }, 5000);
        m_catalog->focusSearch();
        return;
    }
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTextValue(Workbench::guessSelectedApi(m_workbench->app()));
    m_saveDialog = dialog;
    retranslateSaveDialog();
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &selectedApi) {
        if (selectedApi.trimmed().isEmpty())
            return;
        m_stored->saveAsStored(m_workbench->storedActionDraft(selectedApi.trimmed()),
                               m_workbench->storedActionNames());
        m_leftTabs->setCurrentWidget(m_stored);
    });
    dialog->open();
}

void MainWindow::onRerunRequested(qint64 runId)
{
    QString environment;
    explainPastRun(m_workbench->rerun(runId, &environment), environment, false);
}

void MainWindow::onRestoreRequested(qint64 runId)
{
    QString environment;
    explainPastRun(m_workbench->restore(runId, &environment), environment, true);
}

void MainWindow::explainPastRun(Workbench::PastRun result, const QString &environment,
                                bool restoring)
{
    if (result != Workbench::PastRun::Done)
        showStatus([=] { return WindowMessages::pastRun(result, environment, restoring); }, 8000);
}

void MainWindow::onRunFinished(qint64 runId)
{
    if (isActiveWindow())
        return;
    const std::optional<runs::RunRecord> record = m_services.history->load(runId);
    if (!record || record->durationMs() < notifyAfterMs)
        return;
    // A desktop notification (clicking it brings the run back), and the taskbar/dock asks for
    // attention either way.
    m_notifiedRun = runId;
    const QString where = QStringLiteral("%1 › %2").arg(record->appTitle, record->actionTitle);
    m_notifier->notify(
        record->phase == runs::Phase::Success ? tr("Run succeeded")
        : record->phase == runs::Phase::Error ? tr("Run failed")
                                              : tr("Run ended"),
        //: %1 is "App › Action", %2 how long the run took, e.g. "1 min 5 s"
        tr("%1 after %2").arg(where, models::HistoryModel::durationText(record->durationMs())));
    QApplication::alert(this);
    showStatus(
        [appTitle = record->appTitle, actionTitle = record->actionTitle, phase = record->phase] {
            //: A run ended while the window was in the background: app › action finished: phase
            return tr("%1 › %2 finished: %3")
                .arg(appTitle, actionTitle, models::HistoryModel::phaseLabel(phase));
        },
        15000);
}

void MainWindow::showAccounts()
{
    if (!m_services.tokens || !m_services.credentials) {
        showStatus([] { return tr("Accounts are not available in this build."); }, 5000);
        return;
    }
    if (!m_accounts) {
        m_accounts = new AccountsDialog(m_services.tokens, m_services.credentials,
                                        m_environment->current().name, this);
        m_accounts->setAttribute(Qt::WA_DeleteOnClose);
        const auto reload = [this] {
            m_catalog->reload();
            m_stored->reload();
        };
        connect(m_accounts, &AccountsDialog::signedIn, this, reload);
        connect(m_accounts, &AccountsDialog::signedOut, this, reload);
    }
    m_accounts->show();
    m_accounts->raise();
    m_accounts->activateWindow();
}

void MainWindow::showSettings()
{
    if (!m_services.languages)
        return;
    // Modeless: the window behind it changes language while the user watches, nothing lost.
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_services.languages, this);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

void MainWindow::showAbout()
{
    auto *dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::onEnvironmentChanged()
{
    // The accounts dialog belongs to the environment it was opened for; closed, it is deleted
    // later, so a new one is made if this switch opens Accounts.
    if (m_accounts) {
        m_accounts->close();
        m_accounts = nullptr;
    }
    const EnvironmentSwitcher::Environment &environment = m_environment->current();
    m_services.client->setBaseUrl(environment.baseUrl);
    m_services.client->setToken(environment.token);
    m_workbench->clear();
    m_workbench->setEnvironmentName(environment.name);
    m_stored->setEnvironmentName(environment.name);
    m_history->setEnvironment(environment.name);
    m_appIcons->clear(); // ids are the server's
    configureConnect();
    updateFormTitle();
    const auto load = [this, name = environment.name] {
        if (m_environment->current().name != name)
            return; // switched again meanwhile
        m_catalog->reload();
        m_stored->reload();
        // Runs left waiting on this server by an earlier session can be polled again now.
        m_services.runs->resumeUnfinished(name);
    };
    // No token came with the switch: the stored sign-in's first, or every request is refused.
    // Without one either, the user left the token prompt empty to sign in under Accounts.
    if (environment.token.isEmpty() && m_services.tokens) {
        if (m_services.tokens->credentials().mode != connect::CredentialMode::None) {
            //: %1 is the server, e.g. "https://api.zapier.com". Shown while the keyring answers.
            showStatus([name = environment.name] { return tr("Signing in to %1…").arg(name); }, 0);
            m_services.tokens->accessToken(this, [this, load](const auto &) {
                statusBar()->clearMessage();
                load();
            });
            return;
        }
        showAccounts();
    }
    load();
}

void MainWindow::installAppIcons()
{
    // Runs and stored actions know their app by id only; they show the catalog's icons.
    m_history->setIconProvider([this](const runs::RunSummary &run) {
        return m_appIcons->icon(run.appId, run.appTitle,
                                run.environment == m_environment->current().name);
    });
    m_stored->setIconProvider(
        [this](const core::StoredAction &action, const core::StoredActionNames &names) {
            return m_appIcons->icon(
                names.appId, names.appTitle.isEmpty() ? action.selectedApi : names.appTitle, true);
        });
    connect(m_appIcons, &models::AppIcons::changed, this, [this] {
        m_history->refreshIcons();
        m_stored->model()->refreshIcons();
    });
}

void MainWindow::configureConnect()
{
    const EnvironmentSwitcher::Environment &environment = m_environment->current();
    const bool sandbox = environment.kind == EnvironmentSwitcher::Kind::Sandbox;
    m_connect->cancel(); // a window of the previous environment means nothing now
    m_connectBar->clear();
    m_connect->setTokenService(m_services.tokens);
    if (m_services.tokens)
        m_services.tokens->setEnvironment(
            environment.name, sandbox ? connect::EnvironmentEndpoints::sandbox(environment.baseUrl)
                                      : connect::EnvironmentEndpoints());
    // Zapier sends the browser to a redirect URI only when it was registered at onboarding;
    // without one, Connect answers through window.opener, which the window provides.
    m_connect->setRedirectUri(sandbox ? ConnectController::sandboxRedirectUri(environment.baseUrl)
                                      : QUrl());
}

void MainWindow::onConnectionReady(const QString &connectionId, bool reconnected)
{
    // A new id reaches the workbench through the picker's connectionChanged; a reconnected one
    // keeps its id, so the workbench learns it is usable here and the form asks again.
    if (!reconnected || m_connections->currentConnection().id != connectionId)
        return;
    const Connection connection = m_connections->currentConnection();
    const bool sameAsForm = m_workbench->connection().id == connectionId;
    m_workbench->chooseConnection(connection);
    if (sameAsForm && m_workbench->hasAction() && m_workbench->session()->isLoaded())
        m_workbench->session()->refetch();
}

void MainWindow::updateFormTitle()
{
    const EnvironmentSwitcher::Environment &environment = m_environment->current();
    m_environmentLabel->setText(environment.kind == EnvironmentSwitcher::Kind::Sandbox
                                    ? tr("Sandbox: offline, simulated Zapier")
                                    : tr("Server: %1").arg(environment.name));
    m_environmentLabel->setAccessibleDescription(m_environmentLabel->text());
    if (!m_workbench->hasAction()) {
        m_formTitle->setText(tr("<b>Choose an app and one of its actions</b> to fill its form."));
        m_formTitle->setAccessibleDescription(tr("No action chosen"));
        return;
    }
    const QString title = QStringLiteral("<b>%1 › %2</b>")
                              .arg(m_workbench->app().title.toHtmlEscaped(),
                                   m_workbench->action().title.toHtmlEscaped());
    const QString description = m_workbench->action().description.toHtmlEscaped();
    m_formTitle->setText(description.isEmpty() ? title
                                               : title + QStringLiteral("<br>") + description);
    m_formTitle->setAccessibleDescription(m_workbench->app().title + QStringLiteral(" › ") +
                                          m_workbench->action().title);
}

WindowSettings::Layout MainWindow::layout()
{
    return {this, m_mainSplitter, m_workSplitter, m_historySplitter};
}

void MainWindow::restoreSettings()
{
    const WindowSettings settings(m_services.settings);
    settings.restoreLayout(layout());
    // The inspector is built when first opened; one left open last time opens now.
    if (settings.inspectorWasOpen())
        inspector();
    m_environment->setCustomUrl(settings.customServerUrl());
    const WindowSettings::Selection selection = settings.selection();
    if (!selection.appId.isEmpty()) {
        m_catalog->selectApp(selection.appId);
        if (!selection.actionKey.isEmpty())
            m_catalog->selectAction(selection.actionKey);
    }
}

void MainWindow::saveSettings()
{
    const WindowSettings settings(m_services.settings);
    settings.saveLayout(layout(), m_inspector && !m_inspector->isHidden());
    settings.saveCustomServerUrl(m_environment->customUrl());
    saveSelection();
    m_workbench->saveDraft();
}

void MainWindow::saveSelection() const
{
    if (m_workbench->hasAction())
        WindowSettings(m_services.settings)
            .saveSelection({m_workbench->app().id, m_workbench->action().key});
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace ab::ui
