#include "api/errormapping.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace ab::api {

using core::ErrorKind;

static ErrorKind kindForStatus(int status)
{
    switch (status) {
    case 400:
    case 422:
        return ErrorKind::BadRequest;
    case 401:
        return ErrorKind::Unauthorized;
    case 402:
        return ErrorKind::PaymentRequired;
    case 403:
        return ErrorKind::Forbidden;
    case 404:
    case 410:
        return ErrorKind::NotFound;
    case 408:
        return ErrorKind::Timeout;
    case 409:
        return ErrorKind::Conflict;
    case 413:
        return ErrorKind::TooLarge;
    case 429:
        return ErrorKind::RateLimited;
    case 503:
    case 504:
        return ErrorKind::Unavailable;
    default:
        break;
    }
    if (status >= 500 && status <= 599)
        return ErrorKind::Server;
    if (status >= 400 && status <= 499)
        return ErrorKind::BadRequest;
    // 1xx/2xx/3xx: redirects are not followed (the bearer token must not travel elsewhere).
    return ErrorKind::Unknown;
}

ErrorKind errorKindFor(int httpStatus, QNetworkReply::NetworkError error, bool timedOut)
{
    if (timedOut)
        return ErrorKind::Timeout;
    // An HTTP status means the server answered; QNetworkReply's error is then only a
    // restatement of that status (ContentNotFoundError for 404, ...).
    if (httpStatus > 0)
        return kindForStatus(httpStatus);
    switch (error) {
    case QNetworkReply::NoError:
        return ErrorKind::Unknown;
    case QNetworkReply::TimeoutError:
        return ErrorKind::Timeout;
    case QNetworkReply::OperationCanceledError:
        return ErrorKind::Cancelled;
    default:
        return ErrorKind::Network;
    }
}

bool failedBeforeSending(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::UnknownProxyError:
        return true;
    default:
        return false;
    }
}

static std::optional<QDateTime> parseHttpDate(const QByteArray &value)
{
    QString text = QString::fromLatin1(value).simplified();
    const QLocale c = QLocale::c();
    // The weekday is dropped: it is redundant, and Qt rejects a two-digit-year date whose
    // weekday does not match 19xx.
    QStringList formats;
    if (const qsizetype comma = text.indexOf(QLatin1Char(',')); comma >= 0) {
        text = text.mid(comma + 1).trimmed();
        formats = {QStringLiteral("dd MMM yyyy HH:mm:ss 'GMT'"), // RFC 9110 IMF-fixdate
                   QStringLiteral("dd-MMM-yy HH:mm:ss 'GMT'")};  // obsolete RFC 850
    } else if (const qsizetype space = text.indexOf(QLatin1Char(' ')); space == 3) {
        text = text.mid(space + 1);
        formats = {QStringLiteral("MMM d HH:mm:ss yyyy")}; // asctime
    }
    for (const QString &format : std::as_const(formats)) {
        QDateTime parsed = c.toDateTime(text, format);
        if (parsed.isValid()) {
            parsed.setTimeZone(QTimeZone::utc());
            if (parsed.date().year() < 1970) // two-digit years land in 19xx
                parsed = parsed.addYears(100);
            return parsed;
        }
    }
    const QDateTime iso = QDateTime::fromString(text, Qt::ISODate);
    if (iso.isValid())
        return iso;
    return std::nullopt;
}

static int clampSeconds(qint64 seconds)
{
    return int(std::clamp<qint64>(seconds, 0, 24 * 3600));
}

std::optional<int> parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return clampSeconds(seconds);
    if (const auto date = parseHttpDate(trimmed))
        return clampSeconds(now.secsTo(*date));
    return std::nullopt;
}

std::optional<int> parseRateLimitReset(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double number = trimmed.toDouble(&ok);
    if (ok) {
        if (number >= 1e9)
            return clampSeconds(qint64(number) - now.toSecsSinceEpoch());
        return clampSeconds(qint64(number));
    }
    if (const auto date = parseHttpDate(trimmed))
        return clampSeconds(now.secsTo(*date));
    return std::nullopt;
}

std::optional<int> retryAfterSeconds(const QByteArray &retryAfter, const QByteArray &rateLimitReset,
                                     const QDateTime &now)
{
    if (const auto seconds = parseRetryAfter(retryAfter, now))
        return seconds;
    return parseRateLimitReset(rateLimitReset, now);
}

} // namespace ab::api
