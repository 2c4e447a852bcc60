// POST /v2/action-runs and GET /v2/action-runs/{id} (contract §10).
#include "sandbox/formengine.h"
#include "sandbox/partnerapi.h"
#include "sandbox/runengine.h"

namespace ab::sandbox {

HttpReply PartnerApi::createRun(const HttpRequest &request)
{
    const auto body = jsonObject(request.body);
    if (!body)
        return envelope::parseError(QStringLiteral("Expected a JSON object body."));
    // Three shapes are in the wild (contract §10.1): the OpenAPI {data:{action, authentication,
    // inputs}}, the guides' flat {action, authentication, input}, and a hybrid {data:{.., input}}.
    const bool wrapped = body->value(QStringLiteral("data")).isObject();
    const QJsonObject data = wrapped ? body->value(QStringLiteral("data")).toObject() : *body;
    const QString prefix = wrapped ? QStringLiteral("/data/") : QStringLiteral("/");
    const QString inputsKey =
        data.contains(QStringLiteral("inputs")) || !data.contains(QStringLiteral("input"))
            ? QStringLiteral("inputs")
            : QStringLiteral("input");
    const QJsonValue inputsValue = data.value(inputsKey);
    if (!inputsValue.isObject() && !inputsValue.isUndefined() && !inputsValue.isNull())
        return envelope::parseError(QStringLiteral("\"%1\" must be an object.").arg(inputsKey),
                                    prefix + inputsKey);
    const QString actionId = data.value(QStringLiteral("action")).toString();
    if (actionId.isEmpty())
        return envelope::parseError(QStringLiteral("\"action\" is required: a fresh action id "
                                                   "from GET /v2/actions."),
                                    prefix + QStringLiteral("action"));
    const auto issued = m_context.state->issuedActions.find(actionId);
    if (issued == m_context.state->issuedActions.end() || issued->usedForRun) {
        const QString why =
            issued == m_context.state->issuedActions.end()
                ? QStringLiteral("Unknown action id \"%1\".").arg(actionId)
                : QStringLiteral("Action id \"%1\" was already used for a run.").arg(actionId);
        return envelope::error(400, QStringLiteral("invalid_action"),
                               QStringLiteral("InvalidAction"),
                               why + QStringLiteral(" Action ids are single-use: fetch a fresh id "
                                                    "from GET /v2/actions before every run."),
                               prefix + QStringLiteral("action"));
    }
    const CatalogApp *app = m_context.catalog->app(issued->appId);
    const CatalogAction *action = app ? app->action(issued->actionKey) : nullptr;
    if (!action)
        return envelope::notFound();
    QString connectionId;
    // An expired connection is accepted here: the run itself fails with an `authentication`
    // error, as the third party refuses the call, not Zapier.
    if (auto error =
            checkAuthentication(*app, data.value(QStringLiteral("authentication")),
                                prefix + QStringLiteral("authentication"), true, &connectionId))
        return *error;
    const QJsonObject inputs = inputsValue.toObject();
    const QList<envelope::ErrorItem> problems =
        FormEngine::validate(*action, inputs, prefix + inputsKey + QLatin1Char('/'));
    if (!problems.isEmpty())
        return envelope::errors(problems);

    issued->usedForRun = true;
    RunRecord run;
    run.number = ++m_context.state->runCounter;
    run.id = SandboxContext::numberedUuid(QStringLiteral("run"), run.number);
    run.kind = RunRecord::Kind::Partner;
    run.appId = app->id;
    run.actionKey = action->key;
    run.connectionId = connectionId;
    run.inputs = FormEngine::withDefaults(*action, inputs);
    run.pollsRemaining = RunEngine::polls(*action, run.inputs);
    run.createdAt = m_context.now();
    m_context.state->rememberRun(run);
    return HttpReply::json(QJsonObject{
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("type"), QStringLiteral("run")},
                                             {QStringLiteral("id"), run.id}}}});
}

QJsonObject PartnerApi::readRun(RunRecord *run)
{
    const auto outcome = RunEngine::read(m_context, run);
    QJsonObject data{{QStringLiteral("type"), QStringLiteral("run")},
                     {QStringLiteral("id"), run->id},
                     {QStringLiteral("status"), QStringLiteral("waiting")},
                     {QStringLiteral("results"), QJsonArray()},
                     {QStringLiteral("errors"), QJsonArray()}};
    if (outcome) {
        data.insert(QStringLiteral("status"), outcome->status);
        data.insert(QStringLiteral("results"), outcome->results);
        data.insert(QStringLiteral("errors"), outcome->errors);
    }
    return data;
}

HttpReply PartnerApi::run(const QString &runId)
{
    auto it = m_context.state->runs.find(runId);
    if (it == m_context.state->runs.end() || it->kind != RunRecord::Kind::Partner)
        return envelope::notFound(QStringLiteral("Action run \"%1\" not found.").arg(runId));
    return HttpReply::json(QJsonObject{{QStringLiteral("data"), readRun(&it.value())}});
}

} // namespace ab::sandbox
