#include "../api/scriptedserver.h"
#include "connect/pkceflow.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace ab;
using connect::PkceFlow;
using connect::PkceGrant;
using test::ScriptedRequest;
using test::ScriptedResponse;

// The authorization code flow with PKCE, with the test as the browser: it reads the authorize
// URL, "signs in" by calling the loopback redirect, and a scripted token endpoint checks that
// the code_verifier matches the challenge that was sent.
class TestPkceFlow final : public QObject {
    Q_OBJECT

private:
    struct Outcome {
        bool done = false;
        QString error;
        PkceGrant grant;
    };

    static connect::PkceSettings settingsFor(const QUrl &server)
    {
        connect::PkceSettings settings;
        settings.clientId = QStringLiteral("partner-client");
        settings.authorizeUrl = server.resolved(QUrl(QStringLiteral("/v2/authorize")));
        settings.tokenUrl = server.resolved(QUrl(QStringLiteral("/oauth/token/")));
        return settings;
    }

private Q_SLOTS:
    void challenge_isTheS256OfTheVerifier()
    {
        // RFC 7636 appendix B.
        QCOMPARE(PkceFlow::codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        const QByteArray verifier = PkceFlow::newVerifier();
        QCOMPARE(verifier.size(), 43);
        QVERIFY(verifier != PkceFlow::newVerifier());
    }

    void grant_sendsTheChallengeAndTheMatchingVerifier()
    {
        test::ScriptedServer server;
        QVERIFY(server.listen());
        QByteArray tokenBody;
        server.setHandler([&tokenBody](const ScriptedRequest &request) {
            tokenBody = request.body;
            return ScriptedResponse::json(200, R"({"access_token":"pkce-access-token-1",)"
                                               R"("token_type":"Bearer","expires_in":3600,)"
                                               R"("refresh_token":"pkce-refresh-token-1"})");
        });
        QNetworkAccessManager network;
        PkceFlow flow(&network);
        QSignalSpy opened(&flow, &PkceFlow::authorizationUrlReady);
        Outcome outcome;
        flow.start(settingsFor(server.url()),
                   [&outcome](const QString &error, const PkceGrant &grant) {
                       outcome = {true, error, grant};
                   });
        QVERIFY(flow.isActive());
        QVERIFY(!opened.isEmpty() || opened.wait(10000)); // may come inside start()
        const QUrl authorize = opened.first().first().toUrl();
        QCOMPARE(authorize.path(), QStringLiteral("/v2/authorize"));
        const QUrlQuery query(authorize);
        QCOMPARE(query.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
        QCOMPARE(query.queryItemValue(QStringLiteral("client_id")),
                 QStringLiteral("partner-client"));
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")),
                 QStringLiteral("S256"));
        const QString challenge = query.queryItemValue(QStringLiteral("code_challenge"));
        QCOMPARE(challenge.size(), 43);
        const QUrl redirect(
            query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        QVERIFY2(redirect.host() == QLatin1String("127.0.0.1") ||
                     redirect.host() == QLatin1String("localhost"),
                 qPrintable(redirect.toString()));
        QVERIFY(!query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded).isEmpty());

        // The browser comes back with the code.
        QUrl back = redirect;
        back.setQuery(QStringLiteral("code=the-code&state=") +
                      query.queryItemValue(QStringLiteral("state"), QUrl::FullyEncoded));
        std::unique_ptr<QNetworkReply> browser(network.get(QNetworkRequest(back)));
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.grant.accessToken, QStringLiteral("pkce-access-token-1"));
        QCOMPARE(outcome.grant.refreshToken, QStringLiteral("pkce-refresh-token-1"));
        QVERIFY(outcome.grant.expiresAt > QDateTime::currentSecsSinceEpoch());
        QVERIFY(!flow.isActive());

        QByteArray form = tokenBody;
        const QUrlQuery sent(QString::fromUtf8(form.replace('+', "%20")));
        QCOMPARE(sent.queryItemValue(QStringLiteral("grant_type")),
                 QStringLiteral("authorization_code"));
        QCOMPARE(sent.queryItemValue(QStringLiteral("code")), QStringLiteral("the-code"));
        const QByteArray verifier =
            sent.queryItemValue(QStringLiteral("code_verifier"), QUrl::FullyDecoded).toLatin1();
        QVERIFY(!verifier.isEmpty());
        QCOMPARE(PkceFlow::codeChallenge(verifier), challenge.toLatin1());
    }

    void deniedInTheBrowser_reportsTheError()
    {
        test::ScriptedServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        PkceFlow flow(&network);
        QSignalSpy opened(&flow, &PkceFlow::authorizationUrlReady);
        Outcome outcome;
        flow.start(settingsFor(server.url()),
                   [&outcome](const QString &error, const PkceGrant &grant) {
                       outcome = {true, error, grant};
                   });
        QVERIFY(!opened.isEmpty() || opened.wait(10000)); // may come inside start()
        const QUrlQuery query(opened.first().first().toUrl());
        QUrl back(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        back.setQuery(
            QStringLiteral("error=access_denied&error_description=User%20said%20no&state=") +
            query.queryItemValue(QStringLiteral("state"), QUrl::FullyEncoded));
        std::unique_ptr<QNetworkReply> browser(network.get(QNetworkRequest(back)));
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY(outcome.error.contains(QLatin1String("access_denied")));
        QVERIFY(outcome.grant.accessToken.isEmpty());
        QVERIFY(server.requests().isEmpty()); // no token request after a refusal
    }

    void cancel_reportsCancelledOnce()
    {
        QNetworkAccessManager network;
        PkceFlow flow(&network);
        int calls = 0;
        QString error;
        flow.start(settingsFor(QUrl(QStringLiteral("http://127.0.0.1:9"))),
                   [&](const QString &message, const PkceGrant &) {
                       ++calls;
                       error = message;
                   });
        flow.cancel();
        flow.cancel();
        QCOMPARE(calls, 1);
        QCOMPARE(error, QStringLiteral("cancelled"));
    }
};

QTEST_GUILESS_MAIN(TestPkceFlow)
#include "tst_pkceflow.moc"
