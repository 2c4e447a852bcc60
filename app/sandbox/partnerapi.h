#pragma once

#include "sandbox/httpmessage.h"
#include "sandbox/sandboxstate.h"

namespace ab::sandbox {

// Partner API v2 routes (contract §7-§10). Every handler answers a complete reply; the server
// has already checked the bearer token and the rate limit.
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
