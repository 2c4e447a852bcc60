#include "form/valuecoercion.h"
#include "formfixtures.h"

#include <QTest>

using namespace ab;
using namespace ab::form;
using ab::test::formfixtures::input;
using core::ValueType;
using Code = ValidationIssue::Code;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// Stands in for ab::api's JSON reader: knows exactly two documents.
std::optional<QVariant> tinyJson(const QString &text)
{
    if (text == QLatin1String("[1, \"two\"]"))
        return QVariant(QVariantList{qint64(1), s("two")});
    if (text == QLatin1String("{\"a\": 1}"))
        return QVariant(QVariantMap{{s("a"), qint64(1)}});
    if (text == QLatin1String("[]"))
        return QVariant(QVariantList{});
    return std::nullopt;
}

} // namespace

class TestValueCoercion final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void coerceText_data()
    {
        QTest::addColumn<ValueType>("type");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("withJson");
        QTest::addColumn<QVariant>("expected"); // invalid: no value
        QTest::addColumn<int>("error");         // -1: none

        const QVariant none;
        QTest::newRow("string kept verbatim")
            << ValueType::String << s("  a b ") << false << QVariant(s("  a b ")) << -1;
        QTest::newRow("blank means no value")
            << ValueType::String << s("   ") << false << none << -1;
        QTest::newRow("unknown type is text")
            << ValueType::Unknown << s("x") << false << QVariant(s("x")) << -1;
        QTest::newRow("integer") << ValueType::Integer << s(" 42 ") << false << QVariant(qint64(42))
                                 << -1;
        QTest::newRow("negative integer")
            << ValueType::Integer << s("-7") << false << QVariant(qint64(-7)) << -1;
        QTest::newRow("big integer") << ValueType::Integer << s("9007199254740993") << false
                                     << QVariant(qint64(9007199254740993LL)) << -1;
        QTest::newRow("integer with fraction")
            << ValueType::Integer << s("3.5") << false << none << int(Code::NotAnInteger);
        QTest::newRow("integer words")
            << ValueType::Integer << s("two") << false << none << int(Code::NotAnInteger);
        QTest::newRow("number with dot")
            << ValueType::Number << s("2.5") << false << QVariant(2.5) << -1;
        QTest::newRow("number exponent")
            << ValueType::Number << s("1e3") << false << QVariant(1000.0) << -1;
        QTest::newRow("number comma decimal")
            << ValueType::Number << s("2,5") << false << none << int(Code::NotANumber);
        QTest::newRow("number inf")
            << ValueType::Number << s("inf") << false << none << int(Code::NotANumber);
        QTest::newRow("number nan")
            << ValueType::Number << s("nan") << false << none << int(Code::NotANumber);
        QTest::newRow("bool true")
            << ValueType::Boolean << s("true") << false << QVariant(true) << -1;
        QTest::newRow("bool Yes") << ValueType::Boolean << s("Yes") << false << QVariant(true)
                                  << -1;
        QTest::newRow("bool 1") << ValueType::Boolean << s("1") << false << QVariant(true) << -1;
        QTest::newRow("bool no") << ValueType::Boolean << s("no") << false << QVariant(false) << -1;
        QTest::newRow("bool 0") << ValueType::Boolean << s("0") << false << QVariant(false) << -1;
        QTest::newRow("bool FALSE")
            << ValueType::Boolean << s("FALSE") << false << QVariant(false) << -1;
        QTest::newRow("bool maybe")
            << ValueType::Boolean << s("maybe") << false << none << int(Code::NotABoolean);
        QTest::newRow("array comma list") << ValueType::Array << s("a, b,,c") << false
                                          << QVariant(QVariantList{s("a"), s("b"), s("c")}) << -1;
        QTest::newRow("array lines keep commas")
            << ValueType::Array << s("Smith, John\n\nDoe, Jane\n") << false
            << QVariant(QVariantList{s("Smith, John"), s("Doe, Jane")}) << -1;
        QTest::newRow("array json") << ValueType::Array << s("[1, \"two\"]") << true
                                    << QVariant(QVariantList{qint64(1), s("two")}) << -1;
        QTest::newRow("array empty json") << ValueType::Array << s("[]") << true << none << -1;
        QTest::newRow("array bad json")
            << ValueType::Array << s("[1,") << true << none << int(Code::NotAList);
        QTest::newRow("array json without parser")
            << ValueType::Array << s("[1, \"two\"]") << false << none << int(Code::NotAList);
        QTest::newRow("object lines")
            << ValueType::Object << s("a=1\nb = x = y\n") << false
            << QVariant(QVariantMap{{s("a"), s("1")}, {s("b"), s("x = y")}}) << -1;
        QTest::newRow("object line without key")
            << ValueType::Object << s("a=1\n=2") << false << none << int(Code::NotAnObject);
        QTest::newRow("object line without equals")
            << ValueType::Object << s("just text") << false << none << int(Code::NotAnObject);
        QTest::newRow("object json") << ValueType::Object << s("{\"a\": 1}") << true
                                     << QVariant(QVariantMap{{s("a"), qint64(1)}}) << -1;
        QTest::newRow("object json without parser")
            << ValueType::Object << s("{\"a\": 1}") << false << none << int(Code::NotAnObject);
    }
    void coerceText()
    {
        QFETCH(ValueType, type);
        QFETCH(QString, text);
        QFETCH(bool, withJson);
        QFETCH(QVariant, expected);
        QFETCH(int, error);

        const CoercionResult result =
            form::coerceText(input(s("f"), type), text, withJson ? tinyJson : JsonTextParser());
        if (error < 0) {
            QVERIFY(result.ok());
            QCOMPARE(result.value.metaType(), expected.metaType());
            QCOMPARE(result.value, expected);
        } else {
            QCOMPARE(result.error, std::optional(Code(error)));
            QVERIFY(!result.value.isValid());
        }
    }

    void checkValueType_data()
    {
        QTest::addColumn<ValueType>("type");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<int>("error"); // -1: fits
        QTest::newRow("string takes a number") << ValueType::String << QVariant(5) << -1;
        QTest::newRow("integer int") << ValueType::Integer << QVariant(5) << -1;
        QTest::newRow("integer qint64") << ValueType::Integer << QVariant(qint64(5)) << -1;
        QTest::newRow("integer whole double") << ValueType::Integer << QVariant(5.0) << -1;
        QTest::newRow("integer fraction")
            << ValueType::Integer << QVariant(5.5) << int(Code::NotAnInteger);
        QTest::newRow("integer text")
            << ValueType::Integer << QVariant(s("5")) << int(Code::NotAnInteger);
        QTest::newRow("number double") << ValueType::Number << QVariant(0.1) << -1;
        QTest::newRow("number int") << ValueType::Number << QVariant(qint64(3)) << -1;
        QTest::newRow("number text")
            << ValueType::Number << QVariant(s("0.1")) << int(Code::NotANumber);
        QTest::newRow("number bool")
            << ValueType::Number << QVariant(true) << int(Code::NotANumber);
        QTest::newRow("boolean") << ValueType::Boolean << QVariant(false) << -1;
        QTest::newRow("boolean text")
            << ValueType::Boolean << QVariant(s("true")) << int(Code::NotABoolean);
        QTest::newRow("array list") << ValueType::Array << QVariant(QVariantList{1}) << -1;
        QTest::newRow("array string list")
            << ValueType::Array << QVariant(QStringList{s("a")}) << -1;
        QTest::newRow("array text")
            << ValueType::Array << QVariant(s("a,b")) << int(Code::NotAList);
        QTest::newRow("object map")
            << ValueType::Object << QVariant(QVariantMap{{s("a"), 1}}) << -1;
        QTest::newRow("object list")
            << ValueType::Object << QVariant(QVariantList{1}) << int(Code::NotAnObject);
        QTest::newRow("empty is never wrong") << ValueType::Integer << QVariant(s("")) << -1;
    }
    void checkValueType()
    {
        QFETCH(ValueType, type);
        QFETCH(QVariant, value);
        QFETCH(int, error);
        const auto result = form::checkValueType(input(s("f"), type), value);
        if (error < 0)
            QCOMPARE(result, std::nullopt);
        else
            QCOMPARE(result, std::optional(Code(error)));
    }

    void isEmptyValue_coversEveryEmptyShape()
    {
        QVERIFY(isEmptyValue(QVariant()));
        QVERIFY(isEmptyValue(QVariant(QString())));
        QVERIFY(isEmptyValue(QVariant(s(""))));
        QVERIFY(isEmptyValue(QVariant(QVariantList{})));
        QVERIFY(isEmptyValue(QVariant(QVariantMap{})));
        QVERIFY(!isEmptyValue(QVariant(false))); // false is an answer
        QVERIFY(!isEmptyValue(QVariant(0)));
        QVERIFY(!isEmptyValue(QVariant(s(" "))));
    }
};

QTEST_GUILESS_MAIN(TestValueCoercion)
#include "tst_valuecoercion.moc"
