#pragma once

#include "core/zapierbackend.h"
#include "runs/runrecord.h"

#include <QHash>
#include <QObject>

class QTimer;

#include <optional>

namespace ab::form {
class FormSession;
}
namespace ab::runs {
class HistoryStore;
class RunService;
} // namespace ab::runs

namespace ab::ui {

// The desktop app's workflow, without widgets: which app, action and connection the form is
// for, starting the form when both are known, turning the form into a run, restoring a past
// run into the form, and keeping each action's values while another action's form is shown.
// Those values are also kept in the history file per server, so the next session finds each
// form as it was left. The main window wires panes to it; tests drive it directly.
class Workbench final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Workbench)

public:
    Workbench(core::ZapierBackend *backend, runs::RunService *runs, runs::HistoryStore *store,
              QObject *parent = nullptr);
    ~Workbench() override;

    form::FormSession *session() const { return m_session; }
    void setEnvironmentName(const QString &name) { m_environment = name; }
    QString environmentName() const { return m_environment; }

    const core::App &app() const { return m_app; }
    const core::Action &action() const { return m_action; }
    const core::Connection &connection() const { return m_connection; }
    bool hasAction() const { return !m_action.key.isEmpty(); }

    // A newly chosen action: the form starts once its connection is known (at once for apps that
    // need no authentication).
    void chooseAction(const core::App &app, const core::Action &action);
    void chooseConnection(const core::Connection &connection);
    // Forgets the form (the environment changed: ids mean nothing on the new server).
    void clear();

    // Records and sends a run of the form as it is; returns the local run id (0 when the history
    // could not record it, which RunService reports).
    qint64 run();
    // The configured action as a stored action (selected_api must be supplied by the caller).
    core::StoredAction storedActionDraft(const QString &selectedApi) const;
    // The names the user sees for it (app, action, connection), for the stored action's row.
    core::StoredActionNames storedActionNames() const;
    // A guess at the app's implementation key (selected_api) for the Actions API, read from its
    // connect link (".../auth/start/SlackCLIAPI@1.2.3?...") when the API gives one.
    static QString guessSelectedApi(const core::App &app);

    // What restore() and rerun() did with a past run; anything but Done changed nothing.
    enum class PastRun {
        Done,
        NoAction,    // no such run, or it names no app and action (a stored action saved elsewhere)
        StoredRun,   // restore only: a stored action's inputs live on the server, its run sent
                     // changes to them
        OtherServer, // made on another environment: its ids mean nothing on this one
    };
    // Puts a past run's values back: when it ran the current action they are applied at once,
    // otherwise they wait for that action to be chosen (restoreTargetNeeded tells the UI which).
    PastRun restore(qint64 runId, QString *runEnvironment = nullptr);
    // Runs a past run again, as a new run (runStarted), on this server only: sent here, another
    // server's ids would fail, and the history would file the run under that server.
    PastRun rerun(qint64 runId, QString *runEnvironment = nullptr);

    // Writes the form's values to the history file now (they are written a moment after each
    // change anyway), for the next session; password fields are left out.
    void saveDraft();

Q_SIGNALS:
    void formTargetChanged(); // app, action or connection changed
    void restoreTargetNeeded(const QString &appId, const QString &actionKey,
                             const QString &connectionId);
    void runStarted(qint64 localId);
    // restore() put a past run's values in place of values the action's form held (now, or
    // when its form started): those, for an Undo.
    void valuesReplaced(const QVariantMap &previous, const QMap<QString, QString> &previousLabels);

private:
    using Draft = runs::FormDraft;

    static QString draftKey(const QString &appId, const QString &actionKey);
    Draft currentDraft() const;
    // Keeps the form's values if the form is about to show another action.
    void stashDraft(const QString &nextAppId, const QString &nextActionKey);
    void startFormIfReady();

    core::ZapierBackend *m_backend;
    runs::RunService *m_runs;
    runs::HistoryStore *m_store;
    form::FormSession *m_session;
    QString m_environment;
    core::App m_app;
    core::Action m_action;
    core::Connection m_connection;
    bool m_connectionKnown = false;
    // A restore waiting for its action to be chosen.
    std::optional<Draft> m_pendingRestore;
    // The values left in other actions' forms in this session, by draftKey(); and the app of
    // the form's action (FormSession knows only the action's key).
    QHash<QString, Draft> m_drafts;
    QString m_formAppId;
    QTimer *m_draftTimer; // writes the form's values once typing pauses
};

} // namespace ab::ui
