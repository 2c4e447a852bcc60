#pragma once

#include "core/storedaction.h"
#include "panes/catalogstatusline.h"
#include "panes/storedrundialog.h"

#include <QHash>
#include <QIcon>
#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QListView;
class QMessageBox;
class QPushButton;
class QStackedWidget;

namespace ab::core {
class ZapierBackend;
}
namespace ab::models {
class StoredActionsModel;
}
namespace ab::runs {
class HistoryStore;
class RunService;
} // namespace ab::runs

namespace ab::ui {

class CatalogItemDelegate;
class StoredRunDialog;

// The stored actions of the Actions API (issue 3, point 6): list, run (inputs overridable,
// idempotent retries by RunService), page bulk reads with next_page, delete, and save the
// form's action as a new one. Runs go through RunService, so they show in the history pane.
// "Next page" needs the HistoryStore to read a finished run's next_page; without one it
// stays hidden.
class StoredActionsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoredActionsView)

public:
    StoredActionsView(core::ZapierBackend *backend, runs::RunService *runs,
                      QWidget *parent = nullptr);
    StoredActionsView(core::ZapierBackend *backend, runs::RunService *runs,
                      runs::HistoryStore *history, QWidget *parent = nullptr);
    ~StoredActionsView() override;

    // Goes into each run's history record (StoredRunRequest::environment).
    void setEnvironmentName(const QString &name);
    QString environmentName() const { return m_environment; }
    // Later, when the store is made after the view.
    void setHistoryStore(runs::HistoryStore *history);
    // App icons for the rows, as the catalog shows them (see StoredActionsModel).
    void setIconProvider(
        std::function<QIcon(const core::StoredAction &, const core::StoredActionNames &)> provider);

    models::StoredActionsModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    CatalogStatusLine *status() const { return m_status; }
    QPushButton *runButton() const { return m_runButton; }
    QPushButton *nextPageButton() const { return m_nextButton; }
    QPushButton *deleteButton() const { return m_deleteButton; }
    QPushButton *refreshButton() const { return m_refreshButton; }
    // The open run dialog, if any (tests fill it in).
    StoredRunDialog *runDialog() const { return m_dialog; }
    QString currentId() const;
    // The next_page of the selected stored action's last finished run; empty when none.
    QString nextPage(const QString &storedActionId) const
    {
        return m_nextPage.value(storedActionId);
    }

public Q_SLOTS:
    void reload();
    // Creates it on the server; `names` (what the user saw in the form) are remembered locally
    // for its row and its runs.
    void saveAsStored(const ab::core::StoredAction &action,
                      const ab::core::StoredActionNames &names = {});
    // Opens the run dialog for the selected stored action.
    void runSelected();
    // Runs the selected stored action at once with `overrides` (no dialog).
    qint64 runSelectedWith(const QVariantMap &overrides);
    void runNextPage();
    // Asks, then deletes.
    void deleteSelected();
    void select(const QString &storedActionId);

Q_SIGNALS:
    void runStarted(qint64 localId);
    void saved(const QString &storedActionId);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // A status message as the state it reports (a deleted id, an API error), worded when shown,
    // so that a language change can word it again.
    using Message = std::function<QString()>;

    void buildLayout();
    void retranslateUi();
    void updateButtons();
    void updateListState();
    qint64 start(const core::StoredAction &action, const QVariantMap &inputs, const QString &page);
    void onRunFinished(qint64 localId);
    void showStatus(CatalogStatusLine::State state, Message message);
    void showError(Message message, std::function<void()> retry);
    void applyStatus();
    void updateConfirmationText();
    const core::StoredAction *selected() const;
    void loadNames();

    core::ZapierBackend *m_backend;
    runs::RunService *m_runs;
    runs::HistoryStore *m_history;
    models::StoredActionsModel *m_model;
    QPushButton *m_refreshButton;
    QPushButton *m_runButton;
    QPushButton *m_nextButton;
    QPushButton *m_deleteButton;
    QStackedWidget *m_stack;
    QListView *m_view;
    CatalogItemDelegate *m_delegate = nullptr;
    QLabel *m_emptyLabel;
    CatalogStatusLine *m_status;
    QPointer<StoredRunDialog> m_dialog;
    QPointer<QMessageBox> m_confirmation;
    core::StoredAction m_deleting; // what the open confirmation asks about
    QString m_environment;
    QString m_selectAfterLoad;
    CatalogStatusLine::State m_statusState = CatalogStatusLine::State::Idle;
    Message m_statusMessage;
    Message m_noteAfterLoad; // a success note that outlives the reload it triggers
    std::function<void()> m_retry;
    QHash<qint64, QString> m_runOwner;        // local run id -> stored action id
    QHash<QString, QVariantMap> m_lastInputs; // per stored action, for the next page
    QHash<QString, QString> m_nextPage;
};

} // namespace ab::ui
