#include "sandbox/sandboxstate.h"

#include "core/clock.h"

#include <QJsonArray>
#include <QUuid>

namespace ab::sandbox {

namespace {

// Bounds keep a sandbox that demos all day from growing without limit.
constexpr qsizetype kMaxIssuedActions = 20000;
constexpr qsizetype kMaxRuns = 5000;
// Answered or expired consent requests and codes are kept a while, so a late or repeated
// redemption is told exactly why it fails rather than "unknown code".
constexpr qint64 kAuthorizationGraceSeconds = 3600;

QString runKindName(RunRecord::Kind kind)
{
    switch (kind) {
    case RunRecord::Kind::Partner:
        return QStringLiteral("partner");
    case RunRecord::Kind::Stored:
        return QStringLiteral("stored");
    case RunRecord::Kind::OneOff:
        return QStringLiteral("one_off");
    }
    return QStringLiteral("partner");
}

RunRecord::Kind runKindFromName(const QString &name)
{
    if (name == QLatin1String("stored"))
        return RunRecord::Kind::Stored;
    if (name == QLatin1String("one_off"))
        return RunRecord::Kind::OneOff;
    return RunRecord::Kind::Partner;
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

} // namespace

void SandboxState::rememberIssued(const IssuedAction &action)
{
    issuedActions.insert(action.id, action);
    issuedOrder.append(action.id);
    while (issuedOrder.size() > kMaxIssuedActions)
        issuedActions.remove(issuedOrder.takeFirst());
    dirty = true;
}

void SandboxState::rememberRun(const RunRecord &run)
{
    if (!runs.contains(run.id))
        runOrder.append(run.id);
    runs.insert(run.id, run);
    while (runOrder.size() > kMaxRuns)
        runs.remove(runOrder.takeFirst());
    dirty = true;
}

void SandboxState::forgetExpired(const QDateTime &now)
{
    // Idempotency ids are honoured for 72 h, as the Actions API documents.
    for (auto it = idempotency.begin(); it != idempotency.end();) {
        if (it->createdAt.secsTo(now) > 72 * 3600) {
            it = idempotency.erase(it);
            dirty = true;
        } else {
            ++it;
        }
    }
    for (auto it = tokens.begin(); it != tokens.end();) {
        if (it->expiresAt < now) {
            it = tokens.erase(it);
            dirty = true;
        } else {
            ++it;
        }
    }
    for (auto it = authorizationRequests.begin(); it != authorizationRequests.end();) {
        if (it->expiresAt.secsTo(now) > kAuthorizationGraceSeconds) {
            it = authorizationRequests.erase(it);
            dirty = true;
        } else {
            ++it;
        }
    }
    for (auto it = authorizationCodes.begin(); it != authorizationCodes.end();) {
        if (it->expiresAt.secsTo(now) > kAuthorizationGraceSeconds) {
            it = authorizationCodes.erase(it);
            dirty = true;
        } else {
            ++it;
        }
    }
}

QJsonObject SandboxState::toJson() const
{
    QJsonArray issued;
    for (const QString &id : issuedOrder) {
        const IssuedAction &action = issuedActions[id];
        issued.append(QJsonObject{{QStringLiteral("id"), action.id},
                                  {QStringLiteral("app"), action.appId},
                                  {QStringLiteral("key"), action.actionKey},
                                  {QStringLiteral("used"), action.usedForRun}});
    }
    QJsonArray runArray;
    for (const QString &id : runOrder) {
        const RunRecord &run = runs[id];
        runArray.append(QJsonObject{{QStringLiteral("id"), run.id},
                                    {QStringLiteral("number"), double(run.number)},
                                    {QStringLiteral("kind"), runKindName(run.kind)},
                                    {QStringLiteral("stored_action"), run.storedActionId},
                                    {QStringLiteral("app"), run.appId},
                                    {QStringLiteral("key"), run.actionKey},
                                    {QStringLiteral("connection"), run.connectionId},
                                    {QStringLiteral("inputs"), run.inputs},
                                    {QStringLiteral("page"), run.page},
                                    {QStringLiteral("polls_remaining"), run.pollsRemaining},
                                    {QStringLiteral("created_at"), isoTime(run.createdAt)}});
    }
    QJsonArray stored;
    for (const QString &id : storedOrder) {
        const StoredActionRecord &record = storedActions[id];
        stored.append(QJsonObject{{QStringLiteral("id"), record.id},
                                  {QStringLiteral("connection_id"), record.connectionId},
                                  {QStringLiteral("selected_api"), record.selectedApi},
                                  {QStringLiteral("action_key"), record.actionKey},
                                  {QStringLiteral("action_type"), record.actionType},
                                  {QStringLiteral("inputs"), record.inputs},
                                  {QStringLiteral("created_at"), isoTime(record.createdAt)}});
    }
    QJsonObject idem;
    for (auto it = idempotency.begin(); it != idempotency.end(); ++it) {
        idem.insert(it.key(), QJsonObject{{QStringLiteral("stored_action"), it->storedActionId},
                                          {QStringLiteral("run"), it->runId},
                                          {QStringLiteral("created_at"), isoTime(it->createdAt)}});
    }
    QJsonArray tokenArray;
    for (const TokenRecord &token : tokens) {
        tokenArray.append(QJsonObject{{QStringLiteral("token"), token.token},
                                      {QStringLiteral("kind"), token.kind},
                                      {QStringLiteral("expires_at"), isoTime(token.expiresAt)},
                                      {QStringLiteral("resource"), token.resource},
                                      {QStringLiteral("used"), token.used},
                                      {QStringLiteral("client_id"), token.clientId},
                                      {QStringLiteral("scope"), token.scope}});
    }
    QJsonArray requestArray;
    for (const AuthorizationRequest &request : authorizationRequests) {
        requestArray.append(
            QJsonObject{{QStringLiteral("id"), request.id},
                        {QStringLiteral("client_id"), request.clientId},
                        {QStringLiteral("redirect_uri"), request.redirectUri},
                        {QStringLiteral("scope"), request.scope},
                        {QStringLiteral("state"), request.state},
                        {QStringLiteral("code_challenge"), request.codeChallenge},
                        {QStringLiteral("expires_at"), isoTime(request.expiresAt)}});
    }
    QJsonArray codeArray;
    for (const AuthorizationCode &code : authorizationCodes) {
        codeArray.append(QJsonObject{{QStringLiteral("code"), code.code},
                                     {QStringLiteral("client_id"), code.clientId},
                                     {QStringLiteral("redirect_uri"), code.redirectUri},
                                     {QStringLiteral("scope"), code.scope},
                                     {QStringLiteral("code_challenge"), code.codeChallenge},
                                     {QStringLiteral("expires_at"), isoTime(code.expiresAt)},
                                     {QStringLiteral("used"), code.used},
                                     {QStringLiteral("access_token"), code.accessToken},
                                     {QStringLiteral("refresh_token"), code.refreshToken}});
    }
    QJsonArray added;
    for (const AddedConnection &entry : addedConnections) {
        added.append(QJsonObject{{QStringLiteral("app"), entry.appId},
                                 {QStringLiteral("id"), entry.connection.id},
                                 {QStringLiteral("title"), entry.connection.title},
                                 {QStringLiteral("is_expired"), entry.connection.isExpired}});
    }
    QJsonObject overrides;
    for (auto it = expiredOverrides.begin(); it != expiredOverrides.end(); ++it)
        overrides.insert(it.key(), it.value());
    return QJsonObject{{QStringLiteral("version"), 1},
                       {QStringLiteral("counters"),
                        QJsonObject{{QStringLiteral("action"), double(actionCounter)},
                                    {QStringLiteral("run"), double(runCounter)},
                                    {QStringLiteral("stored_action"), double(storedCounter)},
                                    {QStringLiteral("connection"), double(connectionCounter)},
                                    {QStringLiteral("token"), double(tokenCounter)}}},
                       {QStringLiteral("issued_actions"), issued},
                       {QStringLiteral("runs"), runArray},
                       {QStringLiteral("stored_actions"), stored},
                       {QStringLiteral("idempotency"), idem},
                       {QStringLiteral("tokens"), tokenArray},
                       {QStringLiteral("authorization_requests"), requestArray},
                       {QStringLiteral("authorization_codes"), codeArray},
                       {QStringLiteral("connections"), added},
                       {QStringLiteral("expired_overrides"), overrides}};
}

void SandboxState::loadJson(const QJsonObject &object)
{
    *this = SandboxState();
    const QJsonObject counters = object.value(QStringLiteral("counters")).toObject();
    actionCounter = quint64(counters.value(QStringLiteral("action")).toDouble());
    runCounter = quint64(counters.value(QStringLiteral("run")).toDouble());
    storedCounter = quint64(counters.value(QStringLiteral("stored_action")).toDouble());
    connectionCounter = quint64(counters.value(QStringLiteral("connection")).toDouble());
    tokenCounter = quint64(counters.value(QStringLiteral("token")).toDouble());
    for (const QJsonValue &value : object.value(QStringLiteral("issued_actions")).toArray()) {
        const QJsonObject item = value.toObject();
        rememberIssued({item.value(QStringLiteral("id")).toString(),
                        item.value(QStringLiteral("app")).toString(),
                        item.value(QStringLiteral("key")).toString(),
                        item.value(QStringLiteral("used")).toBool()});
    }
    for (const QJsonValue &value : object.value(QStringLiteral("runs")).toArray()) {
        const QJsonObject item = value.toObject();
        RunRecord run;
        run.id = item.value(QStringLiteral("id")).toString();
        run.number = quint64(item.value(QStringLiteral("number")).toDouble());
        run.kind = runKindFromName(item.value(QStringLiteral("kind")).toString());
        run.storedActionId = item.value(QStringLiteral("stored_action")).toString();
        run.appId = item.value(QStringLiteral("app")).toString();
        run.actionKey = item.value(QStringLiteral("key")).toString();
        run.connectionId = item.value(QStringLiteral("connection")).toString();
        run.inputs = item.value(QStringLiteral("inputs")).toObject();
        run.page = item.value(QStringLiteral("page")).toString();
        run.pollsRemaining = item.value(QStringLiteral("polls_remaining")).toInt();
        run.createdAt = fromIso(item.value(QStringLiteral("created_at")));
        rememberRun(run);
    }
    for (const QJsonValue &value : object.value(QStringLiteral("stored_actions")).toArray()) {
        const QJsonObject item = value.toObject();
        StoredActionRecord record{item.value(QStringLiteral("id")).toString(),
                                  item.value(QStringLiteral("connection_id")).toString(),
                                  item.value(QStringLiteral("selected_api")).toString(),
                                  item.value(QStringLiteral("action_key")).toString(),
                                  item.value(QStringLiteral("action_type")).toString(),
                                  item.value(QStringLiteral("inputs")).toObject(),
                                  fromIso(item.value(QStringLiteral("created_at")))};
        storedActions.insert(record.id, record);
        storedOrder.append(record.id);
    }
    const QJsonObject idem = object.value(QStringLiteral("idempotency")).toObject();
    for (auto it = idem.begin(); it != idem.end(); ++it) {
        const QJsonObject item = it.value().toObject();
        idempotency.insert(it.key(), {item.value(QStringLiteral("stored_action")).toString(),
                                      item.value(QStringLiteral("run")).toString(),
                                      fromIso(item.value(QStringLiteral("created_at")))});
    }
    for (const QJsonValue &value : object.value(QStringLiteral("tokens")).toArray()) {
        const QJsonObject item = value.toObject();
        TokenRecord token{item.value(QStringLiteral("token")).toString(),
                          item.value(QStringLiteral("kind")).toString(),
                          fromIso(item.value(QStringLiteral("expires_at"))),
                          item.value(QStringLiteral("resource")).toString(),
                          item.value(QStringLiteral("used")).toBool(),
                          item.value(QStringLiteral("client_id")).toString(),
                          item.value(QStringLiteral("scope")).toString()};
        tokens.insert(token.token, token);
    }
    for (const QJsonValue &value :
         object.value(QStringLiteral("authorization_requests")).toArray()) {
        const QJsonObject item = value.toObject();
        AuthorizationRequest request{item.value(QStringLiteral("id")).toString(),
                                     item.value(QStringLiteral("client_id")).toString(),
                                     item.value(QStringLiteral("redirect_uri")).toString(),
                                     item.value(QStringLiteral("scope")).toString(),
                                     item.value(QStringLiteral("state")).toString(),
                                     item.value(QStringLiteral("code_challenge")).toString(),
                                     fromIso(item.value(QStringLiteral("expires_at")))};
        authorizationRequests.insert(request.id, request);
    }
    for (const QJsonValue &value : object.value(QStringLiteral("authorization_codes")).toArray()) {
        const QJsonObject item = value.toObject();
        AuthorizationCode code{item.value(QStringLiteral("code")).toString(),
                               item.value(QStringLiteral("client_id")).toString(),
                               item.value(QStringLiteral("redirect_uri")).toString(),
                               item.value(QStringLiteral("scope")).toString(),
                               item.value(QStringLiteral("code_challenge")).toString(),
                               fromIso(item.value(QStringLiteral("expires_at"))),
                               item.value(QStringLiteral("used")).toBool(),
                               item.value(QStringLiteral("access_token")).toString(),
                               item.value(QStringLiteral("refresh_token")).toString()};
        authorizationCodes.insert(code.code, code);
    }
    for (const QJsonValue &value : object.value(QStringLiteral("connections")).toArray()) {
        const QJsonObject item = value.toObject();
        addedConnections.append({item.value(QStringLiteral("app")).toString(),
                                 {item.value(QStringLiteral("id")).toString(),
                                  item.value(QStringLiteral("title")).toString(),
                                  item.value(QStringLiteral("is_expired")).toBool()}});
    }
    const QJsonObject overrides = object.value(QStringLiteral("expired_overrides")).toObject();
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        expiredOverrides.insert(it.key(), it.value().toBool());
    dirty = false;
}

QDateTime SandboxContext::now() const
{
    return clock ? clock->now() : QDateTime::currentDateTimeUtc();
}

QString SandboxContext::url(const QString &path, const QUrlQuery &query) const
{
    QUrl result = baseUrl;
    result.setPath(path);
    if (!query.isEmpty())
        result.setQuery(query);
    return result.toString(QUrl::FullyEncoded);
}

QList<CatalogConnection> SandboxContext::connections(const CatalogApp &app) const
{
    QList<CatalogConnection> result = app.connections;
    for (CatalogConnection &connection : result) {
        const auto override = state->expiredOverrides.constFind(connection.id);
        if (override != state->expiredOverrides.constEnd())
            connection.isExpired = override.value();
    }
    for (const AddedConnection &entry : std::as_const(state->addedConnections)) {
        if (entry.appId == app.id) {
            CatalogConnection connection = entry.connection;
            connection.isExpired =
                state->expiredOverrides.value(connection.id, connection.isExpired);
            result.append(connection);
        }
    }
    return result;
}

std::optional<CatalogConnection> SandboxContext::connection(const CatalogApp &app,
                                                            const QString &id) const
{
    for (const CatalogConnection &connection : connections(app)) {
        if (connection.id == id)
            return connection;
    }
    return std::nullopt;
}

const CatalogApp *SandboxContext::appOfConnection(const QString &connectionId) const
{
    const int position = catalog->appOfConnection(connectionId);
    if (position >= 0)
        return &catalog->apps().at(position);
    for (const AddedConnection &entry : std::as_const(state->addedConnections)) {
        if (entry.connection.id == connectionId)
            return catalog->app(entry.appId);
    }
    return nullptr;
}

QString SandboxContext::numberedUuid(const QString &kind, quint64 number)
{
    static const QUuid ns(QStringLiteral("{2b0a9c3e-7d41-4f6a-9e21-8c5d3b7a1f60}"));
    return QUuid::createUuidV5(ns, QStringLiteral("%1-%2").arg(kind).arg(number))
        .toString(QUuid::WithoutBraces);
}

} // namespace ab::sandbox
