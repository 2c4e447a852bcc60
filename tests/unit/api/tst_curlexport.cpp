#include "api/curlexport.h"
#include "api/jsontext.h"

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

QTEST_GUILESS_MAIN(TestCurlExport)
#include "tst_curlexport.moc"
