#pragma once

#include "sandbox/httpmessage.h"
#include "sandbox/sandboxstate.h"

namespace ab::sandbox {

// Partner API v2 routes (contract §7-§10). Every handler answers a complete reply; the server
// has already checked the bearer token and the rate limit.
//
// Error codes the sandbox chose where Zapier documents none (all JSON:API envelopes):
//   400 invalid / ValidationError       bad query parameter (source.parameter), e.g. category+ids
//   400 parse_error / ParseError        body is not {data:{...}} (source.pointer when known)
//   404 not_found / NotFound            unknown or evicted action id on /inputs, /choices,
//                                       /outputs; unknown run; unknown input field on /choices
//   400 missing_authentication          the app needs a connection and none was given
//   400 invalid_authentication          the connection belongs to no/another app
//   400 expired_authentication          /inputs, /choices, /outputs on an expired connection
//                                       (400, not 401: the bearer token is fine, so a client
//                                       must not re-exchange it). A run on an expired connection
//                                       is accepted and fails with a third-party
//                                       `authentication` error instead, as Zapier's would.
//   400 dependency_missing              /choices of a field whose depends_on has no value
//   400 invalid_action / InvalidAction  POST /v2/action-runs with an unknown or already used id
//   400 required | invalid              run validation, one error per field,
//                                       source.pointer "/data/inputs/<field id>"
// The /v2/actions list, /inputs and /outputs send meta.limit/offset as null, as Zapier does.
class PartnerApi {
public:
    explicit PartnerApi(SandboxContext context)
        : m_context(context)
    {}

    // Dispatches /v2/...; a 404 envelope for unknown paths.
    HttpReply handle(const HttpRequest &request);

    HttpReply apps(const HttpRequest &request);
    HttpReply actions(const HttpRequest &request);
    HttpReply authentications(const HttpRequest &request);
    HttpReply inputs(const HttpRequest &request, const QString &actionId);
    HttpReply choices(const HttpRequest &request, const QString &actionId, const QString &inputId);
    HttpReply outputs(const HttpRequest &request, const QString &actionId);
    HttpReply createRun(const HttpRequest &request); // partnerruns.cpp
    HttpReply run(const QString &runId);             // partnerruns.cpp

    // The JSON of one app as /v2/apps lists it.
    QJsonObject appJson(const CatalogApp &app) const;
    // Run state as data of GET /v2/action-runs/{id}; advances the poll counter.
    QJsonObject readRun(RunRecord *run);

private:
    struct FormRequest {
        const CatalogApp *app = nullptr;
        const CatalogAction *action = nullptr;
        QJsonObject inputs;
        QString connectionId;
        std::optional<HttpReply> error;
    };
    // Resolves an ephemeral action id and the {data:{authentication, inputs}} body.
    FormRequest formRequest(const HttpRequest &request, const QString &actionId);
    // Checks `authentication` for `app`; an error reply when it is not usable.
    std::optional<HttpReply> checkAuthentication(const CatalogApp &app, const QJsonValue &value,
                                                 const QString &pointer, bool allowExpired,
                                                 QString *connectionId) const;
    QString pageUrl(const HttpRequest &request, int offset, int limit) const;

    SandboxContext m_context;
};

} // namespace ab::sandbox
