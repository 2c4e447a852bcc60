#include "core/apierror.h"

#include <QCoreApplication>

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

// Only our own sentences are in the catalogue under this context: a server's text finds no
// translation and comes back as it is.
static QString translated(const QString &text)
{
    return text.isEmpty()
               ? text
               : QCoreApplication::translate("ab::core::ApiError", text.toUtf8().constData());
}

QString ApiError::displayTitle() const
{
    return translated(title);
}

QString ApiError::displayDetail() const
{
    return translated(detail);
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
