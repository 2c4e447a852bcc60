#include "../api/scriptedserver.h"
#include "connect/pkceflow.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
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
        // The browser still gets its page, not a connection cut by the flow's end.
        QTRY_VERIFY_WITH_TIMEOUT(browser->isFinished(), 10000);
        QCOMPARE(browser->error(), QNetworkReply::NoError);
        QVERIFY(browser->readAll().contains("Actionbench"));
        QVERIFY(!flow.isActive());
    }

    // Qt Network Auth 6.4 logs a refused token request and signals nothing: the flow must end
    // anyway, with the server's OAuth error.
    void tokenEndpointRefusal_endsTheFlowWithTheOAuthError_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("invalid_grant")
            << 400
            << QByteArray(R"({"error":"invalid_grant","error_description":"code_verifier )"
                          R"(does not match"})")
            << QStringLiteral("invalid_grant: code_verifier does not match");
        QTest::newRow("html 500") << 500 << QByteArray("<html>oops</html>")
                                  << QStringLiteral("HTTP 500");
    }

    void tokenEndpointRefusal_endsTheFlowWithTheOAuthError()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        test::ScriptedServer server;
        QVERIFY(server.listen());
        server.setHandler([status, body](const ScriptedRequest &) {
            return ScriptedResponse::json(status, body);
        });
        QNetworkAccessManager network;
        PkceFlow flow(&network);
        QSignalSpy opened(&flow, &PkceFlow::authorizationUrlReady);
        Outcome outcome;
        flow.start(settingsFor(server.url()),
                   [&outcome](const QString &error, const PkceGrant &grant) {
                       outcome = {true, error, grant};
                   });
        QVERIFY(!opened.isEmpty() || opened.wait(10000));
        const QUrlQuery query(opened.first().first().toUrl());
        QUrl back(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        back.setQuery(QStringLiteral("code=the-code&state=") +
                      query.queryItemValue(QStringLiteral("state"), QUrl::FullyEncoded));
        std::unique_ptr<QNetworkReply> browser(network.get(QNetworkRequest(back)));
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY2(outcome.error.contains(expected), qPrintable(outcome.error));
        QVERIFY(outcome.grant.accessToken.isEmpty());
        QVERIFY(!flow.isActive());
    }

    void start_listensOnTheConfiguredPortWithAStrongState()
    {
        QTcpServer probe; // a port that was free a moment ago
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QNetworkAccessManager network;
        PkceFlow flow(&network);
        QSignalSpy opened(&flow, &PkceFlow::authorizationUrlReady);
        connect::PkceSettings settings = settingsFor(QUrl(QStringLiteral("http://127.0.0.1:9")));
        settings.redirectPort = port;
        flow.start(settings, [](const QString &, const PkceGrant &) {});
        QVERIFY(!opened.isEmpty() || opened.wait(10000));
        const QUrlQuery query(opened.first().first().toUrl());
        QCOMPARE(
            QUrl(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)).port(),
            int(port));
        QCOMPARE(query.queryItemValue(QStringLiteral("response_mode")), QStringLiteral("query"));
        QVERIFY(query.queryItemValue(QStringLiteral("state")).size() >= 32);

        // A second flow on the same port cannot listen, and says so.
        PkceFlow second(&network);
        QString error;
        second.start(settings,
                     [&error](const QString &message, const PkceGrant &) { error = message; });
        QVERIFY2(error.contains(QString::number(port)), qPrintable(error));
        QVERIFY(!second.isActive());
    }

    void refresh_sendsTheRefreshTokenAndKeepsItWhenNotRotated()
    {
        test::ScriptedServer server;
        QVERIFY(server.listen());
        server.enqueue(ScriptedResponse::json(200, R"({"access_token":"renewed-1",)"
                                                   R"("token_type":"Bearer","expires_in":60,)"
                                                   R"("refresh_token":"rotated-1"})"));
        server.enqueue(ScriptedResponse::json(200, R"({"access_token":"renewed-2",)"
                                                   R"("token_type":"Bearer"})"));
        server.enqueue(ScriptedResponse::json(400, R"({"error":"invalid_grant"})"));
        QNetworkAccessManager network;
        PkceFlow flow(&network);
        QSignalSpy opened(&flow, &PkceFlow::authorizationUrlReady);
        Outcome outcome;
        const auto record = [&outcome](const QString &error, const PkceGrant &grant) {
            outcome = {true, error, grant};
        };
        flow.refresh(settingsFor(server.url()), QStringLiteral("refresh-0"), record);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.grant.accessToken, QStringLiteral("renewed-1"));
        QCOMPARE(outcome.grant.refreshToken, QStringLiteral("rotated-1"));
        QVERIFY(outcome.grant.expiresAt > QDateTime::currentSecsSinceEpoch());
        QVERIFY(opened.isEmpty()); // no browser

        QByteArray body = server.requests().first().body;
        const QUrlQuery sent(QString::fromUtf8(body.replace('+', "%20")));
        QCOMPARE(sent.queryItemValue(QStringLiteral("grant_type")),
                 QStringLiteral("refresh_token"));
        QCOMPARE(sent.queryItemValue(QStringLiteral("refresh_token")), QStringLiteral("refresh-0"));
        QCOMPARE(sent.queryItemValue(QStringLiteral("client_id")),
                 QStringLiteral("partner-client"));
        QVERIFY(!sent.hasQueryItem(QStringLiteral("redirect_uri")));
        QVERIFY(!sent.hasQueryItem(QStringLiteral("client_secret")));

        outcome = {};
        flow.refresh(settingsFor(server.url()), QStringLiteral("rotated-1"), record);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QCOMPARE(outcome.grant.accessToken, QStringLiteral("renewed-2"));
        QCOMPARE(outcome.grant.refreshToken, QStringLiteral("rotated-1"));

        outcome = {};
        flow.refresh(settingsFor(server.url()), QStringLiteral("rotated-1"), record);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY2(outcome.error.contains(QLatin1String("invalid_grant")), qPrintable(outcome.error));
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
