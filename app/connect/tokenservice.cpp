#include "connect/tokenservice.h"

#include "api/apiclient.h"
#include "api/tokenclient.h"
#include "connect/logging.h"
#include "connect/pkceflow.h"
#include "core/clock.h"

#include <QTimer>

namespace ab::connect {

namespace {

// A token this close to its expiry is renewed first rather than sent and refused.
constexpr qint64 expiryMarginSeconds = 60;

enum class Origin { Stored, Issued };

TokenResult failure(TokenErrorKind kind, const QString &detail)
{
    TokenResult result;
    result.error.kind = kind;
    result.error.detail = detail;
    return result;
}

} // namespace

TokenService::TokenService(api::ApiClient *client, CredentialStore *store, const core::Clock *clock,
                           QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_clock(clock)
    , m_tokenClient(new api::TokenClient(client->scheduler(), {}, this))
    , m_pkce(new PkceFlow(client->scheduler()->network(), this))
{
    connect(m_pkce, &PkceFlow::authorizationUrlReady, this, &TokenService::authorizationUrlReady);
    // "A 401 on any call re-runs the exchange once when it is configured, otherwise asks the
    // user to sign in again" (issue 4); PKCE uses its refresh token the same way. The client
    // re-sends the requests that waited.
    client->setUnauthorizedHandler(
        [this](const api::ApiClient::RefreshDone &finish) { handleUnauthorized(finish); });
}

void TokenService::handleUnauthorized(const api::ApiClient::RefreshDone &finish)
{
    const bool renewable = m_credentials.mode == CredentialMode::WhiteLabelExchange ||
                           m_credentials.mode == CredentialMode::OAuthPkce;
    if (!renewable) {
        qCInfo(lcConnect) << "401 without an exchange to re-run: sign-in required";
        m_token.clear();
        Q_EMIT signInRequired(m_environment);
        finish(false);
        return;
    }
    refresh(this, [this, finish](const TokenResult &result) {
        // The exchange or the refresh token failed (an expired pasted JWT, a revoked key):
        // only the user can fix that. SignInRequired was already announced by finish().
        if (!result.ok() && result.error.kind != TokenErrorKind::SignInRequired)
            Q_EMIT signInRequired(m_environment);
        finish(result.ok());
    });
}

TokenService::~TokenService()
{
    if (m_client)
        m_client->setUnauthorizedHandler({});
}

qint64 TokenService::nowSeconds() const
{
    return m_clock->now().toSecsSinceEpoch();
}

void TokenService::setEnvironment(const QString &environment, const EnvironmentEndpoints &endpoints)
{
    ++m_generation;
    m_pkce->cancel();
    if (m_busy)
        finish(failure(TokenErrorKind::NotConfigured, QStringLiteral("the environment changed")));
    m_environment = environment;
    m_endpoints = endpoints;
    m_ownToken = m_client ? m_client->config().token : QString();
    m_credentials = m_store->load(environment);
    m_secrets.clear();
    m_token.clear();
    m_expiresAt = 0;
    qCDebug(lcConnect).noquote() << "environment" << environment << "mode"
                                 << credentialModeName(m_credentials.mode);
}

QUrl TokenService::tokenUrl() const
{
    const QUrl &configured = m_credentials.exchange.tokenUrl;
    return configured.isEmpty() ? m_endpoints.tokenUrl : configured;
}

QUrl TokenService::connectBase() const
{
    return m_credentials.connectBase.isEmpty() ? m_endpoints.connectBase
                                               : m_credentials.connectBase;
}

bool TokenService::tokenIsFresh() const
{
    return !m_token.isEmpty() &&
           (m_expiresAt == 0 || m_expiresAt - nowSeconds() > expiryMarginSeconds);
}

void TokenService::registerSecret(const QString &value)
{
    if (!m_client || value.isEmpty())
        return;
    api::Redactor &redactor = m_client->requestLog()->redactor();
    redactor.addSecret(value);
    // A PEM may leak a line at a time (an error echoing part of a file): redact each line.
    if (value.contains(QLatin1String("-----BEGIN"))) {
        for (const QString &line : value.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!line.startsWith(QLatin1String("-----")))
                redactor.addSecret(line.trimmed());
        }
    }
}

void TokenService::remember(SecretKind kind, const QString &value)
{
    if (value.isEmpty())
        return;
    registerSecret(value);
    m_secrets.insert(kind, value);
}

void TokenService::withSecret(SecretKind kind, SecretDone done)
{
    const auto known = m_secrets.constFind(kind);
    if (known != m_secrets.constEnd()) {
        done({}, *known);
        return;
    }
    const quint64 generation = m_generation;
    m_store->readSecret(m_environment, kind, this,
                        [this, kind, generation, done = std::move(done)](
                            const secrets::SecretError &error, const QString &value) {
                            if (generation != m_generation)
                                return; // the environment changed meanwhile
                            if (error.ok())
                                remember(kind, value);
                            done(error, value);
                        });
}

void TokenService::accessToken(QObject *context, TokenCallback done)
{
    obtain(false, context, std::move(done));
}

void TokenService::refresh(QObject *context, TokenCallback done)
{
    obtain(true, context, std::move(done));
}

void TokenService::obtain(bool forceNew, QObject *context, TokenCallback done)
{
    const QPointer<QObject> guard(context);
    TokenCallback guarded = [guard, hasContext = context != nullptr,
                             done = std::move(done)](const TokenResult &result) {
        if (!hasContext || guard)
            done(result);
    };
    if (!forceNew && tokenIsFresh()) {
        TokenResult result;
        result.token = m_token;
        result.expiresAt = m_expiresAt;
        QTimer::singleShot(0, this, [guarded, result] { guarded(result); });
        return;
    }
    if (forceNew && !m_signingIn) {
        m_token.clear();
        m_secrets.remove(SecretKind::AccessToken);
    }
    m_waiters.append(std::move(guarded));
    if (m_busy)
        return;
    m_busy = true;
    run(forceNew);
}

void TokenService::run(bool forceNew)
{
    const qint64 storedExpiry = m_credentials.accessTokenExpiresAt;
    switch (m_credentials.mode) {
    case CredentialMode::None:
        if (!forceNew && m_client && !m_client->config().token.isEmpty()) {
            // No credentials, but the client was given a token (--token, the sandbox's).
            adopt(m_client->config().token, 0, QString());
            return;
        }
        fail(forceNew ? TokenErrorKind::SignInRequired : TokenErrorKind::NotConfigured,
             QStringLiteral("no credentials for %1").arg(m_environment));
        return;
    case CredentialMode::AccessToken:
        if (forceNew && !m_signingIn) {
            fail(TokenErrorKind::SignInRequired, QStringLiteral("the access token was refused"));
            return;
        }
        if (m_signingIn) {
            checkPastedToken();
            return;
        }
        withSecret(SecretKind::AccessToken,
                   [this, storedExpiry](const secrets::SecretError &error, const QString &value) {
                       if (!error.ok())
                           failKeychain(error, SecretKind::AccessToken);
                       else
                           adopt(value, storedExpiry, QString());
                   });
        return;
    case CredentialMode::WhiteLabelExchange:
        if (forceNew || m_signingIn) {
            runExchange();
            return;
        }
        withSecret(SecretKind::AccessToken, [this, storedExpiry](const secrets::SecretError &error,
                                                                 const QString &value) {
            if (error.ok() && !value.isEmpty() && storedExpiry - nowSeconds() > expiryMarginSeconds)
                adopt(value, storedExpiry, QString());
            else
                runExchange();
        });
        return;
    case CredentialMode::OAuthPkce:
        if (m_signingIn) {
            runPkce();
            return;
        }
        if (forceNew) {
            renewPkce(false);
            return;
        }
        withSecret(SecretKind::AccessToken,
                   [this, storedExpiry](const secrets::SecretError &error, const QString &value) {
                       if (error.ok() && !value.isEmpty() &&
                           (storedExpiry == 0 || storedExpiry - nowSeconds() > expiryMarginSeconds))
                           adopt(value, storedExpiry, QString());
                       else
                           renewPkce(m_browserSignIn);
                   });
        return;
    }
}

void TokenService::renewPkce(bool browserAllowed)
{
    // The refresh token first: no browser, no user. Only then, and only where someone watches
    // for the URL, the browser sign-in again.
    const auto without = [this, browserAllowed](const QString &why) {
        if (browserAllowed)
            runPkce();
        else
            fail(TokenErrorKind::SignInRequired, why);
    };
    withSecret(SecretKind::RefreshToken, [this, without](const secrets::SecretError &error,
                                                         const QString &refreshToken) {
        if (!error.ok() || refreshToken.isEmpty()) {
            without(QStringLiteral("the access token expired or was refused, and there is no "
                                   "refresh token"));
            return;
        }
        const quint64 generation = m_generation;
        m_pkce->refresh(
            m_credentials.pkce, refreshToken,
            [this, generation, without](const QString &problem, const PkceGrant &grant) {
                if (generation != m_generation)
                    return;
                if (!problem.isEmpty()) {
                    m_secrets.remove(SecretKind::RefreshToken);
                    without(QStringLiteral("the refresh token was refused (%1)").arg(problem));
                    return;
                }
                remember(SecretKind::RefreshToken, grant.refreshToken);
                adopt(grant.accessToken, grant.expiresAt, grant.refreshToken, true);
            });
    });
}

void TokenService::runExchange()
{
    withSecret(SecretKind::ClientSecret, [this](const secrets::SecretError &error,
                                                const QString &clientSecret) {
        if (!error.ok()) {
            failKeychain(error, SecretKind::ClientSecret);
            return;
        }
        const ExchangeSettings &exchange = m_credentials.exchange;
        if (exchange.jwtSource == JwtSource::Pasted) {
            withSecret(
                SecretKind::PartnerJwt,
                [this, clientSecret](const secrets::SecretError &jwtError, const QString &jwt) {
                    if (!jwtError.ok())
                        failKeychain(jwtError, SecretKind::PartnerJwt);
                    else
                        exchangeWith(clientSecret, jwt);
                });
            return;
        }
        withSecret(SecretKind::PrivateKey,
                   [this, clientSecret](const secrets::SecretError &keyError, const QString &pem) {
                       if (!keyError.ok()) {
                           failKeychain(keyError, SecretKind::PrivateKey);
                           return;
                       }
                       // Signed anew for every exchange: a partner JWT lives five minutes at most.
                       const SignedJwt jwt = JwtSigner::sign(
                           pem.toUtf8(), m_credentials.exchange.claims, nowSeconds());
                       if (!jwt.ok()) {
                           TokenResult result = failure(TokenErrorKind::Signing, jwt.detail);
                           result.error.jwt = jwt.error;
                           finish(result);
                           return;
                       }
                       exchangeWith(clientSecret, jwt.token);
                   });
    });
}

void TokenService::exchangeWith(const QString &clientSecret, const QString &jwt)
{
    registerSecret(jwt);
    api::TokenClientConfig config;
    config.tokenUrl = tokenUrl();
    config.clientId = m_credentials.exchange.clientId;
    config.clientSecret = clientSecret;
    m_tokenClient->setConfig(config);
    qCInfo(lcConnect).noquote() << "exchanging a partner JWT at" << config.tokenUrl.toString();
    const quint64 generation = m_generation;
    m_tokenClient->exchangePartnerJwt(
        jwt, m_credentials.exchange.scope, this,
        [this, generation](const core::ApiResult<api::TokenGrant> &grant) {
            if (generation != m_generation)
                return;
            if (!grant.ok()) {
                TokenResult result = failure(TokenErrorKind::Exchange, grant.error().summary());
                result.error.api = grant.error();
                finish(result);
                return;
            }
            adopt(grant.value().accessToken, nowSeconds() + grant.value().expiresIn, QString(),
                  true);
        });
}

void TokenService::runPkce()
{
    const quint64 generation = m_generation;
    m_pkce->start(m_credentials.pkce,
                  [this, generation](const QString &error, const PkceGrant &grant) {
                      if (generation != m_generation)
                          return;
                      if (!error.isEmpty()) {
                          finish(failure(TokenErrorKind::Authorization, error));
                          return;
                      }
                      remember(SecretKind::RefreshToken, grant.refreshToken);
                      adopt(grant.accessToken, grant.expiresAt, grant.refreshToken, true);
                  });
}

void TokenService::adopt(const QString &token, qint64 expiresAt, const QString &refreshToken,
                         bool issued)
{
    if (token.isEmpty()) {
        fail(TokenErrorKind::SignInRequired, QStringLiteral("no access token"));
        return;
    }
    m_token = token;
    m_expiresAt = expiresAt;
    remember(SecretKind::AccessToken, token);
    if (m_client && m_client->config().token != token) {
        const QString previous = m_client->config().token;
        m_client->setToken(token);
        registerSecret(previous); // setToken forgets it, but old logs may still quote it
    }
    Q_EMIT accessTokenChanged();
    if (m_signingIn) {
        persist(refreshToken);
        return;
    }
    if (issued && m_credentials.mode != CredentialMode::None) {
        // Best effort: the next process reuses it instead of exchanging again.
        m_store->setAccessTokenExpiry(m_environment, expiresAt);
        m_credentials.accessTokenExpiresAt = expiresAt;
        m_store->writeSecret(m_environment, SecretKind::AccessToken, token, this,
                             [](const secrets::SecretError &) {});
        if (!refreshToken.isEmpty())
            m_store->writeSecret(m_environment, SecretKind::RefreshToken, refreshToken, this,
                                 [](const secrets::SecretError &) {});
    }
    TokenResult result;
    result.token = m_token;
    result.expiresAt = m_expiresAt;
    finish(result);
}

void TokenService::persist(const QString &refreshToken)
{
    // Secrets first, settings last: settings never name a secret that is not there.
    QList<QPair<SecretKind, QString>> writes{{SecretKind::AccessToken, m_token}};
    if (m_credentials.mode == CredentialMode::WhiteLabelExchange) {
        writes.append({SecretKind::ClientSecret, m_secrets.value(SecretKind::ClientSecret)});
        if (m_credentials.exchange.jwtSource == JwtSource::Pasted)
            writes.append({SecretKind::PartnerJwt, m_secrets.value(SecretKind::PartnerJwt)});
        else
            writes.append({SecretKind::PrivateKey, m_secrets.value(SecretKind::PrivateKey)});
    }
    if (!refreshToken.isEmpty())
        writes.append({SecretKind::RefreshToken, refreshToken});
    Credentials toSave = m_credentials;
    toSave.accessTokenExpiresAt = m_expiresAt;
    const quint64 generation = m_generation;

    auto next = std::make_shared<std::function<void(qsizetype)>>();
    *next = [this, writes, toSave, generation, weakNext = std::weak_ptr(next)](qsizetype index) {
        if (index == writes.size()) {
            m_store->save(m_environment, toSave);
            m_credentials = toSave;
            qCInfo(lcConnect).noquote()
                << "signed in to" << m_environment << "with" << credentialModeName(toSave.mode);
            TokenResult result;
            result.token = m_token;
            result.expiresAt = m_expiresAt;
            finish(result);
            return;
        }
        const auto &[kind, value] = writes.at(index);
        m_store->writeSecret(
            m_environment, kind, value, this,
            [this, index, generation,
             keepAlive = weakNext.lock()](const secrets::SecretError &error) {
                if (generation != m_generation)
                    return;
                if (error.ok()) {
                    (*keepAlive)(index + 1);
                    return;
                }
                // Leave nothing half-stored behind (and never fall back to a plain file).
                m_store->signOut(m_environment, this, [](const secrets::SecretError &) {});
                TokenResult result =
                    failure(TokenErrorKind::Keychain,
                            QStringLiteral("could not store the credentials in the keychain: %1")
                                .arg(error.detail));
                result.error.keychain = error.kind;
                finish(result);
            });
    };
    (*next)(0);
}

void TokenService::checkPastedToken()
{
    // A pasted token is not issued to us, so nothing has proven it yet: one request with it
    // before it replaces the client's token and is stored. A 401 disproves it, and a server
    // that cannot be reached cannot take it; a 403 (a scope it lacks), a 429 or a 5xx says
    // nothing about the token itself.
    const QString token = m_secrets.value(SecretKind::AccessToken);
    if (token.isEmpty() || !m_client) {
        fail(TokenErrorKind::NotConfigured, QStringLiteral("no access token"));
        return;
    }
    const quint64 generation = m_generation;
    m_client->checkToken(
        token, this, [this, generation, token](const core::ApiResult<core::Empty> &result) {
            if (generation != m_generation)
                return;
            const auto kind = result.ok() ? std::nullopt : std::optional(result.error().kind);
            if (kind == core::ErrorKind::Unauthorized || kind == core::ErrorKind::Network ||
                kind == core::ErrorKind::Timeout) {
                TokenResult refused = failure(TokenErrorKind::TokenCheck,
                                              QStringLiteral("the access token was not taken"));
                refused.error.api = result.error();
                finish(refused);
                return;
            }
            adopt(token, 0, QString());
        });
}

void TokenService::fail(TokenErrorKind kind, const QString &detail)
{
    finish(failure(kind, detail));
}

void TokenService::failKeychain(const secrets::SecretError &error, SecretKind kind)
{
    if (error.kind == secrets::SecretErrorKind::NotFound) {
        fail(TokenErrorKind::SignInRequired,
             QStringLiteral("the %1 is not in the keychain").arg(secretKindName(kind)));
        return;
    }
    TokenResult result =
        failure(TokenErrorKind::Keychain,
                QStringLiteral("reading the %1: %2").arg(secretKindName(kind), error.detail));
    result.error.keychain = error.kind;
    finish(result);
}

void TokenService::finish(const TokenResult &result)
{
    m_busy = false;
    if (std::exchange(m_signingIn, false) && !result.ok()) {
        // A failed sign-in changes nothing: what worked before goes on working. The client's
        // token goes back only if it is still the one this sign-in gave it (an environment
        // switch that ended the sign-in has already given it another).
        if (m_client && !m_token.isEmpty() && m_client->config().token == m_token)
            m_client->setToken(m_beforeSignIn.clientToken);
        m_credentials = m_beforeSignIn.credentials;
        m_secrets = m_beforeSignIn.secrets;
        m_token = m_beforeSignIn.token;
        m_expiresAt = m_beforeSignIn.expiresAt;
    }
    m_beforeSignIn = {};
    if (!result.ok())
        qCWarning(lcConnect).noquote()
            << "no access token for" << m_environment << "-" << result.error.summary();
    const QList<TokenCallback> waiters = std::exchange(m_waiters, {});
    if (result.error.kind == TokenErrorKind::SignInRequired)
        Q_EMIT signInRequired(m_environment);
    for (const TokenCallback &waiter : waiters)
        waiter(result);
}

void TokenService::connectToken(const QUrl &connectUrl, QObject *context, TokenCallback done)
{
    const QPointer<QObject> guard(context);
    accessToken(this, [this, connectUrl, guard, hasContext = context != nullptr,
                       done = std::move(done)](const TokenResult &access) {
        if (hasContext && !guard)
            return;
        if (!access.ok()) {
            done(access);
            return;
        }
        const QString clientId = m_credentials.exchange.clientId.isEmpty()
                                     ? m_endpoints.fallbackClientId
                                     : m_credentials.exchange.clientId;
        if (clientId.isEmpty()) {
            done(failure(TokenErrorKind::NotConfigured,
                         QStringLiteral("a connect token needs the White Label client id and "
                                        "secret")));
            return;
        }
        SecretDone request = [this, clientId, connectUrl, access, guard, hasContext, done](
                                 const secrets::SecretError &error, const QString &clientSecret) {
            if (!error.ok() && error.kind != secrets::SecretErrorKind::NotFound) {
                TokenResult result = failure(TokenErrorKind::Keychain, error.detail);
                result.error.keychain = error.kind;
                done(result);
                return;
            }
            api::TokenClientConfig config;
            config.tokenUrl = tokenUrl();
            config.clientId = clientId;
            config.clientSecret = clientSecret;
            m_tokenClient->setConfig(config);
            // Single use and six minutes: asked for each Connect window, never kept.
            m_tokenClient->connectToken(
                access.token, connectUrl.toString(QUrl::FullyEncoded), this,
                [this, guard, hasContext, done](const core::ApiResult<api::TokenGrant> &grant) {
                    if (hasContext && !guard)
                        return;
                    if (!grant.ok()) {
                        TokenResult result =
                            failure(TokenErrorKind::Exchange, grant.error().summary());
                        result.error.api = grant.error();
                        done(result);
                        return;
                    }
                    TokenResult result;
                    result.token = grant.value().accessToken;
                    result.expiresAt = nowSeconds() + grant.value().expiresIn;
                    done(result);
                });
        };
        // With no exchange configured the server's own fallback client is used (the sandbox's):
        // there is no secret to read, and a machine without a keyring must still connect.
        if (m_credentials.exchange.clientId.isEmpty())
            request({}, QString());
        else
            withSecret(SecretKind::ClientSecret, std::move(request));
    });
}

void TokenService::signIn(const Credentials &credentials, const SecretValues &secrets,
                          QObject *context, TokenCallback done)
{
    ++m_generation;
    m_pkce->cancel();
    if (m_busy)
        finish(failure(TokenErrorKind::NotConfigured, QStringLiteral("the credentials changed")));
    m_beforeSignIn = {m_credentials, m_secrets, m_token, m_expiresAt,
                      m_client ? m_client->config().token : QString()};
    m_credentials = credentials;
    m_secrets.clear();
    m_token.clear();
    m_expiresAt = 0;
    remember(SecretKind::AccessToken, secrets.accessToken);
    remember(SecretKind::ClientSecret, secrets.clientSecret);
    remember(SecretKind::PartnerJwt, secrets.partnerJwt);
    remember(SecretKind::PrivateKey, secrets.privateKeyPem);
    if (credentials.mode == CredentialMode::None) {
        const QPointer<QObject> guard(context);
        QTimer::singleShot(0, this, [guard, hasContext = context != nullptr, done] {
            if (!hasContext || guard)
                done(failure(TokenErrorKind::NotConfigured, QStringLiteral("no sign-in mode")));
        });
        return;
    }
    m_signingIn = true;
    obtain(true, context, std::move(done));
}

void TokenService::signOut(QObject *context, secrets::WriteCallback done)
{
    ++m_generation;
    m_pkce->cancel();
    if (m_busy)
        finish(failure(TokenErrorKind::NotConfigured, QStringLiteral("signed out")));
    m_credentials = {};
    m_secrets.clear();
    m_token.clear();
    m_expiresAt = 0;
    if (m_client)
        m_client->setToken(m_ownToken);
    qCInfo(lcConnect).noquote() << "signing out of" << m_environment;
    m_store->signOut(m_environment, context, std::move(done));
}

} // namespace ab::connect
