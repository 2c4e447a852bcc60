#pragma once

#include "sandbox/catalog.h"
#include "sandbox/sandboxoptions.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace ab::core {
class Clock;
}

namespace ab::sandbox {

// An ephemeral action id handed out by GET /v2/actions.
struct IssuedAction {
    QString id;
    QString appId;
    QString actionKey;
    bool usedForRun = false;
};

// A run of any kind. Results are recomputed from the inputs when the run is read (they are
// deterministic), so a 1 MB result is never kept in memory or in the state file.
struct RunRecord {
    enum class Kind { Partner, Stored, OneOff };
    QString id;
    quint64 number = 0;
    Kind kind = Kind::Partner;
    QString storedActionId;
    QString appId;
    QString actionKey;
    QString connectionId;
    QJsonObject inputs;
    QString page; // bulk-read page asked for (stored actions)
    int pollsRemaining = 0;
    QDateTime createdAt;
};

struct StoredActionRecord {
    QString id;
    QString connectionId;
    QString selectedApi;
    QString actionKey;
    QString actionType; // lower case
    QJsonObject inputs;
    QDateTime createdAt;
};

struct IdempotencyRecord {
    QString storedActionId;
    QString runId;
    QDateTime createdAt;
};

struct TokenRecord {
    QString token;
    QString kind; // "access", "connect" or "refresh"
    QDateTime expiresAt;
    QString resource; // connect tokens: the Connect URL they were minted for
    bool used = false;
    QString clientId; // refresh tokens: the client they were issued to, and the scope
    QString scope;
};

// A consent page shown by GET /v2/authorize and not answered yet; its form names it by `id`.
struct AuthorizationRequest {
    QString id;
    QString clientId;
    QString redirectUri;
    QString scope;
    QString state;
    QString codeChallenge; // S256
    QDateTime expiresAt;
};

// An authorization code: two minutes, one use, bound to the client, the redirect_uri and the
// PKCE challenge. The tokens it was redeemed for are revoked if it is presented again.
struct AuthorizationCode {
    QString code;
    QString clientId;
    QString redirectUri;
    QString scope;
    QString codeChallenge;
    QDateTime expiresAt;
    bool used = false;
    QString accessToken;
    QString refreshToken;
};

struct AddedConnection {
    QString appId;
    CatalogConnection connection;
};

// Everything the sandbox changes while it runs, and its JSON form for `statePath`.
class SandboxState {
public:
    quint64 actionCounter = 0;
    quint64 runCounter = 0;
    quint64 storedCounter = 0;
    quint64 connectionCounter = 0;
    quint64 tokenCounter = 0;
    QHash<QString, IssuedAction> issuedActions;
    QList<QString> issuedOrder; // oldest first, to bound the table
    QHash<QString, RunRecord> runs;
    QList<QString> runOrder;
    QHash<QString, StoredActionRecord> storedActions;
    QList<QString> storedOrder;
    QHash<QString, IdempotencyRecord> idempotency;
    QHash<QString, TokenRecord> tokens;
    QHash<QString, AuthorizationRequest> authorizationRequests;
    QHash<QString, AuthorizationCode> authorizationCodes;
    QList<AddedConnection> addedConnections;
    QHash<QString, bool> expiredOverrides; // reconnected (or expired) catalog connections

    bool dirty = false;

    void rememberIssued(const IssuedAction &action);
    void rememberRun(const RunRecord &run);
    void forgetExpired(const QDateTime &now);

    QJsonObject toJson() const;
    void loadJson(const QJsonObject &object);
};

// What every route handler needs: the catalog, the state, the options and a clock.
struct SandboxContext {
    const Catalog *catalog = nullptr;
    SandboxState *state = nullptr;
    const SandboxOptions *options = nullptr;
    const core::Clock *clock = nullptr;
    QUrl baseUrl;

    QDateTime now() const;
    QString url(const QString &path, const QUrlQuery &query = {}) const;
    // Catalog connections with reconnects applied, then connections added by the Connect page.
    QList<CatalogConnection> connections(const CatalogApp &app) const;
    std::optional<CatalogConnection> connection(const CatalogApp &app, const QString &id) const;
    // The app a connection belongs to (catalog or added); nullptr when unknown.
    const CatalogApp *appOfConnection(const QString &connectionId) const;
    // Deterministic uuid for run/stored-action numbers ("run", 7) -> uuid v5.
    static QString numberedUuid(const QString &kind, quint64 number);
};

} // namespace ab::sandbox
