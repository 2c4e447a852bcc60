#include "support/fakebackend.h"

namespace ab::test {

using namespace ab::core;

int FakeBackend::callCount(const QString &method) const
{
    return int(callsOf(method).size());
}

QList<FakeCall> FakeBackend::callsOf(const QString &method) const
{
    QList<FakeCall> out;
    for (const FakeCall &call : calls) {
        if (call.method == method)
            out.append(call);
    }
    return out;
}

ApiError FakeBackend::error(ErrorKind kind, int httpStatus, const QString &detail)
{
    ApiError error;
    error.kind = kind;
    error.httpStatus = httpStatus;
    error.detail = detail;
    return error;
}

RunState FakeBackend::runState(const QString &status, const QByteArray &results)
{
    RunState run;
    run.id = QStringLiteral("run-1");
    run.statusRaw = status;
    run.status = runStatusFromString(status);
    run.resultsJson = results;
    return run;
}

void FakeBackend::apps(const AppQuery &query, QObject *context, Callback<Page<App>> done)
{
    FakeCall call{QStringLiteral("apps"),
                  {query.query, query.category, query.ids.join(QLatin1Char(','))}};
    call.page = query.offset;
    dispatch(call, context, done, onApps, pendingApps);
}

void FakeBackend::actions(const QString &appId, const QString &actionType, QObject *context,
                          Callback<QList<Action>> done)
{
    dispatch(FakeCall{QStringLiteral("actions"), {appId, actionType}}, context, done, onActions,
             pendingActions);
}

void FakeBackend::inputs(const QString &actionId, const QString &connectionId,
                         const QVariantMap &inputs, QObject *context,
                         Callback<QList<FieldNode>> done)
{
    FakeCall call{QStringLiteral("inputs"), {actionId, connectionId}, inputs};
    dispatch(call, context, done, onInputs, pendingInputs);
}

void FakeBackend::choices(const QString &actionId, const QString &fieldId,
                          const QString &connectionId, const QVariantMap &inputs, int page,
                          QObject *context, Callback<ChoicePage> done)
{
    FakeCall call{QStringLiteral("choices"), {actionId, fieldId, connectionId}, inputs, page};
    dispatch(call, context, done, onChoices, pendingChoices);
}

void FakeBackend::outputs(const QString &actionId, const QString &connectionId,
                          const QVariantMap &inputs, QObject *context,
                          Callback<QList<OutputField>> done)
{
    FakeCall call{QStringLiteral("outputs"), {actionId, connectionId}, inputs};
    dispatch(call, context, done, onOutputs, pendingOutputs);
}

void FakeBackend::connections(const QString &appId, QObject *context,
                              Callback<QList<Connection>> done)
{
    dispatch(FakeCall{QStringLiteral("connections"), {appId}}, context, done, onConnections,
             pendingConnections);
}

void FakeBackend::createRun(const QString &actionId, const QString &connectionId,
                            const QVariantMap &inputs, QObject *context, Callback<QString> done)
{
    FakeCall call{QStringLiteral("createRun"), {actionId, connectionId}, inputs};
    dispatch(call, context, done, onCreateRun, pendingCreateRun);
}

void FakeBackend::getRun(const QString &runId, Priority priority, QObject *context,
                         Callback<RunState> done)
{
    FakeCall call{QStringLiteral("getRun"), {runId}};
    call.priority = priority;
    dispatch(call, context, done, onGetRun, pendingGetRun);
}

void FakeBackend::storedActions(QObject *context, Callback<QList<StoredAction>> done)
{
    dispatch(FakeCall{QStringLiteral("storedActions")}, context, done, onStoredActions,
             pendingStoredActions);
}

void FakeBackend::storedAction(const QString &id, QObject *context, Callback<StoredAction> done)
{
    dispatch(FakeCall{QStringLiteral("storedAction"), {id}}, context, done, onStoredAction,
             pendingStoredAction);
}

void FakeBackend::createStoredAction(const StoredAction &action, QObject *context,
                                     Callback<QString> done)
{
    FakeCall call{QStringLiteral("createStoredAction")};
    call.storedAction = action;
    call.inputs = action.inputs;
    dispatch(call, context, done, onCreateStoredAction, pendingCreateStoredAction);
}

void FakeBackend::deleteStoredAction(const QString &id, QObject *context, Callback<Empty> done)
{
    dispatch(FakeCall{QStringLiteral("deleteStoredAction"), {id}}, context, done,
             onDeleteStoredAction, pendingDeleteStoredAction);
}

void FakeBackend::runStoredAction(const QString &id, const QVariantMap &inputs, const QString &page,
                                  const QString &idempotencyId, QObject *context,
                                  Callback<QString> done)
{
    FakeCall call{QStringLiteral("runStoredAction"), {id}, inputs};
    call.pageToken = page;
    call.idempotencyId = idempotencyId;
    dispatch(call, context, done, onRunStoredAction, pendingRunStoredAction);
}

void FakeBackend::storedActionRun(const QString &storedActionId, const QString &runId,
                                  Priority priority, QObject *context, Callback<RunState> done)
{
    FakeCall call{QStringLiteral("storedActionRun"), {storedActionId, runId}};
    call.priority = priority;
    dispatch(call, context, done, onStoredActionRun, pendingStoredActionRun);
}

} // namespace ab::test
