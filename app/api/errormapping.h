#pragma once

#include "core/apierror.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>

#include <optional>

namespace ab::api {

// The one place where an HTTP status / network error becomes an ErrorKind. `timedOut` wins
// over everything: Qt reports a transfer timeout as OperationCanceledError.
// A 2xx with no network error maps to Unknown (it is not an error; callers do not ask).
core::ErrorKind errorKindFor(int httpStatus, QNetworkReply::NetworkError error, bool timedOut);

// Whether a network error happened before the request could reach the server (so even a
// non-idempotent request was certainly not applied).
bool failedBeforeSending(QNetworkReply::NetworkError error);

// Retry-After: delta-seconds ("120") or an HTTP-date; seconds from `now`, never negative.
std::optional<int> parseRetryAfter(const QByteArray &value, const QDateTime &now);

// X-RateLimit-Reset: epoch seconds when >= 1e9, delta-seconds otherwise (Zapier's SDK reads
// it so, contract §3.3; the Actions API types it as a date-time, so an HTTP/ISO date is read too).
std::optional<int> parseRateLimitReset(const QByteArray &value, const QDateTime &now);

// Seconds to wait before the next request: Retry-After first, then X-RateLimit-Reset.
std::optional<int> retryAfterSeconds(const QByteArray &retryAfter, const QByteArray &rateLimitReset,
                                     const QDateTime &now);

} // namespace ab::api
