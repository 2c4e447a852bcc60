// The values TokenService deals in: stable kind names, the one-line summary, sandbox endpoints.
#include "connect/tokentypes.h"

#include <QTest>

using namespace ab;
using namespace ab::connect;

class TestTokenTypes final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void kindNames_areStable()
    {
        // Printed by the CLI's --json and kept in logs: they never change.
        QCOMPARE(tokenErrorKindName(TokenErrorKind::None), QStringLiteral("none"));
        QCOMPARE(tokenErrorKindName(TokenErrorKind::NotConfigured),
                 QStringLiteral("not_configured"));
        QCOMPARE(tokenErrorKindName(TokenErrorKind::SignInRequired),
                 QStringLiteral("sign_in_required"));
        QCOMPARE(tokenErrorKindName(TokenErrorKind::Keychain), QStringLiteral("keychain"));
        QCOMPARE(tokenErrorKindName(TokenErrorKind::Signing), QStringLiteral("signing"));
        QCOMPARE(tokenErrorKindName(TokenErrorKind::Exchange), QStringLiteral("exchange"));
        QCOMPARE(tokenErrorKindName(TokenErrorKind::Authorization),
                 QStringLiteral("authorization"));
    }

    void summary_namesTheKindTheCauseAndTheDetail()
    {
        TokenError error;
        error.kind = TokenErrorKind::SignInRequired;
        QCOMPARE(error.summary(), QStringLiteral("sign_in_required"));
        error.detail = QStringLiteral("no refresh token");
        QCOMPARE(error.summary(), QStringLiteral("sign_in_required: no refresh token"));

        TokenError keychain;
        keychain.kind = TokenErrorKind::Keychain;
        keychain.keychain = secrets::SecretErrorKind::NoBackend;
        keychain.detail = QStringLiteral("no secret service");
        QCOMPARE(keychain.summary(),
                 QStringLiteral("keychain (%1): no secret service")
                     .arg(secrets::secretErrorKindName(secrets::SecretErrorKind::NoBackend)));

        // An API error is told in its own words instead of the detail.
        TokenError exchange;
        exchange.kind = TokenErrorKind::Exchange;
        exchange.detail = QStringLiteral("ignored");
        core::ApiError api;
        api.kind = core::ErrorKind::Unauthorized;
        api.httpStatus = 401;
        exchange.api = api;
        QVERIFY(exchange.summary().startsWith(QStringLiteral("exchange: ")));
        QVERIFY(exchange.summary().endsWith(api.summary()));
        QVERIFY(!exchange.summary().contains(QStringLiteral("ignored")));
    }

    void result_okOnlyWithoutAnError()
    {
        TokenResult result;
        QVERIFY(result.ok());
        result.error.kind = TokenErrorKind::Exchange;
        QVERIFY(!result.ok());
    }

    void sandboxEndpoints_pointAtTheSandbox()
    {
        const QUrl base(QStringLiteral("http://127.0.0.1:8765"));
        const EnvironmentEndpoints endpoints = EnvironmentEndpoints::sandbox(base);
        QCOMPARE(endpoints.tokenUrl, QUrl(QStringLiteral("http://127.0.0.1:8765/oauth/token")));
        QCOMPARE(endpoints.connectBase.host(), base.host());
        QCOMPARE(endpoints.connectBase.port(), base.port());
        QCOMPARE(endpoints.fallbackClientId, QStringLiteral("actionbench-sandbox"));
        // Elsewhere: Zapier's own token endpoint and no fallback client.
        const EnvironmentEndpoints zapier;
        QCOMPARE(zapier.tokenUrl, QUrl(QStringLiteral("https://zapier.com/oauth/token")));
        QVERIFY(zapier.fallbackClientId.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTokenTypes)
#include "tst_tokentypes.moc"
