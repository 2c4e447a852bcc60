#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace ab::core {

// What went wrong with one API call, as a category the UI and CLI can act on.
// The mapping from HTTP status / network error to a kind lives in api/ (one tested function).
enum class ErrorKind {
    Network,           // connection refused, dropped, DNS, TLS
    Timeout,           // no complete reply within the transfer timeout
    RateLimited,       // 429, or the client-side budget refused to send
    Unauthorized,      // 401: token missing, wrong or expired
    Forbidden,         // 403
    NotFound,          // 404
    BadRequest,        // 400, 422 and other 4xx the client sent wrong
    Conflict,          // 409
    PaymentRequired,   // 402: insufficient tasks (Actions API)
    Server,            // 500, 502
    Unavailable,       // 503, 504
    MalformedResponse, // 2xx whose body is not the documented shape (HTML, bad JSON, wrong types)
    TooLarge,          // body beyond the client's size limit
    Cancelled,         // the caller went away or cancelled
    OutcomeUnknown,    // a non-idempotent request may or may not have been applied
    Unknown,
};

QString errorKindName(ErrorKind kind); // stable, machine-readable ("rate_limited", ...)

struct ApiError {
    ErrorKind kind = ErrorKind::Unknown;
    int httpStatus = 0; // 0 when no HTTP response arrived
    QString code;       // errors[0].code, e.g. "parse_error"
    // The server's words, or ours for an error the client detects itself. Ours stay English here
    // (they are stored with runs and printed by the CLI) and are marked where they are made with
    // QT_TRANSLATE_NOOP("ab::core::ApiError", ...), so the GUI shows displayTitle/displayDetail.
    QString title;
    QString detail;
    QString sourcePointer;                // errors[0].source.pointer, e.g. "/data/inputs/email"
    std::optional<int> retryAfterSeconds; // from Retry-After / X-RateLimit-Reset
    QByteArray rawSample;                 // first bytes of the body, redacted, for diagnosis

    // One line for logs and the CLI: "rate_limited (HTTP 429): Too many requests".
    QString summary() const;

    // The title and detail in the user's language where they are ours; a server's as they came.
    QString displayTitle() const;
    QString displayDetail() const;
};

} // namespace ab::core
