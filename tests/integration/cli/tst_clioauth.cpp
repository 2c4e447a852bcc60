#include "clirunner.h"
#include "support/consentbrowser.h"

#include <QFile>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

using ab::test::CliResult;
using ab::test::describe;

// `actionbench-cli auth oauth` end to end: the real binary signs in against `sandbox serve` (and
// its own in-process sandbox) while the test plays the person at the browser: it reads the URL
// the CLI prints, answers the sandbox's consent page over HTTP and follows the redirect to the
// CLI's loopback port. Secrets go to the keyring of the private D-Bus session of
// scripts/test.sh.
namespace {

const QString clientId = QStringLiteral("partner-client");

} // namespace

class TestCliOAuth final : public QObject {
    Q_OBJECT

private:
    ab::test::CliRunner m_cli{QStringLiteral(ACTIONBENCH_CLI_PATH)};
    std::unique_ptr<QProcess> m_server;
    QString m_baseUrl; // of `sandbox serve`

    QStringList remote() const { return {QStringLiteral("--server"), m_baseUrl}; }

    QStringList oauthArguments(const QStringList &server) const
    {
        QStringList arguments = server;
        arguments << QStringLiteral("auth") << QStringLiteral("oauth")
                  << QStringLiteral("--client-id") << clientId;
        if (!server.isEmpty()) // a server the CLI cannot know is a sandbox: say where to sign in
            arguments << QStringLiteral("--authorize-url")
                      << m_baseUrl + QStringLiteral("/v2/authorize")
                      << QStringLiteral("--token-url")
                      << m_baseUrl + QStringLiteral("/oauth/token/");
        return arguments;
    }

    // Reads the CLI's standard error until the line that announces the sign-in URL: one JSON
    // object with --json, else the indented URL of the text.
    static QUrl authorizationUrl(QProcess &cli, bool json, QByteArray *printed = nullptr)
    {
        QSignalSpy readable(&cli, &QProcess::readyReadStandardError);
        QByteArray local;
        QByteArray &seen = printed ? *printed : local;
        for (;;) {
            seen += cli.readAllStandardError();
            for (const QByteArray &line : seen.split('\n')) {
                if (json) {
                    const QJsonObject notice = QJsonDocument::fromJson(line).object();
                    if (notice.contains(QStringLiteral("authorization_url")))
                        return QUrl(notice.value(QStringLiteral("authorization_url")).toString());
                } else if (line.startsWith("  http")) {
                    return QUrl(QString::fromUtf8(line.trimmed()));
                }
            }
            if (cli.state() == QProcess::NotRunning || !readable.wait(30000)) {
                qWarning("no sign-in URL; standard error so far: %s", seen.constData());
                return {};
            }
        }
    }

    CliResult status(const QStringList &server)
    {
        return m_cli.run(server + QStringList{QStringLiteral("auth"), QStringLiteral("status"),
                                              QStringLiteral("--json")});
    }

    void signOut(const QStringList &server)
    {
        const CliResult result =
            m_cli.run(server + QStringList{QStringLiteral("auth"), QStringLiteral("sign-out")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
    }

    QByteArray settingsText() const
    {
        QFile file(m_cli.settingsPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs a D-Bus session with an unlocked keyring (run through scripts/test.sh)");
        QVERIFY(m_cli.isValid());
        m_server =
            m_cli.start({QStringLiteral("sandbox"), QStringLiteral("serve"),
                         QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json")});
        QSignalSpy ready(m_server.get(), &QProcess::readyReadStandardOutput);
        QByteArray announced;
        QJsonObject info;
        while (info.isEmpty()) {
            QVERIFY2(ready.wait(30000), m_server->readAllStandardError().constData());
            announced += m_server->readAllStandardOutput();
            info = QJsonDocument::fromJson(announced).object();
        }
        m_baseUrl = info.value(QStringLiteral("base_url")).toString();
        QVERIFY(m_baseUrl.startsWith(QStringLiteral("http://127.0.0.1:")));
    }

    void cleanupTestCase()
    {
        if (!m_server)
            return;
        QSignalSpy stopped(m_server.get(), &QProcess::finished);
        m_server->terminate();
        QVERIFY(stopped.wait(30000));
    }

    void deniedInTheBrowser_exitsThreeAndStoresNothing()
    {
        std::unique_ptr<QProcess> cli =
            m_cli.start(oauthArguments(remote()) << QStringLiteral("--json"));
        const QUrl url = authorizationUrl(*cli, true);
        QVERIFY(url.isValid());
        QVERIFY(!ab::test::answerConsentPage(url, QStringLiteral("deny")).isEmpty());
        const CliResult result = ab::test::CliRunner::finish(*cli);
        QVERIFY2(result.exitCode == 3, qPrintable(describe(result)));
        QVERIFY2(result.err.contains("was denied in the browser (access_denied)"),
                 result.err.constData());
        QVERIFY(result.json.value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("denied")));
        QCOMPARE(status(remote()).json.value(QStringLiteral("signed_in")).toBool(), false);
        QVERIFY(!settingsText().contains("mode="));
    }

    void browserNeverComesBack_timesOutWithExitFour()
    {
        // Text mode: the URL is for a person, with what to do with it.
        std::unique_ptr<QProcess> cli = m_cli.start(
            oauthArguments(remote()) << QStringLiteral("--timeout") << QStringLiteral("1"));
        QByteArray printed;
        QVERIFY(authorizationUrl(*cli, false, &printed).isValid());
        QVERIFY2(printed.contains("Open this URL in your browser"), printed.constData());
        const CliResult result = ab::test::CliRunner::finish(*cli);
        QVERIFY2(result.exitCode == 4, qPrintable(describe(result)));
        QVERIFY(result.err.contains("no answer from the browser within 1 s"));
        QVERIFY(result.out.isEmpty());
        QVERIFY(!settingsText().contains("mode="));
    }

    void zapier_signsInOnZapiersAuthorizePage()
    {
        // Nothing reaches Zapier: the URL is only printed, and the wait ends after a second.
        std::unique_ptr<QProcess> cli = m_cli.start(
            {QStringLiteral("--server"), QStringLiteral("https://api.zapier.com"),
             QStringLiteral("auth"), QStringLiteral("oauth"), QStringLiteral("--client-id"),
             clientId, QStringLiteral("--scope"), QStringLiteral("zap   action:run"),
             QStringLiteral("--no-browser"), QStringLiteral("--timeout"), QStringLiteral("1"),
             QStringLiteral("--json")});
        const QUrl url = authorizationUrl(*cli, true);
        QCOMPARE(url.toString(QUrl::RemoveQuery),
                 QStringLiteral("https://api.zapier.com/v2/authorize"));
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
        QCOMPARE(query.queryItemValue(QStringLiteral("response_mode")), QStringLiteral("query"));
        QCOMPARE(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
                 QStringLiteral("zap action:run"));
        QCOMPARE(ab::test::CliRunner::finish(*cli).exitCode, 4);
    }

    void approvedInTheBrowser_signsInWithOAuth_data()
    {
        QTest::addColumn<bool>("builtInSandbox");
        QTest::newRow("sandbox serve") << false;
        QTest::newRow("built-in sandbox") << true;
    }

    void approvedInTheBrowser_signsInWithOAuth()
    {
        QFETCH(bool, builtInSandbox);
        const QStringList server = builtInSandbox ? QStringList() : remote();
        QTcpServer probe; // a port that was free a moment ago, for --port
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString port = QString::number(probe.serverPort());
        probe.close();

        std::unique_ptr<QProcess> cli = m_cli.start(
            oauthArguments(server) << QStringLiteral("--port") << port << QStringLiteral("--json"));
        const QUrl url = authorizationUrl(*cli, true);
        QVERIFY(url.isValid());
        const QUrlQuery query(url);
        QCOMPARE(url.path(), QStringLiteral("/v2/authorize"));
        QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), clientId);
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")),
                 QStringLiteral("S256"));
        QCOMPARE(QUrl(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)),
                 QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        // The loopback page the browser lands on.
        QVERIFY(
            ab::test::answerConsentPage(url, QStringLiteral("approve")).contains("Actionbench"));

        const CliResult signedIn = ab::test::CliRunner::finish(*cli);
        QVERIFY2(signedIn.exitCode == 0, qPrintable(describe(signedIn)));
        QCOMPARE(signedIn.json.value(QStringLiteral("mode")).toString(), QStringLiteral("pkce"));
        QCOMPARE(signedIn.json.value(QStringLiteral("signed_in")).toBool(), true);
        QVERIFY(!signedIn.json.value(QStringLiteral("token_expires_at")).toString().isEmpty());

        const CliResult after = status(server);
        QVERIFY2(after.exitCode == 0, qPrintable(describe(after)));
        QCOMPARE(after.json.value(QStringLiteral("signed_in")).toBool(), true);
        QCOMPARE(after.json.value(QStringLiteral("mode")).toString(), QStringLiteral("pkce"));
        QCOMPARE(after.json.value(QStringLiteral("client_id")).toString(), clientId);
        QCOMPARE(after.json.value(QStringLiteral("token_stored")).toBool(), true);
        QCOMPARE(after.json.value(QStringLiteral("refresh_token_stored")).toBool(), true);
        QCOMPARE(after.json.value(QStringLiteral("redirect_port")).toInt(), port.toInt());

        // Other commands use the stored token; not a token in the settings file.
        const CliResult apps =
            m_cli.run(server + QStringList{QStringLiteral("apps"), QStringLiteral("--query"),
                                           QStringLiteral("sheets")});
        QVERIFY2(apps.exitCode == 0, qPrintable(describe(apps)));
        QVERIFY(apps.out.contains("Google Sheets"));
        const QByteArray settings = settingsText();
        QVERIFY(settings.contains("pkce"));
        QVERIFY(!settings.contains("sbat_") && !settings.contains("sbrt_"));
        signOut(server);
    }
};

QTEST_GUILESS_MAIN(TestCliOAuth)
#include "tst_clioauth.moc"
