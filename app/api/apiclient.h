#pragma once

#include "api/requestlog.h"
#include "api/requestscheduler.h"
#include "core/version.h"
#include "core/zapierbackend.h"

#include <QUrl>

#include <functional>
#include <memory>

namespace ab::api {

struct ApiClientConfig {
    QUrl baseUrl = QUrl(QStringLiteral("https://api.zapier.com")); // or the sandbox on loopback
    QString token;                                                 // the White Label access token
    QByteArray userAgent = QByteArrayLiteral("Actionbench/") + core::applicationVersion().toUtf8();
    int transferTimeoutMs = 30000;
    qint64 maxBodyBytes = 16 * 1024 * 1024; // larger replies fail with ErrorKind::TooLarge
    SchedulerConfig scheduler;
};

// ZapierBackend over HTTP: the Partner API v2 and the Actions API's stored actions.
// Every request goes through one RequestScheduler (rate budgets, priorities, retries) and is
// recorded, redacted, in one RequestLog. Bodies are sent in the OpenAPI form (contract §2.1):
// `{data: {...}}`, paths without a trailing slash.
class ApiClient final : public core::ZapierBackend {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    // `clock` (optional) must outlive the client; a system clock is used without one.
    explicit ApiClient(ApiClientConfig config, const core::Clock *clock = nullptr,
                       QObject *parent = nullptr);
    ~ApiClient() override;

    const ApiClientConfig &config() const { return m_config; }
    void setToken(const QString &token); // also registered with the redactor
    void setBaseUrl(const QUrl &baseUrl);

    // A 401 means the token expired or was revoked. With a handler, a request that gets one
    // asks it once to refresh the token (it calls setToken(), then `finish(true)`) and is
    // re-sent with the new token; `finish(false)` lets it fail as Unauthorized. Concurrent
    // 401s share one refresh, and a 401 for a token already replaced is simply re-sent.
    // Re-sending a POST /v2/action-runs is safe here: a 401 means it was refused, not run.
    using RefreshDone = std::function<void(bool refreshed)>;
    using UnauthorizedHandler = std::function<void(RefreshDone finish)>;
    void setUnauthorizedHandler(UnauthorizedHandler handler);

    // Whether the API takes `token` (a pasted one, before it is stored): GET /v2/apps?limit=1
    // sent with it instead of the client's token. A 401 fails as Unauthorized and is not
    // refreshed; any other answer is the API's word on the request, not on the token.
    void checkToken(const QString &token, QObject *context, core::Callback<core::Empty> done);

    RequestLog *requestLog() const { return m_log; }
    void protectInput(const QString &fieldId, const QString &value = {}) override;
    RequestScheduler *scheduler() const { return m_scheduler; }

    // Connections are read this many per page, following links.next to the end.
    static constexpr int connectionsPageSize = 100;

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

private:
    struct Call;
    struct ConnectionsWalk;

    QNetworkRequest buildRequest(const Call &call) const;
    template <typename T, typename Decode>
    void send(const Call &call, QObject *context, core::Callback<T> done, Decode decode,
              QList<core::RequestRecord> earlier = {}, bool mayRefresh = true);
    void requestRefresh(const QString &sentToken, RefreshDone resume);
    template <typename T, typename Decode>
    core::ApiResult<T> toResult(const ReplyOutcome &reply, Decode &decode) const;
    void fetchConnections(std::shared_ptr<ConnectionsWalk> walk, QObject *context,
                          core::Callback<QList<core::Connection>> done);

    ApiClientConfig m_config;
    std::unique_ptr<core::Clock> m_ownClock;
    RequestLog *m_log;
    RequestScheduler *m_scheduler;
    UnauthorizedHandler m_unauthorizedHandler;
    QList<RefreshDone> m_refreshWaiters; // requests waiting for the refresh in progress
    bool m_refreshing = false;
};

} // namespace ab::api
