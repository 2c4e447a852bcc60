#include "api/apiclient.h"
#include "connect/connectresult.h"
#include "connect/connectsession.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "sandbox/sandboxserver.h"
#include "support/manualclock.h"
#include "support/memorysecretstore.h"
#include "testkeys.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace ab;
using namespace ab::connect;

namespace {

const QString clientId = QStringLiteral("partner-client");
const QString clientSecret = QStringLiteral("partner-client-secret-123");
const QString environment = QStringLiteral("sandbox");

// Receives one TokenResult; a test waits on `done`.
class TokenWait final : public QObject {
    Q_OBJECT

public:
    TokenCallback callback()
    {
        return [this](const TokenResult &result) {
            m_result = result;
            ++m_calls;
            Q_EMIT done();
        };
    }
    bool wait()
    {
        QSignalSpy spy(this, &TokenWait::done);
        return m_calls > 0 || spy.wait(20000);
    }
    TokenResult m_result;
    int m_calls = 0;

Q_SIGNALS:
    void done();
};

// QVERIFY2 evaluates its message even when the check passes: never touch error() of a value.
template <typename T> QByteArray describe(const core::ApiResult<T> &result)
{
    return result.ok() ? QByteArray("ok") : result.error().summary().toUtf8();
}

template <typename T> struct Answer {
    std::shared_ptr<std::optional<core::ApiResult<T>>> result =
        std::make_shared<std::optional<core::ApiResult<T>>>();
    std::shared_ptr<TokenWait> signal = std::make_shared<TokenWait>();

    core::Callback<T> callback() const
    {
        return [result = result, signal = signal](core::ApiResult<T> value) {
            result->emplace(std::move(value));
            signal->callback()({});
        };
    }
    bool wait() const { return signal->wait(); }
    const core::ApiResult<T> &value() const { return **result; }
};

const QString sandboxToken = QStringLiteral("sandbox-token"); // SandboxOptions' default

// The sandbox checks signatures with the test's public key, as Zapier would with the JWKS.
// One environment: the sandbox, a client, in-memory settings and secrets, the service.
struct Setup {
    test::ManualClock clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<sandbox::SandboxServer> server;
    std::unique_ptr<api::ApiClient> client;
    MemorySettingsStore settings;
    test::MemorySecretStore secrets;
    std::unique_ptr<CredentialStore> store;
    std::unique_ptr<TokenService> service;

    explicit Setup(QList<QByteArray> publicKeys, bool checkClient = true)
    {
        sandbox::SandboxOptions options;
        options.clock = &clock;
        options.jwtVerifier = test::jwtVerifierFor(std::move(publicKeys));
        if (checkClient) {
            options.clientId = clientId;
            options.clientSecret = clientSecret;
        }
        server = std::make_unique<sandbox::SandboxServer>(options);
        QVERIFY(server->listen());
        api::ApiClientConfig config;
        config.baseUrl = server->baseUrl();
        config.scheduler.retry.maxRetries = 0;
        client = std::make_unique<api::ApiClient>(config, &clock);
        store = std::make_unique<CredentialStore>(&settings, &secrets);
        service = std::make_unique<TokenService>(client.get(), store.get(), &clock);
        service->setEnvironment(environment, EnvironmentEndpoints::sandbox(server->baseUrl()));
    }

    // The client comes with the sandbox's own token, as in the app.
    void giveOwnToken()
    {
        client->setToken(sandboxToken);
        service->setEnvironment(environment, EnvironmentEndpoints::sandbox(server->baseUrl()));
    }

    // Whether the client can list apps now.
    bool appsLoad()
    {
        Answer<core::Page<core::App>> apps;
        client->apps({}, nullptr, apps.callback());
        if (!apps.wait())
            return false;
        if (!apps.value().ok())
            qWarning("apps did not load: %s", describe(apps.value()).constData());
        return apps.value().ok();
    }

    int tokenRequests() const
    {
        int count = 0;
        for (const sandbox::SandboxRequest &request : server->requests())
            count += request.path == QLatin1String("/oauth/token") ? 1 : 0;
        return count;
    }
};

// The Authorization header of every request the sandbox had for `path`.
QStringList bearersOf(const Setup &setup, const QString &path)
{
    QStringList bearers;
    for (const sandbox::SandboxRequest &request : setup.server->requests()) {
        if (request.path != path)
            continue;
        for (const auto &[name, value] : request.requestHeaders) {
            if (name.compare("authorization", Qt::CaseInsensitive) == 0)
                bearers.append(QString::fromUtf8(value));
        }
    }
    return bearers;
}

// Every GET /v2/apps answered with `status`, or its connection dropped.
sandbox::FaultPlan appsFault(int status, bool drop = false)
{
    sandbox::FaultRule rule;
    rule.pathPattern = QStringLiteral("/v2/apps*");
    rule.status = status;
    rule.dropConnection = drop;
    return {{rule}};
}

Credentials signedExchange(JwtAlgorithm algorithm)
{
    Credentials credentials;
    credentials.mode = CredentialMode::WhiteLabelExchange;
    credentials.exchange.clientId = clientId;
    credentials.exchange.jwtSource = JwtSource::SignedLocally;
    credentials.exchange.claims.keyId = QStringLiteral("test-key");
    credentials.exchange.claims.issuer = QStringLiteral("https://partner.example");
    credentials.exchange.claims.subject = QStringLiteral("user-42");
    credentials.exchange.claims.organisationClaim = QStringLiteral("org_id");
    credentials.exchange.claims.organisationValue = QStringLiteral("org-7");
    credentials.exchange.claims.algorithm = algorithm;
    return credentials;
}

TokenResult signIn(Setup &setup, const Credentials &credentials, const SecretValues &values)
{
    TokenWait wait;
    setup.service->signIn(credentials, values, &wait, wait.callback());
    if (!wait.wait())
        qWarning("sign-in never answered");
    return wait.m_result;
}

bool signOut(Setup &setup)
{
    TokenWait wait;
    setup.service->signOut(&wait, [&wait](const secrets::SecretError &) { wait.callback()({}); });
    return wait.wait();
}

} // namespace

class TestTokenService final : public QObject {
    Q_OBJECT

private:
    test::TestKeyPair m_rsa;
    test::TestKeyPair m_ec;

private Q_SLOTS:
    void initTestCase()
    {
        m_rsa = test::makeRsaKeyPair();
        m_ec = test::makeEcKeyPair();
    }

    void signIn_exchangesALocallySignedJwt_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::newRow("RS256") << int(JwtAlgorithm::RS256);
        QTest::newRow("ES256") << int(JwtAlgorithm::ES256);
    }

    void signIn_exchangesALocallySignedJwt()
    {
        QFETCH(int, algorithm);
        const auto alg = JwtAlgorithm(algorithm);
        const QByteArray pem = alg == JwtAlgorithm::RS256 ? m_rsa.privatePem : m_ec.privatePem;
        Setup setup({m_rsa.publicPem, m_ec.publicPem});
        QSignalSpy changed(setup.service.get(), &TokenService::accessTokenChanged);
        const TokenResult result =
            signIn(setup, signedExchange(alg), {{}, clientSecret, {}, QString::fromLatin1(pem)});
        QVERIFY2(result.ok(), qPrintable(result.error.summary()));
        QVERIFY(result.token.startsWith(QLatin1String("sbat_")));
        QCOMPARE(setup.client->config().token, result.token);
        QCOMPARE(changed.size(), 1);
        QVERIFY(result.expiresAt > setup.clock.now().toSecsSinceEpoch());
        // Stored: secrets in the keychain, the rest in settings.
        QVERIFY(setup.store->isConfigured(environment));
        const auto &entries = setup.secrets.entries();
        QCOMPARE(entries.value(secretKey(environment, SecretKind::ClientSecret)), clientSecret);
        QCOMPARE(entries.value(secretKey(environment, SecretKind::PrivateKey)),
                 QString::fromLatin1(pem));
        QCOMPARE(entries.value(secretKey(environment, SecretKind::AccessToken)), result.token);
        for (auto it = setup.settings.values().cbegin(); it != setup.settings.values().cend();
             ++it) {
            const QString text = it.value().toString();
            QVERIFY(!text.contains(clientSecret) && !text.contains(result.token));
            QVERIFY(!text.contains(QLatin1String("PRIVATE KEY")));
        }
        // The client works with it, and nothing secret reached the request log.
        QVERIFY(setup.appsLoad());
        for (const core::RequestRecord &record : setup.client->requestLog()->records()) {
            const QByteArray all = record.url.toUtf8() + record.requestBody + record.responseBody;
            QVERIFY(!all.contains(clientSecret.toUtf8()));
            QVERIFY(!all.contains(result.token.toUtf8()));
        }
    }

    void signIn_keyTheSandboxDoesNotKnowIsRefused()
    {
        Setup setup({m_rsa.publicPem});
        const test::TestKeyPair stranger = test::makeRsaKeyPair();
        const TokenResult result =
            signIn(setup, signedExchange(JwtAlgorithm::RS256),
                   {{}, clientSecret, {}, QString::fromLatin1(stranger.privatePem)});
        QCOMPARE(result.error.kind, TokenErrorKind::Exchange);
        QVERIFY(result.error.api.has_value());
        QCOMPARE(result.error.api->code, QStringLiteral("invalid_grant"));
        QVERIFY(!setup.store->isConfigured(environment));
        QVERIFY(setup.secrets.entries().isEmpty()); // nothing stored for a failed sign-in
    }

    void signIn_wrongClientSecretIsRefused()
    {
        Setup setup({m_rsa.publicPem});
        const TokenResult result = signIn(
            setup, signedExchange(JwtAlgorithm::RS256),
            {{}, QStringLiteral("wrong-secret-1"), {}, QString::fromLatin1(m_rsa.privatePem)});
        QCOMPARE(result.error.kind, TokenErrorKind::Exchange);
        QCOMPARE(result.error.api->kind, core::ErrorKind::Unauthorized);
    }

    void signIn_badPemIsASigningError()
    {
        Setup setup({m_rsa.publicPem});
        const TokenResult result = signIn(setup, signedExchange(JwtAlgorithm::RS256),
                                          {{}, clientSecret, {}, QStringLiteral("not a key")});
        QCOMPARE(result.error.kind, TokenErrorKind::Signing);
        QCOMPARE(result.error.jwt, JwtErrorKind::BadPrivateKey);
        QCOMPARE(setup.tokenRequests(), 0);
    }

    void signIn_pastedJwt()
    {
        Setup setup({m_ec.publicPem});
        Credentials credentials = signedExchange(JwtAlgorithm::ES256);
        const SignedJwt jwt = JwtSigner::sign(m_ec.privatePem, credentials.exchange.claims,
                                              setup.clock.now().toSecsSinceEpoch());
        QVERIFY(jwt.ok());
        credentials.exchange.jwtSource = JwtSource::Pasted;
        const TokenResult result = signIn(setup, credentials, {{}, clientSecret, jwt.token, {}});
        QVERIFY2(result.ok(), qPrintable(result.error.summary()));
        QCOMPARE(setup.secrets.entries().value(secretKey(environment, SecretKind::PartnerJwt)),
                 jwt.token);
        QVERIFY(!setup.secrets.entries().contains(secretKey(environment, SecretKind::PrivateKey)));
    }

    void signIn_noKeychainStoresNothing()
    {
        Setup setup({m_rsa.publicPem});
        setup.secrets.setFailure(secrets::SecretErrorKind::NoBackend);
        const TokenResult result =
            signIn(setup, signedExchange(JwtAlgorithm::RS256),
                   {{}, clientSecret, {}, QString::fromLatin1(m_rsa.privatePem)});
        QCOMPARE(result.error.kind, TokenErrorKind::Keychain);
        QCOMPARE(result.error.keychain, secrets::SecretErrorKind::NoBackend);
        QVERIFY(!setup.store->isConfigured(environment));
        QVERIFY(setup.settings.values().isEmpty()); // no plain-text fallback of any kind
    }

    void accessToken_aNewProcessReusesTheStoredToken()
    {
        Setup setup({m_rsa.publicPem});
        const TokenResult first =
            signIn(setup, signedExchange(JwtAlgorithm::RS256),
                   {{}, clientSecret, {}, QString::fromLatin1(m_rsa.privatePem)});
        QVERIFY(first.ok());
        const int exchanges = setup.tokenRequests();
        TokenService again(setup.client.get(), setup.store.get(), &setup.clock);
        again.setEnvironment(environment, EnvironmentEndpoints::sandbox(setup.server->baseUrl()));
        TokenWait wait;
        again.accessToken(&wait, wait.callback());
        QVERIFY(wait.wait());
        QVERIFY(wait.m_result.ok());
        QCOMPARE(wait.m_result.token, first.token);
        QCOMPARE(setup.tokenRequests(), exchanges);

        // Past its expiry the stored token is not used: a new exchange signs a new JWT.
        setup.clock.advance(qint64(first.expiresAt - setup.clock.now().toSecsSinceEpoch()) * 1000);
        TokenService later(setup.client.get(), setup.store.get(), &setup.clock);
        later.setEnvironment(environment, EnvironmentEndpoints::sandbox(setup.server->baseUrl()));
        TokenWait renewed;
        later.accessToken(&renewed, renewed.callback());
        QVERIFY(renewed.wait());
        QVERIFY2(renewed.m_result.ok(), qPrintable(renewed.m_result.error.summary()));
        QVERIFY(renewed.m_result.token != first.token);
        QCOMPARE(setup.tokenRequests(), exchanges + 1);
    }

    void unauthorized_reExchangesOnceForConcurrentRequests()
    {
        Setup setup({m_rsa.publicPem});
        QVERIFY(signIn(setup, signedExchange(JwtAlgorithm::RS256),
                       {{}, clientSecret, {}, QString::fromLatin1(m_rsa.privatePem)})
                    .ok());
        const int exchanges = setup.tokenRequests();
        setup.client->setToken(QStringLiteral("revoked-token-1")); // as if Zapier revoked it
        QSignalSpy signIn(setup.service.get(), &TokenService::signInRequired);
        Answer<core::Page<core::App>> apps;
        Answer<QList<core::Action>> actions;
        setup.client->apps({}, nullptr, apps.callback());
        setup.client->actions(QStringLiteral("google-sheets"), {}, nullptr, actions.callback());
        QVERIFY(apps.wait());
        QVERIFY(actions.wait());
        QVERIFY2(apps.value().ok(), describe(apps.value()).constData());
        QVERIFY(actions.value().ok() ||
                actions.value().error().kind != core::ErrorKind::Unauthorized);
        QCOMPARE(setup.tokenRequests(), exchanges + 1);
        QCOMPARE(signIn.size(), 0);
        QVERIFY(setup.client->config().token.startsWith(QLatin1String("sbat_")));
        // The 401 and the retry are both in the call's record.
        QCOMPARE(apps.value().calls.size(), 2);
        QCOMPARE(apps.value().calls.first().httpStatus, 401);
    }

    void unauthorized_failedReExchangeAsksToSignInAgain()
    {
        Setup setup({m_ec.publicPem});
        Credentials credentials = signedExchange(JwtAlgorithm::ES256);
        const SignedJwt jwt = JwtSigner::sign(m_ec.privatePem, credentials.exchange.claims,
                                              setup.clock.now().toSecsSinceEpoch());
        credentials.exchange.jwtSource = JwtSource::Pasted;
        QVERIFY(signIn(setup, credentials, {{}, clientSecret, jwt.token, {}}).ok());
        setup.clock.advance(301 * 1000); // the pasted JWT is dead; the access token is not
        setup.client->setToken(QStringLiteral("revoked-token-2"));
        QSignalSpy signInRequired(setup.service.get(), &TokenService::signInRequired);
        Answer<core::Page<core::App>> apps;
        setup.client->apps({}, nullptr, apps.callback());
        QVERIFY(apps.wait());
        QVERIFY(!apps.value().ok());
        QCOMPARE(apps.value().error().kind, core::ErrorKind::Unauthorized);
        QCOMPARE(signInRequired.size(), 1);
    }

    void unauthorized_pastedTokenAsksToSignInAgain()
    {
        Setup setup({});
        Credentials pasted;
        pasted.mode = CredentialMode::AccessToken;
        const TokenResult result = signIn(setup, pasted, {sandboxToken, {}, {}, {}});
        QVERIFY2(result.ok(), qPrintable(result.error.summary()));
        setup.server->setFaultPlan(appsFault(401)); // revoked since
        QSignalSpy signInRequired(setup.service.get(), &TokenService::signInRequired);
        Answer<core::Page<core::App>> apps;
        setup.client->apps({}, nullptr, apps.callback());
        QVERIFY(apps.wait());
        QCOMPARE(apps.value().error().kind, core::ErrorKind::Unauthorized);
        QCOMPARE(signInRequired.size(), 1);
        QCOMPARE(signInRequired.first().first().toString(), environment);
        QCOMPARE(setup.tokenRequests(), 0);
    }

    void connectToken_opensTheSandboxConnectPage()
    {
        Setup setup({m_rsa.publicPem});
        QVERIFY(signIn(setup, signedExchange(JwtAlgorithm::RS256),
                       {{}, clientSecret, {}, QString::fromLatin1(m_rsa.privatePem)})
                    .ok());
        ConnectRequest request;
        request.base = setup.service->connectBase();
        request.app = QStringLiteral("GoogleSheetsV2API");
        request.redirectUri = QUrl(QStringLiteral("https://partner.example/callback"));
        const QUrl resource = ConnectUrl::resource(request);
        TokenWait wait;
        setup.service->connectToken(resource, &wait, wait.callback());
        QVERIFY(wait.wait());
        QVERIFY2(wait.m_result.ok(), qPrintable(wait.m_result.error.summary()));
        QVERIFY(wait.m_result.token.startsWith(QLatin1String("sbct_")));
        QVERIFY(setup.server->requests().last().requestBody.contains(
            "resource=" + QUrl::toPercentEncoding(resource.toString())));
        // The page accepts it once: it is single use.
        QNetworkAccessManager network;
        const QUrl page = ConnectUrl::build(request, wait.m_result.token);
        QNetworkReply *first = network.get(QNetworkRequest(page));
        QSignalSpy firstDone(first, &QNetworkReply::finished);
        QVERIFY(firstDone.wait(10000));
        QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(first->readAll().contains("Allow"));
        QNetworkRequest again(page);
        again.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                           QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *second = network.get(again);
        QSignalSpy secondDone(second, &QNetworkReply::finished);
        QVERIFY(secondDone.wait(10000));
        const QUrl redirect =
            second->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        const ConnectResult refused = ConnectResult::fromRedirect(redirect);
        QCOMPARE(explain(refused).problem, ConnectProblem::InvalidToken);
        delete first;
        delete second;
    }

    void connectToken_worksWithTheSandboxDefaultToken()
    {
        Setup setup({}, false);
        setup.client->setToken(QStringLiteral("sandbox-token"));
        ConnectRequest request;
        request.base = setup.service->connectBase();
        request.app = QStringLiteral("SlackAPI");
        TokenWait wait;
        setup.service->connectToken(ConnectUrl::resource(request), &wait, wait.callback());
        QVERIFY(wait.wait());
        QVERIFY2(wait.m_result.ok(), qPrintable(wait.m_result.error.summary()));
    }

    // The sandbox needs no account: connecting must not depend on a keyring being there.
    void connectToken_withoutAKeyringStillWorksForTheSandbox()
    {
        Setup setup({}, false);
        setup.secrets.setFailure(secrets::SecretErrorKind::NoBackend);
        setup.client->setToken(QStringLiteral("sandbox-token"));
        ConnectRequest request;
        request.base = setup.service->connectBase();
        request.app = QStringLiteral("SlackAPI");
        TokenWait wait;
        setup.service->connectToken(ConnectUrl::resource(request), &wait, wait.callback());
        QVERIFY(wait.wait());
        QVERIFY2(wait.m_result.ok(), qPrintable(wait.m_result.error.summary()));
    }

    // The whole non-web Connect flow against the sandbox's page, the test clicking for the
    // web view: session -> page -> Allow/Deny -> redirect -> ConnectResult.
    void prepareConnect_redirectCarriesTheResult_data()
    {
        QTest::addColumn<QString>("decision");
        QTest::addColumn<bool>("success");
        QTest::newRow("allow") << QStringLiteral("allow") << true;
        QTest::newRow("deny") << QStringLiteral("deny") << false;
    }

    void prepareConnect_redirectCarriesTheResult()
    {
        QFETCH(QString, decision);
        QFETCH(bool, success);
        Setup setup({m_rsa.publicPem});
        QVERIFY(signIn(setup, signedExchange(JwtAlgorithm::RS256),
                       {{}, clientSecret, {}, QString::fromLatin1(m_rsa.privatePem)})
                    .ok());
        ConnectRequest request;
        request.app = QStringLiteral("SlackCLIAPI");
        request.redirectUri = QUrl(QStringLiteral("https://partner.example/zapier/callback"));
        ConnectSession session;
        TokenWait wait;
        prepareConnect(setup.service.get(), request, &wait,
                       [&session, &wait](const TokenError &error, const ConnectSession &made) {
                           TokenResult result;
                           result.error = error;
                           session = made;
                           wait.callback()(result);
                       });
        QVERIFY(wait.wait());
        QVERIFY2(wait.m_result.ok(), qPrintable(wait.m_result.error.summary()));
        QVERIFY(!session.state.isEmpty());
        QVERIFY(session.url.toString().startsWith(
            setup.server->baseUrl().toString() + QStringLiteral("/connect/to/SlackCLIAPI?token=")));
        QVERIFY(session.expiresAt - setup.clock.now().toSecsSinceEpoch() <= 360);

        QNetworkAccessManager network;
        const auto get = [&network](const QUrl &url) {
            QNetworkRequest page(url);
            page.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                              QNetworkRequest::ManualRedirectPolicy);
            std::unique_ptr<QNetworkReply> reply(network.get(page));
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            if (!reply->isFinished())
                finished.wait(10000);
            return reply;
        };
        const auto page = get(session.url);
        const QString html = QString::fromUtf8(page->readAll());
        const QRegularExpressionMatch link =
            QRegularExpression(QStringLiteral("id=\"%1\" href=\"([^\"]+)\"").arg(decision))
                .match(html);
        QVERIFY2(link.hasMatch(), qPrintable(html));
        const auto answer =
            get(QUrl(link.captured(1).replace(QLatin1String("&amp;"), QLatin1String("&"))));
        const QUrl redirect =
            answer->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        QVERIFY(ConnectUrl::isRedirect(redirect, session.redirectUri));
        const ConnectResult result = ConnectResult::fromRedirect(redirect);
        QVERIFY(session.accepts(result));
        if (success) {
            QVERIFY(result.isSuccess());
            QVERIFY(result.authenticationId.startsWith(QLatin1String("sb-conn-")));
            QCOMPARE(result.service, QStringLiteral("SlackCLIAPI"));
        } else {
            QCOMPARE(explain(result).problem, ConnectProblem::OAuthFailed);
            QCOMPARE(explain(result).next, ConnectNextStep::StartAgain);
            QCOMPARE(result.state, session.state);
        }
        ConnectResult forged = result;
        forged.kind = ConnectResult::Kind::Error;
        forged.state = QStringLiteral("someone-else");
        QVERIFY(!session.accepts(forged));
    }

    // A pasted token is tried with one request before it is kept. One the API refuses is not
    // stored, and the token in use before goes on working.
    void signIn_pastedTokenTheApiRefusesChangesNothing()
    {
        Setup setup({});
        setup.giveOwnToken();
        QSignalSpy signInRequired(setup.service.get(), &TokenService::signInRequired);
        Credentials pasted;
        pasted.mode = CredentialMode::AccessToken;
        const TokenResult result =
            signIn(setup, pasted, {QStringLiteral("pasted-but-wrong"), {}, {}, {}});
        QCOMPARE(result.error.kind, TokenErrorKind::TokenCheck);
        QVERIFY(result.error.api.has_value());
        QCOMPARE(result.error.api->httpStatus, 401);
        QCOMPARE(signInRequired.size(), 0); // the dialog says it; nothing asks to sign in again
        QCOMPARE(bearersOf(setup, QStringLiteral("/v2/apps")),
                 QStringList{QStringLiteral("Bearer pasted-but-wrong")});

        QVERIFY(setup.secrets.entries().isEmpty());
        QVERIFY(setup.settings.values().isEmpty());
        QCOMPARE(setup.service->credentials().mode, CredentialMode::None);
        QCOMPARE(setup.client->config().token, sandboxToken);
        QVERIFY(setup.appsLoad());
    }

    // A server that cannot be reached cannot take the token either: nothing is stored.
    void signIn_pastedTokenForAServerNotReachedIsNotKept()
    {
        Setup setup({});
        setup.server->setFaultPlan(appsFault(0, true));
        Credentials pasted;
        pasted.mode = CredentialMode::AccessToken;
        const TokenResult result = signIn(setup, pasted, {sandboxToken, {}, {}, {}});
        QCOMPARE(result.error.kind, TokenErrorKind::TokenCheck);
        QVERIFY(result.error.api.has_value());
        QCOMPARE(result.error.api->kind, core::ErrorKind::Network);
        QVERIFY(setup.secrets.entries().isEmpty());
        QVERIFY(!setup.store->isConfigured(environment));
        QCOMPARE(setup.client->config().token, QString());
    }

    // Past those, a scope it lacks (403) or a server in trouble says nothing about the token,
    // so the sign-in goes on.
    void signIn_pastedTokenIsKeptUnlessRefused_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("taken") << 0;
        QTest::newRow("forbidden") << 403;
        QTest::newRow("unavailable") << 503;
    }

    void signIn_pastedTokenIsKeptUnlessRefused()
    {
        QFETCH(int, status);
        Setup setup({});
        if (status != 0)
            setup.server->setFaultPlan(appsFault(status));
        Credentials pasted;
        pasted.mode = CredentialMode::AccessToken;
        const TokenResult result = signIn(setup, pasted, {sandboxToken, {}, {}, {}});
        QVERIFY2(result.ok(), qPrintable(result.error.summary()));
        QCOMPARE(bearersOf(setup, QStringLiteral("/v2/apps")),
                 QStringList{QStringLiteral("Bearer ") + sandboxToken});
        QCOMPARE(setup.secrets.entries().value(secretKey(environment, SecretKind::AccessToken)),
                 sandboxToken);
        QVERIFY(setup.store->isConfigured(environment));
        QCOMPARE(setup.client->config().token, sandboxToken);
    }

    // A sign-in that fails leaves the one before it in place, in the service and the client.
    void signIn_failedExchangeKeepsTheSignInBefore()
    {
        Setup setup({m_rsa.publicPem});
        const TokenResult first =
            signIn(setup, signedExchange(JwtAlgorithm::RS256),
                   {{}, clientSecret, {}, QString::fromLatin1(m_rsa.privatePem)});
        QVERIFY2(first.ok(), qPrintable(first.error.summary()));
        const TokenResult second = signIn(
            setup, signedExchange(JwtAlgorithm::RS256),
            {{}, QStringLiteral("wrong-secret-2"), {}, QString::fromLatin1(m_rsa.privatePem)});
        QCOMPARE(second.error.kind, TokenErrorKind::Exchange);

        QCOMPARE(setup.service->credentials().mode, CredentialMode::WhiteLabelExchange);
        QCOMPARE(setup.client->config().token, first.token);
        QVERIFY(setup.store->isConfigured(environment));
        const int exchanges = setup.tokenRequests();
        TokenWait wait;
        setup.service->accessToken(&wait, wait.callback());
        QVERIFY(wait.wait());
        QVERIFY2(wait.m_result.ok(), qPrintable(wait.m_result.error.summary()));
        QCOMPARE(wait.m_result.token, first.token);
        QCOMPARE(setup.tokenRequests(), exchanges); // the kept token, not a new exchange
    }

    // The sandbox works with no account: signing out of it must not leave the app without
    // the sandbox's own token.
    void signOut_givesTheClientBackItsOwnToken()
    {
        Setup setup({m_rsa.publicPem});
        QVERIFY(!setup.service->hasOwnToken());
        setup.giveOwnToken();
        QVERIFY(setup.service->hasOwnToken());
        QVERIFY(signIn(setup, signedExchange(JwtAlgorithm::RS256),
                       {{}, clientSecret, {}, QString::fromLatin1(m_rsa.privatePem)})
                    .ok());
        QVERIFY(setup.client->config().token != sandboxToken);

        QVERIFY(signOut(setup));
        QVERIFY(setup.secrets.entries().isEmpty());
        QCOMPARE(setup.client->config().token, sandboxToken);
        QVERIFY(setup.appsLoad());
    }

    void signOut_removesEverything()
    {
        Setup setup({m_rsa.publicPem});
        QVERIFY(signIn(setup, signedExchange(JwtAlgorithm::RS256),
                       {{}, clientSecret, {}, QString::fromLatin1(m_rsa.privatePem)})
                    .ok());
        QVERIFY(!setup.secrets.entries().isEmpty());
        QVERIFY(signOut(setup));
        QVERIFY(setup.secrets.entries().isEmpty());
        QVERIFY(setup.settings.values().isEmpty());
        QVERIFY(setup.client->config().token.isEmpty());
        TokenWait after;
        setup.service->accessToken(&after, after.callback());
        QVERIFY(after.wait());
        QCOMPARE(after.m_result.error.kind, TokenErrorKind::NotConfigured);
    }
};

QTEST_GUILESS_MAIN(TestTokenService)
#include "tst_tokenservice.moc"
