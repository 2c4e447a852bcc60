#pragma once

#include "core/action.h"
#include "core/apiresult.h"
#include "core/app.h"
#include "core/connection.h"
#include "core/field.h"
#include "core/page.h"
#include "core/run.h"
#include "core/storedaction.h"

#include <QObject>
#include <QVariantMap>

namespace ab::core {

// Who is waiting for a request. Background work (polling, prefetch) yields to the user.
enum class Priority { User, Background };

// Everything above api/ talks to Zapier through this interface, in typed values only.
// ApiClient implements it over HTTP; tests may implement it in memory.
//
// Every call is asynchronous. `context` bounds the callback's lifetime: when it is destroyed
// before the reply arrives, the callback is dropped (never called). Callbacks always run on
// the event loop, never inside the call.
//
// Input values (`inputs`) are keyed by field id and hold QString, qint64, double, bool,
// QVariantList or QVariantMap; SELECT fields hold the chosen choice id.
class ZapierBackend : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~ZapierBackend() override = default;

    // Partner API v2
    virtual void apps(const AppQuery &query, QObject *context, Callback<Page<App>> done) = 0;
    virtual void actions(const QString &appId, const QString &actionType, QObject *context,
                         Callback<QList<Action>> done) = 0;
    virtual void inputs(const QString &actionId, const QString &connectionId,
                        const QVariantMap &inputs, QObject *context,
                        Callback<QList<FieldNode>> done) = 0;
    // `page` starts at 1.
    virtual void choices(const QString &actionId, const QString &fieldId,
                         const QString &connectionId, const QVariantMap &inputs, int page,
                         QObject *context, Callback<ChoicePage> done) = 0;
    virtual void outputs(const QString &actionId, const QString &connectionId,
                         const QVariantMap &inputs, QObject *context,
                         Callback<QList<OutputField>> done) = 0;
    // Every page, concatenated.
    virtual void connections(const QString &appId, QObject *context,
                             Callback<QList<Connection>> done) = 0;
    // Returns the run id. Never retried blindly: a reply that never arrives is OutcomeUnknown.
    virtual void createRun(const QString &actionId, const QString &connectionId,
                           const QVariantMap &inputs, QObject *context, Callback<QString> done) = 0;
    virtual void getRun(const QString &runId, Priority priority, QObject *context,
                        Callback<RunState> done) = 0;

    // Actions API v1: stored actions
    virtual void storedActions(QObject *context, Callback<QList<StoredAction>> done) = 0;
    virtual void storedAction(const QString &id, QObject *context, Callback<StoredAction> done) = 0;
    // Returns the new stored action's id.
    virtual void createStoredAction(const StoredAction &action, QObject *context,
                                    Callback<QString> done) = 0;
    virtual void deleteStoredAction(const QString &id, QObject *context, Callback<Empty> done) = 0;
    // Safe to retry with the same idempotency id; returns the run id.
    virtual void runStoredAction(const QString &id, const QVariantMap &inputs, const QString &page,
                                 const QString &idempotencyId, QObject *context,
                                 Callback<QString> done) = 0;
    virtual void storedActionRun(const QString &storedActionId, const QString &runId,
                                 Priority priority, QObject *context, Callback<RunState> done) = 0;

    // A secret input (an action's password field): from now on its value is kept out of every
    // request recorded or logged, under `fieldId` in any body and, given `value`, wherever that
    // appears. For a backend that records nothing there is nothing to do.
    virtual void protectInput(const QString &fieldId, const QString &value = {})
    {
        Q_UNUSED(fieldId)
        Q_UNUSED(value)
    }

Q_SIGNALS:
    // Every HTTP exchange, as soon as it finishes (already redacted).
    void requestFinished(const ab::core::RequestRecord &record);
};

} // namespace ab::core
