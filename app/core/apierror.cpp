#include "core/apierror.h"

namespace ab::core {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Network:
        return QStringLiteral("network");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::RateLimited:
        return QStringLiteral("rate_limited");
    case ErrorKind::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorKind::Forbidden:
        return QStringLiteral("forbidden");
    case ErrorKind::NotFound:
        return QStringLiteral("not_found");
    case ErrorKind::BadRequest:
        return QStringLiteral("bad_request");
    case ErrorKind::Conflict:
        return QStringLiteral("conflict");
    case ErrorKind::PaymentRequired:
        return QStringLiteral("payment_required");
    case ErrorKind::Server:
        return QStringLiteral("server");
    case ErrorKind::Unavailable:
        return QStringLiteral("unavailable");
    case ErrorKind::MalformedResponse:
        return QStringLiteral("malformed_response");
    case ErrorKind::TooLarge:
        return QStringLiteral("too_large");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::OutcomeUnknown:
        return QStringLiteral("outcome_unknown");
    case ErrorKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString ApiError::summary() const
{
    QString text = errorKindName(kind);
    if (httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    const QString message = !detail.isEmpty() ? detail : title;
    if (!message.isEmpty())
        text += QStringLiteral(": ") + message;
    if (retryAfterSeconds)
        text += QStringLiteral(" [retry after %1 s]").arg(*retryAfterSeconds);
    return text;
}

} // namespace ab::core
