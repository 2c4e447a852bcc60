#pragma once

#include "core/action.h"
#include "core/app.h"
#include "mainwindow/services.h"
#include "mainwindow/windowsettings.h"
#include "mainwindow/workbench.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QInputDialog;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;
class QToolBar;

namespace ab::models {
class AppIcons;
}

namespace ab::ui {

class AccountsDialog;
class CatalogPane;
class DesktopNotifier;
class ConnectController;
class ConnectionPicker;
class ConnectMessageBar;
class ConnectWindowLoader;
class EnvironmentSwitcher;
class FormView;
class HistoryPane;
class InspectorDock;
class RunDetailView;
class SettingsDialog;
class StoredActionsView;

// Assembles the panes and connects them to the Workbench; the workflow itself lives there.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(const Services &services, QWidget *parent = nullptr);
    ~MainWindow() override;

    Workbench *workbench() const { return m_workbench; }
    CatalogPane *catalogPane() const { return m_catalog; }
    ConnectionPicker *connectionPicker() const { return m_connections; }
    FormView *formView() const { return m_form; }
    HistoryPane *historyPane() const { return m_history; }
    RunDetailView *runDetail() const { return m_detail; }
    StoredActionsView *storedActions() const { return m_stored; }
    // Built the first time it is opened (or asked for): it starts hidden.
    InspectorDock *inspector();
    EnvironmentSwitcher *environmentSwitcher() const { return m_environment; }
    ConnectController *connectController() const { return m_connect; }
    ConnectMessageBar *connectMessageBar() const { return m_connectBar; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The menus and actions, kept so a language change reaches their texts.
    struct Commands {
        QToolBar *toolbar = nullptr;
        QMenu *fileMenu = nullptr;
        QMenu *actionMenu = nullptr;
        QMenu *viewMenu = nullptr;
        QMenu *helpMenu = nullptr;
        QAction *run = nullptr;
        QAction *save = nullptr;
        QAction *search = nullptr;
        QAction *connectAccount = nullptr;
        QAction *refresh = nullptr;
        QAction *inspector = nullptr;
        QAction *quit = nullptr;
        QAction *accounts = nullptr;
        QAction *settings = nullptr;
        QAction *about = nullptr;
    };
    // A status-bar message as a function of the state it reports, so that it is said again in
    // a new language while it shows.
    using StatusMessage = std::function<QString()>;

    void retranslateUi();
    void retranslateSaveDialog();
    void showStatus(StatusMessage message, int timeoutMs);
    void buildActions();
    void showAccounts();
    void showSettings();
    void showAbout();
    void onActionChosen(const core::App &app, const core::Action &action);
    void onRunRequested();
    void onSaveAsStoredRequested();
    void onRerunRequested(qint64 runId);
    void onRestoreRequested(qint64 runId);
    // Says in the status bar why a past run was not restored or re-run.
    void explainPastRun(Workbench::PastRun result, const QString &environment, bool restoring);
    void onRunFinished(qint64 runId);
    void onEnvironmentChanged();
    void onConnectionReady(const QString &connectionId, bool reconnected);
    void configureConnect();
    void installAppIcons();
    void updateFormTitle();
    WindowSettings::Layout layout();
    void restoreSettings();
    void saveSettings();
    void saveSelection() const;

    Services m_services;
    Workbench *m_workbench;
    EnvironmentSwitcher *m_environment;
    QTabWidget *m_leftTabs;
    CatalogPane *m_catalog;
    StoredActionsView *m_stored;
    QLabel *m_formTitle;
    ConnectionPicker *m_connections;
    ConnectMessageBar *m_connectBar;
    ConnectWindowLoader *m_connectLoader;
    ConnectController *m_connect;
    FormView *m_form;
    HistoryPane *m_history;
    models::AppIcons *m_appIcons; // for the history's and stored actions' rows
    RunDetailView *m_detail;
    InspectorDock *m_inspector = nullptr;
    QSplitter *m_mainSplitter;
    QSplitter *m_workSplitter;
    QSplitter *m_historySplitter;
    QLabel *m_environmentLabel;
    Commands m_commands;
    StatusMessage m_statusMessage; // the one showing, if any
    int m_statusTimeoutMs = 0;
    bool m_showingStatus = false; // showStatus() is putting its message up
    QPointer<QInputDialog> m_saveDialog;
    QPointer<AccountsDialog> m_accounts;
    QPointer<SettingsDialog> m_settingsDialog;
    DesktopNotifier *m_notifier = nullptr;
    qint64 m_notifiedRun = 0;    // the run the last desktop notification was about
    QString m_pendingConnection; // a restore's connection, selected once the picker lists it
};

} // namespace ab::ui
