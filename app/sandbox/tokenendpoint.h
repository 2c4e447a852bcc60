#pragma once

#include "sandbox/httpmessage.h"
#include "sandbox/sandboxstate.h"

namespace ab::sandbox {

// POST /oauth/token (contract §5): the White Label token exchange (partner JWT -> access token,
// access token -> connect token), client credentials, and for Partner API users the
// authorization code of GET /v2/authorize (authorizepage.h) redeemed with its PKCE verifier,
// then refresh tokens. Errors are OAuth JSON ({error, error_description}), not JSON:API.
//
// The code and refresh grants are for public clients (a desktop app has no secret): they need
// client_id, the one the code or refresh token was issued to, and no client_secret. A code is
// spent by its first redemption, good or bad; presenting it again revokes what it was
// redeemed for (RFC 6749 §4.1.2). A refresh token is replaced by the new one it brings.
class TokenEndpoint {
public:
    static inline const QString kExternalJwt =
        QStringLiteral("urn:ietf:params:oauth:token-type:external-jwt");
    static inline const QString kAccessToken =
        QStringLiteral("urn:ietf:params:oauth:token-type:access-token");
    static inline const QString kConnectToken =
        QStringLiteral("urn:ietf:params:oauth:token-type:connect-token");
    static inline const QString kTokenExchange =
        QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange");

    static constexpr int kAccessTokenSeconds = 36000;
    static constexpr int kClientCredentialsSeconds = 3600;
    static constexpr int kConnectTokenSeconds = 360; // six minutes, single use
    static constexpr int kRefreshTokenSeconds = 30 * 24 * 3600;

    static HttpReply handle(const HttpRequest &request, const SandboxContext &context);
    // Whether a bearer token may call /v2 and /actions: configured or minted and unexpired.
    static bool acceptsBearer(const QString &token, const SandboxContext &context);
    // Consumes a connect token minted for `app` (Connect page); false when unknown, expired,
    // already used.
    static bool consumeConnectToken(const QString &token, const SandboxContext &context,
                                    QString *error);
    // Claim checks of a partner JWT; empty when acceptable, otherwise why not.
    static QString checkJwt(const QString &jwt, const SandboxContext &context);
    // A new random token, code or id: `prefix` then 32 base64url characters.
    static QString newSecret(const char *prefix);
};

} // namespace ab::sandbox
