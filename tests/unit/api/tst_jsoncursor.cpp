#include "api/jsoncursor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using ab::api::detail::JsonCursor;

namespace {

// Reads `json` (a one-element array around a string) and returns the string, or nothing.
std::optional<QString> readOneString(const QByteArray &json)
{
    JsonCursor cursor(json);
    QString text;
    if (!cursor.beginArray() || !cursor.firstElement() || !cursor.readString(&text) ||
        cursor.nextElement() || !cursor.atEnd())
        return std::nullopt;
    return text;
}

// The whole document skipped as one value, with nothing after it.
bool cursorAccepts(const QByteArray &json)
{
    JsonCursor cursor(json);
    return cursor.skipValue() && cursor.atEnd();
}

} // namespace

class TestJsonCursor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readString_matchesQJsonDocument_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("ascii") << QByteArray(R"(["plain text, with : and {}"])");
        QTest::newRow("empty") << QByteArray(R"([""])");
        QTest::newRow("longer than a word") << QByteArray(R"(["abcdefghijklmnopqrstuvwxyz0123"])");
        QTest::newRow("two-byte utf-8") << QByteArray("[\"caf\xc3\xa9 cr\xc3\xa8me\"]");
        QTest::newRow("three-byte utf-8") << QByteArray("[\"\xe6\x97\xa5\xe6\x9c\xac\"]");
        QTest::newRow("four-byte utf-8") << QByteArray("[\"smile \xf0\x9f\x98\x80!\"]");
        // Not a raw string: moc misreads \" inside one.
        QTest::newRow("simple escapes") << QByteArray("[\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"]");
        QTest::newRow("unicode escape") << QByteArray(R"(["caf\u00e9 \u65e5"])");
        QTest::newRow("escaped surrogate pair") << QByteArray(R"(["\ud83d\ude00"])");
        QTest::newRow("lone escaped surrogate") << QByteArray(R"(["a\ud800b"])");
        QTest::newRow("escaped NUL") << QByteArray(R"(["a\u0000b"])");
        QTest::newRow("escape then utf-8")
            << QByteArray("[\"\\n\xc3\xa9 and more text after it\"]");
        QTest::newRow("utf-8 at a word boundary") << QByteArray("[\"1234567\xc3\xa9\"]");
    }
    void readString_matchesQJsonDocument()
    {
        QFETCH(QByteArray, json);
        const std::optional<QString> text = readOneString(json);
        QVERIFY(text.has_value());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(*text, document.array().at(0).toString());
    }

    // Each of these is either not JSON, or JSON that QJsonDocument might read in its own way:
    // the cursor gives up and leaves it to the general decoder.
    void readString_refusesWhatItCannotVouchFor_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("unterminated") << QByteArray("[\"abc");
        QTest::newRow("raw control character") << QByteArray("[\"a\tb\"]");
        QTest::newRow("lenient escape") << QByteArray(R"(["\x"])");
        QTest::newRow("short unicode escape") << QByteArray(R"(["\u12"])");
        QTest::newRow("bad hex") << QByteArray(R"(["\u12g4"])");
        QTest::newRow("invalid continuation") << QByteArray("[\"\xc3\x28\"]");
        QTest::newRow("overlong") << QByteArray("[\"\xc0\xaf\"]");
        QTest::newRow("overlong three-byte") << QByteArray("[\"\xe0\x80\xaf\"]");
        QTest::newRow("utf-8 surrogate") << QByteArray("[\"\xed\xa0\x80\"]");
        QTest::newRow("past U+10FFFF") << QByteArray("[\"\xf4\x90\x80\x80\"]");
        QTest::newRow("noncharacter U+FFFE") << QByteArray("[\"\xef\xbf\xbe\"]");
        QTest::newRow("noncharacter U+FDD0") << QByteArray("[\"\xef\xb7\x90\"]");
        QTest::newRow("cut-off sequence") << QByteArray("[\"\xe6\x97");
        QTest::newRow("a number") << QByteArray("[12]");
    }
    void readString_refusesWhatItCannotVouchFor()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!readOneString(json).has_value());
    }

    void readInteger_wholeNumbersOnly_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("value");
        QTest::newRow("zero") << QByteArray("[0]") << true << qint64(0);
        QTest::newRow("negative") << QByteArray("[-42]") << true << qint64(-42);
        QTest::newRow("15 digits")
            << QByteArray("[123456789012345]") << true << qint64(123456789012345);
        QTest::newRow("16 digits") << QByteArray("[1234567890123456]") << false << qint64(0);
        QTest::newRow("fraction") << QByteArray("[1.0]") << false << qint64(0);
        QTest::newRow("exponent") << QByteArray("[1e2]") << false << qint64(0);
        QTest::newRow("leading zero") << QByteArray("[01]") << false << qint64(0);
        QTest::newRow("a string") << QByteArray(R"(["1"])") << false << qint64(0);
    }
    void readInteger_wholeNumbersOnly()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(qint64, value);
        JsonCursor cursor(json);
        qint64 read = 0;
        const bool accepted = cursor.beginArray() && cursor.firstElement() &&
                              cursor.readInteger(&read) && !cursor.nextElement() && cursor.atEnd();
        QCOMPARE(accepted, ok);
        if (ok)
            QCOMPARE(read, value);
    }

    // The promise the fast path rests on: what the cursor accepts, QJsonDocument accepts.
    void skipValue_acceptsOnlyWhatQJsonDocumentAccepts_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("nested") << QByteArray(
                                       R"( {"a":[1,-2.5,3e+2,true,false,null,{"b":{}}],"c":[]} )")
                                << true;
        QTest::newRow("whitespace everywhere")
            << QByteArray("{ \"a\" :\n[ 1 ,\t2 ]\r\n, \"b\" : { } }") << true;
        QTest::newRow("utf-8 key") << QByteArray("{\"caf\xc3\xa9\":1}") << true;
        QTest::newRow("escaped key") << QByteArray(R"({"ti\u0074le":1})") << false;
        QTest::newRow("trailing comma in an object") << QByteArray(R"({"a":1,})") << false;
        QTest::newRow("trailing comma in an array") << QByteArray("[1,]") << false;
        QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << false;
        QTest::newRow("missing comma") << QByteArray(R"({"a":1 "b":2})") << false;
        QTest::newRow("garbage after") << QByteArray("{} x") << false;
        QTest::newRow("second value") << QByteArray("{}{}") << false;
        QTest::newRow("byte-order mark") << QByteArray("\xef\xbb\xbf{}") << false;
        QTest::newRow("vertical tab") << QByteArray("\v{}") << false;
        QTest::newRow("bare minus") << QByteArray("[-]") << false;
        QTest::newRow("fraction without digits") << QByteArray("[1.]") << false;
        QTest::newRow("huge exponent") << QByteArray("[1e999]") << false;
        QTest::newRow("misspelt literal") << QByteArray("[nul]") << false;
        QTest::newRow("unclosed") << QByteArray(R"({"a":[1,2)") << false;
        QTest::newRow("too deep") << QByteArray(200, '[') + QByteArray(200, ']') << false;
        QTest::newRow("deep enough") << QByteArray(100, '[') + QByteArray(100, ']') << true;
    }
    void skipValue_acceptsOnlyWhatQJsonDocumentAccepts()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, accepted);
        QCOMPARE(cursorAccepts(json), accepted);
        if (accepted) {
            QJsonParseError error;
            QJsonDocument::fromJson(json, &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
        }
    }

    void objects_keysInOrderAndFailureIsSticky()
    {
        const QByteArray json = R"({"id":"a","n":null,"list":["x","y"]})";
        JsonCursor cursor(json);
        QVERIFY(cursor.beginObject());
        QByteArrayView key;
        QStringList keys;
        QString id;
        QString none = QStringLiteral("not yet");
        for (bool more = cursor.firstKey(&key); more; more = cursor.nextKey(&key)) {
            keys << QString::fromLatin1(key);
            if (key == "id")
                QVERIFY(cursor.readString(&id));
            else if (key == "n")
                QVERIFY(cursor.readStringOrNull(&none));
            else
                QVERIFY(cursor.skipValue());
        }
        QVERIFY(cursor.ok());
        QVERIFY(cursor.atEnd());
        QCOMPARE(keys,
                 QStringList({QStringLiteral("id"), QStringLiteral("n"), QStringLiteral("list")}));
        QCOMPARE(id, QStringLiteral("a"));
        QVERIFY(none.isNull());

        JsonCursor wrong(json);
        QVERIFY(wrong.beginObject());
        QVERIFY(wrong.firstKey(&key));
        qint64 number = 0;
        QVERIFY(!wrong.readInteger(&number)); // "a" is not a number
        QVERIFY(!wrong.ok());
        QVERIFY(!wrong.nextKey(&key));
        QVERIFY(!wrong.skipValue());
        QVERIFY(!wrong.atEnd());
    }
};

QTEST_GUILESS_MAIN(TestJsonCursor)
#include "tst_jsoncursor.moc"
