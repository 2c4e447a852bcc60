#include "connect/credentials.h"
#include "connect/settingsstore.h"
#include "support/memorysecretstore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ab;
using namespace ab::connect;

namespace {

const QString environment = QStringLiteral("https://api.zapier.com");

Credentials exchangeCredentials()
{
    Credentials credentials;
    credentials.mode = CredentialMode::WhiteLabelExchange;
    credentials.connectBase = QUrl(QStringLiteral("https://connect.zapier.com/to/"));
    credentials.exchange.clientId = QStringLiteral("client-abc");
    credentials.exchange.tokenUrl = QUrl(QStringLiteral("https://zapier.com/oauth/token"));
    credentials.exchange.jwtSource = JwtSource::SignedLocally;
    credentials.exchange.claims.keyId = QStringLiteral("kid-1");
    credentials.exchange.claims.issuer = QStringLiteral("https://issuer.example");
    credentials.exchange.claims.subject = QStringLiteral("user-1");
    credentials.exchange.claims.organisationClaim = QStringLiteral("org_id");
    credentials.exchange.claims.organisationValue = QStringLiteral("org-9");
    credentials.exchange.claims.algorithm = JwtAlgorithm::ES256;
    credentials.exchange.claims.lifetimeSeconds = 120;
    credentials.accessTokenExpiresAt = 1767270000;
    return credentials;
}

// Waits for one asynchronous store answer.
class Done final : public QObject {
    Q_OBJECT

public:
    secrets::WriteCallback callback()
    {
        return [this](const secrets::SecretError &error) {
            m_error = error;
            Q_EMIT done();
        };
    }
    secrets::ReadCallback reader()
    {
        return [this](const secrets::SecretError &error, const QString &value) {
            m_error = error;
            m_value = value;
            Q_EMIT done();
        };
    }
    secrets::SecretError m_error;
    QString m_value;

Q_SIGNALS:
    void done();
};

} // namespace

class TestCredentials final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void saveAndLoad_roundTripsEveryNonSecretSetting()
    {
        MemorySettingsStore settings;
        test::MemorySecretStore secrets;
        CredentialStore store(&settings, &secrets);
        QVERIFY(!store.isConfigured(environment));
        store.save(environment, exchangeCredentials());
        QVERIFY(store.isConfigured(environment));
        QCOMPARE(store.environments(), QStringList{environment});
        const Credentials loaded = store.load(environment);
        const Credentials expected = exchangeCredentials();
        QCOMPARE(loaded.mode, expected.mode);
        QCOMPARE(loaded.connectBase, expected.connectBase);
        QCOMPARE(loaded.exchange.clientId, expected.exchange.clientId);
        QCOMPARE(loaded.exchange.tokenUrl, expected.exchange.tokenUrl);
        QCOMPARE(loaded.exchange.scope, expected.exchange.scope);
        QCOMPARE(loaded.exchange.jwtSource, JwtSource::SignedLocally);
        QCOMPARE(loaded.exchange.claims.keyId, expected.exchange.claims.keyId);
        QCOMPARE(loaded.exchange.claims.issuer, expected.exchange.claims.issuer);
        QCOMPARE(loaded.exchange.claims.subject, expected.exchange.claims.subject);
        QCOMPARE(loaded.exchange.claims.organisationClaim, QStringLiteral("org_id"));
        QCOMPARE(loaded.exchange.claims.organisationValue, QStringLiteral("org-9"));
        QCOMPARE(loaded.exchange.claims.algorithm, JwtAlgorithm::ES256);
        QCOMPARE(loaded.exchange.claims.lifetimeSeconds, 120);
        QCOMPARE(loaded.accessTokenExpiresAt, expected.accessTokenExpiresAt);
        QCOMPARE(secrets.operationCount(), 0); // settings never touch the keychain
    }

    void saveAndLoad_roundTripsThePkceSettings()
    {
        MemorySettingsStore settings;
        test::MemorySecretStore secrets;
        CredentialStore store(&settings, &secrets);
        Credentials credentials;
        credentials.mode = CredentialMode::OAuthPkce;
        credentials.pkce.clientId = QStringLiteral("partner-client");
        credentials.pkce.scope = QStringLiteral("zap action:run");
        credentials.pkce.authorizeUrl = QUrl(QStringLiteral("http://127.0.0.1:8765/v2/authorize"));
        credentials.pkce.tokenUrl = QUrl(QStringLiteral("http://127.0.0.1:8765/oauth/token"));
        credentials.pkce.redirectPort = 53682;
        store.save(environment, credentials);
        const PkceSettings loaded = store.load(environment).pkce;
        QCOMPARE(store.load(environment).mode, CredentialMode::OAuthPkce);
        QCOMPARE(loaded.clientId, credentials.pkce.clientId);
        QCOMPARE(loaded.scope, credentials.pkce.scope);
        QCOMPARE(loaded.authorizeUrl, credentials.pkce.authorizeUrl);
        QCOMPARE(loaded.tokenUrl, credentials.pkce.tokenUrl);
        QCOMPARE(loaded.redirectPort, quint16(53682));

        // Zapier's URLs and any free port are the defaults.
        credentials.pkce = PkceSettings();
        credentials.pkce.clientId = QStringLiteral("partner-client");
        store.save(environment, credentials);
        QCOMPARE(store.load(environment).pkce.authorizeUrl,
                 QUrl(QStringLiteral("https://api.zapier.com/v2/authorize")));
        QCOMPARE(store.load(environment).pkce.tokenUrl,
                 QUrl(QStringLiteral("https://zapier.com/oauth/token/")));
        QCOMPARE(store.load(environment).pkce.redirectPort, quint16(0));
    }

    void secrets_goToTheSecretStoreOnly()
    {
        MemorySettingsStore settings;
        test::MemorySecretStore secrets;
        CredentialStore store(&settings, &secrets);
        store.save(environment, exchangeCredentials());
        const QStringList values{QStringLiteral("client-secret-value-1"),
                                 QStringLiteral("-----BEGIN PRIVATE KEY-----\nAAAA\n"),
                                 QStringLiteral("eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl"),
                                 QStringLiteral("access-token-value-1")};
        const SecretKind kinds[] = {SecretKind::ClientSecret, SecretKind::PrivateKey,
                                    SecretKind::PartnerJwt, SecretKind::AccessToken};
        for (int i = 0; i < 4; ++i) {
            Done done;
            QSignalSpy spy(&done, &Done::done);
            store.writeSecret(environment, kinds[i], values.at(i), &done, done.callback());
            QVERIFY(spy.wait(5000));
            QVERIFY(done.m_error.ok());
        }
        QCOMPARE(secrets.entries().value(secretKey(environment, SecretKind::ClientSecret)),
                 values.at(0));
        // Not one byte of a secret in the settings, keys or values.
        for (auto it = settings.values().cbegin(); it != settings.values().cend(); ++it) {
            for (const QString &secret : values) {
                QVERIFY2(!it.key().contains(secret), qPrintable(it.key()));
                QVERIFY2(!it.value().toString().contains(secret), qPrintable(it.key()));
            }
        }
        Done read;
        QSignalSpy readSpy(&read, &Done::done);
        store.readSecret(environment, SecretKind::AccessToken, &read, read.reader());
        QVERIFY(readSpy.wait(5000));
        QCOMPARE(read.m_value, values.at(3));
    }

    void signOut_removesSettingsAndEverySecret()
    {
        MemorySettingsStore settings;
        test::MemorySecretStore secrets;
        CredentialStore store(&settings, &secrets);
        const QString other = QStringLiteral("sandbox");
        store.save(environment, exchangeCredentials());
        store.save(other, exchangeCredentials());
        for (const SecretKind kind : allSecretKinds) {
            secrets.insert(secretKey(environment, kind), QStringLiteral("value"));
            secrets.insert(secretKey(other, kind), QStringLiteral("value"));
        }
        Done done;
        QSignalSpy spy(&done, &Done::done);
        store.signOut(environment, &done, done.callback());
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.size(), 1);
        QVERIFY(done.m_error.ok());
        QVERIFY(!store.isConfigured(environment));
        for (const SecretKind kind : allSecretKinds) {
            QVERIFY(!secrets.entries().contains(secretKey(environment, kind)));
            QVERIFY(secrets.entries().contains(secretKey(other, kind))); // others untouched
        }
        QCOMPARE(store.environments(), QStringList{other});
    }

    void signOut_reportsAKeychainFailure()
    {
        MemorySettingsStore settings;
        test::MemorySecretStore secrets;
        CredentialStore store(&settings, &secrets);
        store.save(environment, exchangeCredentials());
        secrets.setFailure(secrets::SecretErrorKind::NoBackend);
        Done done;
        QSignalSpy spy(&done, &Done::done);
        store.signOut(environment, &done, done.callback());
        QVERIFY(spy.wait(5000));
        QCOMPARE(done.m_error.kind, secrets::SecretErrorKind::NoBackend);
        QVERIFY(!store.isConfigured(environment));
    }

    void save_anotherModeLeavesNoStaleKeys()
    {
        MemorySettingsStore settings;
        test::MemorySecretStore secrets;
        CredentialStore store(&settings, &secrets);
        store.save(environment, exchangeCredentials());
        Credentials pasted;
        pasted.mode = CredentialMode::AccessToken;
        store.save(environment, pasted);
        for (auto it = settings.values().cbegin(); it != settings.values().cend(); ++it)
            QVERIFY2(!it.key().contains(QLatin1String("exchange")), qPrintable(it.key()));
        QCOMPARE(store.load(environment).mode, CredentialMode::AccessToken);
    }

    void qsettingsStore_sharesOneFileAcrossInstances()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("accounts.ini"));
        test::MemorySecretStore secrets;
        {
            QSettingsStore settings(path);
            CredentialStore(&settings, &secrets).save(environment, exchangeCredentials());
        }
        QSettingsStore settings(path);
        CredentialStore store(&settings, &secrets);
        QCOMPARE(store.load(environment).exchange.clientId, QStringLiteral("client-abc"));
        QCOMPARE(store.environments(), QStringList{environment});
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
