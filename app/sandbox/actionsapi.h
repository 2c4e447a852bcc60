#pragma once

#include "sandbox/httpmessage.h"
#include "sandbox/sandboxstate.h"

namespace ab::sandbox {

// Actions API v1 (contract §11): stored actions named by (selected_api, action_type,
// action_key), their runs with idempotent replay, and one-off runs. Unlike the Partner API,
// record and run bodies are flat (no `data` wrapper); only requests are wrapped.
//
// GET /actions/v1/stored-actions pages like Django REST framework's limit/offset lists, since
// Zapier documents only the `results` array: {count, next, previous, results} with ?limit=
// (default 50, max 100) and ?offset=; next/previous are full URLs or null.
class ActionsApi {
public:
    explicit ActionsApi(SandboxContext context)
        : m_context(context)
    {}

    HttpReply handle(const HttpRequest &request);

private:
    HttpReply list(const HttpRequest &request);
    HttpReply create(const HttpRequest &request);
    HttpReply get(const QString &id);
    HttpReply update(const HttpRequest &request, const QString &id);
    HttpReply remove(const QString &id);
    HttpReply runStored(const HttpRequest &request, const QString &id);
    HttpReply storedRun(const QString &storedId, const QString &runId);
    HttpReply createOneOff(const HttpRequest &request);
    HttpReply oneOffRun(const QString &runId);

    QJsonObject recordJson(const StoredActionRecord &record) const;
    // Checks a stored-action definition; an error reply when it names no real action.
    std::optional<HttpReply> checkDefinition(const StoredActionRecord &record) const;
    QJsonObject runJson(RunRecord *run, bool *finished);

    SandboxContext m_context;
};

} // namespace ab::sandbox
