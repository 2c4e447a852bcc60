#pragma once

#include "connect/credentials.h"
#include "connect/tokentypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace ab::api {
class ApiClient;
class TokenClient;
} // namespace ab::api
namespace ab::core {
class Clock;
}

namespace ab::connect {

class PkceFlow;

// Produces the access token of one environment and keeps the ApiClient supplied with it:
// a pasted token as is; White Label exchange by signing (or reading) the partner JWT and
// exchanging it; PKCE through the system browser, renewed with its refresh token. The token is
// cached in memory with its expiry and in the keychain; every secret it touches is registered with
// the request log's redactor. It installs the ApiClient's 401 handler: one re-exchange when
// configured, otherwise signInRequired(). Concurrent requests for a token share one operation.
class TokenService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenService)

public:
    // None is owned; the client and the store must outlive the service.
    explicit TokenService(api::ApiClient *client, CredentialStore *store, const core::Clock *clock,
                          QObject *parent = nullptr);
    ~TokenService() override;

    // Loads the environment's credentials; forgets the previous environment's token. The
    // token the client holds now is the environment's own (hasOwnToken).
    void setEnvironment(const QString &environment, const EnvironmentEndpoints &endpoints = {});
    QString environment() const { return m_environment; }
    const Credentials &credentials() const { return m_credentials; }
    QUrl tokenUrl() const;
    QUrl connectBase() const;
    bool hasToken() const { return !m_token.isEmpty(); }
    // The environment works without credentials: the client came with a token for it (the
    // sandbox's, --token). Callers give the client that token before setEnvironment().
    bool hasOwnToken() const { return !m_ownToken.isEmpty(); }

    // The access token: cached, stored, or new (exchange, or the PKCE browser flow). With no
    // credentials, the token the client was built with (e.g. --token) if there is one.
    void accessToken(QObject *context, TokenCallback done);
    // Forgets the token and renews it: re-exchange, the PKCE refresh token; SignInRequired
    // otherwise (never the browser).
    void refresh(QObject *context, TokenCallback done);
    // A connect token for `connectUrl` = ConnectUrl::resource(...): single use, six minutes,
    // never cached. `resource` must be exactly the URL the Connect window opens.
    void connectToken(const QUrl &connectUrl, QObject *context, TokenCallback done);

    // Uses the credentials (obtaining a token to prove them; a pasted token is tried with one
    // request), then stores them: secrets in the keychain, the rest in settings. Nothing is
    // stored when the token cannot be had, and a failed sign-in leaves the service, and the
    // client's token, as they were.
    void signIn(const Credentials &credentials, const SecretValues &secrets, QObject *context,
                TokenCallback done);
    // Removes the environment's settings and every secret; the client goes back to the
    // environment's own token, or none.
    void signOut(QObject *context, secrets::WriteCallback done);

    // What the client's 401 handler does (installed by the constructor): one re-exchange or
    // refresh when the credentials can renew the token, otherwise signInRequired(). Public for
    // a client in another module (the CLI's services plugin hands its client's 401s here).
    void handleUnauthorized(const std::function<void(bool refreshed)> &finish);

    PkceFlow *pkceFlow() const { return m_pkce; }
    // Whether an expired PKCE token whose refresh token cannot renew it starts the browser
    // sign-in by itself (the desktop app, which opens authorizationUrlReady), or fails with
    // SignInRequired (the CLI: outside `auth oauth` nobody is there to open the URL).
    void setBrowserSignInAllowed(bool allowed) { m_browserSignIn = allowed; }

Q_SIGNALS:
    // The token is gone for good (pasted token refused, PKCE token expired): the UI asks the
    // user to sign in again; requests that got a 401 have failed with Unauthorized.
    void signInRequired(const QString &environment);
    void accessTokenChanged(); // the client has a new token (the value is never emitted)
    // PKCE: open this in the system browser.
    void authorizationUrlReady(const QUrl &url);

private:
    using SecretDone = std::function<void(const secrets::SecretError &error, const QString &value)>;

    void obtain(bool forceNew, QObject *context, TokenCallback done);
    void run(bool forceNew);
    void runExchange();
    void exchangeWith(const QString &clientSecret, const QString &jwt);
    void runPkce();
    void renewPkce(bool browserAllowed);
    void adopt(const QString &token, qint64 expiresAt, const QString &refreshToken,
               bool issued = false);
    void finish(const TokenResult &result);
    void fail(TokenErrorKind kind, const QString &detail);
    void failKeychain(const secrets::SecretError &error, SecretKind kind);
    void withSecret(SecretKind kind, SecretDone done);
    void checkPastedToken();
    void persist(const QString &refreshToken);
    void remember(SecretKind kind, const QString &value);
    void registerSecret(const QString &value);
    bool tokenIsFresh() const;
    qint64 nowSeconds() const;

    QPointer<api::ApiClient> m_client;
    CredentialStore *m_store;
    const core::Clock *m_clock;
    api::TokenClient *m_tokenClient;
    PkceFlow *m_pkce;
    QString m_environment;
    EnvironmentEndpoints m_endpoints;
    Credentials m_credentials;
    QHash<SecretKind, QString> m_secrets; // read or given, registered with the redactor
    QString m_token;
    qint64 m_expiresAt = 0;
    // The token the client came with for this environment (the sandbox's, --token): used
    // without credentials and given back to the client on sign-out.
    QString m_ownToken;
    // What was in effect when a sign-in began; a failed sign-in puts it back.
    struct State {
        Credentials credentials;
        QHash<SecretKind, QString> secrets;
        QString token;
        qint64 expiresAt = 0;
        QString clientToken;
    };
    State m_beforeSignIn;
    // The operation in progress and who waits for it.
    bool m_busy = false;
    bool m_signingIn = false; // store everything once the token is had
    bool m_browserSignIn = true;
    quint64 m_generation = 0; // bumped by setEnvironment/signIn/signOut: late answers dropped
    QList<TokenCallback> m_waiters;
};

} // namespace ab::connect
