#pragma once

#include "core/action.h"
#include "core/app.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QStackedWidget;
class QTimer;
class QTreeView;

namespace ab::core {
class ZapierBackend;
}
namespace ab::models {
class ActionListModel;
class AppCatalogModel;
class IconCache;
} // namespace ab::models

namespace ab::ui {

class CatalogStatusLine;

// The catalog browser (issue 3, point 1): search apps as you type (debounced server query),
// filter by category, page in thousands of apps as the list scrolls, then pick one of the
// selected app's actions, grouped by type. Keyboard: Ctrl+K (bound by the window to
// focusSearch()), Down/Enter from the search into the apps, Enter from an app into its actions,
// Enter on an action activates it; Escape steps back (and clears the search box).
class CatalogPane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogPane)

public:
    static constexpr int searchDebounceMs = 200;

    CatalogPane(core::ZapierBackend *backend, models::IconCache *icons, QWidget *parent = nullptr);
    ~CatalogPane() override;

    const core::App &currentApp() const { return m_app; }
    const core::Action *currentAction() const;

    // For tests and the main window's wiring.
    QLineEdit *searchBox() const { return m_search; }
    QComboBox *categoryBox() const { return m_category; }
    QListView *appView() const { return m_appView; }
    QLineEdit *actionFilterBox() const { return m_actionFilter; }
    QTreeView *actionView() const { return m_actionView; }
    models::AppCatalogModel *appModel() const { return m_apps; }
    models::ActionListModel *actionModel() const { return m_actions; }
    CatalogStatusLine *appStatus() const { return m_appStatus; }
    CatalogStatusLine *actionStatus() const { return m_actionStatus; }
    // What stands in for an empty action list ("Choose an app ..."); empty while actions show.
    QString actionPlaceholderText() const;

public Q_SLOTS:
    void focusSearch();
    // The environment changed: every list starts over.
    void reload();
    // Restore a previous selection; both wait for the lists to load (and look the app up by
    // id when it is not in the loaded pages).
    void selectApp(const QString &appId);
    void selectAction(const QString &key);

Q_SIGNALS:
    void appChosen(const ab::core::App &app);
    void actionChosen(const ab::core::App &app, const ab::core::Action &action);
    // Enter / double-click on an action: the user wants to go on to the form.
    void actionActivated(const ab::core::App &app, const ab::core::Action &action);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildLayout();
    void retranslateUi();
    void selectFirstAppIfNone();
    void onSearchEdited();
    void applySearch();
    void onCategoryChosen();
    void updateCategories();
    void updateAppState();
    void updateActionState();
    void onAppCurrentChanged(const QModelIndex &current);
    void onActionCurrentChanged(const QModelIndex &current);
    void chooseApp(const core::App &app);
    void applyPendingApp();
    void lookUpPendingApp();
    void applyPendingAction();
    void focusActions();
    bool handleKey(QObject *watched, int key);

    core::ZapierBackend *m_backend;
    models::AppCatalogModel *m_apps;
    models::ActionListModel *m_actions;
    QLineEdit *m_search;
    QComboBox *m_category;
    QLabel *m_countLabel;
    QStackedWidget *m_appStack;
    QListView *m_appView;
    QLabel *m_emptyLabel;
    CatalogStatusLine *m_appStatus;
    QLabel *m_actionsTitle;
    QLineEdit *m_actionFilter;
    QStackedWidget *m_actionStack;
    QTreeView *m_actionView;
    QLabel *m_actionPlaceholder;
    CatalogStatusLine *m_actionStatus;
    QTimer *m_searchTimer;

    core::App m_app;
    QString m_chosenActionKey;
    QString m_pendingAppId;
    bool m_pendingLookedUp = false;
    // Enter or Down left the search before its results came: the first of them gets selected.
    bool m_selectFirstApp = false;
    QString m_pendingActionKey;
    QPointer<QObject> m_lookupContext;
};

} // namespace ab::ui
