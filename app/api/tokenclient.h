#pragma once

#include "core/apiresult.h"

#include <QObject>
#include <QUrl>

namespace ab::api {

class RequestScheduler;

// The OAuth form fields of Zapier's token endpoint (contract §5.2). Zapier's docs do not show
// them: the exchange values come from one third-party client and the client-credentials ones
// from Zapier's SDK. They are third-party evidence, kept here in one place to change at once.
namespace oauth {
inline constexpr char grantTypeTokenExchange[] = "urn:ietf:params:oauth:grant-type:token-exchange";
inline constexpr char grantTypeClientCredentials[] = "client_credentials";
// Hyphenated, unlike RFC 8693's "access_token" / "jwt": as the third-party client sends them.
inline constexpr char tokenTypeExternalJwt[] = "urn:ietf:params:oauth:token-type:external-jwt";
inline constexpr char tokenTypeAccessToken[] = "urn:ietf:params:oauth:token-type:access-token";
inline constexpr char tokenTypeConnectToken[] = "urn:ietf:params:oauth:token-type:connect-token";
inline constexpr char connectTokenScope[] = "connection:write"; // agrees with the scope page (§4)
inline constexpr char clientCredentialsScope[] = "external";    // the SDK's default
inline constexpr char clientCredentialsAudience[] = "zapier.com";
} // namespace oauth

struct TokenClientConfig {
    QUrl tokenUrl = QUrl(QStringLiteral("https://zapier.com/oauth/token"));
    QString clientId;
    QString clientSecret; // stays on a partner backend in production; the sandbox has its own
    int transferTimeoutMs = 30000;
};

struct TokenGrant {
    QString accessToken;
    QString tokenType;
    int expiresIn = 0; // seconds; 3600 when the reply omits it (as Zapier's SDK assumes)
    QString scope;
    QString issuedTokenType;
};

// Client of the OAuth token endpoint (contract §5): partner JWT -> access token, access token
// -> connect token, and client credentials. Requests go through the shared scheduler (not
// rate-limited, never retried: a token request is not idempotent) so they are logged
// redacted; every secret sent or received is registered with the log's redactor.
class TokenClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenClient)

public:
    explicit TokenClient(RequestScheduler *scheduler, TokenClientConfig config = {},
                         QObject *parent = nullptr);

    const TokenClientConfig &config() const { return m_config; }
    void setConfig(const TokenClientConfig &config);

    void exchangePartnerJwt(const QString &partnerJwt, const QString &scope, QObject *context,
                            core::Callback<TokenGrant> done);
    // `connectUrl` is the Connect URL the token is for: https://connect.zapier.com/to/{app}.
    void connectToken(const QString &accessToken, const QString &connectUrl, QObject *context,
                      core::Callback<TokenGrant> done);
    void clientCredentials(const QString &scope, QObject *context, core::Callback<TokenGrant> done);

    // The form body for the given fields, percent-encoded (exposed for tests).
    static QByteArray formBody(const QList<QPair<QByteArray, QString>> &fields);

private:
    void post(const QList<QPair<QByteArray, QString>> &fields, QObject *context,
              core::Callback<TokenGrant> done);

    RequestScheduler *m_scheduler;
    TokenClientConfig m_config;
};

} // namespace ab::api
