#include "form/formvalidator.h"
#include "formfixtures.h"

#include <QTest>

using namespace ab;
using namespace ab::form;
using namespace ab::test::formfixtures;
using core::ValueType;
using Code = ValidationIssue::Code;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestFormValidator final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validate_eachValueType_data()
    {
        QTest::addColumn<ValueType>("type");
        QTest::addColumn<bool>("required");
        QTest::addColumn<QString>("defaultValue");
        QTest::addColumn<QVariant>("value"); // invalid: not set
        QTest::addColumn<int>("error");      // -1: no issue

        const QVariant unset;
        QTest::newRow("optional and empty")
            << ValueType::Integer << false << QString() << unset << -1;
        QTest::newRow("required and empty")
            << ValueType::String << true << QString() << unset << int(Code::Required);
        QTest::newRow("required, empty text")
            << ValueType::String << true << QString() << QVariant(s("")) << int(Code::Required);
        QTest::newRow("required, server default")
            << ValueType::String << true << s("Sheet1") << unset << -1;
        QTest::newRow("required boolean false is set")
            << ValueType::Boolean << true << QString() << QVariant(false) << -1;
        QTest::newRow("string") << ValueType::String << true << QString() << QVariant(s("x")) << -1;
        QTest::newRow("integer") << ValueType::Integer << true << QString() << QVariant(qint64(2))
                                 << -1;
        QTest::newRow("integer from text") << ValueType::Integer << false << QString()
                                           << QVariant(s("2")) << int(Code::NotAnInteger);
        QTest::newRow("number") << ValueType::Number << false << QString() << QVariant(2.5) << -1;
        QTest::newRow("number from text") << ValueType::Number << false << QString()
                                          << QVariant(s("2.5")) << int(Code::NotANumber);
        QTest::newRow("boolean from text") << ValueType::Boolean << false << QString()
                                           << QVariant(s("yes")) << int(Code::NotABoolean);
        QTest::newRow("array") << ValueType::Array << true << QString()
                               << QVariant(QVariantList{s("a")}) << -1;
        QTest::newRow("array from text")
            << ValueType::Array << false << QString() << QVariant(s("a")) << int(Code::NotAList);
        QTest::newRow("required empty array") << ValueType::Array << true << QString()
                                              << QVariant(QVariantList{}) << int(Code::Required);
        QTest::newRow("object") << ValueType::Object << false << QString()
                                << QVariant(QVariantMap{{s("k"), s("v")}}) << -1;
        QTest::newRow("object from list")
            << ValueType::Object << false << QString() << QVariant(QVariantList{s("k")})
            << int(Code::NotAnObject);
    }
    void validate_eachValueType()
    {
        QFETCH(ValueType, type);
        QFETCH(bool, required);
        QFETCH(QString, defaultValue);
        QFETCH(QVariant, value);
        QFETCH(int, error);

        core::FieldNode field = input(s("f"), type);
        field.isRequired = required;
        field.defaultValue = defaultValue;
        QVariantMap values;
        if (value.isValid())
            values.insert(s("f"), value);

        const QList<ValidationIssue> issues = validateForm({field}, values);
        if (error < 0)
            QVERIFY2(issues.isEmpty(), qPrintable(QString::number(int(issues.value(0).code))));
        else
            QCOMPARE(issues, (QList<ValidationIssue>{{s("f"), Code(error)}}));
    }

    void validate_requiredBehindAnEmptyGateCountsAsRequired()
    {
        core::FieldNode worksheet = select(s("worksheet"), {s("spreadsheet")});
        const QList<core::FieldNode> tree{select(s("spreadsheet")), worksheet};
        // A restored worksheet without its spreadsheet is not a usable value.
        const QVariantMap values{{s("worksheet"), s("ws-1")}};
        QCOMPARE(validateForm(tree, values),
                 (QList<ValidationIssue>{{s("spreadsheet"), Code::Required},
                                         {s("worksheet"), Code::Required}}));
    }

    void validate_walksFieldsetsInDocumentOrderAndIgnoresStrangers()
    {
        core::FieldNode count = input(s("count"), ValueType::Integer);
        core::FieldNode inner = input(s("inner"), ValueType::Boolean);
        inner.isRequired = true;
        const QList<core::FieldNode> tree{info(s("intro")), fieldset(s("group"), {inner}), count};
        const QVariantMap values{{s("count"), s("many")}, {s("stranger"), s("x")}};
        QCOMPARE(validateForm(tree, values),
                 (QList<ValidationIssue>{{s("inner"), Code::Required},
                                         {s("count"), Code::NotAnInteger}}));
    }
};

QTEST_GUILESS_MAIN(TestFormValidator)
#include "tst_formvalidator.moc"
