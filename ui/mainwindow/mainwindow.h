#pragma once

#include "core/action.h"
#include "core/app.h"
#include "mainwindow/services.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QSplitter;
class QTabWidget;

namespace ab::ui {

class AccountsDialog;
class CatalogPane;
class ConnectController;
class ConnectionPicker;
class ConnectMessageBar;
class ConnectWindowLoader;
class EnvironmentSwitcher;
class FormView;
class HistoryPane;
class InspectorDock;
class RunDetailView;
class StoredActionsView;
class Workbench;

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
    InspectorDock *inspector() const { return m_inspector; }
    EnvironmentSwitcher *environmentSwitcher() const { return m_environment; }
    ConnectController *connectController() const { return m_connect; }
    ConnectMessageBar *connectMessageBar() const { return m_connectBar; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void showAccounts();
    void showAbout();
    void onActionChosen(const core::App &app, const core::Action &action);
    void onRunRequested();
    void onSaveAsStoredRequested();
    void onRestoreRequested(qint64 runId);
    void onRunFinished(qint64 runId);
    void onEnvironmentChanged();
    void onConnectionReady(const QString &connectionId, bool reconnected);
    void configureConnect();
    void updateFormTitle();
    void sizeForFirstRun();
    void restoreSettings();
    void saveSettings() const;

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
    RunDetailView *m_detail;
    InspectorDock *m_inspector;
    QSplitter *m_mainSplitter;
    QSplitter *m_workSplitter;
    QSplitter *m_historySplitter;
    QLabel *m_environmentLabel;
    QPointer<AccountsDialog> m_accounts;
    QString m_pendingConnection; // a restore's connection, selected once the picker lists it
};

} // namespace ab::ui
