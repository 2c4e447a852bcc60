// Tokens, the Connect page and rate limits of the sandbox.
#include "partnerapitestbase.h"

#include "sandbox/sandboxserver.h"
#include "support/manualclock.h"

#include <QRegularExpression>
#include <QTest>

using namespace ab::sandbox;
using ab::test::HttpResult;
using ab::test::ManualClock;
using ab::test::SandboxClient;

namespace {

const QString kExchange = QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange");
const QString kJwtType = QStringLiteral("urn:ietf:params:oauth:token-type:external-jwt");
const QString kAccessType = QStringLiteral("urn:ietf:params:oauth:token-type:access-token");
const QString kConnectType = QStringLiteral("urn:ietf:params:oauth:token-type:connect-token");

QByteArray base64Url(const QJsonObject &object)
{
    return QJsonDocument(object)
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString makeJwt(const QJsonObject &header, const QJsonObject &payload)
{
    return QString::fromLatin1(base64Url(header) + '.' + base64Url(payload) + ".c2lnbmF0dXJl");
}

} // namespace

class TestSandboxAuth final : public ab::test::PartnerApiTestBase {
    Q_OBJECT

private:
    ManualClock m_clock;

    void start(SandboxOptions options = {})
    {
        options.clock = &m_clock;
        startSandbox(std::move(options));
    }

    qint64 now() const { return m_clock.now().toSecsSinceEpoch(); }

    QJsonObject claims() const
    {
        return QJsonObject{{QStringLiteral("sub"), QStringLiteral("user-42")},
                           {QStringLiteral("org_id"), QStringLiteral("tenant-7")},
                           {QStringLiteral("iss"), QStringLiteral("https://partner.example")},
                           {QStringLiteral("aud"), QStringLiteral("connect.zapier.com")},
                           {QStringLiteral("iat"), double(now())},
                           {QStringLiteral("nbf"), double(now())},
                           {QStringLiteral("exp"), double(now() + 120)}};
    }
    static QJsonObject jwtHeader()
    {
        return QJsonObject{{QStringLiteral("alg"), QStringLiteral("RS256")},
                           {QStringLiteral("typ"), QStringLiteral("JWT")},
                           {QStringLiteral("kid"), QStringLiteral("key-1")}};
    }

    HttpResult exchange(const QString &jwt, const QString &clientId = QStringLiteral("partner"))
    {
        return m_client->form(
            QStringLiteral("/oauth/token"),
            QUrlQuery{{QStringLiteral("grant_type"), kExchange},
                      {QStringLiteral("client_id"), clientId},
                      {QStringLiteral("client_secret"), QStringLiteral("s3cret")},
                      {QStringLiteral("subject_token"), jwt},
                      {QStringLiteral("subject_token_type"), kJwtType},
                      {QStringLiteral("requested_token_type"), kAccessType},
                      {QStringLiteral("scope"), QStringLiteral("external action:run")}});
    }

    QString connectToken(const QString &accessToken, const QString &app)
    {
        const HttpResult result =
            m_client->form(QStringLiteral("/oauth/token/"),
                           QUrlQuery{{QStringLiteral("grant_type"), kExchange},
                                     {QStringLiteral("client_id"), QStringLiteral("partner")},
                                     {QStringLiteral("subject_token"), accessToken},
                                     {QStringLiteral("subject_token_type"), kAccessType},
                                     {QStringLiteral("requested_token_type"), kConnectType},
                                     {QStringLiteral("scope"), QStringLiteral("connection:write")},
                                     {QStringLiteral("resource"),
                                      QStringLiteral("https://connect.zapier.com/to/") + app}});
        return result.json().value(QStringLiteral("access_token")).toString();
    }

    // Opens the Connect page and clicks a button; returns the redirect target.
    QUrl connect(const QString &app, const QString &token, const QString &button,
                 const QString &reconnectId = {})
    {
        QUrlQuery query{
            {QStringLiteral("token"), token},
            {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:9/callback")},
            {QStringLiteral("state"), QStringLiteral("xyz")}};
        if (!reconnectId.isEmpty())
            query.addQueryItem(QStringLiteral("reconnect_id"), reconnectId);
        const HttpResult page = m_client->get(QStringLiteral("/connect/to/") + app, query);
        if (page.status == 302)
            return QUrl(QString::fromUtf8(page.header("Location")));
        const QRegularExpression link(QStringLiteral("id=\"%1\" href=\"([^\"]+)\"").arg(button));
        const QString href = link.match(QString::fromUtf8(page.body))
                                 .captured(1)
                                 .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        const HttpResult decision = m_client->send("GET", QUrl(href), {});
        return QUrl(QString::fromUtf8(decision.header("Location")));
    }

private Q_SLOTS:
    void cleanup() { stopSandbox(); } // before m_clock, which the server refers to

    void exchange_jwtForAccessTokenUsableAsBearer()
    {
        start();
        const HttpResult result = exchange(makeJwt(jwtHeader(), claims()));
        QCOMPARE(result.status, 200);
        const QJsonObject token = result.json();
        QCOMPARE(token.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(token.value(QStringLiteral("expires_in")).toInt(), 36000);
        QCOMPARE(token.value(QStringLiteral("issued_token_type")).toString(), kAccessType);
        QCOMPARE(token.value(QStringLiteral("scope")).toString(),
                 QStringLiteral("external action:run"));
        QCOMPARE(result.header("Cache-Control"), QByteArray("no-store"));
        m_client->setToken(token.value(QStringLiteral("access_token")).toString());
        QCOMPARE(m_client->get(QStringLiteral("/v2/apps")).status, 200);
        // Minted tokens expire.
        m_clock.advance(36001 * 1000LL);
        QCOMPARE(m_client->get(QStringLiteral("/v2/apps")).status, 401);
    }

    void exchange_refusesBadJwts_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a jwt") << "shape"
                                   << "three base64url parts";
        QTest::newRow("audience") << "aud"
                                  << "aud";
        QTest::newRow("expired") << "exp"
                                 << "expired";
        QTest::newRow("too long") << "lifetime"
                                  << "300 seconds";
        QTest::newRow("no kid") << "kid"
                                << "kid";
        QTest::newRow("hmac") << "alg"
                              << "alg";
        QTest::newRow("no subject") << "sub"
                                    << "sub";
    }
    void exchange_refusesBadJwts()
    {
        QFETCH(QString, change);
        QFETCH(QString, expected);
        start();
        QJsonObject header = jwtHeader();
        QJsonObject payload = claims();
        if (change == QLatin1String("aud"))
            payload.insert(QStringLiteral("aud"), QStringLiteral("zapier.com"));
        else if (change == QLatin1String("exp"))
            payload.insert(QStringLiteral("exp"), double(now() - 1));
        else if (change == QLatin1String("lifetime"))
            payload.insert(QStringLiteral("exp"), double(now() + 600));
        else if (change == QLatin1String("kid"))
            header.remove(QStringLiteral("kid"));
        else if (change == QLatin1String("alg"))
            header.insert(QStringLiteral("alg"), QStringLiteral("HS256"));
        else if (change == QLatin1String("sub"))
            payload.remove(QStringLiteral("sub"));
        const QString jwt =
            change == QLatin1String("shape") ? QStringLiteral("abc.def") : makeJwt(header, payload);
        const HttpResult result = exchange(jwt);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_grant"));
        QVERIFY2(
            result.json().value(QStringLiteral("error_description")).toString().contains(expected),
            qPrintable(result.json().value(QStringLiteral("error_description")).toString()));
    }

    void exchange_signatureHookCanRefuse()
    {
        SandboxOptions options;
        options.jwtVerifier = [](const QByteArray &, const QByteArray &payload,
                                 const QByteArray &signingInput, const QByteArray &signature,
                                 QString *error) {
            *error = QStringLiteral("kid key-1 unknown");
            return !payload.isEmpty() && signingInput.contains('.') && signature == "not-this";
        };
        start(options);
        const HttpResult result = exchange(makeJwt(jwtHeader(), claims()));
        QCOMPARE(result.status, 400);
        QCOMPARE(result.json().value(QStringLiteral("error_description")).toString(),
                 QStringLiteral("kid key-1 unknown"));
    }

    void clientAuthentication_andGrantTypes()
    {
        SandboxOptions options;
        options.clientId = QStringLiteral("partner");
        options.clientSecret = QStringLiteral("s3cret");
        start(options);
        QCOMPARE(exchange(makeJwt(jwtHeader(), claims())).status, 200);
        const HttpResult wrongClient =
            exchange(makeJwt(jwtHeader(), claims()), QStringLiteral("intruder"));
        QCOMPARE(wrongClient.status, 401);
        QCOMPARE(wrongClient.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_client"));
        const HttpResult unsupported =
            m_client->form(QStringLiteral("/oauth/token"),
                           QUrlQuery{{QStringLiteral("grant_type"), QStringLiteral("password")},
                                     {QStringLiteral("client_id"), QStringLiteral("partner")},
                                     {QStringLiteral("client_secret"), QStringLiteral("s3cret")}});
        QCOMPARE(unsupported.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("unsupported_grant_type"));
        QCOMPARE(m_client->form(QStringLiteral("/oauth/token"), {})
                     .json()
                     .value(QStringLiteral("error"))
                     .toString(),
                 QStringLiteral("invalid_request"));

        // Client credentials with HTTP Basic client authentication.
        m_client->setToken({});
        const HttpResult basic = m_client->send(
            "POST", m_client->url(QStringLiteral("/oauth/token")),
            "grant_type=client_credentials&scope=external", "application/x-www-form-urlencoded",
            {{"Authorization", "Basic " + QByteArray("partner:s3cret").toBase64()}});
        QCOMPARE(basic.status, 200);
        QCOMPARE(basic.json().value(QStringLiteral("scope")).toString(),
                 QStringLiteral("external"));
        const HttpResult viaForm = m_client->form(
            QStringLiteral("/oauth/token"),
            QUrlQuery{{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                      {QStringLiteral("client_id"), QStringLiteral("partner")},
                      {QStringLiteral("client_secret"), QStringLiteral("s3cret")}});
        QCOMPARE(viaForm.status, 200);
        QCOMPARE(viaForm.json().value(QStringLiteral("expires_in")).toInt(), 3600);
    }

    void connectToken_needsAccessTokenAndResource()
    {
        start();
        const QString connect =
            connectToken(QStringLiteral("sandbox-token"), QStringLiteral("SlackCLIAPI"));
        QVERIFY(connect.startsWith(QStringLiteral("sbct_")));
        const HttpResult noResource = m_client->form(
            QStringLiteral("/oauth/token"),
            QUrlQuery{{QStringLiteral("grant_type"), kExchange},
                      {QStringLiteral("client_id"), QStringLiteral("partner")},
                      {QStringLiteral("subject_token"), QStringLiteral("sandbox-token")},
                      {QStringLiteral("subject_token_type"), kAccessType},
                      {QStringLiteral("requested_token_type"), kConnectType}});
        QCOMPARE(noResource.status, 400);
        QCOMPARE(noResource.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_request"));
        QVERIFY(
            connectToken(QStringLiteral("not-a-token"), QStringLiteral("SlackCLIAPI")).isEmpty());
        // A connect token is for the browser only, never a bearer token.
        m_client->setToken(connect);
        QCOMPARE(m_client->get(QStringLiteral("/v2/apps")).status, 401);
    }

    void connectPage_createsAndRevivesConnections()
    {
        start();
        const QUrl created =
            connect(QStringLiteral("SlackCLIAPI"),
                    connectToken(QStringLiteral("sandbox-token"), QStringLiteral("SlackCLIAPI")),
                    QStringLiteral("allow"));
        const QUrlQuery result(created);
        QCOMPARE(created.path(), QStringLiteral("/callback"));
        QCOMPARE(result.queryItemValue(QStringLiteral("authentication_id")),
                 QStringLiteral("sb-conn-slack-new-1"));
        QCOMPARE(result.queryItemValue(QStringLiteral("service")), QStringLiteral("SlackCLIAPI"));
        QCOMPARE(result.queryItemValue(QStringLiteral("state")), QStringLiteral("xyz"));
        const QString slack = m_server->catalog().app(QStringLiteral("slack"))->id;
        const HttpResult list =
            m_client->get(QStringLiteral("/v2/authentications"),
                          QUrlQuery{{QStringLiteral("app"), slack},
                                    {QStringLiteral("offset"), QStringLiteral("10")}});
        QCOMPARE(list.json()
                     .value(QStringLiteral("meta"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 13);
        QCOMPARE(list.data().last().toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("sb-conn-slack-new-1"));

        const QString sf = m_server->catalog().app(QStringLiteral("salesforce"))->id;
        const QUrl revived = connect(sf, connectToken(QStringLiteral("sandbox-token"), sf),
                                     QStringLiteral("allow"), QStringLiteral("sb-conn-sf-expired"));
        QCOMPARE(QUrlQuery(revived).queryItemValue(QStringLiteral("authentication_id")),
                 QStringLiteral("sb-conn-sf-expired"));
        const HttpResult sfList = m_client->get(QStringLiteral("/v2/authentications"),
                                                QUrlQuery{{QStringLiteral("app"), sf}});
        QCOMPARE(sfList.data().first().toObject().value(QStringLiteral("is_expired")).toBool(),
                 false);

        const QString token =
            connectToken(QStringLiteral("sandbox-token"), QStringLiteral("GoogleMailV2CLIAPI"));
        const QUrl denied =
            connect(QStringLiteral("GoogleMailV2CLIAPI"), token, QStringLiteral("deny"));
        QCOMPARE(QUrlQuery(denied).queryItemValue(QStringLiteral("error")),
                 QStringLiteral("server_error"));
        // Single use: the same token cannot open the page again.
        const QUrl reused =
            connect(QStringLiteral("GoogleMailV2CLIAPI"), token, QStringLiteral("allow"));
        QCOMPARE(QUrlQuery(reused).queryItemValue(QStringLiteral("error")),
                 QStringLiteral("invalid_request"));
        QCOMPARE(QUrlQuery(reused).queryItemValue(QStringLiteral("error_description")),
                 QStringLiteral("Invalid token"));
    }

    void authentications_pageAndRequireApp()
    {
        start();
        QCOMPARE(m_client->get(QStringLiteral("/v2/authentications")).status, 400);
        const QString slack = m_server->catalog().app(QStringLiteral("slack"))->id;
        const HttpResult first = m_client->get(QStringLiteral("/v2/authentications"),
                                               QUrlQuery{{QStringLiteral("app"), slack}});
        QCOMPARE(first.data().size(), 10);
        const QJsonObject connection = first.data().first().toObject();
        QCOMPARE(connection.value(QStringLiteral("type")).toString(),
                 QStringLiteral("authentication"));
        QCOMPARE(connection.value(QStringLiteral("app")).toString(), slack);
        QCOMPARE(connection.value(QStringLiteral("title")).toString(),
                 QStringLiteral("Slack workspace-01.slack.com"));
        const QString next = first.json()
                                 .value(QStringLiteral("links"))
                                 .toObject()
                                 .value(QStringLiteral("next"))
                                 .toString();
        const HttpResult second = m_client->send("GET", QUrl(next), {});
        QCOMPARE(second.data().size(), 2);
        QVERIFY(second.json()
                    .value(QStringLiteral("links"))
                    .toObject()
                    .value(QStringLiteral("next"))
                    .isNull());
    }

    void rateLimit_partnerApiRefusesThenCoolsDown()
    {
        SandboxOptions options;
        options.acceptedTokens = {};
        options.rateLimitPerMinute = 3;
        options.rateLimitCooldownSeconds = 60;
        start(options);
        for (int remaining : {2, 1, 0}) {
            const HttpResult ok = m_client->get(QStringLiteral("/v2/apps"));
            QCOMPARE(ok.status, 200);
            QCOMPARE(ok.header("X-RateLimit-Limit"), QByteArray("3"));
            QCOMPARE(ok.header("X-RateLimit-Remaining"), QByteArray::number(remaining));
        }
        const HttpResult limited = m_client->get(QStringLiteral("/v2/apps"));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), QStringLiteral("throttled"));
        QCOMPARE(limited.header("Retry-After"), QByteArray("60"));
        QCOMPARE(limited.header("X-RateLimit-Remaining"), QByteArray("0"));
        QCOMPARE(limited.header("X-RateLimit-Reset").toLongLong(), now() + 60);
        // Another client has its own budget.
        SandboxClient other(m_server->baseUrl(), QStringLiteral("another-token"));
        QCOMPARE(other.get(QStringLiteral("/v2/apps")).status, 200);
        m_clock.advance(59000);
        QCOMPARE(m_client->get(QStringLiteral("/v2/apps")).header("Retry-After"), QByteArray("1"));
        m_clock.advance(1000);
        QCOMPARE(m_client->get(QStringLiteral("/v2/apps")).status, 200);
    }

    void rateLimit_actionsApiHasItsOwnWindow()
    {
        SandboxOptions options;
        options.actionsRateLimitPer300s = 2;
        start(options);
        QCOMPARE(m_client->get(QStringLiteral("/actions/v1/stored-actions")).status, 200);
        QCOMPARE(m_client->get(QStringLiteral("/actions/v1/stored-actions")).status, 200);
        const HttpResult limited = m_client->get(QStringLiteral("/actions/v1/stored-actions"));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), QStringLiteral("too_many_requests"));
        QCOMPARE(limited.header("Retry-After"), QByteArray("300"));
        QCOMPARE(m_client->get(QStringLiteral("/v2/apps")).status, 200); // Partner API unaffected
        QVERIFY(m_client->get(QStringLiteral("/v2/apps")).header("X-RateLimit-Limit").isEmpty());
        m_clock.advance(300000);
        QCOMPARE(m_client->get(QStringLiteral("/actions/v1/stored-actions")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestSandboxAuth)
#include "tst_sandboxauth.moc"
