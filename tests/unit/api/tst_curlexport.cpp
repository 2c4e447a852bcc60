#include "api/curlexport.h"
#include "api/jsontext.h"

#include <QProcess>
#include <QTest>

using namespace ab;

namespace {

// The body argument of a command: the last single-quoted word, unquoted as a shell would.
QString bodyOf(const QString &command)
{
    const qsizetype start = command.indexOf(QStringLiteral("--data-raw '"));
    if (start < 0)
        return {};
    QString quoted = command.mid(start + 11);
    // Undo the POSIX quoting: '...' pieces joined by \'.
    QString out;
    bool inside = false;
    for (qsizetype i = 0; i < quoted.size(); ++i) {
        const QChar c = quoted.at(i);
        if (c == u'\'') {
            inside = !inside;
        } else if (!inside && c == u'\\' && i + 1 < quoted.size()) {
            out.append(quoted.at(++i));
        } else if (inside) {
            out.append(c);
        }
    }
    return out;
}

} // namespace

class TestCurlExport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shellQuote_escapesSingleQuotes_data();
    void shellQuote_escapesSingleQuotes();
    void actionRun_postsDocumentedBody();
    void actionRun_tokenIsAlwaysThePlaceholder();
    void actionRun_nullAuthenticationWithoutConnection();
    void actionRun_keepsBasePathAndQuotesInputs();
    void storedRun_postsToTheStoredAction();
    void actionRun_secretInputsComeFromShellVariables();
    void secretInputVariable_isAShellName_data();
    void secretInputVariable_isAShellName();
};

void TestCurlExport::shellQuote_escapesSingleQuotes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("'abc'");
    QTest::newRow("empty") << QString() << QStringLiteral("''");
    QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("shell specials")
        << QStringLiteral("$HOME `x` \"y\" \\ !") << QStringLiteral("'$HOME `x` \"y\" \\ !'");
}

void TestCurlExport::shellQuote_escapesSingleQuotes()
{
    QFETCH(QString, text);
    QFETCH(QString, quoted);
    QCOMPARE(api::shellQuote(text), quoted);
}

void TestCurlExport::actionRun_postsDocumentedBody()
{
    const QVariantMap inputs{{QStringLiteral("channel"), QStringLiteral("C123")},
                             {QStringLiteral("count"), 3}};
    const QString command =
        api::curlForActionRun(QUrl(QStringLiteral("https://api.zapier.com")),
                              QStringLiteral("core:abc"), QStringLiteral("conn-1"), inputs);
    QVERIFY(command.contains(
        QStringLiteral("curl -sS -X POST 'https://api.zapier.com/v2/action-runs'")));
    QVERIFY(command.contains(QStringLiteral("-H 'Content-Type: application/json'")));
    QVERIFY(command.contains(QStringLiteral("-H 'Accept: application/json'")));
    QString error;
    const QVariantMap body = api::fromJsonText(bodyOf(command).toUtf8(), &error).toMap();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(body.keys(), QStringList{QStringLiteral("data")});
    const QVariantMap data = body.value(QStringLiteral("data")).toMap();
    QCOMPARE(data.value(QStringLiteral("action")).toString(), QStringLiteral("core:abc"));
    QCOMPARE(data.value(QStringLiteral("authentication")).toString(), QStringLiteral("conn-1"));
    QCOMPARE(data.value(QStringLiteral("inputs")).toMap().value(QStringLiteral("channel")),
             QVariant(QStringLiteral("C123")));
    QCOMPARE(data.value(QStringLiteral("inputs")).toMap().value(QStringLiteral("count")).toInt(),
             3);
}

void TestCurlExport::actionRun_tokenIsAlwaysThePlaceholder()
{
    const QString command = api::curlForActionRun(QUrl(QStringLiteral("http://127.0.0.1:8080")),
                                                  QStringLiteral("a"), QString(), {});
    // Double quotes so the shell expands the variable.
    QVERIFY(command.contains(QStringLiteral("-H \"Authorization: Bearer $ZAPIER_TOKEN\"")));
    QCOMPARE(command.count(QStringLiteral("Bearer")), 1);
    QCOMPARE(api::tokenPlaceholder(), QStringLiteral("$ZAPIER_TOKEN"));
}

void TestCurlExport::actionRun_nullAuthenticationWithoutConnection()
{
    const QString command = api::curlForActionRun(QUrl(QStringLiteral("https://x")),
                                                  QStringLiteral("a"), QString(), {});
    const QVariantMap data =
        api::fromJsonText(bodyOf(command).toUtf8()).toMap().value(QStringLiteral("data")).toMap();
    QVERIFY(data.contains(QStringLiteral("authentication")));
    QVERIFY(data.value(QStringLiteral("authentication")).isNull());
    QVERIFY(data.value(QStringLiteral("inputs")).toMap().isEmpty());
}

void TestCurlExport::actionRun_keepsBasePathAndQuotesInputs()
{
    const QVariantMap inputs{{QStringLiteral("text"), QStringLiteral("it's $HOME; rm -rf /")}};
    const QString command =
        api::curlForActionRun(QUrl(QStringLiteral("http://127.0.0.1:9/zapier/")),
                              QStringLiteral("a"), QStringLiteral("c"), inputs);
    QVERIFY(command.contains(QStringLiteral("'http://127.0.0.1:9/zapier/v2/action-runs'")));
    QVERIFY(command.contains(QStringLiteral("it'\\''s $HOME")));
    const QVariantMap data =
        api::fromJsonText(bodyOf(command).toUtf8()).toMap().value(QStringLiteral("data")).toMap();
    QCOMPARE(data.value(QStringLiteral("inputs")).toMap().value(QStringLiteral("text")).toString(),
             QStringLiteral("it's $HOME; rm -rf /"));
}

void TestCurlExport::storedRun_postsToTheStoredAction()
{
    const QString command = api::curlForStoredRun(
        QUrl(QStringLiteral("https://api.zapier.com")), QStringLiteral("sa/1"),
        {{QStringLiteral("k"), true}}, QStringLiteral("2"), QStringLiteral("idem-1"));
    QVERIFY(command.contains(
        QStringLiteral("'https://api.zapier.com/actions/v1/stored-actions/sa%2F1/run'")));
    QVERIFY(command.contains(QStringLiteral("$ZAPIER_TOKEN")));
    const QVariantMap data =
        api::fromJsonText(bodyOf(command).toUtf8()).toMap().value(QStringLiteral("data")).toMap();
    QCOMPARE(data.value(QStringLiteral("page")).toString(), QStringLiteral("2"));
    QCOMPARE(data.value(QStringLiteral("idempotency_id")).toString(), QStringLiteral("idem-1"));
    QCOMPARE(data.value(QStringLiteral("inputs")).toMap().value(QStringLiteral("k")).toBool(),
             true);
    const QString bare =
        api::curlForStoredRun(QUrl(QStringLiteral("https://x")), QStringLiteral("s"), {});
    const QVariantMap bareData =
        api::fromJsonText(bodyOf(bare).toUtf8()).toMap().value(QStringLiteral("data")).toMap();
    QVERIFY(!bareData.contains(QStringLiteral("page")));
    QVERIFY(!bareData.contains(QStringLiteral("idempotency_id")));
}

void TestCurlExport::actionRun_secretInputsComeFromShellVariables()
{
    // Characters a shell would take apart; JSON's own (" and \\) must be set escaped.
    const QString password = QStringLiteral("admin|it's a secret; $HOME `id`");
    const QVariantMap inputs{{QStringLiteral("basic_auth"), password},
                             {QStringLiteral("url"), QStringLiteral("https://example.com/hook")}};
    const QString command = api::curlForActionRun(
        QUrl(QStringLiteral("https://api.zapier.com")), QStringLiteral("core:1"),
        QStringLiteral("c"), inputs,
        {QStringLiteral("basic_auth"), QStringLiteral("not_sent")}); // only what was sent
    QVERIFY(!command.contains(QStringLiteral("secret")));
    QVERIFY(!command.contains(QStringLiteral("NOT_SENT")));
    QVERIFY2(command.contains(QStringLiteral("# Set BASIC_AUTH to the value of the password field "
                                             "\"basic_auth\" first")),
             qPrintable(command));
    // The body as a POSIX shell reads it, with the variable set: the value is back, and exact.
    const qsizetype at = command.indexOf(QStringLiteral("--data-raw "));
    QVERIFY(at > 0);
    QProcess shell;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BASIC_AUTH"), password);
    shell.setProcessEnvironment(environment);
    shell.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"), QStringLiteral("printf '%s' ") + command.mid(at + 11)});
    QVERIFY(shell.waitForFinished());
    QCOMPARE(shell.exitCode(), 0);
    QString error;
    const QVariantMap sent = api::fromJsonText(shell.readAllStandardOutput(), &error)
                                 .toMap()
                                 .value(QStringLiteral("data"))
                                 .toMap()
                                 .value(QStringLiteral("inputs"))
                                 .toMap();
    QCOMPARE(sent.value(QStringLiteral("url")).toString(),
             QStringLiteral("https://example.com/hook"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(sent.value(QStringLiteral("basic_auth")).toString(), password);
}

void TestCurlExport::secretInputVariable_isAShellName_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("variable");
    QTest::newRow("snake") << QStringLiteral("basic_auth") << QStringLiteral("BASIC_AUTH");
    QTest::newRow("dash and dollar") << QStringLiteral("api-key$2") << QStringLiteral("API_KEY_2");
    QTest::newRow("leading digit") << QStringLiteral("2fa") << QStringLiteral("_2FA");
    QTest::newRow("non-ASCII") << QStringLiteral("mot_de_passé") << QStringLiteral("MOT_DE_PASS_");
}

void TestCurlExport::secretInputVariable_isAShellName()
{
    QFETCH(QString, key);
    QFETCH(QString, variable);
    QCOMPARE(api::secretInputVariable(key), variable);
}

QTEST_GUILESS_MAIN(TestCurlExport)
#include "tst_curlexport.moc"
