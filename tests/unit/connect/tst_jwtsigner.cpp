#include "api/jsontext.h"
#include "connect/jwtsigner.h"
#include "testkeys.h"

#include <QTest>

using namespace ab;
using connect::JwtAlgorithm;
using connect::JwtClaims;
using connect::JwtErrorKind;
using connect::JwtSigner;

namespace {

constexpr qint64 now = 1767268800;

JwtClaims claims(JwtAlgorithm algorithm)
{
    JwtClaims claims;
    claims.keyId = QStringLiteral("key-2026");
    claims.issuer = QStringLiteral("https://accounts.partner.example");
    claims.subject = QStringLiteral("user_123");
    claims.organisationClaim = QStringLiteral("tenant_id");
    claims.organisationValue = QStringLiteral("org_456");
    claims.algorithm = algorithm;
    return claims;
}

QVariantMap part(const QByteArray &base64)
{
    return api::fromJsonText(
               QByteArray::fromBase64(base64, QByteArray::Base64UrlEncoding |
                                                  QByteArray::AbortOnBase64DecodingErrors))
        .toMap();
}

} // namespace

class TestJwtSigner final : public QObject {
    Q_OBJECT

private:
    test::TestKeyPair m_rsa;
    test::TestKeyPair m_ec;

private Q_SLOTS:
    void initTestCase()
    {
        m_rsa = test::makeRsaKeyPair();
        m_ec = test::makeEcKeyPair();
        QVERIFY(m_rsa.privatePem.startsWith("-----BEGIN PRIVATE KEY-----"));
        QVERIFY(!m_ec.publicPem.isEmpty());
    }

    void sign_producesAVerifiableToken_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::newRow("RS256") << int(JwtAlgorithm::RS256);
        QTest::newRow("ES256") << int(JwtAlgorithm::ES256);
    }

    void sign_producesAVerifiableToken()
    {
        QFETCH(int, algorithm);
        const auto alg = JwtAlgorithm(algorithm);
        const test::TestKeyPair &keys = alg == JwtAlgorithm::RS256 ? m_rsa : m_ec;
        const connect::SignedJwt jwt = JwtSigner::sign(keys.privatePem, claims(alg), now);
        QVERIFY2(jwt.ok(), qPrintable(jwt.detail));
        const QList<QByteArray> parts = jwt.token.toLatin1().split('.');
        QCOMPARE(parts.size(), 3);
        for (const QByteArray &piece : parts) {
            QVERIFY(!piece.contains('='));
            QVERIFY(!piece.contains('+') && !piece.contains('/'));
        }
        const QByteArray signature =
            QByteArray::fromBase64(parts.at(2), QByteArray::Base64UrlEncoding);
        if (alg == JwtAlgorithm::ES256)
            QCOMPARE(signature.size(), 64); // JOSE R||S, not DER
        const QByteArray algName = connect::jwtAlgorithmName(alg).toLatin1();
        QVERIFY(
            test::verifyJws(keys.publicPem, algName, parts.at(0) + '.' + parts.at(1), signature));
        // A changed payload no longer verifies.
        QVERIFY(!test::verifyJws(keys.publicPem, algName, parts.at(0) + ".e30", signature));
    }

    void sign_headerAndClaims()
    {
        const connect::SignedJwt jwt =
            JwtSigner::sign(m_rsa.privatePem, claims(JwtAlgorithm::RS256), now);
        QVERIFY(jwt.ok());
        const QList<QByteArray> parts = jwt.token.toLatin1().split('.');
        const QVariantMap header = part(parts.at(0));
        QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
        QCOMPARE(header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
        QCOMPARE(header.value(QStringLiteral("kid")).toString(), QStringLiteral("key-2026"));
        const QVariantMap payload = part(parts.at(1));
        QCOMPARE(payload.value(QStringLiteral("iss")).toString(),
                 QStringLiteral("https://accounts.partner.example"));
        QCOMPARE(payload.value(QStringLiteral("sub")).toString(), QStringLiteral("user_123"));
        QCOMPARE(payload.value(QStringLiteral("tenant_id")).toString(), QStringLiteral("org_456"));
        QCOMPARE(payload.value(QStringLiteral("aud")).toString(),
                 QStringLiteral("connect.zapier.com"));
        QCOMPARE(payload.value(QStringLiteral("iat")).toLongLong(), now);
        QCOMPARE(payload.value(QStringLiteral("nbf")).toLongLong(), now);
        QCOMPARE(payload.value(QStringLiteral("exp")).toLongLong(), now + 300);
        QCOMPARE(jwt.expiresAt - jwt.issuedAt, 300);
        // Integers, not 1.7e9: a strict verifier wants NumericDate as a JSON number.
        QVERIFY(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding)
                    .contains("\"iat\":1767268800"));
    }

    void sign_lifetimeIsAtMostFiveMinutes_data()
    {
        QTest::addColumn<int>("lifetime");
        QTest::addColumn<bool>("ok");
        QTest::newRow("60 s") << 60 << true;
        QTest::newRow("300 s") << 300 << true;
        QTest::newRow("301 s") << 301 << false;
        QTest::newRow("0 s") << 0 << false;
    }

    void sign_lifetimeIsAtMostFiveMinutes()
    {
        QFETCH(int, lifetime);
        QFETCH(bool, ok);
        JwtClaims input = claims(JwtAlgorithm::ES256);
        input.lifetimeSeconds = lifetime;
        const connect::SignedJwt jwt = JwtSigner::sign(m_ec.privatePem, input, now);
        QCOMPARE(jwt.ok(), ok);
        if (ok)
            QCOMPARE(jwt.expiresAt, now + lifetime);
        else
            QCOMPARE(jwt.error, JwtErrorKind::BadLifetime);
    }

    void sign_reportsWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<int>("algorithm");
        QTest::addColumn<QString>("emptyClaim");
        QTest::addColumn<int>("error");
        const int rs = int(JwtAlgorithm::RS256);
        const int es = int(JwtAlgorithm::ES256);
        QTest::newRow("not PEM") << QByteArray("hello") << rs << QString()
                                 << int(JwtErrorKind::BadPrivateKey);
        QTest::newRow("empty") << QByteArray() << rs << QString()
                               << int(JwtErrorKind::BadPrivateKey);
        QTest::newRow("truncated PEM")
            << QByteArray("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY-----\n")
            << rs << QString() << int(JwtErrorKind::BadPrivateKey);
        QTest::newRow("public key")
            << QByteArray("public") << rs << QString() << int(JwtErrorKind::BadPrivateKey);
        QTest::newRow("EC key for RS256")
            << QByteArray("ec") << rs << QString() << int(JwtErrorKind::WrongKeyType);
        QTest::newRow("RSA key for ES256")
            << QByteArray("rsa") << es << QString() << int(JwtErrorKind::WrongKeyType);
        QTest::newRow("P-384 key for ES256")
            << QByteArray("p384") << es << QString() << int(JwtErrorKind::WrongKeyType);
        QTest::newRow("no kid") << QByteArray("rsa") << rs << QStringLiteral("kid")
                                << int(JwtErrorKind::MissingClaim);
        QTest::newRow("no org claim name") << QByteArray("rsa") << rs << QStringLiteral("orgName")
                                           << int(JwtErrorKind::MissingClaim);
        QTest::newRow("no sub") << QByteArray("rsa") << rs << QStringLiteral("sub")
                                << int(JwtErrorKind::MissingClaim);
    }

    void sign_reportsWhatIsWrong()
    {
        QFETCH(QByteArray, pem);
        QFETCH(int, algorithm);
        QFETCH(QString, emptyClaim);
        QFETCH(int, error);
        if (pem == "rsa")
            pem = m_rsa.privatePem;
        else if (pem == "ec")
            pem = m_ec.privatePem;
        else if (pem == "public")
            pem = m_rsa.publicPem;
        else if (pem == "p384")
            pem = test::makeEcKeyPair("P-384").privatePem;
        JwtClaims input = claims(JwtAlgorithm(algorithm));
        if (emptyClaim == QLatin1String("kid"))
            input.keyId.clear();
        else if (emptyClaim == QLatin1String("orgName"))
            input.organisationClaim.clear();
        else if (emptyClaim == QLatin1String("sub"))
            input.subject = QStringLiteral("  ");
        const connect::SignedJwt jwt = JwtSigner::sign(pem, input, now);
        QCOMPARE(int(jwt.error), error);
        QVERIFY(jwt.token.isEmpty());
        QVERIFY(!jwt.detail.isEmpty());
        QVERIFY(!jwt.detail.contains(QLatin1String("BEGIN"))); // no key material in messages
    }

    void algorithmNames_roundTrip()
    {
        JwtAlgorithm algorithm = JwtAlgorithm::RS256;
        QVERIFY(connect::parseJwtAlgorithm(QStringLiteral("ES256"), &algorithm));
        QCOMPARE(algorithm, JwtAlgorithm::ES256);
        QVERIFY(!connect::parseJwtAlgorithm(QStringLiteral("HS256"), &algorithm));
        QVERIFY(!connect::parseJwtAlgorithm(QStringLiteral("es256"), &algorithm));
    }
};

QTEST_GUILESS_MAIN(TestJwtSigner)
#include "tst_jwtsigner.moc"
