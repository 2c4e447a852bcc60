#include "api/tokenclient.h"

#include "api/decoders.h"
#include "api/jsonreader.h"
#include "api/requestscheduler.h"

namespace ab::api {

using Fields = QList<QPair<QByteArray, QString>>;

static core::ApiResult<TokenGrant> decodeGrant(const QByteArray &body)
{
    QJsonObject root;
    QString problem;
    if (!detail::envelope(body, &root, &problem))
        return detail::malformed(problem, body);
    detail::JsonReader reader;
    TokenGrant grant;
    grant.accessToken = reader.requiredString(root, QString(), "access_token");
    grant.tokenType = reader.string(root, QString(), "token_type");
    grant.expiresIn = int(reader.integer(root, QString(), "expires_in").value_or(3600));
    grant.scope = reader.string(root, QString(), "scope");
    grant.issuedTokenType = reader.string(root, QString(), "issued_token_type");
    if (reader.failed())
        return detail::malformed(reader.error(), body);
    return grant;
}

TokenClient::TokenClient(RequestScheduler *scheduler, TokenClientConfig config, QObject *parent)
    : QObject(parent)
    , m_scheduler(scheduler)
{
    setConfig(config);
}

void TokenClient::setConfig(const TokenClientConfig &config)
{
    m_config = config;
}

QByteArray TokenClient::formBody(const Fields &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(QString::fromLatin1(name)) + '=' +
                QUrl::toPercentEncoding(value);
    }
    return body;
}

void TokenClient::exchangePartnerJwt(const QString &partnerJwt, const QString &scope,
                                     QObject *context, core::Callback<TokenGrant> done)
{
    post({{"grant_type", QLatin1String(oauth::grantTypeTokenExchange)},
          {"client_id", m_config.clientId},
          {"client_secret", m_config.clientSecret},
          {"subject_token", partnerJwt},
          {"subject_token_type", QLatin1String(oauth::tokenTypeExternalJwt)},
          {"requested_token_type", QLatin1String(oauth::tokenTypeAccessToken)},
          {"scope", scope}},
         context, std::move(done));
}

void TokenClient::connectToken(const QString &accessToken, const QString &connectUrl,
                               QObject *context, core::Callback<TokenGrant> done)
{
    post({{"grant_type", QLatin1String(oauth::grantTypeTokenExchange)},
          {"client_id", m_config.clientId},
          {"client_secret", m_config.clientSecret},
          {"subject_token", accessToken},
          {"subject_token_type", QLatin1String(oauth::tokenTypeAccessToken)},
          {"requested_token_type", QLatin1String(oauth::tokenTypeConnectToken)},
          {"scope", QLatin1String(oauth::connectTokenScope)},
          {"resource", connectUrl}},
         context, std::move(done));
}

void TokenClient::clientCredentials(const QString &scope, QObject *context,
                                    core::Callback<TokenGrant> done)
{
    post({{"grant_type", QLatin1String(oauth::grantTypeClientCredentials)},
          {"client_id", m_config.clientId},
          {"client_secret", m_config.clientSecret},
          {"scope", scope.isEmpty() ? QLatin1String(oauth::clientCredentialsScope) : scope},
          {"audience", QLatin1String(oauth::clientCredentialsAudience)}},
         context, std::move(done));
}

void TokenClient::post(const Fields &fields, QObject *context, core::Callback<TokenGrant> done)
{
    // Secrets are redacted by key anyway; registering the literals also catches them in
    // error texts and echoed bodies.
    RequestLog *log = m_scheduler->requestLog();
    for (const auto &[name, value] : fields) {
        if (name == "client_secret" || name == "subject_token")
            log->redactor().addSecret(value);
    }
    OutgoingRequest request;
    request.request = QNetworkRequest(m_config.tokenUrl);
    request.request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.request.setRawHeader("Accept", "application/json");
    request.request.setTransferTimeout(m_config.transferTimeoutMs);
    request.request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::ManualRedirectPolicy);
    request.method = "POST";
    request.body = formBody(fields);
    request.bucket = Bucket::Unlimited;
    request.idempotent = false;
    request.maxBodyBytes = 1024 * 1024;
    m_scheduler->submit(
        std::move(request), context,
        [done = std::move(done), log = QPointer<RequestLog>(log)](const ReplyOutcome &reply) {
            core::ApiResult<TokenGrant> result = [&]() -> core::ApiResult<TokenGrant> {
                if (reply.transportError)
                    return *reply.transportError;
                if (reply.httpStatus < 200 || reply.httpStatus > 299)
                    return decodeError(reply.httpStatus, reply.body, reply.reasonPhrase);
                return decodeGrant(reply.body);
            }();
            if (result.ok() && log)
                log->redactor().addSecret(result.value().accessToken);
            if (!result.ok() && log && !reply.body.isEmpty()) {
                // Resample with the registered literals redacted too, not just the keys.
                core::ApiError error = result.error();
                error.rawSample = log->redactor().redactAndTruncate(reply.body, 512);
                result = core::ApiResult<TokenGrant>(error);
            }
            result.calls = reply.calls;
            done(std::move(result));
        });
}

} // namespace ab::api
