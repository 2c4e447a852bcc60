#include "sandbox/actionsapi.h"

#include "sandbox/formengine.h"
#include "sandbox/runengine.h"

namespace ab::sandbox {

namespace {

HttpReply badRequest(const QString &detail, const QString &pointer = {})
{
    return envelope::error(400, QStringLiteral("bad_request"), QStringLiteral("Bad Request"),
                           detail, pointer);
}

HttpReply notFound(const QString &what)
{
    return envelope::error(404, QStringLiteral("not_found"), QStringLiteral("Not Found"),
                           QStringLiteral("%1 not found.").arg(what));
}

QString text(const QJsonValue &value)
{
    return FormEngine::valueText(value);
}

} // namespace

HttpReply ActionsApi::handle(const HttpRequest &request)
{
    // segments: actions, v1, stored-actions | runs, ...
    const QStringList &s = request.segments;
    const QString &method = request.method;
    if (s.size() < 3 || s.at(1) != QLatin1String("v1"))
        return envelope::notFound();
    if (s.at(2) == QLatin1String("runs")) {
        if (s.size() == 3)
            return method == QLatin1String("POST") ? createOneOff(request)
                                                   : envelope::methodNotAllowed(method);
        if (s.size() == 4)
            return method == QLatin1String("GET") ? oneOffRun(s.at(3))
                                                  : envelope::methodNotAllowed(method);
        return envelope::notFound();
    }
    if (s.at(2) != QLatin1String("stored-actions"))
        return envelope::notFound();
    if (s.size() == 3) {
        if (method == QLatin1String("GET"))
            return list(request);
        if (method == QLatin1String("POST"))
            return create(request);
        return envelope::methodNotAllowed(method);
    }
    const QString id = s.at(3);
    if (s.size() == 4) {
        if (method == QLatin1String("GET"))
            return get(id);
        if (method == QLatin1String("PATCH") || method == QLatin1String("PUT"))
            return update(request, id);
        if (method == QLatin1String("DELETE"))
            return remove(id);
        return envelope::methodNotAllowed(method);
    }
    if (s.size() == 5 && s.at(4) == QLatin1String("run"))
        return method == QLatin1String("POST") ? runStored(request, id)
                                               : envelope::methodNotAllowed(method);
    if (s.size() == 6 && s.at(4) == QLatin1String("runs"))
        return method == QLatin1String("GET") ? storedRun(id, s.at(5))
                                              : envelope::methodNotAllowed(method);
    return envelope::notFound();
}

QJsonObject ActionsApi::recordJson(const StoredActionRecord &record) const
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("stored_action")},
                       {QStringLiteral("id"), record.id},
                       {QStringLiteral("connection_id"), record.connectionId.isEmpty()
                                                             ? QJsonValue(QJsonValue::Null)
                                                             : QJsonValue(record.connectionId)},
                       {QStringLiteral("selected_api"), record.selectedApi},
                       {QStringLiteral("action_key"), record.actionKey},
                       {QStringLiteral("action_type"), record.actionType},
                       {QStringLiteral("inputs"), record.inputs}};
}

std::optional<HttpReply> ActionsApi::checkDefinition(const StoredActionRecord &record) const
{
    const CatalogApp *app = m_context.catalog->app(record.selectedApi);
    if (!app)
        return badRequest(QStringLiteral("Unknown selected_api \"%1\".").arg(record.selectedApi),
                          QStringLiteral("/data/selected_api"));
    const CatalogAction *action = app->action(record.actionKey);
    if (!action)
        return badRequest(
            QStringLiteral("%1 has no action \"%2\".").arg(app->title, record.actionKey),
            QStringLiteral("/data/action_key"));
    if (action->actionType.toLower() != record.actionType)
        return badRequest(
            QStringLiteral("Action \"%1\" is of type \"%2\", not \"%3\".")
                .arg(record.actionKey, action->actionType.toLower(), record.actionType),
            QStringLiteral("/data/action_type"));
    if (app->needsAuth && !m_context.connection(*app, record.connectionId))
        return badRequest(QStringLiteral("connection_id \"%1\" is not a connection of %2.")
                              .arg(record.connectionId, app->title),
                          QStringLiteral("/data/connection_id"));
    return std::nullopt;
}

HttpReply ActionsApi::list(const HttpRequest &request)
{
    const IntParam limitParam = intQueryParam(request, QStringLiteral("limit"), 1, 100000);
    const IntParam offsetParam = intQueryParam(request, QStringLiteral("offset"), 0, 1 << 30);
    if (limitParam.error || offsetParam.error)
        return limitParam.error ? *limitParam.error : *offsetParam.error;
    const int limit = qMin(limitParam.value.value_or(50), 100);
    const int offset = offsetParam.value.value_or(0);
    const QList<QString> &order = m_context.state->storedOrder;
    QJsonArray results;
    const int end = qMin(int(order.size()), offset + limit);
    for (int i = offset; i < end; ++i)
        results.append(recordJson(m_context.state->storedActions.value(order.at(i))));
    const auto link = [&](int at) {
        return QJsonValue(m_context.url(
            request.path, QUrlQuery{{QStringLiteral("limit"), QString::number(limit)},
                                    {QStringLiteral("offset"), QString::number(at)}}));
    };
    return HttpReply::json(QJsonObject{
        {QStringLiteral("count"), int(order.size())},
        {QStringLiteral("next"), end < order.size() ? link(end) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("previous"),
         offset > 0 ? link(qMax(0, offset - limit)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("results"), results}});
}

HttpReply ActionsApi::create(const HttpRequest &request)
{
    const auto data = dataEnvelope(request.body);
    if (!data)
        return badRequest(
            QStringLiteral("Expected {\"data\": {\"connection_id\", \"selected_api\", "
                           "\"action_key\", \"action_type\", \"inputs\"}}."));
    StoredActionRecord record;
    record.connectionId = text(data->value(QStringLiteral("connection_id")));
    record.selectedApi = text(data->value(QStringLiteral("selected_api")));
    record.actionKey = text(data->value(QStringLiteral("action_key")));
    record.actionType = text(data->value(QStringLiteral("action_type"))).toLower();
    const QJsonValue inputs = data->value(QStringLiteral("inputs"));
    if (!inputs.isObject() && !inputs.isUndefined() && !inputs.isNull())
        return badRequest(QStringLiteral("\"inputs\" must be an object."),
                          QStringLiteral("/data/inputs"));
    record.inputs = inputs.toObject();
    if (auto error = checkDefinition(record))
        return *error;
    record.id = SandboxContext::numberedUuid(QStringLiteral("stored-action"),
                                             ++m_context.state->storedCounter);
    record.createdAt = m_context.now();
    m_context.state->storedActions.insert(record.id, record);
    m_context.state->storedOrder.append(record.id);
    m_context.state->dirty = true;
    // Creating does not run anything; the reply is flat and minimal (contract §11.1).
    return HttpReply::json(QJsonObject{{QStringLiteral("type"), QStringLiteral("stored_action")},
                                       {QStringLiteral("id"), record.id}},
                           201);
}

HttpReply ActionsApi::get(const QString &id)
{
    const auto it = m_context.state->storedActions.constFind(id);
    if (it == m_context.state->storedActions.constEnd())
        return notFound(QStringLiteral("Stored action \"%1\"").arg(id));
    return HttpReply::json(recordJson(*it));
}

HttpReply ActionsApi::update(const HttpRequest &request, const QString &id)
{
    auto it = m_context.state->storedActions.find(id);
    if (it == m_context.state->storedActions.end())
        return notFound(QStringLiteral("Stored action \"%1\"").arg(id));
    const auto data = dataEnvelope(request.body);
    if (!data)
        return badRequest(QStringLiteral("Expected {\"data\": {...}}."));
    StoredActionRecord updated = *it;
    // The docs ask to delete and recreate instead of moving a stored action elsewhere.
    const auto unchanged = [&](const char *key, const QString &current) {
        const QJsonValue value = data->value(QLatin1String(key));
        return value.isUndefined() || value.isNull() || text(value) == current;
    };
    if (!unchanged("connection_id", updated.connectionId))
        return badRequest(QStringLiteral("connection_id cannot change: delete the stored action "
                                         "and create a new one."),
                          QStringLiteral("/data/connection_id"));
    if (!unchanged("selected_api", updated.selectedApi))
        return badRequest(QStringLiteral("selected_api cannot change: delete the stored action "
                                         "and create a new one."),
                          QStringLiteral("/data/selected_api"));
    if (data->contains(QStringLiteral("action_key")))
        updated.actionKey = text(data->value(QStringLiteral("action_key")));
    if (data->contains(QStringLiteral("action_type")))
        updated.actionType = text(data->value(QStringLiteral("action_type"))).toLower();
    if (data->contains(QStringLiteral("inputs"))) {
        if (!data->value(QStringLiteral("inputs")).isObject())
            return badRequest(QStringLiteral("\"inputs\" must be an object."),
                              QStringLiteral("/data/inputs"));
        updated.inputs = data->value(QStringLiteral("inputs")).toObject();
    }
    if (auto error = checkDefinition(updated))
        return *error;
    *it = updated;
    m_context.state->dirty = true;
    return HttpReply::json(recordJson(updated));
}

HttpReply ActionsApi::remove(const QString &id)
{
    if (!m_context.state->storedActions.remove(id))
        return notFound(QStringLiteral("Stored action \"%1\"").arg(id));
    m_context.state->storedOrder.removeAll(id);
    m_context.state->dirty = true;
    return HttpReply::noContent();
}

HttpReply ActionsApi::runStored(const HttpRequest &request, const QString &id)
{
    const auto it = m_context.state->storedActions.constFind(id);
    if (it == m_context.state->storedActions.constEnd())
        return notFound(QStringLiteral("Stored action \"%1\"").arg(id));
    QJsonObject data;
    if (!request.body.trimmed().isEmpty()) {
        const auto parsed = dataEnvelope(request.body);
        if (!parsed)
            return badRequest(QStringLiteral("Expected {\"data\": {\"inputs\", \"page\", "
                                             "\"idempotency_id\", \"callback_url\"}}."));
        data = *parsed;
    }
    const QJsonValue inputsValue = data.value(QStringLiteral("inputs"));
    if (!inputsValue.isObject() && !inputsValue.isUndefined() && !inputsValue.isNull())
        return badRequest(QStringLiteral("\"inputs\" must be an object."),
                          QStringLiteral("/data/inputs"));
    const QString idempotencyId = text(data.value(QStringLiteral("idempotency_id")));
    const auto replyFor = [](const QString &runId) {
        return HttpReply::json(
            QJsonObject{{QStringLiteral("data"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("run")},
                                     {QStringLiteral("id"), runId}}}},
            202);
    };
    m_context.state->forgetExpired(m_context.now());
    if (!idempotencyId.isEmpty()) {
        // A repeat within 72 h is ignored and answered with the original response.
        const auto seen = m_context.state->idempotency.constFind(idempotencyId);
        if (seen != m_context.state->idempotency.constEnd())
            return replyFor(seen->runId);
    }
    const CatalogApp *app = m_context.catalog->app(it->selectedApi);
    const CatalogAction *action = app ? app->action(it->actionKey) : nullptr;
    if (!action)
        return badRequest(
            QStringLiteral("The stored action names an action that no longer exists."));
    QJsonObject inputs = it->inputs;
    const QJsonObject overrides = inputsValue.toObject();
    for (auto o = overrides.begin(); o != overrides.end(); ++o)
        inputs.insert(o.key(), o.value());
    const QList<envelope::ErrorItem> problems =
        FormEngine::validate(*action, inputs, QStringLiteral("/data/inputs/"));
    if (!problems.isEmpty()) {
        QList<envelope::ErrorItem> relabelled = problems;
        for (envelope::ErrorItem &item : relabelled) {
            item.code = QStringLiteral("bad_request");
            item.title = QStringLiteral("Bad Request");
        }
        return envelope::errors(relabelled);
    }
    RunRecord run;
    run.number = ++m_context.state->runCounter;
    run.id = SandboxContext::numberedUuid(QStringLiteral("run"), run.number);
    run.kind = RunRecord::Kind::Stored;
    run.storedActionId = it->id;
    run.appId = app->id;
    run.actionKey = action->key;
    run.connectionId = it->connectionId;
    run.inputs = FormEngine::withDefaults(*action, inputs);
    run.page = text(data.value(QStringLiteral("page")));
    run.pollsRemaining = RunEngine::polls(*action, run.inputs);
    run.createdAt = m_context.now();
    m_context.state->rememberRun(run);
    if (!idempotencyId.isEmpty())
        m_context.state->idempotency.insert(idempotencyId, {it->id, run.id, run.createdAt});
    return replyFor(run.id);
}

QJsonObject ActionsApi::runJson(RunRecord *run, bool *finished)
{
    const auto outcome = RunEngine::read(m_context, run);
    *finished = outcome.has_value();
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("run")},
        {QStringLiteral("id"), run->id},
        {QStringLiteral("status"), outcome ? outcome->status : QStringLiteral("waiting")},
        {QStringLiteral("results"), outcome ? outcome->results : QJsonArray()},
        {QStringLiteral("next_page"), outcome ? outcome->nextPage : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("errors"), outcome ? outcome->errors : QJsonArray()}};
}

HttpReply ActionsApi::storedRun(const QString &storedId, const QString &runId)
{
    auto it = m_context.state->runs.find(runId);
    if (it == m_context.state->runs.end() || it->kind != RunRecord::Kind::Stored ||
        it->storedActionId != storedId)
        return notFound(QStringLiteral("Run \"%1\" of stored action \"%2\"").arg(runId, storedId));
    bool finished = false;
    return HttpReply::json(runJson(&it.value(), &finished));
}

HttpReply ActionsApi::createOneOff(const HttpRequest &request)
{
    const auto data = dataEnvelope(request.body);
    if (!data)
        return badRequest(QStringLiteral("Expected {\"data\": {\"selected_api\", \"action_key\", "
                                         "\"action_type\", \"inputs\", \"authentication_id\"}}."));
    StoredActionRecord definition;
    definition.connectionId = text(data->value(QStringLiteral("authentication_id")));
    definition.selectedApi = text(data->value(QStringLiteral("selected_api")));
    definition.actionKey = text(data->value(QStringLiteral("action_key")));
    definition.actionType = text(data->value(QStringLiteral("action_type"))).toLower();
    if (auto error = checkDefinition(definition))
        return *error;
    const CatalogApp *app = m_context.catalog->app(definition.selectedApi);
    const CatalogAction *action = app->action(definition.actionKey);
    const QJsonObject inputs = data->value(QStringLiteral("inputs")).toObject();
    const QList<envelope::ErrorItem> problems =
        FormEngine::validate(*action, inputs, QStringLiteral("/data/inputs/"));
    if (!problems.isEmpty())
        return envelope::errors(problems);
    RunRecord run;
    run.number = ++m_context.state->runCounter;
    run.id = SandboxContext::numberedUuid(QStringLiteral("run"), run.number);
    run.kind = RunRecord::Kind::OneOff;
    run.appId = app->id;
    run.actionKey = action->key;
    run.connectionId = definition.connectionId;
    run.inputs = FormEngine::withDefaults(*action, inputs);
    run.page = text(data->value(QStringLiteral("page")));
    run.pollsRemaining = RunEngine::polls(*action, run.inputs);
    run.createdAt = m_context.now();
    m_context.state->rememberRun(run);
    return HttpReply::json(QJsonObject{{QStringLiteral("data"),
                                        QJsonObject{{QStringLiteral("type"), QStringLiteral("run")},
                                                    {QStringLiteral("id"), run.id}}}},
                           202);
}

HttpReply ActionsApi::oneOffRun(const QString &runId)
{
    auto it = m_context.state->runs.find(runId);
    if (it == m_context.state->runs.end() || it->kind != RunRecord::Kind::OneOff)
        return notFound(QStringLiteral("Run \"%1\"").arg(runId));
    bool finished = false;
    const QJsonObject data = runJson(&it.value(), &finished);
    // Zapier's SDK reads 202 as "still running" here (contract §11.4).
    return HttpReply::json(QJsonObject{{QStringLiteral("data"), data}}, finished ? 200 : 202);
}

} // namespace ab::sandbox
