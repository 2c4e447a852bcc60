#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

namespace ab::sandbox {

// A fixed-window request budget per client, with an optional cooldown after the limit is hit
// (Zapier's Partner API refuses everything for 60 s after a 429). Times are monotonic ms from
// the injected clock, so tests move time instead of waiting.
class RateLimiter {
public:
    struct Decision {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        qint64 resetEpochSeconds = 0; // when the window (or cooldown) ends, UTC epoch seconds
        int retryAfterSeconds = 0;    // set when refused

        QList<QPair<QByteArray, QByteArray>> headers() const;
    };

    RateLimiter(int limit, int windowSeconds, int cooldownSeconds);

    bool isEnabled() const { return m_limit > 0; }
    // Counts one request of `client` at `nowMs` (monotonic) / `nowEpochSeconds` (wall clock).
    Decision take(const QString &client, qint64 nowMs, qint64 nowEpochSeconds);

private:
    struct Bucket {
        bool started = false;
        qint64 windowStartMs = 0;
        int used = 0;
        qint64 cooldownUntilMs = -1;
    };

    int m_limit;
    qint64 m_windowMs;
    qint64 m_cooldownMs;
    QHash<QString, Bucket> m_buckets;
};

} // namespace ab::sandbox
