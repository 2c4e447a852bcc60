#include "api/apiclient.h"

#include "api/decoders.h"
#include "api/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <optional>

namespace ab::api {

using core::ApiResult;
using core::Callback;

using Query = QList<QPair<QString, QString>>;

struct ApiClient::Call {
    QByteArray method;
    QString path; // already percent-encoded, e.g. "/v2/actions/core:123/inputs"
    Query query;
    QByteArray body;
    core::Priority priority = core::Priority::User;
    bool idempotent = true;
    std::optional<QString> token = std::nullopt; // sent instead of the client's (checkToken)
};

struct ApiClient::ConnectionsWalk {
    QString appId;
    int offset = 0;
    int pages = 0;
    QList<core::Connection> items;
    QList<core::RequestRecord> calls;
};

// An id as one path segment: ':' and '@' are legal there (ids look like "core:853266"),
// '/' and '?' are not.
static QString segment(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id, ":@"));
}

static QByteArray dataBody(const QJsonObject &data)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

// `authentication` is null for apps that need none (contract §8.2).
static QJsonValue authentication(const QString &connectionId)
{
    return connectionId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(connectionId);
}

ApiClient::ApiClient(ApiClientConfig config, const core::Clock *clock, QObject *parent)
    : core::ZapierBackend(parent)
    , m_config(std::move(config))
    , m_ownClock(clock ? nullptr : std::make_unique<core::SystemClock>())
    , m_log(new RequestLog(this))
    , m_scheduler(
          new RequestScheduler(m_log, clock ? clock : m_ownClock.get(), m_config.scheduler, this))
{
    m_log->redactor().addSecret(m_config.token);
    connect(m_scheduler, &RequestScheduler::exchangeFinished, this,
            &core::ZapierBackend::requestFinished);
}

// The scheduler (a child) refers to the clock, so it must go first.
ApiClient::~ApiClient()
{
    delete m_scheduler;
}

void ApiClient::protectInput(const QString &fieldId, const QString &value)
{
    m_log->redactor().addSecretKey(fieldId);
    if (!value.isEmpty())
        m_log->redactor().addSecret(value);
}

void ApiClient::setToken(const QString &token)
{
    m_log->redactor().removeSecret(m_config.token);
    m_config.token = token;
    m_log->redactor().addSecret(token);
}

void ApiClient::setBaseUrl(const QUrl &baseUrl)
{
    m_config.baseUrl = baseUrl;
}

QNetworkRequest ApiClient::buildRequest(const Call &call) const
{
    QUrl url = m_config.baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + call.path, QUrl::TolerantMode);
    // Encoded by hand: QUrlQuery leaves '+' alone, which servers read as a space.
    QStringList pairs;
    for (const auto &[key, value] : call.query)
        pairs.append(QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' +
                                         QUrl::toPercentEncoding(value)));
    if (!pairs.isEmpty())
        url.setQuery(pairs.join(QLatin1Char('&')), QUrl::TolerantMode);

    QNetworkRequest request(url);
    const QString &token = call.token ? *call.token : m_config.token;
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    if (!call.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, m_config.userAgent);
    request.setTransferTimeout(m_config.transferTimeoutMs);
    // A redirect would carry the bearer token to wherever it points: report it instead.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    return request;
}

template <typename T, typename Decode>
ApiResult<T> ApiClient::toResult(const ReplyOutcome &reply, Decode &decode) const
{
    const auto outcome = [&]() -> ApiResult<T> {
        if (reply.transportError)
            return *reply.transportError;
        const QByteArray sample = m_log->redactor().redactAndTruncate(reply.body, 512);
        if (reply.httpStatus < 200 || reply.httpStatus > 299) {
            core::ApiError error = decodeError(reply.httpStatus, reply.body, reply.reasonPhrase);
            error.retryAfterSeconds = reply.retryAfterSeconds;
            error.rawSample = sample;
            return error;
        }
        ApiResult<T> decoded = decode(reply);
        if (decoded.ok())
            return decoded;
        core::ApiError error = decoded.error();
        error.httpStatus = reply.httpStatus;
        error.rawSample = sample;
        qCWarning(lcApi).noquote() << "malformed reply:" << error.detail;
        return error;
    };
    ApiResult<T> result = outcome();
    result.calls = reply.calls;
    return result;
}

template <typename T, typename Decode>
void ApiClient::send(const Call &call, QObject *context, Callback<T> done, Decode decode,
                     QList<core::RequestRecord> earlier, bool mayRefresh)
{
    OutgoingRequest request;
    request.request = buildRequest(call);
    request.method = call.method;
    request.body = call.body;
    request.bucket = bucketForPath(call.path);
    request.priority = call.priority;
    request.idempotent = call.idempotent;
    request.maxBodyBytes = m_config.maxBodyBytes;
    const QPointer<QObject> guard(context);
    m_scheduler->submit(
        std::move(request), context,
        [this, call, guard, hasContext = context != nullptr,
         sentToken = call.token.value_or(m_config.token), earlier = std::move(earlier), mayRefresh,
         done = std::move(done), decode](const ReplyOutcome &reply) mutable {
            const bool unauthorized = !reply.transportError && reply.httpStatus == 401;
            if (!unauthorized || !mayRefresh || !m_unauthorizedHandler) {
                ApiResult<T> result = toResult<T>(reply, decode);
                result.calls = earlier + result.calls;
                done(std::move(result));
                return;
            }
            // Once per request: the re-sent one reports its own 401 as it is.
            requestRefresh(sentToken, [this, call, guard, hasContext, reply,
                                       calls = earlier + reply.calls, done = std::move(done),
                                       decode](bool refreshed) mutable {
                if (hasContext && !guard)
                    return; // the caller went away, as the scheduler would drop it
                if (refreshed) {
                    send<T>(call, guard.data(), std::move(done), decode, calls, false);
                    return;
                }
                ApiResult<T> result = toResult<T>(reply, decode);
                result.calls = calls;
                done(std::move(result));
            });
        });
}

void ApiClient::setUnauthorizedHandler(UnauthorizedHandler handler)
{
    m_unauthorizedHandler = std::move(handler);
}

void ApiClient::requestRefresh(const QString &sentToken, RefreshDone resume)
{
    // Sent before another request's refresh replaced the token: the new one may work.
    if (!m_config.token.isEmpty() && m_config.token != sentToken) {
        resume(true);
        return;
    }
    m_refreshWaiters.append(std::move(resume));
    if (m_refreshing)
        return;
    m_refreshing = true;
    qCInfo(lcApi) << "401: asking for a new token for" << m_refreshWaiters.size() << "request(s)";
    m_unauthorizedHandler([self = QPointer<ApiClient>(this)](bool refreshed) {
        if (!self || !self->m_refreshing)
            return; // gone, or `finish` called twice
        self->m_refreshing = false;
        const QList<RefreshDone> waiters = std::exchange(self->m_refreshWaiters, {});
        for (const RefreshDone &waiter : waiters)
            waiter(refreshed);
    });
}

void ApiClient::apps(const core::AppQuery &query, QObject *context,
                     Callback<core::Page<core::App>> done)
{
    Call call{"GET", QStringLiteral("/v2/apps"), {}, {}, core::Priority::User, true};
    if (!query.query.isEmpty())
        call.query.append({QStringLiteral("query"), query.query});
    if (!query.category.isEmpty())
        call.query.append({QStringLiteral("category"), query.category});
    if (!query.ids.isEmpty())
        call.query.append({QStringLiteral("ids"), query.ids.join(QLatin1Char(','))});
    call.query.append({QStringLiteral("limit"), QString::number(query.limit)});
    call.query.append({QStringLiteral("offset"), QString::number(query.offset)});
    send<core::Page<core::App>>(call, context, std::move(done),
                                [](const ReplyOutcome &reply) { return decodeApps(reply.body); });
}

void ApiClient::actions(const QString &appId, const QString &actionType, QObject *context,
                        Callback<QList<core::Action>> done)
{
    Call call{"GET", QStringLiteral("/v2/actions"), {{QStringLiteral("app"), appId}},
              {},    core::Priority::User,          true};
    if (!actionType.isEmpty())
        call.query.append({QStringLiteral("action_type"), actionType});
    send<QList<core::Action>>(call, context, std::move(done),
                              [](const ReplyOutcome &reply) { return decodeActions(reply.body); });
}

void ApiClient::inputs(const QString &actionId, const QString &connectionId,
                       const QVariantMap &inputs, QObject *context,
                       Callback<QList<core::FieldNode>> done)
{
    // A POST, but it only reads: safe to retry.
    const Call call{"POST",
                    QStringLiteral("/v2/actions/") + segment(actionId) + QStringLiteral("/inputs"),
                    {},
                    dataBody({{QStringLiteral("authentication"), authentication(connectionId)},
                              {QStringLiteral("inputs"), QJsonObject::fromVariantMap(inputs)}}),
                    core::Priority::User,
                    true};
    send<QList<core::FieldNode>>(call, context, std::move(done), [](const ReplyOutcome &reply) {
        return decodeInputs(reply.body);
    });
}

void ApiClient::choices(const QString &actionId, const QString &fieldId,
                        const QString &connectionId, const QVariantMap &inputs, int page,
                        QObject *context, Callback<core::ChoicePage> done)
{
    const int pageNumber = qMax(1, page);
    const Call call{"POST",
                    QStringLiteral("/v2/actions/") + segment(actionId) +
                        QStringLiteral("/inputs/") + segment(fieldId) + QStringLiteral("/choices"),
                    {{QStringLiteral("page"), QString::number(pageNumber)}},
                    dataBody({{QStringLiteral("authentication"), authentication(connectionId)},
                              {QStringLiteral("inputs"), QJsonObject::fromVariantMap(inputs)}}),
                    core::Priority::User,
                    true};
    send<core::ChoicePage>(call, context, std::move(done), [pageNumber](const ReplyOutcome &reply) {
        return decodeChoices(reply.body, pageNumber);
    });
}

void ApiClient::outputs(const QString &actionId, const QString &connectionId,
                        const QVariantMap &inputs, QObject *context,
                        Callback<QList<core::OutputField>> done)
{
    // Live samples add latency and are refused for WRITE actions (§8.4).
    const Call call{"POST",
                    QStringLiteral("/v2/actions/") + segment(actionId) + QStringLiteral("/outputs"),
                    {},
                    dataBody({{QStringLiteral("authentication"), authentication(connectionId)},
                              {QStringLiteral("inputs"), QJsonObject::fromVariantMap(inputs)},
                              {QStringLiteral("fetch_live_samples"), false}}),
                    core::Priority::User,
                    true};
    send<QList<core::OutputField>>(call, context, std::move(done), [](const ReplyOutcome &reply) {
        return decodeOutputs(reply.body);
    });
}

void ApiClient::connections(const QString &appId, QObject *context,
                            Callback<QList<core::Connection>> done)
{
    auto walk = std::make_shared<ConnectionsWalk>();
    walk->appId = appId;
    fetchConnections(std::move(walk), context, std::move(done));
}

// The offset of the page after `page`: from links.next when it names one, else counted.
static int nextOffset(const core::Page<core::Connection> &page, int currentOffset)
{
    const QUrlQuery next(QUrl(page.next).query());
    bool ok = false;
    const int linked = next.queryItemValue(QStringLiteral("offset")).toInt(&ok);
    if (ok && linked > currentOffset)
        return linked;
    return currentOffset + int(page.items.size());
}

void ApiClient::fetchConnections(std::shared_ptr<ConnectionsWalk> walk, QObject *context,
                                 Callback<QList<core::Connection>> done)
{
    const Call call{"GET",
                    QStringLiteral("/v2/authentications"),
                    {{QStringLiteral("app"), walk->appId},
                     {QStringLiteral("limit"), QString::number(connectionsPageSize)},
                     {QStringLiteral("offset"), QString::number(walk->offset)}},
                    {},
                    core::Priority::User,
                    true};
    const QPointer<QObject> guard(context);
    auto onPage = [this, walk, guard, hasContext = context != nullptr,
                   done](ApiResult<core::Page<core::Connection>> page) {
        walk->calls += page.calls;
        if (page.ok()) {
            const core::Page<core::Connection> &value = page.value();
            walk->items += value.items;
            // An empty page with a next link would loop for ever; 1000 pages is 100k items.
            const bool more = value.hasNext() && !value.items.isEmpty() && ++walk->pages < 1000;
            if (more && (!hasContext || guard)) {
                walk->offset = nextOffset(value, walk->offset);
                fetchConnections(walk, guard.data(), done);
                return;
            }
        }
        ApiResult<QList<core::Connection>> result =
            page.ok() ? ApiResult<QList<core::Connection>>(walk->items)
                      : ApiResult<QList<core::Connection>>(page.error());
        result.calls = walk->calls;
        done(std::move(result));
    };
    send<core::Page<core::Connection>>(
        call, context, std::move(onPage),
        [](const ReplyOutcome &reply) { return decodeConnections(reply.body); });
}

void ApiClient::createRun(const QString &actionId, const QString &connectionId,
                          const QVariantMap &inputs, QObject *context, Callback<QString> done)
{
    // Not idempotent: re-sent only after a 429; a lost reply is OutcomeUnknown.
    const Call call{"POST",
                    QStringLiteral("/v2/action-runs"),
                    {},
                    dataBody({{QStringLiteral("action"), actionId},
                              {QStringLiteral("authentication"), authentication(connectionId)},
                              {QStringLiteral("inputs"), QJsonObject::fromVariantMap(inputs)}}),
                    core::Priority::User,
                    false};
    send<QString>(call, context, std::move(done),
                  [](const ReplyOutcome &reply) { return decodeCreatedId(reply.body); });
}

void ApiClient::getRun(const QString &runId, core::Priority priority, QObject *context,
                       Callback<core::RunState> done)
{
    const Call call{"GET", QStringLiteral("/v2/action-runs/") + segment(runId), {}, {}, priority,
                    true};
    send<core::RunState>(call, context, std::move(done), [](const ReplyOutcome &reply) {
        return decodeRun(reply.body, reply.httpStatus);
    });
}

void ApiClient::storedActions(QObject *context, Callback<QList<core::StoredAction>> done)
{
    const Call call{
        "GET", QStringLiteral("/actions/v1/stored-actions"), {}, {}, core::Priority::User, true};
    send<QList<core::StoredAction>>(call, context, std::move(done), [](const ReplyOutcome &reply) {
        return decodeStoredActions(reply.body);
    });
}

void ApiClient::storedAction(const QString &id, QObject *context, Callback<core::StoredAction> done)
{
    const Call call{"GET",
                    QStringLiteral("/actions/v1/stored-actions/") + segment(id),
                    {},
                    {},
                    core::Priority::User,
                    true};
    send<core::StoredAction>(call, context, std::move(done), [](const ReplyOutcome &reply) {
        return decodeStoredAction(reply.body);
    });
}

void ApiClient::createStoredAction(const core::StoredAction &action, QObject *context,
                                   Callback<QString> done)
{
    const Call call{
        "POST",
        QStringLiteral("/actions/v1/stored-actions"),
        {},
        dataBody({{QStringLiteral("connection_id"), action.connectionId},
                  {QStringLiteral("selected_api"), action.selectedApi},
                  {QStringLiteral("action_key"), action.actionKey},
                  {QStringLiteral("action_type"), action.actionType},
                  {QStringLiteral("inputs"), QJsonObject::fromVariantMap(action.inputs)}}),
        core::Priority::User,
        false};
    send<QString>(call, context, std::move(done),
                  [](const ReplyOutcome &reply) { return decodeCreatedId(reply.body); });
}

void ApiClient::checkToken(const QString &token, QObject *context, Callback<core::Empty> done)
{
    m_log->redactor().addSecret(token);
    Call call{"GET", QStringLiteral("/v2/apps"), {{QStringLiteral("limit"), QStringLiteral("1")}},
              {},    core::Priority::User,       true};
    call.token = token;
    // Not refreshed on a 401: the answer is about this token, not the client's.
    send<core::Empty>(
        call, context, std::move(done),
        [](const ReplyOutcome &) { return ApiResult<core::Empty>(core::Empty{}); }, {}, false);
}

void ApiClient::deleteStoredAction(const QString &id, QObject *context, Callback<core::Empty> done)
{
    const Call call{"DELETE",
                    QStringLiteral("/actions/v1/stored-actions/") + segment(id),
                    {},
                    {},
                    core::Priority::User,
                    true};
    send<core::Empty>(call, context, std::move(done),
                      [](const ReplyOutcome &) { return ApiResult<core::Empty>(core::Empty{}); });
}

void ApiClient::runStoredAction(const QString &id, const QVariantMap &inputs, const QString &page,
                                const QString &idempotencyId, QObject *context,
                                Callback<QString> done)
{
    QJsonObject data{{QStringLiteral("inputs"), QJsonObject::fromVariantMap(inputs)}};
    if (!page.isEmpty())
        data.insert(QStringLiteral("page"), page);
    if (!idempotencyId.isEmpty())
        data.insert(QStringLiteral("idempotency_id"), idempotencyId);
    // With an idempotency id Zapier answers a repeat with the first reply (72 h, §11.2), so
    // the scheduler may resend it; without one it is as unsafe as POST /v2/action-runs.
    const Call call{"POST",
                    QStringLiteral("/actions/v1/stored-actions/") + segment(id) +
                        QStringLiteral("/run"),
                    {},
                    dataBody(data),
                    core::Priority::User,
                    !idempotencyId.isEmpty()};
    send<QString>(call, context, std::move(done),
                  [](const ReplyOutcome &reply) { return decodeCreatedId(reply.body); });
}

void ApiClient::storedActionRun(const QString &storedActionId, const QString &runId,
                                core::Priority priority, QObject *context,
                                Callback<core::RunState> done)
{
    const Call call{"GET",
                    QStringLiteral("/actions/v1/stored-actions/") + segment(storedActionId) +
                        QStringLiteral("/runs/") + segment(runId),
                    {},
                    {},
                    priority,
                    true};
    send<core::RunState>(call, context, std::move(done), [](const ReplyOutcome &reply) {
        return decodeRun(reply.body, reply.httpStatus);
    });
}

} // namespace ab::api
