#pragma once

#include "core/apierror.h"
#include "core/requestrecord.h"
#include "core/run.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace ab::runs {

// Partner API action run (POST /v2/action-runs) or Actions API stored-action run.
enum class RunKind { Action, Stored };

// Where a run is, locally. The order of the early phases matters for crash recovery: a run found
// in Submitting after a restart may have been applied by Zapier, so it is never re-sent.
enum class Phase {
    Preparing,      // row written, fresh action id being fetched; nothing sent yet
    Submitting,     // the POST is about to be / being sent
    Waiting,        // server run id known, polling
    Success,        // finished without third-party errors
    Error,          // finished with third-party errors (throttled included)
    Failed,         // an API error: the run never ran
    OutcomeUnknown, // the POST may have been applied; never re-sent automatically
    TimedOut,       // polling gave up (timeout or too many poll errors); may be resumed
    Cancelled,      // the user stopped tracking it
};

QString phaseName(Phase phase); // stable, stored in the database: "preparing", "waiting", ...
std::optional<Phase> phaseFromName(const QString &name);
bool isFinalPhase(Phase phase);      // nothing more will happen on its own
bool isUnfinishedPhase(Phase phase); // Preparing, Submitting, Waiting: resumed on the next start

QString runKindName(RunKind kind); // "action", "stored"
std::optional<RunKind> runKindFromName(const QString &name);

// core::errorKindName's inverse, for reading stored errors back.
std::optional<core::ErrorKind> errorKindFromName(const QString &name);

// The timeline notes that carry values (ids, counts, a server's words), as RunService writes
// them. Stored in English; displayNote() finds the template again and translates it.
namespace notes {
inline constexpr char sendingWithIdempotencyId[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent", "sending with idempotency id %1");
inline constexpr char sendingWithActionId[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent", "sending with action id %1");
inline constexpr char attemptFailed[] = QT_TRANSLATE_NOOP(
    "ab::runs::RunEvent", "attempt %1 failed (%2); re-sending with the same idempotency id");
inline constexpr char gaveUp[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent", "gave up after %1 attempt(s) with idempotency id %2");
inline constexpr char acceptedAsRun[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent", "accepted as run %1");
inline constexpr char pollFailed[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent", "poll failed (%1 in a row): %2");
inline constexpr char pollingGaveUp[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent", "polling gave up: %1");
inline constexpr char stillPending[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent", "still pending after %1 s; resume to poll again");
inline constexpr char finishedWithErrors[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent", "finished with %1 error(s)");
inline constexpr char throttledWait[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent",
                      "throttled (%1); wait %2 s before running again; not re-run automatically");
inline constexpr char throttled[] =
    QT_TRANSLATE_NOOP("ab::runs::RunEvent", "throttled (%1); not re-run automatically");
} // namespace notes

// One step of a run's timeline.
struct RunEvent {
    QDateTime at;
    Phase phase = Phase::Preparing;
    QString status; // raw server status when the event is a poll reading
    // English, as stored and printed by the CLI. RunService's fixed notes are marked with
    // QT_TRANSLATE_NOOP("ab::runs::RunEvent", ...); those with values come from notes::.
    QString note;

    QString displayNote() const; // the note in the user's language (values kept as they are)
};

// Everything a run keeps (architecture flow 5). JSON text comes ready-made from api/ (fields,
// results); inputs, labels and errors are typed and go through the store's injected codec.
struct RunRecord {
    qint64 id =
        0; // local primary key; server run ids are opaque and not unique across environments
    RunKind kind = RunKind::Action;
    QString environment; // base URL
    QString appId;
    QString appTitle;
    QString actionKey;
    QString actionTitle;
    QString actionType; // as sent ("WRITE") or the Actions API's lower case
    QString actionId;   // the ephemeral id the run was created with
    QString connectionId;
    QString connectionTitle;
    QString storedActionId;
    QString idempotencyId; // stored runs: saved before the first POST, reused on every retry
    QString page;          // stored runs: the bulk-read page sent
    QString serverRunId;
    Phase phase = Phase::Preparing;
    QString statusRaw;
    QVariantMap inputs;
    QVariantMap inputLabels; // SELECT field id -> the label the user saw
    // Password fields: kept for a re-run, hidden wherever the run is shown, never recorded in
    // its API calls.
    QStringList secretInputs;
    QByteArray fieldsJson; // the field schema the run was filled from
    QByteArray resultsJson;
    QList<core::RunError> errors;
    QString nextPage;
    std::optional<core::ApiError>
        apiError; // Failed / OutcomeUnknown / TimedOut: why (rawSample not kept)
    QDateTime createdAt;
    QDateTime submittedAt;
    QDateTime finishedAt;
    QList<RunEvent> events;           // loaded with the record; appended, never rewritten
    QList<core::RequestRecord> calls; // idem

    // From submission (or creation, when never submitted) to the end, or -1 while running.
    qint64 durationMs() const;
    // The inputs as every view of the run shows them: each secret's value replaced by `mask`.
    QVariantMap shownInputs(const QVariant &mask) const;
};

// What an action's form held when it was left: values by field id and the labels of the SELECT
// choices among them. A draft is not a run: nothing was sent.
struct FormDraft {
    QString appId;
    QString actionKey;
    QVariantMap inputs;
    QMap<QString, QString> labels;
};

// The light row of the history pane.
struct RunSummary {
    qint64 id = 0;
    RunKind kind = RunKind::Action;
    QDateTime createdAt;
    QString appId;
    QString appTitle;
    QString actionTitle;
    QString connectionTitle;
    QString serverRunId;
    Phase phase = Phase::Preparing;
    qint64 durationMs = -1; // -1 while running
    QString environment;
};

struct RunFilter {
    QString text; // case-insensitive substring of app/action/connection titles or the server run id
    QList<Phase> phases; // empty: any
    QString environment; // empty: any
};

} // namespace ab::runs
