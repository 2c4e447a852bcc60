#include "api/requestscheduler.h"

#include "api/errormapping.h"
#include "api/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <cstring>

namespace ab::api {

QString bucketName(Bucket bucket)
{
    switch (bucket) {
    case Bucket::Partner:
        return QStringLiteral("partner");
    case Bucket::Actions:
        return QStringLiteral("actions");
    case Bucket::Unlimited:
        break;
    }
    return QStringLiteral("unlimited");
}

Bucket bucketForPath(const QString &path)
{
    if (path.startsWith(QLatin1String("/v2/")))
        return Bucket::Partner;
    if (path.startsWith(QLatin1String("/actions/")))
        return Bucket::Actions;
    return Bucket::Unlimited;
}

QByteArray ReplyOutcome::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

namespace {

// A request body that can be read only once. Qt re-sends a request by itself when the
// connection closes before the first byte of a reply (QHttpNetworkConnectionChannel's
// reconnectAttempts), whatever the method: a POST /v2/action-runs could run twice. Qt cannot
// rewind this device, so it fails the reply (ContentReSendError) instead of re-sending.
class OneShotBody final : public QIODevice {
public:
    explicit OneShotBody(QByteArray data, QObject *parent)
        : QIODevice(parent)
        , m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_position + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = qMin(maxSize, qint64(m_data.size()) - m_position);
        if (count <= 0)
            return -1; // the end: there is nothing more, now or later
        std::memcpy(data, m_data.constData() + m_position, size_t(count));
        m_position += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

} // namespace

struct RequestScheduler::Job {
    OutgoingRequest request;
    QPointer<QObject> context;
    bool hasContext = false;
    Handler done;
    quint64 sequence = 0;
    int attempt = 0;
    QList<core::RequestRecord> calls;
};

struct RequestScheduler::InFlight {
    std::shared_ptr<Job> job;
    QDateTime startedAt;
    qint64 startedMs = 0;
    QByteArray body;
    qint64 announcedSize = 0;
    bool tooLarge = false;
};

RequestScheduler::RequestScheduler(RequestLog *log, const core::Clock *clock,
                                   SchedulerConfig config, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_clock(clock)
    , m_config(config)
    , m_network(new QNetworkAccessManager(this))
    , m_random(config.retry.randomSeed ? config.retry.randomSeed
                                       : QRandomGenerator::system()->generate())
{
    m_partner.limits = config.partner;
    m_actions.limits = config.actions;
    m_wakeUp.setSingleShot(true);
    connect(&m_wakeUp, &QTimer::timeout, this, &RequestScheduler::dispatch);
    connect(m_network, &QNetworkAccessManager::finished, this, &RequestScheduler::onFinished);
}

RequestScheduler::~RequestScheduler()
{
    // Replies are children of the manager; drop our bookkeeping before they go.
    m_network->disconnect(this);
    const auto replies = m_inFlight.keys();
    m_inFlight.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
    }
}

void RequestScheduler::submit(OutgoingRequest request, QObject *context, Handler done)
{
    auto job = std::make_shared<Job>();
    job->request = std::move(request);
    job->context = context;
    job->hasContext = context != nullptr;
    job->done = std::move(done);
    job->sequence = m_nextSequence++;
    enqueue(job);
    // Sent at once when the budget allows, so the request travels while the caller goes on
    // (the desktop app builds its window while the first catalog page is fetched). The answer
    // still always comes through the event loop, never inside this call.
    dispatch();
}

void RequestScheduler::reschedule()
{
    dispatch();
}

void RequestScheduler::enqueue(const std::shared_ptr<Job> &job)
{
    // User requests first; within a priority, the older request (a retry keeps its place).
    const auto before = [&job](const std::shared_ptr<Job> &other) {
        if (job->request.priority != other->request.priority)
            return job->request.priority == core::Priority::User;
        return job->sequence < other->sequence;
    };
    m_queue.insert(std::find_if(m_queue.begin(), m_queue.end(), before), job);
}

RequestScheduler::BucketState *RequestScheduler::state(Bucket bucket)
{
    switch (bucket) {
    case Bucket::Partner:
        return &m_partner;
    case Bucket::Actions:
        return &m_actions;
    case Bucket::Unlimited:
        break;
    }
    return nullptr;
}

const RequestScheduler::BucketState *RequestScheduler::state(Bucket bucket) const
{
    return const_cast<RequestScheduler *>(this)->state(bucket);
}

void RequestScheduler::prune(BucketState &bucket) const
{
    const qint64 now = m_clock->monotonicMs();
    while (!bucket.sent.empty() && bucket.sent.front() + bucket.limits.windowMs <= now)
        bucket.sent.pop_front();
    if (bucket.serverRemaining && now >= bucket.serverResetAt)
        bucket.serverRemaining.reset();
}

int RequestScheduler::remaining(const BucketState &bucket) const
{
    int left = bucket.limits.limit - int(bucket.sent.size());
    // The server's count wins when it is lower (other clients share the per-IP limit).
    if (bucket.serverRemaining)
        left = qMin(left, *bucket.serverRemaining - bucket.sentSinceServerReport);
    return qMax(0, left);
}

qint64 RequestScheduler::waitMs(Bucket which, core::Priority priority)
{
    BucketState *bucket = state(which);
    if (!bucket)
        return 0;
    prune(*bucket);
    const qint64 now = m_clock->monotonicMs();
    if (bucket->cooldownUntil > now)
        return bucket->cooldownUntil - now;
    // Background work leaves the last few slots to the user (never all of them).
    const int reserve = priority == core::Priority::Background
                            ? qBound(0, bucket->limits.userReserve, bucket->limits.limit - 1)
                            : 0;
    if (remaining(*bucket) > reserve)
        return 0;
    qint64 wait = 1;
    // A local slot frees when the send that took it leaves the window.
    const int localNeeded = reserve - (bucket->limits.limit - int(bucket->sent.size())) + 1;
    if (localNeeded > 0 && !bucket->sent.empty()) {
        const auto index = std::min(std::size_t(localNeeded - 1), bucket->sent.size() - 1);
        wait = qMax(wait, bucket->sent.at(index) + bucket->limits.windowMs - now);
    }
    if (bucket->serverRemaining &&
        *bucket->serverRemaining - bucket->sentSinceServerReport <= reserve)
        wait = qMax(wait, bucket->serverResetAt - now);
    return wait;
}

void RequestScheduler::dispatch()
{
    qint64 shortestWait = -1;
    QString waitingBucket;
    for (auto it = m_queue.begin(); it != m_queue.end();) {
        const std::shared_ptr<Job> job = *it;
        if (job->hasContext && !job->context) {
            it = m_queue.erase(it); // nobody is waiting for the answer any more
            continue;
        }
        if (int(m_inFlight.size()) >= m_config.maxInFlight)
            break;
        const qint64 wait = waitMs(job->request.bucket, job->request.priority);
        if (wait > 0) {
            if (shortestWait < 0 || wait < shortestWait) {
                shortestWait = wait;
                waitingBucket = bucketName(job->request.bucket);
            }
            ++it;
            continue;
        }
        it = m_queue.erase(it);
        start(job);
    }
    if (shortestWait > 0) {
        m_wakeUp.start(int(qMin<qint64>(shortestWait, std::numeric_limits<int>::max())));
        m_waiting = true;
        qCDebug(lcApi) << "waiting for the" << waitingBucket << "budget:" << shortestWait << "ms";
        Q_EMIT waitingForBudget(waitingBucket, shortestWait);
    } else if (m_waiting) {
        m_waiting = false;
        Q_EMIT waitingForBudget(QString(), 0);
    }
}

void RequestScheduler::start(const std::shared_ptr<Job> &job)
{
    ++job->attempt;
    if (BucketState *bucket = state(job->request.bucket)) {
        bucket->sent.push_back(m_clock->monotonicMs());
        ++bucket->sentSinceServerReport;
    }
    auto flight = std::make_shared<InFlight>();
    flight->job = job;
    flight->startedAt = m_clock->now();
    flight->startedMs = m_clock->monotonicMs();

    const OutgoingRequest &request = job->request;
    QNetworkReply *reply = nullptr;
    if (request.method == "GET") {
        reply = m_network->get(request.request);
    } else if (!request.idempotent && !request.body.isEmpty()) {
        // Content-Length plus DoNotBufferUploadData: Qt streams the device instead of keeping
        // a copy it could send again.
        QNetworkRequest withLength = request.request;
        withLength.setHeader(QNetworkRequest::ContentLengthHeader, request.body.size());
        withLength.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        // HTTP/1.1 only: that is the path whose re-send behaviour the tests pin down.
        withLength.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        auto *body = new OneShotBody(request.body, this);
        reply = m_network->sendCustomRequest(withLength, request.method, body);
        connect(reply, &QObject::destroyed, body, &QObject::deleteLater);
    } else {
        reply = m_network->sendCustomRequest(request.request, request.method, request.body);
    }
    m_inFlight.insert(reply, flight);

    // Stop as soon as the body is known to be too big: by Content-Length, or while reading.
    // abort() emits finished() at once, so nothing may touch `flight` after it.
    const qint64 maxBytes = request.maxBodyBytes;
    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, flight, maxBytes] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        flight->announcedSize = length.isValid() ? length.toLongLong() : 0;
        if (flight->announcedSize > maxBytes && !flight->tooLarge) {
            flight->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [reply, flight, maxBytes] {
        if (flight->tooLarge)
            return;
        // Only what has arrived: read(n) allocates n bytes up front, and n here is the whole
        // remaining allowance (16 MiB), which malloc maps and unmaps on every chunk.
        const qint64 room = maxBytes + 1 - flight->body.size();
        flight->body += reply->read(qMin(reply->bytesAvailable(), room));
        if (flight->body.size() > maxBytes) {
            flight->tooLarge = true;
            reply->abort();
        }
    });
    emitBudget(request.bucket);
}

static bool isTransportFailure(QNetworkReply::NetworkError error)
{
    // 1–199: connection and proxy errors; 200+ restate an HTTP status (ContentNotFound...).
    return error != QNetworkReply::NoError && int(error) < 200;
}

void RequestScheduler::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    const std::shared_ptr<InFlight> flight = m_inFlight.take(reply);
    if (!flight)
        return;
    const std::shared_ptr<Job> job = flight->job;
    if (!flight->tooLarge && reply->isOpen())
        flight->body += reply->readAll();

    ReplyOutcome outcome;
    outcome.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    outcome.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    outcome.headers = reply->rawHeaderPairs();
    outcome.body = flight->body;
    outcome.retryAfterSeconds = retryAfterSeconds(
        outcome.header("Retry-After"), outcome.header("X-RateLimit-Reset"), m_clock->now());
    const QNetworkReply::NetworkError error = reply->error();
    // Qt reports its transfer timeout as OperationCanceledError (TimeoutError in later
    // versions); our only own abort is for a too-large body, flagged above.
    const bool timedOut = !flight->tooLarge && (error == QNetworkReply::OperationCanceledError ||
                                                error == QNetworkReply::TimeoutError);
    const bool transportFailed =
        flight->tooLarge || timedOut || outcome.httpStatus == 0 || isTransportFailure(error);

    RawExchange exchange;
    exchange.method = job->request.method;
    exchange.url = job->request.request.url();
    exchange.startedAt = flight->startedAt;
    exchange.durationMs = m_clock->monotonicMs() - flight->startedMs;
    exchange.httpStatus = outcome.httpStatus;
    exchange.attempt = job->attempt;
    exchange.requestBody = job->request.body;
    exchange.responseBody = flight->body;
    exchange.responseSize = qMax<qint64>(flight->announcedSize, flight->body.size());
    exchange.responseHeaders = outcome.headers;
    if (flight->tooLarge)
        exchange.errorText =
            QStringLiteral("response body larger than %1 bytes").arg(job->request.maxBodyBytes);
    else if (timedOut)
        exchange.errorText = QStringLiteral(QT_TRANSLATE_NOOP("ab::core::ApiError", "timed out"));
    else if (transportFailed)
        exchange.errorText = reply->errorString();
    const core::RequestRecord record = m_log->add(exchange);
    job->calls.append(record);
    Q_EMIT exchangeFinished(record);
    updateBudget(job->request.bucket, outcome);

    if (transportFailed) {
        core::ApiError failure;
        failure.httpStatus = flight->tooLarge ? outcome.httpStatus : 0;
        failure.detail = record.errorText;
        if (flight->tooLarge) {
            failure.kind = core::ErrorKind::TooLarge;
        } else if (job->request.idempotent) {
            if (retriesLeft(*job)) {
                retryAfterDelay(job, backoffMs(job->attempt));
                return;
            }
            failure.kind = errorKindFor(0, error, timedOut);
        } else if (!timedOut && failedBeforeSending(error)) {
            failure.kind = errorKindFor(0, error, false); // never reached the server
        } else {
            // It may have been applied: sending it again could run the action twice.
            failure.kind = core::ErrorKind::OutcomeUnknown;
            failure.title =
                QStringLiteral(QT_TRANSLATE_NOOP("ab::core::ApiError", "Outcome unknown"));
        }
        outcome.transportError = failure;
        finish(job, std::move(outcome));
        return;
    }

    const int status = outcome.httpStatus;
    if (status == 429 && retriesLeft(*job)) {
        // Refused, not run: safe to send again, also for a POST. updateBudget() set the
        // cooldown that holds it back.
        enqueue(job);
        dispatch();
        return;
    }
    const bool retryableStatus = status == 500 || status == 502 || status == 503 || status == 504;
    if (retryableStatus && job->request.idempotent && retriesLeft(*job)) {
        const qint64 delay = outcome.retryAfterSeconds
                                 ? *outcome.retryAfterSeconds * m_config.msPerServerSecond
                                 : backoffMs(job->attempt);
        retryAfterDelay(job, qMin<qint64>(delay, m_config.retry.maxDelayMs));
        return;
    }
    finish(job, std::move(outcome));
}

bool RequestScheduler::retriesLeft(const Job &job) const
{
    return job.attempt <= m_config.retry.maxRetries;
}

qint64 RequestScheduler::backoffMs(int attempt)
{
    const RetryPolicy &policy = m_config.retry;
    const qint64 exponential = qMin<qint64>(
        policy.maxDelayMs, qint64(policy.baseDelayMs) << qMin(qMax(attempt - 1, 0), 20));
    // "Equal jitter": half fixed, half random, so clients that failed together spread out.
    const qint64 half = exponential / 2;
    return half + qint64(m_random.bounded(quint32(half + 1)));
}

void RequestScheduler::retryAfterDelay(const std::shared_ptr<Job> &job, qint64 delayMs)
{
    qCDebug(lcApi) << "retrying attempt" << job->attempt + 1 << "in" << delayMs << "ms";
    QTimer::singleShot(int(qMax<qint64>(0, delayMs)), this, [this, job] {
        enqueue(job);
        dispatch();
    });
    dispatch(); // its connection slot is free for whatever is queued
}

void RequestScheduler::finish(const std::shared_ptr<Job> &job, ReplyOutcome outcome)
{
    outcome.calls = job->calls;
    const QPointer<RequestScheduler> self(this);
    if (!job->hasContext || job->context)
        job->done(outcome);
    if (self) // the callback may have deleted the client that owns us
        dispatch();
}

void RequestScheduler::updateBudget(Bucket which, const ReplyOutcome &outcome)
{
    BucketState *bucket = state(which);
    if (!bucket)
        return;
    const qint64 now = m_clock->monotonicMs();
    const qint64 secondMs = m_config.msPerServerSecond;
    bool ok = false;
    // The Actions API's X-RateLimit-Limit is the real cap per window (a JWT claim can change
    // it, §3.2); the Partner API's says "per hour" against 60/min documented, so it is ignored.
    const int limit = outcome.header("X-RateLimit-Limit").trimmed().toInt(&ok);
    if (ok && limit > 0 && which == Bucket::Actions)
        bucket->limits.limit = limit;
    const int serverRemaining = outcome.header("X-RateLimit-Remaining").trimmed().toInt(&ok);
    if (ok) {
        bucket->serverRemaining = qMax(0, serverRemaining);
        bucket->sentSinceServerReport = 0;
        const auto reset = parseRateLimitReset(outcome.header("X-RateLimit-Reset"), m_clock->now());
        bucket->serverResetAt = now + (reset ? *reset * secondMs : bucket->limits.windowMs);
    }
    const bool serviceSaysWait =
        outcome.httpStatus == 429 || (outcome.httpStatus == 503 && outcome.retryAfterSeconds);
    if (serviceSaysWait) {
        const qint64 cooldown = outcome.retryAfterSeconds ? *outcome.retryAfterSeconds * secondMs
                                                          : bucket->limits.cooldownAfter429Ms;
        bucket->cooldownUntil = qMax(bucket->cooldownUntil, now + cooldown);
        qCInfo(lcApi) << bucketName(which) << "cooling down for" << cooldown << "ms after HTTP"
                      << outcome.httpStatus;
    }
    emitBudget(which);
}

RateBudget RequestScheduler::budget(Bucket which) const
{
    RateBudget out;
    out.bucket = bucketName(which);
    const BucketState *bucket = state(which);
    if (!bucket)
        return out;
    prune(const_cast<BucketState &>(*bucket));
    out.limit = bucket->limits.limit;
    out.remaining = remaining(*bucket);
    out.cooldownMsLeft = qMax<qint64>(0, bucket->cooldownUntil - m_clock->monotonicMs());
    return out;
}

QList<RateBudget> RequestScheduler::budgets() const
{
    return {budget(Bucket::Partner), budget(Bucket::Actions)};
}

void RequestScheduler::emitBudget(Bucket bucket)
{
    if (state(bucket))
        Q_EMIT budgetChanged(budget(bucket));
}

} // namespace ab::api
