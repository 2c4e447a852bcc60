#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>

namespace ab::core {
class Clock;
}

namespace ab::sandbox {

// Checks the signature of a partner JWT at POST /oauth/token. The sandbox only checks the
// JWT's structure and claims by default; a deployment that wants real verification (JWKS by
// `kid`) plugs it in here. Return false and fill `error` to refuse the token.
using JwtSignatureVerifier = std::function<bool(
    const QByteArray &headerJson, const QByteArray &payloadJson, const QByteArray &signingInput,
    const QByteArray &signature, QString *error)>;

struct SandboxOptions {
    // --catalog-size N: N generated apps ("Generated App 0001", ...) after the built-in ones.
    int extraApps = 0;
    // Bearer tokens accepted on /v2 and /actions; an empty list accepts any non-empty bearer.
    // Tokens minted by POST /oauth/token are always accepted until they expire.
    QStringList acceptedTokens = {QStringLiteral("sandbox-token")};
    // Partner API (/v2) requests per client per window; 0 = off.
    int rateLimitPerMinute = 0;
    // Actions API (/actions) requests per client per 300 s window; 0 = off.
    int actionsRateLimitPer300s = 0;
    // Length of the Partner API window and of the cooldown after a 429 (Zapier: 60 s each).
    // Tests shorten them instead of waiting.
    int rateLimitWindowSeconds = 60;
    int rateLimitCooldownSeconds = 60;
    int actionsRateLimitWindowSeconds = 300;
    // When set, mutable state (stored actions, runs, connections, minted tokens, issued action
    // ids) is loaded from and saved to this JSON file, so separate CLI processes that each start
    // an in-process sandbox see each other's work.
    QString statePath;
    // Time source for expiries, idempotency windows and rate limits; not owned. Null means the
    // system clock.
    const core::Clock *clock = nullptr;
    // Optional JWT signature check for the token exchange; null accepts any signature.
    JwtSignatureVerifier jwtVerifier;
    // OAuth client credentials required at /oauth/token; empty accepts any non-empty client_id.
    QString clientId;
    QString clientSecret;
};

// One request the sandbox handled, for the request log and the requestHandled() signal.
struct SandboxRequest {
    quint64 sequence = 0;
    QDateTime receivedAt;
    QString method;                                      // "GET", "POST", ...
    QString path;                                        // as received, without the query
    QString query;                                       // encoded query string, without '?'
    QList<QPair<QByteArray, QByteArray>> requestHeaders; // kept in memory only, never logged
    QByteArray requestBody;
    int status = 0;       // 0 when the connection was dropped without an answer
    qint64 bodySize = 0;  // response body bytes
    bool faulted = false; // a fault rule changed the answer
    bool dropped = false; // the connection was closed without an answer
    qint64 delayMs = 0;   // artificial delay applied before answering

    QByteArray header(const QByteArray &name) const;
};

} // namespace ab::sandbox

Q_DECLARE_METATYPE(ab::sandbox::SandboxRequest)
