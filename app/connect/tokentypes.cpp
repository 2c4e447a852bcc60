#include "connect/tokentypes.h"

namespace ab::connect {

EnvironmentEndpoints EnvironmentEndpoints::sandbox(const QUrl &sandboxBaseUrl)
{
    EnvironmentEndpoints endpoints;
    endpoints.tokenUrl = sandboxBaseUrl.resolved(QUrl(QStringLiteral("/oauth/token")));
    endpoints.connectBase = ConnectUrl::sandboxBase(sandboxBaseUrl);
    endpoints.fallbackClientId = QStringLiteral("actionbench-sandbox");
    return endpoints;
}

QString tokenErrorKindName(TokenErrorKind kind)
{
    switch (kind) {
    case TokenErrorKind::None:
        return QStringLiteral("none");
    case TokenErrorKind::NotConfigured:
        return QStringLiteral("not_configured");
    case TokenErrorKind::SignInRequired:
        return QStringLiteral("sign_in_required");
    case TokenErrorKind::Keychain:
        return QStringLiteral("keychain");
    case TokenErrorKind::Signing:
        return QStringLiteral("signing");
    case TokenErrorKind::Exchange:
        return QStringLiteral("exchange");
    case TokenErrorKind::TokenCheck:
        return QStringLiteral("token_check");
    case TokenErrorKind::Authorization:
        break;
    }
    return QStringLiteral("authorization");
}

QString TokenError::summary() const
{
    QString text = tokenErrorKindName(kind);
    if (keychain != secrets::SecretErrorKind::None)
        text += QStringLiteral(" (%1)").arg(secrets::secretErrorKindName(keychain));
    if (jwt != JwtErrorKind::None)
        text += QStringLiteral(" (%1)").arg(jwtErrorKindName(jwt));
    if (api)
        return text + QStringLiteral(": ") + api->summary();
    return detail.isEmpty() ? text : text + QStringLiteral(": ") + detail;
}

} // namespace ab::connect
