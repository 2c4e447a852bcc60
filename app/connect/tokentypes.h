#pragma once

#include "connect/connecturl.h"
#include "connect/credentials.h"
#include "core/apierror.h"

#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

// The values TokenService deals in: where an environment's endpoints are, what a token request
// produced, and the secrets a sign-in brings.
namespace ab::connect {

// Where an environment's token endpoint and Connect page are when its credentials name none.
struct EnvironmentEndpoints {
    QUrl tokenUrl = QUrl(QStringLiteral("https://zapier.com/oauth/token"));
    QUrl connectBase = ConnectRequest::defaultBase();
    // The client id sent for a connect token when none is configured (the sandbox's own).
    QString fallbackClientId;

    static EnvironmentEndpoints sandbox(const QUrl &sandboxBaseUrl);
};

enum class TokenErrorKind {
    None,
    NotConfigured,  // no credentials for this environment
    SignInRequired, // the stored token is missing or was refused and nothing can renew it
    Keychain,       // the keychain failed (keychain tells why: NoBackend, AccessDenied...)
    Signing,        // the partner JWT could not be signed (jwt tells why)
    Exchange,       // the token endpoint refused or failed (api holds the error)
    Authorization,  // the PKCE browser flow failed or was cancelled
    TokenCheck,     // a pasted access token was not taken: the API answered 401 to it, or could
                    // not be reached to try it (api holds which)
};

QString tokenErrorKindName(TokenErrorKind kind); // "sign_in_required", ...

struct TokenError {
    TokenErrorKind kind = TokenErrorKind::None;
    QString detail; // never a secret
    secrets::SecretErrorKind keychain = secrets::SecretErrorKind::None;
    JwtErrorKind jwt = JwtErrorKind::None;
    std::optional<core::ApiError> api;

    QString summary() const; // one line for logs and the CLI
};

struct TokenResult {
    TokenError error;
    QString token;
    qint64 expiresAt = 0; // Unix seconds; 0 unknown (a pasted token)

    bool ok() const { return error.kind == TokenErrorKind::None; }
};

using TokenCallback = std::function<void(const TokenResult &result)>;

// What a sign-in brings besides Credentials; held in memory until it succeeded, then stored
// in the keychain. Empty values are not stored.
struct SecretValues {
    QString accessToken;   // mode AccessToken
    QString clientSecret;  // exchange (and connect tokens)
    QString partnerJwt;    // exchange, JwtSource::Pasted
    QString privateKeyPem; // exchange, JwtSource::SignedLocally
};

} // namespace ab::connect
