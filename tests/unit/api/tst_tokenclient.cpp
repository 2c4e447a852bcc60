#include "api/requestscheduler.h"
#include "api/tokenclient.h"
#include "scriptedserver.h"

#include <QTest>
#include <QUrlQuery>

using namespace ab;
using namespace ab::api;
using test::ScriptedRequest;
using test::ScriptedResponse;
using test::ScriptedServer;

namespace {

QMap<QString, QString> decodeForm(const QByteArray &body)
{
    QMap<QString, QString> fields;
    const QUrlQuery form(QString::fromLatin1(body));
    for (const auto &[name, value] : form.queryItems(QUrl::FullyDecoded))
        fields.insert(name, value);
    return fields;
}

struct Outcome {
    bool called = false;
    std::optional<core::ApiResult<TokenGrant>> result;
};

} // namespace

class TestTokenClient final : public QObject {
    Q_OBJECT

    std::unique_ptr<ScriptedServer> m_server;
    std::unique_ptr<RequestLog> m_log;
    std::unique_ptr<RequestScheduler> m_scheduler;
    core::SystemClock m_clock;

    std::unique_ptr<TokenClient> tokenClient()
    {
        TokenClientConfig config;
        config.tokenUrl = m_server->url();
        config.tokenUrl.setPath(QStringLiteral("/oauth/token"));
        config.clientId = QStringLiteral("client-1");
        config.clientSecret = QStringLiteral("client-secret-xyz");
        return std::make_unique<TokenClient>(m_scheduler.get(), config);
    }

    std::shared_ptr<Outcome> watch(core::Callback<TokenGrant> *callback)
    {
        auto outcome = std::make_shared<Outcome>();
        *callback = [outcome](core::ApiResult<TokenGrant> result) {
            outcome->called = true;
            outcome->result.emplace(std::move(result));
        };
        return outcome;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedServer>();
        QVERIFY(m_server->listen());
        m_log = std::make_unique<RequestLog>();
        m_scheduler = std::make_unique<RequestScheduler>(m_log.get(), &m_clock);
    }
    void cleanup()
    {
        m_scheduler.reset();
        m_log.reset();
        m_server.reset();
    }

    void defaults_pointAtZapier()
    {
        QCOMPARE(TokenClientConfig().tokenUrl,
                 QUrl(QStringLiteral("https://zapier.com/oauth/token")));
    }

    void form_fieldsPerFlow_data()
    {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QStringList>("expected"); // name=value, in any order
        QTest::newRow("partner JWT -> access token")
            << "jwt"
            << QStringList{
                   QStringLiteral("grant_type=urn:ietf:params:oauth:grant-type:token-exchange"),
                   QStringLiteral("client_id=client-1"),
                   QStringLiteral("client_secret=client-secret-xyz"),
                   QStringLiteral("subject_token=eyJhbGciOi.payload.signature"),
                   QStringLiteral(
                       "subject_token_type=urn:ietf:params:oauth:token-type:external-jwt"),
                   QStringLiteral(
                       "requested_token_type=urn:ietf:params:oauth:token-type:access-token"),
                   QStringLiteral("scope=external action:run connection:read")};
        QTest::newRow("access token -> connect token")
            << "connect"
            << QStringList{
                   QStringLiteral("grant_type=urn:ietf:params:oauth:grant-type:token-exchange"),
                   QStringLiteral("client_id=client-1"),
                   QStringLiteral("client_secret=client-secret-xyz"),
                   QStringLiteral("subject_token=access-token-abc"),
                   QStringLiteral(
                       "subject_token_type=urn:ietf:params:oauth:token-type:access-token"),
                   QStringLiteral(
                       "requested_token_type=urn:ietf:params:oauth:token-type:connect-token"),
                   QStringLiteral("scope=connection:write"),
                   QStringLiteral("resource=https://connect.zapier.com/to/SlackCLIAPI")};
        QTest::newRow("client credentials")
            << "client"
            << QStringList{QStringLiteral("grant_type=client_credentials"),
                           QStringLiteral("client_id=client-1"),
                           QStringLiteral("client_secret=client-secret-xyz"),
                           QStringLiteral("scope=external"), QStringLiteral("audience=zapier.com")};
    }
    void form_fieldsPerFlow()
    {
        QFETCH(QString, flow);
        QFETCH(QStringList, expected);
        m_server->enqueue(ScriptedResponse::json(
            200,
            R"({"access_token":"granted-token-123","token_type":"Bearer","expires_in":36000,"scope":"external","issued_token_type":"urn:ietf:params:oauth:token-type:access_token"})"));
        const auto client = tokenClient();
        core::Callback<TokenGrant> callback;
        const auto outcome = watch(&callback);
        if (flow == QLatin1String("jwt"))
            client->exchangePartnerJwt(QStringLiteral("eyJhbGciOi.payload.signature"),
                                       QStringLiteral("external action:run connection:read"), this,
                                       callback);
        else if (flow == QLatin1String("connect"))
            client->connectToken(QStringLiteral("access-token-abc"),
                                 QStringLiteral("https://connect.zapier.com/to/SlackCLIAPI"), this,
                                 callback);
        else
            client->clientCredentials({}, this, callback);
        QTRY_VERIFY(outcome->called);

        const ScriptedRequest &sent = m_server->requests().at(0);
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path(), QStringLiteral("/oauth/token"));
        QCOMPARE(sent.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QVERIFY(sent.header("Authorization").isEmpty());
        QStringList fields;
        const auto map = decodeForm(sent.body);
        for (auto it = map.begin(); it != map.end(); ++it)
            fields.append(it.key() + QLatin1Char('=') + it.value());
        fields.sort();
        expected.sort();
        QCOMPARE(fields, expected);
        // Spaces are %20, never '+', so no server can misread them.
        QVERIFY(!sent.body.contains('+'));

        QVERIFY(outcome->result->ok());
        const TokenGrant &grant = outcome->result->value();
        QCOMPARE(grant.accessToken, QStringLiteral("granted-token-123"));
        QCOMPARE(grant.tokenType, QStringLiteral("Bearer"));
        QCOMPARE(grant.expiresIn, 36000);
        QCOMPARE(grant.scope, QStringLiteral("external"));
        QCOMPARE(grant.issuedTokenType,
                 QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));

        // Neither what was sent nor what came back is readable in the log.
        const core::RequestRecord record = outcome->result->calls.at(0);
        for (const QByteArray &secret :
             {QByteArray("client-secret-xyz"), QByteArray("granted-token-123"),
              QByteArray("eyJhbGciOi"), QByteArray("access-token-abc")}) {
            QVERIFY2(!record.requestBody.contains(secret), record.requestBody.constData());
            QVERIFY(!record.responseBody.contains(secret));
        }
        QVERIFY(!m_log->redactor().redactBody("granted-token-123").contains("granted-token-123"));
    }

    void grant_withoutExpiry_defaultsToAnHour()
    {
        m_server->enqueue(ScriptedResponse::json(200, R"({"access_token":"t-1234567"})"));
        const auto client = tokenClient();
        core::Callback<TokenGrant> callback;
        const auto outcome = watch(&callback);
        client->clientCredentials(QStringLiteral("external"), this, callback);
        QTRY_VERIFY(outcome->called);
        QCOMPARE(outcome->result->value().expiresIn, 3600);
    }

    void errors_areTyped_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<core::ErrorKind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("detail");
        QTest::newRow("invalid_grant")
            << 400
            << QByteArray(
                   R"({"error":"invalid_grant","error_description":"JWT audience must be connect.zapier.com"})")
            << core::ErrorKind::BadRequest << "invalid_grant"
            << "JWT audience must be connect.zapier.com";
        QTest::newRow("invalid_client") << 401 << QByteArray(R"({"error":"invalid_client"})")
                                        << core::ErrorKind::Unauthorized << "invalid_client"
                                        << "";
        QTest::newRow("no access_token in a 200") << 200 << QByteArray(R"({"token_type":"Bearer"})")
                                                  << core::ErrorKind::MalformedResponse << ""
                                                  << "access_token is missing";
        QTest::newRow("HTML") << 503 << QByteArray("<html>down</html>")
                              << core::ErrorKind::Unavailable << ""
                              << "the error body is not JSON";
    }
    void errors_areTyped()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(core::ErrorKind, kind);
        QFETCH(QString, code);
        QFETCH(QString, detail);
        m_server->enqueue(ScriptedResponse::json(status, body));
        const auto client = tokenClient();
        core::Callback<TokenGrant> callback;
        const auto outcome = watch(&callback);
        client->exchangePartnerJwt(QStringLiteral("jwt.jwt.jwt"), QStringLiteral("external"), this,
                                   callback);
        QTRY_VERIFY(outcome->called);
        QVERIFY(!outcome->result->ok());
        const core::ApiError &error = outcome->result->error();
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.code, code);
        QCOMPARE(error.detail, detail);
        QCOMPARE(m_server->requests().size(), 1); // a token request is never re-sent
    }
};

QTEST_GUILESS_MAIN(TestTokenClient)
#include "tst_tokenclient.moc"
