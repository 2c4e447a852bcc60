#include "../../unit/connect/testkeys.h"
#include "clirunner.h"

#include <QFile>
#include <QTest>

using ab::test::CliResult;
using ab::test::describe;

// `actionbench-cli auth` end to end: the real binary, its in-process sandbox and the real OS
// keychain of the private D-Bus session scripts/test.sh starts (ctest inherits it). Each run
// uses its own config/data directories and its own keychain service name.
namespace {

const QByteArray clientSecret = "cli-client-secret-4711";

} // namespace

class TestCliAuth final : public QObject {
    Q_OBJECT

private:
    ab::test::CliRunner m_cli{QStringLiteral(ACTIONBENCH_CLI_PATH)};
    ab::test::TestKeyPair m_keys;

    QString path(const char *name) const { return m_cli.path(name); }
    QString settingsPath() const { return m_cli.settingsPath(); }
    QString sandboxStatePath() const { return path("data/actionbench/sandbox-state.json"); }

    CliResult cli(const QStringList &arguments, const QByteArray &input = {})
    {
        return m_cli.run(arguments, input);
    }

    void write(const char *name, const QByteArray &bytes)
    {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    QStringList exchangeArguments(const char *keyFile = "key.pem")
    {
        return {QStringLiteral("auth"),
                QStringLiteral("exchange"),
                QStringLiteral("--client-id"),
                QStringLiteral("partner-client"),
                QStringLiteral("--client-secret-file"),
                path("secret.txt"),
                QStringLiteral("--key-file"),
                path(keyFile),
                QStringLiteral("--kid"),
                QStringLiteral("k1"),
                QStringLiteral("--iss"),
                QStringLiteral("https://issuer.example"),
                QStringLiteral("--sub"),
                QStringLiteral("user-1"),
                QStringLiteral("--org-claim"),
                QStringLiteral("org_id"),
                QStringLiteral("--org"),
                QStringLiteral("org-1")};
    }

    QByteArray settingsText() const
    {
        QFile file(settingsPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    void signOut()
    {
        const CliResult result = cli({QStringLiteral("auth"), QStringLiteral("sign-out")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs a D-Bus session with an unlocked keyring (run through scripts/test.sh)");
        QVERIFY(m_cli.isValid());
        m_keys = ab::test::makeRsaKeyPair();
        write("key.pem", m_keys.privatePem);
        write("secret.txt", clientSecret + '\n');
        write("bad.pem", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    }

    void help_documentsAuth()
    {
        const CliResult result = cli({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains("auth exchange"));
        QVERIFY(result.out.contains("--client-secret-file"));
        QVERIFY(result.out.contains("auth oauth --client-id"));
    }

    void status_notSignedIn()
    {
        const CliResult result = cli({QStringLiteral("auth"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QCOMPARE(result.json.value(QStringLiteral("mode")).toString(), QStringLiteral("none"));
        QCOMPARE(result.json.value(QStringLiteral("signed_in")).toBool(), false);
    }

    void exchange_storesCredentialsAndCommandsUseThem()
    {
        const CliResult signedIn = cli(exchangeArguments() << QStringLiteral("--json"));
        QVERIFY2(signedIn.exitCode == 0, qPrintable(describe(signedIn)));
        QCOMPARE(signedIn.json.value(QStringLiteral("mode")).toString(),
                 QStringLiteral("exchange"));

        const CliResult status =
            cli({QStringLiteral("auth"), QStringLiteral("status"), QStringLiteral("--json")});
        QVERIFY2(status.exitCode == 0, qPrintable(describe(status)));
        QCOMPARE(status.json.value(QStringLiteral("token_stored")).toBool(), true);
        QCOMPARE(status.json.value(QStringLiteral("kid")).toString(), QStringLiteral("k1"));

        const CliResult apps = cli({QStringLiteral("apps"), QStringLiteral("--query"),
                                    QStringLiteral("sheets"), QStringLiteral("--verbose")});
        QVERIFY2(apps.exitCode == 0, qPrintable(describe(apps)));
        QVERIFY(apps.out.contains("Google Sheets"));
        QVERIFY2(!apps.err.contains("/oauth/token"), apps.err.constData()); // the stored token

        // Not one secret in the settings file, and nothing in the logs.
        QFile settings(settingsPath());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        const QByteArray text = settings.readAll();
        QVERIFY(text.contains("clientId=partner-client"));
        QVERIFY(!text.contains(clientSecret));
        QVERIFY(!text.contains("PRIVATE KEY") && !text.contains("sbat_"));
        QVERIFY(!apps.err.contains(clientSecret) && !apps.err.contains("sbat_"));
    }

    void unauthorized_reExchangesOnce()
    {
        // A new sandbox state knows no token: the stored one now gets a 401.
        QVERIFY(QFile::exists(sandboxStatePath()));
        QVERIFY(QFile::remove(sandboxStatePath()));
        const CliResult apps = cli({QStringLiteral("apps"), QStringLiteral("--query"),
                                    QStringLiteral("sheets"), QStringLiteral("--verbose")});
        QVERIFY2(apps.exitCode == 0, qPrintable(describe(apps)));
        QCOMPARE(apps.err.count("GET /v2/apps -> 401"), 1);
        QCOMPARE(apps.err.count("POST /oauth/token -> 200"), 1);
        QCOMPARE(apps.err.count("GET /v2/apps -> 200"), 1);
        // The renewed token was stored: the next process uses it directly.
        const CliResult again = cli({QStringLiteral("apps"), QStringLiteral("--verbose")});
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
        QVERIFY(!again.err.contains("/oauth/token"));
    }

    void signOut_removesEverything()
    {
        signOut();
        const CliResult status = cli({QStringLiteral("auth"), QStringLiteral("--json")});
        QCOMPARE(status.json.value(QStringLiteral("signed_in")).toBool(), false);
        QVERIFY(!settingsText().contains("partner-client"));
        // Back to the sandbox's own token.
        const CliResult apps =
            cli({QStringLiteral("apps"), QStringLiteral("--query"), QStringLiteral("sheets")});
        QVERIFY2(apps.exitCode == 0, qPrintable(describe(apps)));
    }

    // A pasted token is tried before it is stored: one the API refuses is not kept, and the
    // sandbox's own token goes on working.
    void pastedToken_refusedIsNotStored()
    {
        const CliResult pasted =
            cli({QStringLiteral("auth"), QStringLiteral("token"), QStringLiteral("--paste")},
                "pasted-but-unknown-token\n");
        QCOMPARE(pasted.exitCode, 3);
        QVERIFY2(pasted.err.contains("the API refused that access token (unauthorized (HTTP "
                                     "401): Invalid token); nothing was stored"),
                 pasted.err.constData());
        QVERIFY(!pasted.err.contains("pasted-but-unknown-token"));
        const CliResult status = cli({QStringLiteral("auth"), QStringLiteral("--json")});
        QCOMPARE(status.json.value(QStringLiteral("signed_in")).toBool(), false);
        const CliResult apps = cli({QStringLiteral("apps")});
        QVERIFY2(apps.exitCode == 0, qPrintable(describe(apps)));
    }

    // A stored token revoked since: the command fails and says to sign in again.
    void pastedToken_revokedAsksToSignInAgain()
    {
        // A token the sandbox issued; a new sandbox state will not know it.
        QFile::remove(sandboxStatePath());
        write("data/actionbench/sandbox-state.json",
              R"({"version": 1, "tokens": [{"token": "pasted-then-revoked", "kind": "access",
                  "expires_at": "2099-01-01T00:00:00Z"}]})");
        const CliResult pasted =
            cli({QStringLiteral("auth"), QStringLiteral("token"), QStringLiteral("--paste")},
                "pasted-then-revoked\n");
        QVERIFY2(pasted.exitCode == 0, qPrintable(describe(pasted)));
        QVERIFY(QFile::remove(sandboxStatePath()));
        const CliResult apps = cli({QStringLiteral("apps")});
        QCOMPARE(apps.exitCode, 3);
        QVERIFY2(apps.err.contains("sign in again"), apps.err.constData());
        signOut();
    }

    void badInput_isAUsageError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("bad key") << exchangeArguments("bad.pem") << QByteArray("bad_private_key");
        QTest::newRow("missing key file")
            << exchangeArguments("nope.pem") << QByteArray("cannot read");
        QTest::newRow("no secret file")
            << QStringList{QStringLiteral("auth"), QStringLiteral("exchange"),
                           QStringLiteral("--client-id"), QStringLiteral("x")}
            << QByteArray("--client-secret-file");
        QTest::newRow("paste without input")
            << QStringList{QStringLiteral("auth"), QStringLiteral("token"),
                           QStringLiteral("--paste")}
            << QByteArray("no token");
        QTest::newRow("unknown verb")
            << QStringList{QStringLiteral("auth"), QStringLiteral("login")}
            << QByteArray("status, token, exchange, oauth or sign-out");
        QTest::newRow("oauth without a client")
            << QStringList{QStringLiteral("auth"), QStringLiteral("oauth")}
            << QByteArray("--client-id");
        QTest::newRow("oauth port out of range")
            << QStringList{QStringLiteral("auth"),        QStringLiteral("oauth"),
                           QStringLiteral("--client-id"), QStringLiteral("x"),
                           QStringLiteral("--port"),      QStringLiteral("70000")}
            << QByteArray("--port");
        QTest::newRow("oauth relative token url")
            << QStringList{QStringLiteral("auth"),        QStringLiteral("oauth"),
                           QStringLiteral("--client-id"), QStringLiteral("x"),
                           QStringLiteral("--token-url"), QStringLiteral("/oauth/token")}
            << QByteArray("--token-url needs an absolute URL");
    }

    void badInput_isAUsageError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const CliResult result = cli(arguments, QByteArray(""));
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(describe(result)));
        QVERIFY(!settingsText().contains("mode=")); // nothing stored
    }

    void server_withoutTokenSaysHowToSignIn()
    {
        const CliResult result = cli({QStringLiteral("apps"), QStringLiteral("--server"),
                                      QStringLiteral("http://127.0.0.1:9")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("actionbench-cli auth"), result.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliAuth)
#include "tst_cliauth.moc"
