#include "sandbox/ratelimiter.h"

namespace ab::sandbox {

namespace {
int ceilSeconds(qint64 ms)
{
    return int((qMax<qint64>(ms, 0) + 999) / 1000);
}
} // namespace

QList<QPair<QByteArray, QByteArray>> RateLimiter::Decision::headers() const
{
    QList<QPair<QByteArray, QByteArray>> list = {
        {"X-RateLimit-Limit", QByteArray::number(limit)},
        {"X-RateLimit-Remaining", QByteArray::number(remaining)},
        {"X-RateLimit-Reset", QByteArray::number(resetEpochSeconds)}};
    if (!allowed)
        list.append({"Retry-After", QByteArray::number(qMax(1, retryAfterSeconds))});
    return list;
}

RateLimiter::RateLimiter(int limit, int windowSeconds, int cooldownSeconds)
    : m_limit(limit)
    , m_windowMs(qint64(qMax(1, windowSeconds)) * 1000)
    , m_cooldownMs(qint64(qMax(0, cooldownSeconds)) * 1000)
{}

RateLimiter::Decision RateLimiter::take(const QString &client, qint64 nowMs, qint64 nowEpochSeconds)
{
    Decision decision;
    decision.limit = m_limit;
    Bucket &bucket = m_buckets[client];
    if (bucket.cooldownUntilMs >= 0 && nowMs < bucket.cooldownUntilMs) {
        decision.allowed = false;
        decision.remaining = 0;
        decision.retryAfterSeconds = ceilSeconds(bucket.cooldownUntilMs - nowMs);
        decision.resetEpochSeconds = nowEpochSeconds + decision.retryAfterSeconds;
        return decision;
    }
    // A window starts with the first request after the previous window or cooldown ended.
    if (!bucket.started || bucket.cooldownUntilMs >= 0 ||
        nowMs - bucket.windowStartMs >= m_windowMs) {
        bucket.started = true;
        bucket.windowStartMs = nowMs;
        bucket.used = 0;
        bucket.cooldownUntilMs = -1;
    }
    const qint64 windowEndsMs = bucket.windowStartMs + m_windowMs;
    decision.resetEpochSeconds = nowEpochSeconds + ceilSeconds(windowEndsMs - nowMs);
    if (bucket.used >= m_limit) {
        decision.allowed = false;
        decision.remaining = 0;
        if (m_cooldownMs > 0) {
            bucket.cooldownUntilMs = nowMs + m_cooldownMs;
            decision.retryAfterSeconds = ceilSeconds(m_cooldownMs);
        } else {
            decision.retryAfterSeconds = ceilSeconds(windowEndsMs - nowMs);
        }
        decision.resetEpochSeconds = nowEpochSeconds + decision.retryAfterSeconds;
        return decision;
    }
    ++bucket.used;
    decision.remaining = m_limit - bucket.used;
    return decision;
}

} // namespace ab::sandbox
