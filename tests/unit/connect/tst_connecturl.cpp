#include "connect/connecturl.h"

#include <QTest>
#include <QUrlQuery>

using namespace ab::connect;

class TestConnectUrl final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void build_zapierUrlWithTokenAndRedirect()
    {
        ConnectRequest request;
        request.app = QStringLiteral("SlackCLIAPI");
        request.redirectUri = QUrl(QStringLiteral("https://partner.example/zapier/callback"));
        QCOMPARE(ConnectUrl::resource(request).toString(),
                 QStringLiteral("https://connect.zapier.com/to/SlackCLIAPI"));
        const QUrl url = ConnectUrl::build(request, QStringLiteral("ct_abc"));
        QCOMPARE(url.toString(QUrl::FullyEncoded),
                 QStringLiteral("https://connect.zapier.com/to/SlackCLIAPI?token=ct_abc&"
                                "redirect_uri=https%3A%2F%2Fpartner.example%2Fzapier%2Fcallback"));
    }

    void build_reconnectStateAndTheme()
    {
        ConnectRequest request;
        request.app = QStringLiteral("81f613aa-c98a-4383-a5fc-195e68647217");
        request.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:5000/cb?x=1&y=a+b"));
        request.reconnectId = QStringLiteral("example_akLLd8kB");
        request.state = QStringLiteral("s 1");
        request.theme = QStringLiteral("dark");
        const QUrl url = ConnectUrl::build(request, QStringLiteral("tok+/="));
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded),
                 QStringLiteral("tok+/="));
        QCOMPARE(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
                 QStringLiteral("http://127.0.0.1:5000/cb?x=1&y=a+b"));
        QCOMPARE(query.queryItemValue(QStringLiteral("reconnect_id")),
                 QStringLiteral("example_akLLd8kB"));
        QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded),
                 QStringLiteral("s 1"));
        QCOMPARE(query.queryItemValue(QStringLiteral("theme")), QStringLiteral("dark"));
        QCOMPARE(url.path(), QStringLiteral("/to/81f613aa-c98a-4383-a5fc-195e68647217"));
    }

    void build_noReconnectIdWhenEmpty()
    {
        ConnectRequest request;
        request.app = QStringLiteral("app");
        request.redirectUri = QUrl(QStringLiteral("https://p.example/cb"));
        const QUrl url = ConnectUrl::build(request, QStringLiteral("t"));
        QVERIFY(!url.query().contains(QLatin1String("reconnect_id")));
        QVERIFY(!url.query().contains(QLatin1String("state")));
    }

    void resource_appIsOnePathSegment()
    {
        ConnectRequest request;
        request.app = QStringLiteral("a/b?c");
        QCOMPARE(ConnectUrl::resource(request).toString(QUrl::FullyEncoded),
                 QStringLiteral("https://connect.zapier.com/to/a%2Fb%3Fc"));
    }

    void sandboxBase_isUnderTheSandbox_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("http://127.0.0.1:8765")
                               << QStringLiteral("http://127.0.0.1:8765/connect/to/SlackAPI");
        QTest::newRow("slash") << QStringLiteral("http://127.0.0.1:8765/")
                               << QStringLiteral("http://127.0.0.1:8765/connect/to/SlackAPI");
        QTest::newRow("prefix") << QStringLiteral("http://localhost:1/zap/")
                                << QStringLiteral("http://localhost:1/zap/connect/to/SlackAPI");
    }

    void sandboxBase_isUnderTheSandbox()
    {
        QFETCH(QString, base);
        QFETCH(QString, expected);
        ConnectRequest request;
        request.base = ConnectUrl::sandboxBase(QUrl(base));
        request.app = QStringLiteral("SlackAPI");
        QCOMPARE(ConnectUrl::resource(request).toString(), expected);
    }

    void isRedirect_matchesOnlyTheRedirectUri_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("matches");
        QTest::newRow("with result")
            << QStringLiteral("https://p.example/cb?authentication_id=1&service=S") << true;
        QTest::newRow("trailing slash") << QStringLiteral("https://p.example/cb/?error=x") << true;
        QTest::newRow("host case") << QStringLiteral("https://P.EXAMPLE/cb?x") << true;
        QTest::newRow("other path") << QStringLiteral("https://p.example/cbx?x") << false;
        QTest::newRow("other host") << QStringLiteral("https://evil.example/cb") << false;
        QTest::newRow("http") << QStringLiteral("http://p.example/cb") << false;
        QTest::newRow("port") << QStringLiteral("https://p.example:444/cb") << false;
    }

    void isRedirect_matchesOnlyTheRedirectUri()
    {
        QFETCH(QString, url);
        QFETCH(bool, matches);
        QCOMPARE(ConnectUrl::isRedirect(QUrl(url), QUrl(QStringLiteral("https://p.example/cb"))),
                 matches);
    }
};

QTEST_GUILESS_MAIN(TestConnectUrl)
#include "tst_connecturl.moc"
