// TokenService's OAuth PKCE mode end to end against the sandbox's real sign-in page and token
// endpoint: the test is the browser (it answers the consent form over HTTP and follows the
// redirect to the loopback port), the secrets live in memory.
#include "api/apiclient.h"
#include "connect/pkceflow.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "sandbox/sandboxserver.h"
#include "support/consentbrowser.h"
#include "support/manualclock.h"
#include "support/memorysecretstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace ab;
using namespace ab::connect;

namespace {

const QString environment = QStringLiteral("sandbox");

struct Setup {
    test::ManualClock clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<sandbox::SandboxServer> server;
    std::unique_ptr<api::ApiClient> client;
    MemorySettingsStore settings;
    test::MemorySecretStore secrets;
    std::unique_ptr<CredentialStore> store;
    std::unique_ptr<TokenService> service;

    Setup()
    {
        sandbox::SandboxOptions options;
        options.clock = &clock;
        server = std::make_unique<sandbox::SandboxServer>(options);
        QVERIFY(server->listen());
        api::ApiClientConfig config;
        config.baseUrl = server->baseUrl();
        client = std::make_unique<api::ApiClient>(config, &clock);
        store = std::make_unique<CredentialStore>(&settings, &secrets);
        service = newService();
    }

    // What the next process would build: nothing in memory, the same settings and keychain.
    std::unique_ptr<TokenService> newService()
    {
        auto fresh = std::make_unique<TokenService>(client.get(), store.get(), &clock);
        fresh->setEnvironment(environment, EnvironmentEndpoints::sandbox(server->baseUrl()));
        return fresh;
    }

    Credentials credentials() const
    {
        Credentials result;
        result.mode = CredentialMode::OAuthPkce;
        result.pkce.clientId = QStringLiteral("partner-client");
        result.pkce.authorizeUrl =
            server->baseUrl().resolved(QUrl(QStringLiteral("/v2/authorize")));
        result.pkce.tokenUrl = server->baseUrl().resolved(QUrl(QStringLiteral("/oauth/token/")));
        return result;
    }

    QString secret(SecretKind kind) const
    {
        return secrets.entries().value(secretKey(environment, kind));
    }

    int tokenRequests() const
    {
        int count = 0;
        for (const sandbox::SandboxRequest &request : server->requests())
            count += request.path.startsWith(QLatin1String("/oauth/token")) ? 1 : 0;
        return count;
    }
};

struct Outcome {
    bool done = false;
    TokenResult result;

    TokenCallback callback()
    {
        return [this](const TokenResult &value) {
            result = value;
            done = true;
        };
    }
};

} // namespace

class TestPkceSignIn final : public QObject {
    Q_OBJECT

private:
    // Signs in through the consent page; the result of TokenService::signIn.
    static TokenResult signIn(Setup &setup, const QString &button)
    {
        QSignalSpy url(setup.service.get(), &TokenService::authorizationUrlReady);
        Outcome outcome;
        setup.service->signIn(setup.credentials(), {}, nullptr, outcome.callback());
        if (url.isEmpty() && !url.wait(10000))
            return {};
        if (test::answerConsentPage(url.first().first().toUrl(), button).isEmpty())
            qWarning("the consent page could not be answered");
        if (!QTest::qWaitFor([&outcome] { return outcome.done; }, 10000))
            qWarning("sign-in never answered");
        return outcome.result;
    }

private Q_SLOTS:
    void signIn_approvedStoresTheTokenAndTheRefreshToken()
    {
        Setup setup;
        const TokenResult result = signIn(setup, QStringLiteral("approve"));
        QVERIFY2(result.ok(), qPrintable(result.error.summary()));
        QVERIFY(result.token.startsWith(QStringLiteral("sbat_")));
        QVERIFY(result.expiresAt > QDateTime::currentSecsSinceEpoch() + 3600);
        QCOMPARE(setup.store->load(environment).mode, CredentialMode::OAuthPkce);
        QCOMPARE(setup.store->load(environment).pkce.clientId, QStringLiteral("partner-client"));
        QCOMPARE(setup.secret(SecretKind::AccessToken), result.token);
        QVERIFY(setup.secret(SecretKind::RefreshToken).startsWith(QStringLiteral("sbrt_")));
        QCOMPARE(setup.client->config().token, result.token);
    }

    void signIn_deniedStoresNothing()
    {
        Setup setup;
        const TokenResult result = signIn(setup, QStringLiteral("deny"));
        QCOMPARE(result.error.kind, TokenErrorKind::Authorization);
        QVERIFY2(result.error.detail.startsWith(QLatin1String("access_denied")),
                 qPrintable(result.error.detail));
        QVERIFY(!setup.store->isConfigured(environment));
        QVERIFY(setup.secrets.entries().isEmpty());
        QCOMPARE(setup.tokenRequests(), 0);
    }

    void expiredToken_isRenewedWithTheRefreshTokenWithoutTheBrowser()
    {
        Setup setup;
        const TokenResult first = signIn(setup, QStringLiteral("approve"));
        QVERIFY(first.ok());
        const QString firstRefresh = setup.secret(SecretKind::RefreshToken);
        setup.clock.advance((first.expiresAt - setup.clock.now().toSecsSinceEpoch()) * 1000);

        std::unique_ptr<TokenService> later = setup.newService();
        later->setBrowserSignInAllowed(false);
        QSignalSpy url(later.get(), &TokenService::authorizationUrlReady);
        Outcome outcome;
        later->accessToken(nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error.summary()));
        QVERIFY(outcome.result.token != first.token);
        QVERIFY(url.isEmpty());
        // Both were stored for the next process; the sandbox rotated the refresh token.
        QTRY_COMPARE(setup.secret(SecretKind::AccessToken), outcome.result.token);
        QVERIFY(!setup.secret(SecretKind::RefreshToken).isEmpty());
        QVERIFY(setup.secret(SecretKind::RefreshToken) != firstRefresh);
    }

    void refresh_usesTheRefreshTokenAfterA401()
    {
        Setup setup;
        const TokenResult first = signIn(setup, QStringLiteral("approve"));
        QVERIFY(first.ok());
        Outcome outcome;
        setup.service->refresh(nullptr, outcome.callback()); // what the 401 handler calls
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY2(outcome.result.ok(), qPrintable(outcome.result.error.summary()));
        QVERIFY(outcome.result.token != first.token);
    }

    void expiredTokenWithoutRefreshToken_browserOnlyWhereAllowed()
    {
        Setup setup;
        const TokenResult first = signIn(setup, QStringLiteral("approve"));
        QVERIFY(first.ok());
        setup.secrets.insert(secretKey(environment, SecretKind::RefreshToken), QString());
        setup.clock.advance((first.expiresAt - setup.clock.now().toSecsSinceEpoch()) * 1000);

        // The CLI: nobody watches for a URL, so "sign in again".
        std::unique_ptr<TokenService> headless = setup.newService();
        headless->setBrowserSignInAllowed(false);
        QSignalSpy required(headless.get(), &TokenService::signInRequired);
        QSignalSpy noUrl(headless.get(), &TokenService::authorizationUrlReady);
        Outcome outcome;
        headless->accessToken(nullptr, outcome.callback());
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QCOMPARE(outcome.result.error.kind, TokenErrorKind::SignInRequired);
        QCOMPARE(required.size(), 1);
        QVERIFY(noUrl.isEmpty());

        // The desktop app: the browser sign-in starts again.
        std::unique_ptr<TokenService> desktop = setup.newService();
        QSignalSpy url(desktop.get(), &TokenService::authorizationUrlReady);
        Outcome waiting;
        desktop->accessToken(nullptr, waiting.callback());
        QVERIFY(!url.isEmpty() || url.wait(10000));
        QVERIFY(desktop->pkceFlow()->isActive());
        desktop->pkceFlow()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(waiting.done, 10000);
        QCOMPARE(waiting.result.error.kind, TokenErrorKind::Authorization);
    }
};

QTEST_GUILESS_MAIN(TestPkceSignIn)
#include "tst_pkcesignin.moc"
