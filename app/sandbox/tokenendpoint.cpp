#include "sandbox/tokenendpoint.h"

#include "sandbox/authorizepage.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QUrl>

namespace ab::sandbox {

namespace {

HttpReply oauthError(int status, const QString &error, const QString &description)
{
    HttpReply reply =
        HttpReply::json(QJsonObject{{QStringLiteral("error"), error},
                                    {QStringLiteral("error_description"), description}},
                        status);
    reply.setHeader("Cache-Control", "no-store");
    return reply;
}

std::optional<QJsonObject> decodePart(const QByteArray &part, QByteArray *raw)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        part, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    if (raw)
        *raw = decoded.decoded;
    return jsonObject(decoded.decoded);
}

HttpReply minted(const SandboxContext &context, const QString &kind, int seconds,
                 const QString &issuedType, const QString &scope, const QString &resource)
{
    TokenRecord record;
    record.token = TokenEndpoint::newSecret(kind == QLatin1String("connect") ? "sbct_" : "sbat_");
    record.kind = kind;
    record.expiresAt = context.now().addSecs(seconds);
    record.resource = resource;
    context.state->tokens.insert(record.token, record);
    ++context.state->tokenCounter;
    context.state->dirty = true;
    HttpReply reply =
        HttpReply::json(QJsonObject{{QStringLiteral("access_token"), record.token},
                                    {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                    {QStringLiteral("expires_in"), seconds},
                                    {QStringLiteral("issued_token_type"), issuedType},
                                    {QStringLiteral("scope"), scope}});
    reply.setHeader("Cache-Control", "no-store");
    return reply;
}

QString field(const QUrlQuery &form, const char *key)
{
    return form.queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
}

// A Partner API user's access token and refresh token, in the shape of the other grants.
HttpReply userTokens(const SandboxContext &context, const QString &clientId, const QString &scope,
                     AuthorizationCode *redeemed)
{
    TokenRecord access;
    access.token = TokenEndpoint::newSecret("sbat_");
    access.kind = QStringLiteral("access");
    access.expiresAt = context.now().addSecs(TokenEndpoint::kAccessTokenSeconds);
    TokenRecord refresh;
    refresh.token = TokenEndpoint::newSecret("sbrt_");
    refresh.kind = QStringLiteral("refresh");
    refresh.expiresAt = context.now().addSecs(TokenEndpoint::kRefreshTokenSeconds);
    refresh.clientId = clientId;
    refresh.scope = scope;
    context.state->tokens.insert(access.token, access);
    context.state->tokens.insert(refresh.token, refresh);
    context.state->tokenCounter += 2;
    context.state->dirty = true;
    if (redeemed) {
        redeemed->accessToken = access.token;
        redeemed->refreshToken = refresh.token;
    }
    HttpReply reply = HttpReply::json(
        QJsonObject{{QStringLiteral("access_token"), access.token},
                    {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                    {QStringLiteral("expires_in"), TokenEndpoint::kAccessTokenSeconds},
                    {QStringLiteral("refresh_token"), refresh.token},
                    {QStringLiteral("scope"), scope}});
    reply.setHeader("Cache-Control", "no-store");
    return reply;
}

HttpReply authorizationCodeGrant(const QUrlQuery &form, const QString &clientId,
                                 const SandboxContext &context)
{
    const QString code = field(form, "code");
    const QString redirectUri = field(form, "redirect_uri");
    const QString verifier = field(form, "code_verifier");
    if (clientId.isEmpty())
        return oauthError(401, QStringLiteral("invalid_client"),
                          QStringLiteral("client_id is required."));
    if (code.isEmpty() || redirectUri.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("code and redirect_uri are required."));
    if (verifier.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("code_verifier is required (PKCE)."));
    const auto found = context.state->authorizationCodes.find(code);
    if (found == context.state->authorizationCodes.end())
        return oauthError(400, QStringLiteral("invalid_grant"),
                          QStringLiteral("The authorization code is not valid."));
    AuthorizationCode &issued = *found;
    context.state->dirty = true;
    if (issued.used) {
        // Someone else may hold the code: what it bought is revoked.
        context.state->tokens.remove(issued.accessToken);
        context.state->tokens.remove(issued.refreshToken);
        return oauthError(400, QStringLiteral("invalid_grant"),
                          QStringLiteral("The authorization code was already used; the tokens "
                                         "issued for it are revoked."));
    }
    issued.used = true;
    if (issued.expiresAt <= context.now())
        return oauthError(400, QStringLiteral("invalid_grant"),
                          QStringLiteral("The authorization code has expired (it is valid for "
                                         "%1 seconds).")
                              .arg(AuthorizePage::kCodeSeconds));
    if (clientId != issued.clientId)
        return oauthError(400, QStringLiteral("invalid_grant"),
                          QStringLiteral("The authorization code was issued to another client."));
    if (redirectUri != issued.redirectUri)
        return oauthError(400, QStringLiteral("invalid_grant"),
                          QStringLiteral("redirect_uri does not match the authorization "
                                         "request's."));
    if (!AuthorizePage::verifierMatches(verifier, issued.codeChallenge))
        return oauthError(400, QStringLiteral("invalid_grant"),
                          QStringLiteral("code_verifier does not match the code_challenge "
                                         "(S256)."));
    return userTokens(context, clientId, issued.scope, &issued);
}

HttpReply refreshTokenGrant(const QUrlQuery &form, const QString &clientId,
                            const SandboxContext &context)
{
    const QString token = field(form, "refresh_token");
    if (clientId.isEmpty())
        return oauthError(401, QStringLiteral("invalid_client"),
                          QStringLiteral("client_id is required."));
    if (token.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("refresh_token is required."));
    const auto found = context.state->tokens.constFind(token);
    if (found == context.state->tokens.constEnd() || found->kind != QLatin1String("refresh") ||
        found->expiresAt <= context.now() || found->clientId != clientId)
        return oauthError(400, QStringLiteral("invalid_grant"),
                          QStringLiteral("The refresh token is not valid, has expired or was "
                                         "issued to another client."));
    const QString granted = found->scope;
    const QString asked = field(form, "scope").simplified();
    const QStringList grantedList = granted.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &scope : asked.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!grantedList.contains(scope))
            return oauthError(400, QStringLiteral("invalid_scope"),
                              QStringLiteral("Scope \"%1\" was not granted.").arg(scope));
    }
    context.state->tokens.remove(token); // rotated: the new refresh token replaces it
    return userTokens(context, clientId, asked.isEmpty() ? granted : asked, nullptr);
}

} // namespace

QString TokenEndpoint::newSecret(const char *prefix)
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return QLatin1String(prefix) +
           QString::fromLatin1(
               bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool TokenEndpoint::acceptsBearer(const QString &token, const SandboxContext &context)
{
    if (token.isEmpty())
        return false;
    const QStringList &accepted = context.options->acceptedTokens;
    if (accepted.isEmpty() || accepted.contains(token))
        return true;
    const auto it = context.state->tokens.constFind(token);
    return it != context.state->tokens.constEnd() && it->kind == QLatin1String("access") &&
           it->expiresAt > context.now();
}

bool TokenEndpoint::consumeConnectToken(const QString &token, const SandboxContext &context,
                                        QString *error)
{
    auto it = context.state->tokens.find(token);
    if (it == context.state->tokens.end() || it->kind != QLatin1String("connect")) {
        *error = QStringLiteral("Invalid token");
        return false;
    }
    if (it->expiresAt <= context.now()) {
        *error = QStringLiteral("Token expired");
        return false;
    }
    if (it->used) {
        *error = QStringLiteral("Invalid token"); // single use: a second open is refused
        return false;
    }
    it->used = true;
    context.state->dirty = true;
    return true;
}

QString TokenEndpoint::checkJwt(const QString &jwt, const SandboxContext &context)
{
    const QList<QByteArray> parts = jwt.toLatin1().split('.');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
        return QStringLiteral("subject_token is not a JWT (three base64url parts)");
    QByteArray headerJson, payloadJson;
    const auto header = decodePart(parts.at(0), &headerJson);
    const auto payload = decodePart(parts.at(1), &payloadJson);
    if (!header || !payload)
        return QStringLiteral("JWT header or payload is not base64url-encoded JSON");
    static const QSet<QString> algorithms = {QStringLiteral("RS256"), QStringLiteral("RS384"),
                                             QStringLiteral("RS512"), QStringLiteral("ES256"),
                                             QStringLiteral("ES384"), QStringLiteral("ES512")};
    if (!algorithms.contains(header->value(QStringLiteral("alg")).toString()))
        return QStringLiteral("JWT alg must be one of RS256, RS384, RS512, ES256, ES384, ES512");
    if (header->value(QStringLiteral("kid")).toString().isEmpty())
        return QStringLiteral("JWT header has no kid");
    const QJsonValue aud = payload->value(QStringLiteral("aud"));
    const bool audienceOk = aud.toString() == QLatin1String("connect.zapier.com") ||
                            aud.toArray().contains(QStringLiteral("connect.zapier.com"));
    if (!audienceOk)
        return QStringLiteral("JWT aud must be connect.zapier.com");
    if (payload->value(QStringLiteral("sub")).toString().isEmpty())
        return QStringLiteral("JWT has no sub claim");
    const QJsonValue exp = payload->value(QStringLiteral("exp"));
    const QJsonValue iat = payload->value(QStringLiteral("iat"));
    if (!exp.isDouble() || !iat.isDouble())
        return QStringLiteral("JWT needs numeric exp and iat claims");
    const qint64 now = context.now().toSecsSinceEpoch();
    if (qint64(exp.toDouble()) <= now)
        return QStringLiteral("JWT has expired");
    if (exp.toDouble() - iat.toDouble() > 300)
        return QStringLiteral("JWT lifetime (exp - iat) must be at most 300 seconds");
    const QJsonValue nbf = payload->value(QStringLiteral("nbf"));
    if (nbf.isDouble() && qint64(nbf.toDouble()) > now + 60)
        return QStringLiteral("JWT is not valid yet (nbf)");
    // Signature verification is a deployment hook: the sandbox has no partner JWKS to check.
    if (context.options->jwtVerifier) {
        QString error;
        const QByteArray signingInput = parts.at(0) + '.' + parts.at(1);
        const QByteArray signature = QByteArray::fromBase64(
            parts.at(2), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (!context.options->jwtVerifier(headerJson, payloadJson, signingInput, signature, &error))
            return error.isEmpty() ? QStringLiteral("JWT signature is invalid") : error;
    }
    return {};
}

HttpReply TokenEndpoint::handle(const HttpRequest &request, const SandboxContext &context)
{
    if (request.method != QLatin1String("POST"))
        return oauthError(405, QStringLiteral("invalid_request"),
                          QStringLiteral("Use POST with a form-urlencoded body."));
    // Form bodies encode spaces as '+', which QUrlQuery leaves alone.
    QByteArray body = request.body;
    body.replace('+', "%20");
    const QUrlQuery form(QString::fromUtf8(body));
    QString clientId = field(form, "client_id");
    QString clientSecret = field(form, "client_secret");
    const QByteArray authorization = request.header("Authorization");
    if (authorization.startsWith("Basic ")) {
        const QByteArray pair = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = pair.indexOf(':');
        clientId = QUrl::fromPercentEncoding(pair.left(colon));
        clientSecret = QUrl::fromPercentEncoding(pair.mid(colon + 1));
    }
    const QString grantType = field(form, "grant_type");
    if (grantType.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("grant_type is required."));
    // Public clients: no secret, so before the White Label client check below.
    if (grantType == QLatin1String("authorization_code"))
        return authorizationCodeGrant(form, clientId, context);
    if (grantType == QLatin1String("refresh_token"))
        return refreshTokenGrant(form, clientId, context);
    const QString &expectedId = context.options->clientId;
    if (clientId.isEmpty() ||
        (!expectedId.isEmpty() &&
         (clientId != expectedId || clientSecret != context.options->clientSecret)))
        return oauthError(401, QStringLiteral("invalid_client"),
                          QStringLiteral("Client authentication failed."));
    const QString scope = field(form, "scope");
    if (grantType == QLatin1String("client_credentials"))
        return minted(context, QStringLiteral("access"), kClientCredentialsSeconds, kAccessToken,
                      scope.isEmpty() ? QStringLiteral("external") : scope, {});
    if (grantType != kTokenExchange)
        return oauthError(400, QStringLiteral("unsupported_grant_type"),
                          QStringLiteral("grant_type \"%1\" is not supported.").arg(grantType));

    const QString subjectType = field(form, "subject_token_type");
    const QString subject = field(form, "subject_token");
    const QString requested = field(form, "requested_token_type");
    if (subject.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("subject_token is required."));
    const bool wantsConnect = requested == kConnectToken;
    const QString resource = field(form, "resource");
    if (wantsConnect && !QUrl(resource, QUrl::StrictMode).isValid())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("resource (the Connect URL) is required for a connect "
                                         "token."));
    if (wantsConnect && (resource.isEmpty() || QUrl(resource).isRelative()))
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("resource must be an absolute URL such as "
                                         "https://connect.zapier.com/to/<app>."));
    // The RFC 8693 spellings are accepted too: Zapier's exact URNs are unconfirmed (§5.2).
    if (subjectType == kExternalJwt ||
        subjectType == QLatin1String("urn:ietf:params:oauth:token-type:jwt")) {
        const QString problem = checkJwt(subject, context);
        if (!problem.isEmpty())
            return oauthError(400, QStringLiteral("invalid_grant"), problem);
        if (wantsConnect) // MCP-style direct exchange of the JWT for a connect token
            return minted(context, QStringLiteral("connect"), kConnectTokenSeconds, kConnectToken,
                          QStringLiteral("connection:write"), resource);
        return minted(context, QStringLiteral("access"), kAccessTokenSeconds, kAccessToken,
                      scope.isEmpty() ? QStringLiteral("external") : scope, {});
    }
    if (subjectType == kAccessToken ||
        subjectType == QLatin1String("urn:ietf:params:oauth:token-type:access_token")) {
        if (!acceptsBearer(subject, context))
            return oauthError(401, QStringLiteral("invalid_grant"),
                              QStringLiteral("subject_token is not a valid access token."));
        if (!wantsConnect)
            return oauthError(400, QStringLiteral("invalid_request"),
                              QStringLiteral("An access token can only be exchanged for a connect "
                                             "token (requested_token_type %1).")
                                  .arg(kConnectToken));
        return minted(context, QStringLiteral("connect"), kConnectTokenSeconds, kConnectToken,
                      scope.isEmpty() ? QStringLiteral("connection:write") : scope, resource);
    }
    return oauthError(
        400, QStringLiteral("invalid_request"),
        QStringLiteral("subject_token_type \"%1\" is not supported.").arg(subjectType));
}

} // namespace ab::sandbox
