#include "sandbox/tokenendpoint.h"

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

QString randomToken(const char *prefix)
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return QLatin1String(prefix) +
           QString::fromLatin1(
               bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
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
    record.token = randomToken(kind == QLatin1String("connect") ? "sbct_" : "sbat_");
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

} // namespace

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
    const auto field = [&form](const char *key) {
        return form.queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
    };
    QString clientId = field("client_id");
    QString clientSecret = field("client_secret");
    const QByteArray authorization = request.header("Authorization");
    if (authorization.startsWith("Basic ")) {
        const QByteArray pair = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = pair.indexOf(':');
        clientId = QUrl::fromPercentEncoding(pair.left(colon));
        clientSecret = QUrl::fromPercentEncoding(pair.mid(colon + 1));
    }
    const QString grantType = field("grant_type");
    if (grantType.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("grant_type is required."));
    const QString &expectedId = context.options->clientId;
    if (clientId.isEmpty() ||
        (!expectedId.isEmpty() &&
         (clientId != expectedId || clientSecret != context.options->clientSecret)))
        return oauthError(401, QStringLiteral("invalid_client"),
                          QStringLiteral("Client authentication failed."));
    const QString scope = field("scope");
    if (grantType == QLatin1String("client_credentials"))
        return minted(context, QStringLiteral("access"), kClientCredentialsSeconds, kAccessToken,
                      scope.isEmpty() ? QStringLiteral("external") : scope, {});
    if (grantType != kTokenExchange)
        return oauthError(400, QStringLiteral("unsupported_grant_type"),
                          QStringLiteral("grant_type \"%1\" is not supported.").arg(grantType));

    const QString subjectType = field("subject_token_type");
    const QString subject = field("subject_token");
    const QString requested = field("requested_token_type");
    if (subject.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("subject_token is required."));
    const bool wantsConnect = requested == kConnectToken;
    const QString resource = field("resource");
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
