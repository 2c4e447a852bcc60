#pragma once

#include "core/zapierbackend.h"

#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace ab::test {

// What a caller asked the backend for. Positional `args` follow the interface's parameter order
// (e.g. inputs: actionId, connectionId; choices: actionId, fieldId, connectionId).
struct FakeCall {
    FakeCall() = default;
    FakeCall(QString method_, QStringList args_ = {}, QVariantMap inputs_ = {}, int page_ = 0)
        : method(std::move(method_))
        , args(std::move(args_))
        , inputs(std::move(inputs_))
        , page(page_)
    {}

    QString method;
    QStringList args;
    QVariantMap inputs;
    int page = 0;
    QString pageToken; // runStoredAction's `page`
    QString idempotencyId;
    core::Priority priority = core::Priority::User;
    core::StoredAction storedAction;
};

// A call waiting for the test to answer it, so tests decide the order replies arrive in
// (e.g. a stale /inputs reply landing after a newer one).
template <typename T> struct FakePending {
    FakeCall call;
    QPointer<QObject> context;
    core::Callback<T> done;
    bool hadContext = false;

    // Delivers now; dropped like the real client when the context has died.
    void reply(core::ApiResult<T> result) const
    {
        if (!hadContext || context)
            done(std::move(result));
    }
};

// An in-memory ZapierBackend for unit tests. For each method, a handler may answer at once
// (delivered on the next event-loop turn, like the real client); without a handler, or when the
// handler returns nullopt, the call stays pending until the test replies to it.
class FakeBackend final : public core::ZapierBackend {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeBackend)

public:
    template <typename T>
    using Handler = std::function<std::optional<core::ApiResult<T>>(const FakeCall &)>;

    explicit FakeBackend(QObject *parent = nullptr)
        : core::ZapierBackend(parent)
    {}

    Handler<core::Page<core::App>> onApps;
    Handler<QList<core::Action>> onActions;
    Handler<QList<core::FieldNode>> onInputs;
    Handler<core::ChoicePage> onChoices;
    Handler<QList<core::OutputField>> onOutputs;
    Handler<QList<core::Connection>> onConnections;
    Handler<QString> onCreateRun;
    Handler<core::RunState> onGetRun;
    Handler<QList<core::StoredAction>> onStoredActions;
    Handler<core::StoredAction> onStoredAction;
    Handler<QString> onCreateStoredAction;
    Handler<core::Empty> onDeleteStoredAction;
    Handler<QString> onRunStoredAction;
    Handler<core::RunState> onStoredActionRun;

    QList<FakePending<core::Page<core::App>>> pendingApps;
    QList<FakePending<QList<core::Action>>> pendingActions;
    QList<FakePending<QList<core::FieldNode>>> pendingInputs;
    QList<FakePending<core::ChoicePage>> pendingChoices;
    QList<FakePending<QList<core::OutputField>>> pendingOutputs;
    QList<FakePending<QList<core::Connection>>> pendingConnections;
    QList<FakePending<QString>> pendingCreateRun;
    QList<FakePending<core::RunState>> pendingGetRun;
    QList<FakePending<QList<core::StoredAction>>> pendingStoredActions;
    QList<FakePending<core::StoredAction>> pendingStoredAction;
    QList<FakePending<QString>> pendingCreateStoredAction;
    QList<FakePending<core::Empty>> pendingDeleteStoredAction;
    QList<FakePending<QString>> pendingRunStoredAction;
    QList<FakePending<core::RunState>> pendingStoredActionRun;

    // Every call made, in order.
    QList<FakeCall> calls;
    // Every protectInput(), in order: (field id, value).
    QList<QPair<QString, QString>> protectedInputs;
    void protectInput(const QString &fieldId, const QString &value = {}) override
    {
        protectedInputs.append({fieldId, value});
    }
    int callCount(const QString &method) const;
    QList<FakeCall> callsOf(const QString &method) const;

    void apps(const core::AppQuery &query, QObject *context,
              core::Callback<core::Page<core::App>> done) override;
    void actions(const QString &appId, const QString &actionType, QObject *context,
                 core::Callback<QList<core::Action>> done) override;
    void inputs(const QString &actionId, const QString &connectionId, const QVariantMap &inputs,
                QObject *context, core::Callback<QList<core::FieldNode>> done) override;
    void choices(const QString &actionId, const QString &fieldId, const QString &connectionId,
                 const QVariantMap &inputs, int page, QObject *context,
                 core::Callback<core::ChoicePage> done) override;
    void outputs(const QString &actionId, const QString &connectionId, const QVariantMap &inputs,
                 QObject *context, core::Callback<QList<core::OutputField>> done) override;
    void connections(const QString &appId, QObject *context,
                     core::Callback<QList<core::Connection>> done) override;
    void createRun(const QString &actionId, const QString &connectionId, const QVariantMap &inputs,
                   QObject *context, core::Callback<QString> done) override;
    void getRun(const QString &runId, core::Priority priority, QObject *context,
                core::Callback<core::RunState> done) override;
    void storedActions(QObject *context, core::Callback<QList<core::StoredAction>> done) override;
    void storedAction(const QString &id, QObject *context,
                      core::Callback<core::StoredAction> done) override;
    void createStoredAction(const core::StoredAction &action, QObject *context,
                            core::Callback<QString> done) override;
    void deleteStoredAction(const QString &id, QObject *context,
                            core::Callback<core::Empty> done) override;
    void runStoredAction(const QString &id, const QVariantMap &inputs, const QString &page,
                         const QString &idempotencyId, QObject *context,
                         core::Callback<QString> done) override;
    void storedActionRun(const QString &storedActionId, const QString &runId,
                         core::Priority priority, QObject *context,
                         core::Callback<core::RunState> done) override;

    // A typed error, for handlers and replies.
    static core::ApiError error(core::ErrorKind kind, int httpStatus = 0,
                                const QString &detail = {});
    // A polled run in `status` ("waiting", "success", an unknown word...) with its results.
    static core::RunState runState(const QString &status, const QByteArray &results = "[]");

Q_SIGNALS:
    // Emitted after a call is recorded (and queued or answered), for QSignalSpy::wait.
    void called(const QString &method);

private:
    template <typename T>
    void dispatch(FakeCall call, QObject *context, core::Callback<T> done,
                  const Handler<T> &handler, QList<FakePending<T>> &queue)
    {
        calls.append(call);
        std::optional<core::ApiResult<T>> answer;
        if (handler)
            answer = handler(call);
        const bool hadContext = context != nullptr;
        QPointer<QObject> guard(context);
        if (answer) {
            // Like the real client: never call back from inside the call.
            core::ApiResult<T> result = *answer;
            QTimer::singleShot(0, this, [guard, hadContext, done, result] {
                if (!hadContext || guard)
                    done(result);
            });
        } else {
            queue.append(FakePending<T>{call, guard, done, hadContext});
        }
        Q_EMIT called(call.method);
    }
};

} // namespace ab::test
