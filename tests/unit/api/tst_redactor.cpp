#include "api/redactor.h"

#include <QTest>

using namespace ab::api;

// Outside the class: moc 6.4 misreads some raw strings in a Q_OBJECT body.
static QByteArray proseNamingKeys()
{
    return R"({"title":"Code by Zapier","description":"Reset a password, rotate an api_key )"
           R"(or a Secret; tokens expire","auth":"Bearer-less"})";
}

class TestRedactor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void url_secretParameters_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<QString>("secret");
        QTest::newRow("token")
            << QUrl(QStringLiteral(
                   "https://connect.zapier.com/to/SlackAPI?token=ct-123456&theme=dark"))
            << "ct-123456";
        QTest::newRow("access_token")
            << QUrl(QStringLiteral("https://x.test/cb#access_token=at-987654&state=1"))
            << "at-987654";
        QTest::newRow("client_secret")
            << QUrl(QStringLiteral("https://x.test/t?client_id=a&client_secret=cs-abcdef"))
            << "cs-abcdef";
        QTest::newRow("subject_token")
            << QUrl(QStringLiteral("https://x.test/t?subject_token=eyJ.abc.def")) << "eyJ.abc.def";
        QTest::newRow("code (authorization code)")
            << QUrl(QStringLiteral("https://x.test/cb?code=oauthcode1&state=s")) << "oauthcode1";
        QTest::newRow("upper case name")
            << QUrl(QStringLiteral("https://x.test/?API_KEY=k-112233")) << "k-112233";
        QTest::newRow("password in user info")
            << QUrl(QStringLiteral("https://user:hunter2hunter2@x.test/")) << "hunter2hunter2";
    }
    void url_secretParameters()
    {
        QFETCH(QUrl, url);
        QFETCH(QString, secret);
        const QString redacted = Redactor().redactUrl(url);
        QVERIFY2(!redacted.contains(secret), qPrintable(redacted));
        if (!url.password().isEmpty())
            return;
        QVERIFY2(redacted.contains(QLatin1String("[redacted]")), qPrintable(redacted));
    }

    void url_keepsOrdinaryParameters()
    {
        const QString redacted = Redactor().redactUrl(
            QUrl(QStringLiteral("https://api.zapier.com/v2/apps?query=slack&limit=10&offset=0")));
        QCOMPARE(redacted,
                 QStringLiteral("https://api.zapier.com/v2/apps?query=slack&limit=10&offset=0"));
    }

    void body_secretKeys_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("token response")
            << QByteArray(
                   R"({"access_token":"at-secret-1","token_type":"Bearer","refresh_token":"rt-secret-2"})")
            << QByteArray("at-secret-1");
        QTest::newRow("refresh token")
            << QByteArray(R"({"refresh_token" : "rt-secret-2"})") << QByteArray("rt-secret-2");
        QTest::newRow("nested") << QByteArray(R"({"data":{"auth":{"password":"pw-secret-3"}}})")
                                << QByteArray("pw-secret-3");
        QTest::newRow("escaped quote inside")
            << QByteArray(R"({"secret":"a\"b-secret-4","x":1})") << QByteArray("b-secret-4");
        QTest::newRow("case-insensitive key")
            << QByteArray(R"({"Client_Secret":"cs-secret-5"})") << QByteArray("cs-secret-5");
        QTest::newRow("api_key") << QByteArray(R"({"api_key":"ak-secret-6"})")
                                 << QByteArray("ak-secret-6");
        QTest::newRow("authorization")
            << QByteArray(R"({"authorization":"Bearer zz-secret-7"})") << QByteArray("zz-secret-7");
        QTest::newRow("id_token") << QByteArray(R"({"id_token":"eyJ.id.secret8"})")
                                  << QByteArray("eyJ.id.secret8");
        QTest::newRow("subject_token") << QByteArray(R"({"subject_token":"eyJ.sub.secret9"})")
                                       << QByteArray("eyJ.sub.secret9");
        QTest::newRow("cut in the middle of the value")
            << QByteArray(R"({"token":"tk-secret-10-and-mo)") << QByteArray("tk-secret-10");
        QTest::newRow("form body")
            << QByteArray("grant_type=urn%3Aietf&client_secret=cs-secret-11&subject_token=eyJ.a.b")
            << QByteArray("cs-secret-11");
        QTest::newRow("form body, second secret")
            << QByteArray("grant_type=x&subject_token=eyJ.a.secret12&scope=external")
            << QByteArray("eyJ.a.secret12");
        QTest::newRow("form code") << QByteArray("grant_type=authorization_code&code=authcode13")
                                   << QByteArray("authcode13");
        QTest::newRow("bearer in free text") << QByteArray("Authorization: Bearer abc.def-secret14")
                                             << QByteArray("abc.def-secret14");
        // Texts without a key skip the patterns: keys in any case, and every key, must not.
        QTest::newRow("key in capitals")
            << QByteArray(R"({"PASSWORD":"pw-secret-15"})") << QByteArray("pw-secret-15");
        QTest::newRow("BEARER") << QByteArray("note: BEARER xy-secret16")
                                << QByteArray("xy-secret16");
        QTest::newRow("bearer before a tab")
            << QByteArray("authorization:\tbearer\tab.cd-secret25") << QByteArray("ab.cd-secret25");
        QTest::newRow("key in mixed case")
            << QByteArray(R"({"a":"t","ToKeN":"tk-secret-23"})") << QByteArray("tk-secret-23");
        QTest::newRow("key right after non-ASCII")
            << QByteArray("{\"\xc3\xa9\":\"\xe2\x80\x94\",\"secret\":\"sc-secret-24\"}")
            << QByteArray("sc-secret-24");
        QTest::newRow("apikey") << QByteArray(R"({"apikey":"ak-secret-17"})")
                                << QByteArray("ak-secret-17");
        QTest::newRow("client_assertion") << QByteArray(R"({"client_assertion":"eyJ.ca.secret18"})")
                                          << QByteArray("eyJ.ca.secret18");
        QTest::newRow("connect_token")
            << QByteArray(R"({"connect_token":"ct-secret-19"})") << QByteArray("ct-secret-19");
        QTest::newRow("non-ASCII text")
            << QByteArray("{\"note\":\"caf\xc3\xa9\",\"token\":\"tk-secret-20\"}")
            << QByteArray("tk-secret-20");
        // Caseless matching folds U+212A KELVIN SIGN onto "k": such a key is still a key.
        QTest::newRow("kelvin sign") << QByteArray("{\"to\xe2\x84\xaa"
                                                   "en\":\"kv-secret-21\"}")
                                     << QByteArray("kv-secret-21");
        // ... and U+017F LATIN SMALL LETTER LONG S onto "s", also in a text with other accents.
        QTest::newRow("long s") << QByteArray("{\"note\":\"caf\xc3\xa9\",\"pa\xc5\xbf"
                                              "sword\":\"ls-secret-22\"}")
                                << QByteArray("ls-secret-22");
    }
    void body_secretKeys()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, secret);
        const QByteArray redacted = Redactor().redactBody(body);
        QVERIFY2(!redacted.contains(secret), redacted.constData());
        QVERIFY(redacted.contains("[redacted]"));
    }

    void body_keepsErrorCodesAndOrdinaryValues()
    {
        const QByteArray body =
            R"({"errors":[{"code":"parse_error","title":"ParseError"}],"token_type":"Bearer"})";
        QCOMPARE(Redactor().redactBody(body), body);
        const QByteArray form = "grant_type=client_credentials&scope=external";
        QCOMPARE(Redactor().redactBody(form), form);
        // Prose that names the keys without being one.
        const QByteArray prose = proseNamingKeys();
        QCOMPARE(Redactor().redactBody(prose), prose);
    }

    void literals_registeredSecretsAnywhere()
    {
        Redactor redactor;
        redactor.addSecret(QStringLiteral("my-bearer-token/with+chars"));
        redactor.addSecret(QStringLiteral("abc")); // too short to register: ordinary text survives
        const QByteArray body =
            "echo my-bearer-token/with+chars and my-bearer-token%2Fwith%2Bchars abc";
        const QByteArray redacted = redactor.redactBody(body);
        QVERIFY2(!redacted.contains("my-bearer-token"), redacted.constData());
        QVERIFY(redacted.endsWith(" abc"));
        QVERIFY(
            !redactor
                 .redactUrl(QUrl(QStringLiteral("https://x.test/p?v=my-bearer-token/with%2Bchars")))
                 .contains(QLatin1String("my-bearer-token")));
        redactor.removeSecret(QStringLiteral("my-bearer-token/with+chars"));
        QVERIFY(redactor.redactBody(body).contains("my-bearer-token"));
    }

    void keys_registeredFieldIdsInEveryBody()
    {
        Redactor redactor;
        const QByteArray run =
            "{\"data\":{\"action\":\"core:1\",\"inputs\":{\"basic_auth\":\"ab|cd\","
            "\"url\":\"https://example.com/hook\",\"note\":\"basic_auth\"}}}";
        QCOMPARE(redactor.redactBody(run), run); // not a secret until the form says so
        redactor.addSecretKey(QStringLiteral("basic_auth"));
        redactor.addSecretKey(QStringLiteral("basic_auth")); // once is enough
        redactor.addSecretKey(QStringLiteral("COL$B"));      // ids are matched as written
        const QByteArray redacted = redactor.redactBody(run);
        QVERIFY2(!redacted.contains("ab|cd"), redacted.constData()); // however short
        QVERIFY(redacted.contains("\"basic_auth\":\"[redacted]\""));
        // The id as a value, other keys, and other spellings of the key are left alone.
        QVERIFY(redacted.contains("\"note\":\"basic_auth\""));
        QVERIFY(redacted.contains("\"url\":\"https://example.com/hook\""));
        QCOMPARE(redactor.redactBody("{\"Basic_Auth\":\"x\"}"),
                 QByteArray("{\"Basic_Auth\":\"x\"}"));
        QCOMPARE(redactor.redactBody("{\"COL$B\":\"1200\", \"COL$A\":\"Acme\"}"),
                 QByteArray("{\"COL$B\":\"[redacted]\", \"COL$A\":\"Acme\"}"));
        // Next to the built-in keys, and cut short in the middle of the value.
        QCOMPARE(redactor.redactBody("{\"password\":\"p\",\"basic_auth\":\"q\"}"),
                 QByteArray("{\"password\":\"[redacted]\",\"basic_auth\":\"[redacted]\"}"));
        QCOMPARE(redactor.redactBody("{\"basic_auth\": \"half-sent"),
                 QByteArray("{\"basic_auth\": \"[redacted]\""));
    }

    void truncate_marksAndKeepsUtf8Whole()
    {
        QCOMPARE(Redactor::truncate("short", 10), QByteArray("short"));
        const QByteArray cut = Redactor::truncate(QByteArray(100, 'x'), 10);
        QVERIFY(cut.startsWith(QByteArray(10, 'x') + "\xE2\x80\xA6[truncated, 100 bytes in all]"));
        // "é" is two bytes: cutting after its first byte would leave half a character.
        const QByteArray accented = QStringLiteral("aé").toUtf8() + QByteArray(20, 'z');
        const QByteArray safe = Redactor::truncate(accented, 2);
        QVERIFY(safe.startsWith("a\xE2\x80\xA6"));
    }

    void redactAndTruncate_secretAtTheCutIsGone()
    {
        const QByteArray body =
            QByteArray(60, ' ') + R"({"access_token":"at-very-long-secret-value"})";
        const QByteArray out = Redactor().redactAndTruncate(body, 75);
        QVERIFY2(!out.contains("at-very"), out.constData());
        QVERIFY(out.contains("[truncated, " + QByteArray::number(body.size())));

        const QByteArray huge = QByteArray(1'000'000, 'a') + R"("token":"tk-secret")";
        const QByteArray small = Redactor().redactAndTruncate(huge, 100);
        QVERIFY(small.size() < 200);
    }

    void redactAndTruncate_marksOnlyARealCut()
    {
        // A long secret becomes the shorter "[redacted]": the body that fits is not "truncated".
        Redactor redactor;
        redactor.addSecret(QStringLiteral("sbat_a-long-minted-access-token-0123456789"));
        const QByteArray body = "{\"note\":\"sbat_a-long-minted-access-token-0123456789\",\"n\":1}";
        for (const qint64 max : {qint64(body.size()), qint64(body.size() - 1), qint64(40)}) {
            const QByteArray out = redactor.redactAndTruncate(body, max);
            QCOMPARE(out, QByteArray("{\"note\":\"[redacted]\",\"n\":1}"));
            QVERIFY(!out.contains("truncated"));
        }
        // Still too long once redacted: cut, and the marker counts the body as received.
        const QByteArray cut = redactor.redactAndTruncate(body, 12);
        QVERIFY2(
            cut.startsWith("{\"note\":\"[re") &&
                cut.endsWith("[truncated, " + QByteArray::number(body.size()) + " bytes in all]"),
            cut.constData());
        QVERIFY(!cut.contains("sbat_"));
        // Nothing to redact and it fits: untouched.
        QCOMPARE(Redactor().redactAndTruncate("plain", 5), QByteArray("plain"));
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
