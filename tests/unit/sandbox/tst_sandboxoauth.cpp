// The sandbox's OAuth sign-in for Partner API users: GET /v2/authorize, its consent page, and
// the authorization_code (PKCE) and refresh_token grants of POST /oauth/token. The test is the
// browser: it reads the page's form and posts the button's answer, as a person would.
#include "partnerapitestbase.h"

#include "sandbox/sandboxserver.h"
#include "support/manualclock.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ab::sandbox;
using ab::test::HttpResult;
using ab::test::ManualClock;
using ab::test::SandboxClient;

namespace {

const QString kClient = QStringLiteral("partner-client");
const QString kRedirect = QStringLiteral("http://127.0.0.1:9/callback");
// RFC 7636 appendix B.
const QString kVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
const QString kChallenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
// A state with characters that need encoding must come back exactly as sent.
const QString kState = QStringLiteral("st+ate/1&x=y");

QUrlQuery authorizeQuery()
{
    QUrlQuery query;
    const auto add = [&query](const char *key, const QString &value) {
        query.addQueryItem(QLatin1String(key), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("response_type", QStringLiteral("code"));
    add("client_id", kClient);
    add("redirect_uri", kRedirect);
    add("scope", QStringLiteral("zap zap:write action:run"));
    add("state", kState);
    add("code_challenge", kChallenge);
    add("code_challenge_method", QStringLiteral("S256"));
    add("response_mode", QStringLiteral("query"));
    return query;
}

QString capture(const QByteArray &html, const QString &pattern)
{
    return QRegularExpression(pattern)
        .match(QString::fromUtf8(html))
        .captured(1)
        .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
}

} // namespace

class TestSandboxOAuth final : public ab::test::PartnerApiTestBase {
    Q_OBJECT

private:
    ManualClock m_clock;

    void start(SandboxOptions options = {})
    {
        options.clock = &m_clock;
        startSandbox(std::move(options), QString());
    }

    HttpResult openConsent(const QUrlQuery &query = authorizeQuery())
    {
        return m_client->get(QStringLiteral("/v2/authorize"), query);
    }

    // Clicks a button of the consent page: the form's POST, answered with a redirect.
    HttpResult answer(const HttpResult &page, const QString &decision)
    {
        const QString action = capture(page.body, QStringLiteral("<form method=\"post\" "
                                                                 "action=\"([^\"]+)\""));
        const QString request =
            capture(page.body, QStringLiteral("name=\"request\" value=\"([^\"]+)\""));
        const QString button =
            capture(page.body,
                    QStringLiteral("id=\"%1\" name=\"decision\" value=\"([^\"]+)\"").arg(decision));
        if (action.isEmpty() || request.isEmpty() || button.isEmpty())
            return {};
        const QUrlQuery form{{QStringLiteral("request"), request},
                             {QStringLiteral("decision"), button}};
        // The path only: a test may have restarted the sandbox on another port meanwhile.
        return m_client->send("POST", m_client->url(QUrl(action).path()),
                              form.toString(QUrl::FullyEncoded).toUtf8(),
                              "application/x-www-form-urlencoded");
    }

    static QUrlQuery redirectQuery(const HttpResult &result)
    {
        return QUrlQuery(QUrl(QString::fromUtf8(result.header("Location"))));
    }

    // Approves a fresh request and returns the code the redirect carries.
    QString approvedCode()
    {
        const HttpResult redirect = answer(openConsent(), QStringLiteral("approve"));
        return redirectQuery(redirect).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    }

    HttpResult redeem(const QString &code, const QString &verifier = kVerifier,
                      const QString &redirectUri = kRedirect, const QString &clientId = kClient)
    {
        return m_client->form(
            QStringLiteral("/oauth/token/"),
            QUrlQuery{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("redirect_uri"), redirectUri},
                      {QStringLiteral("client_id"), clientId},
                      {QStringLiteral("code_verifier"), verifier}});
    }

    static QString error(const HttpResult &result)
    {
        return result.json().value(QStringLiteral("error")).toString();
    }

    static QString description(const HttpResult &result)
    {
        return result.json().value(QStringLiteral("error_description")).toString();
    }

    int statusWithToken(const QString &token)
    {
        SandboxClient client(m_server->baseUrl(), token);
        return client.get(QStringLiteral("/v2/apps")).status;
    }

private Q_SLOTS:
    void cleanup() { stopSandbox(); } // before m_clock, which the server refers to

    void authorize_showsAConsentPageWithTheClientAndScopes()
    {
        SandboxOptions options;
        options.rateLimitPerMinute = 1; // the browser's page is not on the API's budget
        start(options);
        QCOMPARE(openConsent().status, 200);
        const HttpResult page = openConsent();
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
        QCOMPARE(page.header("Cache-Control"), QByteArray("no-store"));
        QCOMPARE(capture(page.body, QStringLiteral("id=\"client\">([^<]+)<")), kClient);
        QVERIFY(page.body.contains("<code>zap:write</code>"));
        QVERIFY(page.body.contains("id=\"approve\""));
        QVERIFY(page.body.contains("id=\"deny\""));
    }

    void approve_redirectsWithCodeAndStateThenTheCodeBuysTokens()
    {
        start();
        const HttpResult redirect = answer(openConsent(), QStringLiteral("approve"));
        QCOMPARE(redirect.status, 303); // the browser follows with a GET
        const QUrl target(QString::fromUtf8(redirect.header("Location")));
        QCOMPARE(target.toString(QUrl::RemoveQuery), kRedirect);
        const QUrlQuery query(target);
        QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), kState);
        const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        QVERIFY(code.startsWith(QStringLiteral("sbac_")));

        const HttpResult tokens = redeem(code);
        QCOMPARE(tokens.status, 200);
        QCOMPARE(tokens.header("Cache-Control"), QByteArray("no-store"));
        const QJsonObject json = tokens.json();
        QCOMPARE(json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(json.value(QStringLiteral("expires_in")).toInt(), 36000);
        QCOMPARE(json.value(QStringLiteral("scope")).toString(),
                 QStringLiteral("zap zap:write action:run"));
        QVERIFY(json.value(QStringLiteral("refresh_token"))
                    .toString()
                    .startsWith(QStringLiteral("sbrt_")));
        const QString access = json.value(QStringLiteral("access_token")).toString();
        QCOMPARE(statusWithToken(access), 200);
        // A refresh token is not a bearer token.
        QCOMPARE(statusWithToken(json.value(QStringLiteral("refresh_token")).toString()), 401);
    }

    void deny_redirectsWithAccessDeniedAndState()
    {
        start();
        const HttpResult redirect = answer(openConsent(), QStringLiteral("deny"));
        QCOMPARE(redirect.status, 303);
        const QUrlQuery query = redirectQuery(redirect);
        QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
        QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), kState);
        QVERIFY(!query.hasQueryItem(QStringLiteral("code")));
    }

    void consent_isAnsweredOnce()
    {
        start();
        const HttpResult page = openConsent();
        QCOMPARE(answer(page, QStringLiteral("approve")).status, 303);
        const HttpResult replay = answer(page, QStringLiteral("approve"));
        QCOMPARE(replay.status, 400);
        QVERIFY(replay.header("Location").isEmpty());
        QVERIFY(replay.body.contains("already answered"));
    }

    void authorize_unsafeRedirectsAreShownNotFollowed_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("no client_id") << "client_id" << QString() << "client_id is missing";
        QTest::newRow("no redirect_uri")
            << "redirect_uri" << QString() << "redirect_uri is missing";
        QTest::newRow("not loopback") << "redirect_uri"
                                      << "https://partner.example/callback"
                                      << "on this machine";
        QTest::newRow("relative") << "redirect_uri"
                                  << "/callback"
                                  << "on this machine";
        QTest::newRow("https loopback") << "redirect_uri"
                                        << "https://127.0.0.1:9/callback"
                                        << "on this machine";
    }

    void authorize_unsafeRedirectsAreShownNotFollowed()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        start();
        QUrlQuery query = authorizeQuery();
        query.removeAllQueryItems(key);
        if (!value.isEmpty())
            query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        const HttpResult page = openConsent(query);
        QCOMPARE(page.status, 400);
        QVERIFY(page.header("Location").isEmpty());
        QCOMPARE(capture(page.body, QStringLiteral("id=\"error\">([^<]+)<")),
                 QStringLiteral("invalid_request"));
        QVERIFY2(page.body.contains(message.toUtf8()), page.body.constData());
    }

    void authorize_otherProblemsGoBackToTheClient_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("response_type token") << "response_type"
                                             << "token"
                                             << "unsupported_response_type";
        QTest::newRow("no response_type")
            << "response_type" << QString() << "unsupported_response_type";
        QTest::newRow("no challenge") << "code_challenge" << QString() << "invalid_request";
        QTest::newRow("short challenge") << "code_challenge"
                                         << "abc"
                                         << "invalid_request";
        QTest::newRow("plain method") << "code_challenge_method"
                                      << "plain"
                                      << "invalid_request";
        QTest::newRow("no method") << "code_challenge_method" << QString() << "invalid_request";
        QTest::newRow("fragment mode") << "response_mode"
                                       << "fragment"
                                       << "invalid_request";
        QTest::newRow("no scope") << "scope" << QString() << "invalid_request";
        QTest::newRow("unknown scope") << "scope"
                                       << "zap root"
                                       << "invalid_scope";
    }

    void authorize_otherProblemsGoBackToTheClient()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        start();
        QUrlQuery query = authorizeQuery();
        query.removeAllQueryItems(key);
        if (!value.isEmpty())
            query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        const HttpResult result = openConsent(query);
        QCOMPARE(result.status, 302);
        const QUrl target(QString::fromUtf8(result.header("Location")));
        QCOMPARE(target.toString(QUrl::RemoveQuery), kRedirect);
        const QUrlQuery back(target);
        QCOMPARE(back.queryItemValue(QStringLiteral("error")), expected);
        QVERIFY(!back.queryItemValue(QStringLiteral("error_description")).isEmpty());
        QCOMPARE(back.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), kState);
    }

    void code_wrongVerifierIsInvalidGrant()
    {
        start();
        const QString code = approvedCode();
        const HttpResult result =
            redeem(code, QStringLiteral("a-verifier-of-the-right-shape-but-not-the-one-sent"));
        QCOMPARE(result.status, 400);
        QCOMPARE(error(result), QStringLiteral("invalid_grant"));
        QVERIFY2(description(result).contains(QLatin1String("code_verifier")),
                 qPrintable(description(result)));
        // A failed redemption spends the code: guessing verifiers gets one try.
        QCOMPARE(error(redeem(code)), QStringLiteral("invalid_grant"));
    }

    void code_reusedIsInvalidGrantAndRevokesItsTokens()
    {
        start();
        const QString code = approvedCode();
        const HttpResult first = redeem(code);
        QCOMPARE(first.status, 200);
        const QString access = first.json().value(QStringLiteral("access_token")).toString();
        QCOMPARE(statusWithToken(access), 200);
        const HttpResult again = redeem(code);
        QCOMPARE(again.status, 400);
        QCOMPARE(error(again), QStringLiteral("invalid_grant"));
        QVERIFY(description(again).contains(QLatin1String("already used")));
        QCOMPARE(statusWithToken(access), 401);
    }

    void code_expiresAfterTwoMinutes()
    {
        start();
        const QString code = approvedCode();
        m_clock.advance(119 * 1000);
        const QString stillGood = approvedCode();
        QCOMPARE(redeem(stillGood).status, 200);
        m_clock.advance(2 * 1000); // 121 s after the first code was issued
        const HttpResult late = redeem(code);
        QCOMPARE(late.status, 400);
        QCOMPARE(error(late), QStringLiteral("invalid_grant"));
        QVERIFY2(description(late).contains(QLatin1String("expired")),
                 qPrintable(description(late)));
    }

    void code_isBoundToTheRedirectUriAndTheClient()
    {
        start();
        const HttpResult mismatch =
            redeem(approvedCode(), kVerifier, QStringLiteral("http://127.0.0.1:10/callback"));
        QCOMPARE(mismatch.status, 400);
        QCOMPARE(error(mismatch), QStringLiteral("invalid_grant"));
        QVERIFY(description(mismatch).contains(QLatin1String("redirect_uri")));

        const HttpResult otherClient =
            redeem(approvedCode(), kVerifier, kRedirect, QStringLiteral("another-client"));
        QCOMPARE(error(otherClient), QStringLiteral("invalid_grant"));
        QVERIFY(description(otherClient).contains(QLatin1String("another client")));

        QCOMPARE(error(redeem(QStringLiteral("sbac_not-a-code"))), QStringLiteral("invalid_grant"));
    }

    void code_missingFieldsAreInvalidRequests()
    {
        start();
        const QString code = approvedCode();
        const HttpResult noVerifier = redeem(code, QString());
        QCOMPARE(noVerifier.status, 400);
        QCOMPARE(error(noVerifier), QStringLiteral("invalid_request"));
        const HttpResult noClient = redeem(code, kVerifier, kRedirect, QString());
        QCOMPARE(noClient.status, 401);
        QCOMPARE(error(noClient), QStringLiteral("invalid_client"));
        // Neither spent the code.
        QCOMPARE(redeem(code).status, 200);
    }

    void code_worksForAPublicClientWhenAWhiteLabelClientIsConfigured()
    {
        SandboxOptions options;
        options.clientId = QStringLiteral("white-label-client");
        options.clientSecret = QStringLiteral("s3cret");
        start(options);
        QCOMPARE(redeem(approvedCode()).status, 200);
    }

    void refreshToken_rotatesAndKeepsTheScope()
    {
        start();
        const QJsonObject first = redeem(approvedCode()).json();
        const QString refresh = first.value(QStringLiteral("refresh_token")).toString();
        const auto refreshWith = [this](const QString &token, const QString &clientId,
                                        const QString &scope = {}) {
            QUrlQuery form{{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                           {QStringLiteral("refresh_token"), token},
                           {QStringLiteral("client_id"), clientId}};
            if (!scope.isEmpty())
                form.addQueryItem(QStringLiteral("scope"), scope);
            return m_client->form(QStringLiteral("/oauth/token"), form);
        };
        QCOMPARE(error(refreshWith(refresh, QStringLiteral("another-client"))),
                 QStringLiteral("invalid_grant"));
        QCOMPARE(error(refreshWith(refresh, kClient, QStringLiteral("zap:all"))),
                 QStringLiteral("invalid_scope"));
        const HttpResult renewed = refreshWith(refresh, kClient);
        QCOMPARE(renewed.status, 200);
        QCOMPARE(renewed.json().value(QStringLiteral("scope")).toString(),
                 QStringLiteral("zap zap:write action:run"));
        const QString next = renewed.json().value(QStringLiteral("refresh_token")).toString();
        QVERIFY(!next.isEmpty() && next != refresh);
        QCOMPARE(statusWithToken(renewed.json().value(QStringLiteral("access_token")).toString()),
                 200);
        QCOMPARE(error(refreshWith(refresh, kClient)), QStringLiteral("invalid_grant"));
        QCOMPARE(refreshWith(next, kClient).status, 200);
    }

    void pendingSignIns_surviveInTheStateFile()
    {
        // The CLI's in-process sandboxes share a state file: a code issued by one redeems in
        // another.
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        SandboxOptions options;
        options.statePath = directory.filePath(QStringLiteral("state.json"));
        start(options);
        const HttpResult page = openConsent();
        start(options);
        const QString code = redirectQuery(answer(page, QStringLiteral("approve")))
                                 .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        QVERIFY(!code.isEmpty());
        start(options);
        QCOMPARE(redeem(code).status, 200);
        start(options);
        QCOMPARE(error(redeem(code)), QStringLiteral("invalid_grant"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxOAuth)
#include "tst_sandboxoauth.moc"
