#pragma once

#include "api/requestlog.h"
#include "core/apierror.h"
#include "core/clock.h"
#include "core/zapierbackend.h"

#include <QHash>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace ab::api {

// Rate-limit buckets (contract §3): the Partner API (`/v2/*`) and the Actions API
// (`/actions/*`); anything else (the OAuth token endpoint) is not limited by the client.
enum class Bucket { Partner, Actions, Unlimited };
QString bucketName(Bucket bucket); // "partner", "actions", "unlimited"
Bucket bucketForPath(const QString &path);

struct RetryPolicy {
    int maxRetries = 3;     // Zapier's SDK: ZAPIER_MAX_NETWORK_RETRIES
    int baseDelayMs = 500;  // doubled per attempt, then jittered to [d/2, d]
    int maxDelayMs = 60000; // SDK cap; server-given delays are capped by it too
    quint32 randomSeed = 0; // 0: seeded from the system; tests pin it
};

struct BucketLimits {
    int limit = 60;
    qint64 windowMs = 60000;
    qint64 cooldownAfter429Ms = 60000; // when a 429 carries no Retry-After
    int userReserve = 0;               // slots Background requests may not take
};

struct SchedulerConfig {
    RetryPolicy retry;
    // Partner: 60/min per IP and 150/min per partner, the lower one is the cap; 60 s cooldown
    // after a 429 (§3.1). Actions: 200 per 300 s (§3.2).
    BucketLimits partner{60, 60000, 60000, 5};
    BucketLimits actions{200, 300000, 60000, 10};
    int maxInFlight = 6; // QNetworkAccessManager's per-host connection count
    // Milliseconds per second of a server-given delay (Retry-After, X-RateLimit-Reset), so
    // tests can honour "Retry-After: 2" without waiting two seconds.
    qint64 msPerServerSecond = 1000;
};

// What the status-bar gauge shows for one bucket.
struct RateBudget {
    QString bucket;
    int limit = 0;
    int remaining = 0;
    qint64 cooldownMsLeft = 0;
};

struct OutgoingRequest {
    QNetworkRequest request;
    QByteArray method = QByteArrayLiteral("GET");
    QByteArray body;
    Bucket bucket = Bucket::Partner;
    core::Priority priority = core::Priority::User;
    // Safe to send again after a network error, timeout or 5xx. A non-idempotent request
    // is re-sent only after a 429 (refused, not run).
    bool idempotent = true;
    qint64 maxBodyBytes = 16 * 1024 * 1024;
};

struct ReplyOutcome {
    int httpStatus = 0;
    QString reasonPhrase;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // Set when no complete HTTP reply arrived: Timeout, Network, TooLarge, OutcomeUnknown.
    std::optional<core::ApiError> transportError;
    std::optional<int> retryAfterSeconds; // from Retry-After or X-RateLimit-Reset
    QList<core::RequestRecord> calls;     // every attempt, oldest first

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
};

// The single queue every request goes through: rate budgets, priorities, retries.
class RequestScheduler final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestScheduler)

public:
    using Handler = std::function<void(const ReplyOutcome &)>;

    // `log` and `clock` must outlive the scheduler.
    explicit RequestScheduler(RequestLog *log, const core::Clock *clock,
                              SchedulerConfig config = {}, QObject *parent = nullptr);
    ~RequestScheduler() override;

    // Sends a request at once when the budget and the in-flight limit allow, else queues it.
    // `done` runs on the event loop once the last attempt is over (never inside this call),
    // unless `context` (when given) was destroyed first; a queued request whose context died is
    // not sent.
    void submit(OutgoingRequest request, QObject *context, Handler done);

    RateBudget budget(Bucket bucket) const;
    QList<RateBudget> budgets() const; // partner, actions
    int queuedCount() const { return int(m_queue.size()); }
    int inFlightCount() const { return int(m_inFlight.size()); }
    bool isWaitingForBudget() const { return m_waiting; }
    const SchedulerConfig &config() const { return m_config; }
    QNetworkAccessManager *network() const { return m_network; }
    RequestLog *requestLog() const { return m_log; }

public Q_SLOTS:
    // Re-checks the queue now; for tests that moved a manual clock past a window.
    void reschedule();

Q_SIGNALS:
    void budgetChanged(const ab::api::RateBudget &budget);
    // A request waits for the client-side budget or a cooldown; msLeft 0: no longer waiting.
    void waitingForBudget(const QString &bucket, qint64 msLeft);
    void exchangeFinished(const ab::core::RequestRecord &record);

private:
    struct Job;
    struct InFlight;
    struct BucketState {
        BucketLimits limits;
        std::deque<qint64> sent; // send times (Clock::monotonicMs) within the window
        qint64 cooldownUntil = 0;
        std::optional<int> serverRemaining; // X-RateLimit-Remaining, until serverResetAt
        int sentSinceServerReport = 0;
        qint64 serverResetAt = 0;
    };

    void enqueue(const std::shared_ptr<Job> &job);
    void dispatch();
    void start(const std::shared_ptr<Job> &job);
    void onFinished(QNetworkReply *reply);
    void finish(const std::shared_ptr<Job> &job, ReplyOutcome outcome);
    void retryAfterDelay(const std::shared_ptr<Job> &job, qint64 delayMs);
    bool retriesLeft(const Job &job) const;
    qint64 backoffMs(int attempt);
    void updateBudget(Bucket bucket, const ReplyOutcome &outcome);
    BucketState *state(Bucket bucket);
    const BucketState *state(Bucket bucket) const;
    void prune(BucketState &bucket) const;
    int remaining(const BucketState &bucket) const;
    qint64 waitMs(Bucket bucket, core::Priority priority);
    void emitBudget(Bucket bucket);

    RequestLog *m_log;
    const core::Clock *m_clock;
    SchedulerConfig m_config;
    QNetworkAccessManager *m_network;
    QRandomGenerator m_random;
    BucketState m_partner;
    BucketState m_actions;
    std::deque<std::shared_ptr<Job>> m_queue; // User before Background, then first come
    QHash<QNetworkReply *, std::shared_ptr<InFlight>> m_inFlight;
    QTimer m_wakeUp;
    quint64 m_nextSequence = 1;
    bool m_waiting = false;
};

} // namespace ab::api

Q_DECLARE_METATYPE(ab::api::RateBudget)
