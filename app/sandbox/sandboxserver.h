#pragma once

#include "sandbox/catalog.h"
#include "sandbox/faultplan.h"
#include "sandbox/sandboxoptions.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>

namespace ab::core {
class Clock;
}

class QTcpServer;

namespace ab::sandbox {

class HttpFrontend;
class PendingResponse;
class RateLimiter;
class SandboxState;
struct HttpReply;
struct HttpRequest;
struct SandboxContext;

// The built-in Zapier simulator: Partner API v2, Actions API v1, the token endpoint, the OAuth
// sign-in page (GET /v2/authorize) and a Connect page, over real HTTP on loopback, with the
// documented shapes (contract.md). Partners demo with it offline, QA rehearses failures with fault
// plans, and the tests run against it.
//
// Besides Zapier's routes it serves:
//   GET /sandbox/icons/<slug>.svg[?size=N]  generated app icons
//   GET|PUT|DELETE /sandbox/faults          read, replace or clear the fault plan (faultplan.h)
//   GET /sandbox                            name, version and catalog size (a health check)
// The /sandbox and /connect routes, /v2/authorize and POST /oauth/token need no bearer token.
class SandboxServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    explicit SandboxServer(SandboxOptions options = {}, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Port 0 picks a free port. Returns false (and logs why) when the port is taken.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // Serves on a server that already listens (SandboxHost listens first, so that its caller
    // learns the address before the catalog and the HTTP front end are built). Takes ownership.
    bool serve(QTcpServer *listening);
    // The base URL clients use for a server listening on `address`: an "any" address is reached
    // through loopback.
    static QUrl urlFor(const QHostAddress &address, quint16 port);
    bool isListening() const;
    quint16 port() const;
    QUrl baseUrl() const; // e.g. http://127.0.0.1:PORT

    const SandboxOptions &options() const { return m_options; }
    const Catalog &catalog() const { return m_catalog; }

    // Replaces the plan and restarts every rule's times/skip counting.
    void setFaultPlan(const FaultPlan &plan);
    const FaultPlan &faultPlan() const { return m_faultPlan; }

    // Every request handled, oldest first (the newest 10,000 are kept).
    QList<SandboxRequest> requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

    // Why the state file could not be read or written; empty when all is well.
    QString stateError() const { return m_stateError; }

Q_SIGNALS:
    void requestHandled(const ab::sandbox::SandboxRequest &request);

private:
    void onRequest(HttpRequest request, std::shared_ptr<PendingResponse> response);
    HttpReply route(const HttpRequest &request);
    HttpReply guarded(const HttpRequest &request, RateLimiter &limiter, bool actionsApi);
    HttpReply admin(const HttpRequest &request);
    const FaultRule *pickFault(const HttpRequest &request);
    void deliver(const std::shared_ptr<PendingResponse> &response, const HttpReply &reply,
                 SandboxRequest record, bool drop);
    SandboxContext context() const;
    void loadState();
    void reloadStateIfChanged();
    void saveStateIfDirty();

    SandboxOptions m_options;
    std::unique_ptr<core::Clock> m_ownClock;
    const core::Clock *m_clock = nullptr;
    Catalog m_catalog;
    std::unique_ptr<SandboxState> m_state;
    std::unique_ptr<RateLimiter> m_partnerLimiter;
    std::unique_ptr<RateLimiter> m_actionsLimiter;
    FaultPlan m_faultPlan;
    QList<int> m_faultHits;
    HttpFrontend *m_frontend = nullptr;
    QUrl m_baseUrl;
    QList<SandboxRequest> m_requests;
    quint64 m_sequence = 0;
    QString m_stateError;
    QString m_stateStamp; // version of the state file as last read or written
};

} // namespace ab::sandbox
