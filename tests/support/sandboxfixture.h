#pragma once

// The real client against the real sandbox over loopback, for tests/integration: a SandboxServer
// on a free port, ApiClients whose retries, Retry-After waits and rate budgets are shrunk to
// milliseconds, fault plans from JSON, and a way to wait for one asynchronous backend call.

#include "api/apiclient.h"
#include "sandbox/sandboxserver.h"

#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

namespace ab::test {

// The bearer token a default sandbox accepts.
QString sandboxToken();

// An ApiClientConfig for `baseUrl` that never makes a test wait: retries after 1–8 ms,
// "Retry-After: N" read as N ms, a 429 without one cools down for 5 ms, and budgets far above
// anything a test sends. `maxRetries` is the scheduler's (attempts = maxRetries + 1).
api::ApiClientConfig fastClientConfig(const QUrl &baseUrl, int maxRetries = 3);

class SandboxFixture {
public:
    explicit SandboxFixture(sandbox::SandboxOptions options = {});
    ~SandboxFixture();
    Q_DISABLE_COPY_MOVE(SandboxFixture)

    // Listens on a free loopback port; false when that failed.
    bool start();
    sandbox::SandboxServer &server() { return *m_server; }
    const sandbox::SandboxServer &server() const { return *m_server; }
    QUrl baseUrl() const { return m_server->baseUrl(); }

    api::ApiClientConfig clientConfig(int maxRetries = 3) const
    {
        return fastClientConfig(baseUrl(), maxRetries);
    }
    std::unique_ptr<api::ApiClient> client(int maxRetries = 3) const;
    std::unique_ptr<api::ApiClient> client(const api::ApiClientConfig &config) const;

    // Replaces the fault plan (JSON as in resources/sandbox/README-faults.md). On a parse error
    // returns false and leaves the message in `error`.
    bool setFaults(const QByteArray &json, QString *error = nullptr);
    void clearFaults();

    // The requests the sandbox answered (or dropped) whose method and path match; `pathGlob` as
    // in fault rules ('*' spans '/'). An empty method matches any.
    QList<sandbox::SandboxRequest> requests(QAnyStringView method, QAnyStringView pathGlob) const;
    int count(QAnyStringView method, QAnyStringView pathGlob) const
    {
        return int(requests(method, pathGlob).size());
    }

    // Catalog lookups by title and action key, for readable tests.
    QString appId(QAnyStringView title) const;
    QString selectedApi(QAnyStringView title) const; // the app's implementation key

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
};

// Fires once a backend call answered, so a test can wait in an event loop (QSignalSpy::wait)
// that returns the moment the answer is there.
class AnswerSignal final : public QObject {
    Q_OBJECT

public:
    void fire() { Q_EMIT answered(); }

Q_SIGNALS:
    void answered();
};

// A one-rule fault plan; `fault` holds the rule's other keys, e.g. `"status": 503, "times": 1`.
// (Paths stay out of raw string literals: Qt 6.4's moc reads "/*" in one as a comment.)
QByteArray faultRule(const QByteArray &method, const QByteArray &path, const QByteArray &fault);

// The outcome of one asynchronous ZapierBackend call. Hand callback() to the call, then wait().
template <typename T> class Await {
public:
    core::Callback<T> callback()
    {
        auto state = m_state;
        return [state](core::ApiResult<T> result) {
            ++state->calls;
            state->result.emplace(std::move(result));
            state->signal.fire();
        };
    }
    // Returns as soon as the callback ran; the timeout only bounds a hang.
    [[nodiscard]] bool wait(int timeoutMs = 20000) const
    {
        if (done())
            return true;
        QSignalSpy answered(&m_state->signal, &AnswerSignal::answered);
        return answered.wait(timeoutMs) || done();
    }
    bool done() const { return m_state->result.has_value(); }
    int callCount() const { return m_state->calls; }
    const core::ApiResult<T> &result() const { return *m_state->result; }
    bool ok() const { return done() && result().ok(); }
    const T &value() const { return result().value(); }
    const core::ApiError &error() const { return result().error(); }
    const QList<core::RequestRecord> &calls() const { return result().calls; }
    // What went wrong, for QVERIFY2.
    QByteArray describe() const
    {
        if (!done())
            return "no answer";
        if (result().ok())
            return "ok";
        return result().error().summary().toUtf8();
    }

private:
    struct State {
        std::optional<core::ApiResult<T>> result;
        int calls = 0;
        AnswerSignal signal;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

// A fresh, single-use action id for `actionKey` of `appId` (GET /v2/actions); empty on failure.
QString freshActionId(core::ZapierBackend &backend, const QString &appId, QAnyStringView actionKey);

} // namespace ab::test
