#include "api/decoders.h"
#include "api/jsontext.h"

#include <QTest>

using namespace ab;
using namespace ab::api;

class TestJsonText final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void variant_roundTrip_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("map") << QVariant(QVariantMap{{QStringLiteral("a"), 1},
                                                     {QStringLiteral("b"), QStringLiteral("x")}})
                             << QByteArray(R"({"a":1,"b":"x"})");
        QTest::newRow("list") << QVariant(QVariantList{true, 2.5, QStringLiteral("s")})
                              << QByteArray(R"([true,2.5,"s"])");
        QTest::newRow("string") << QVariant(QStringLiteral("h\"i")) << QByteArray("\"h\\\"i\"");
        QTest::newRow("integer") << QVariant(qint64(42)) << QByteArray("42");
        QTest::newRow("bool") << QVariant(false) << QByteArray("false");
    }
    void variant_roundTrip()
    {
        QFETCH(QVariant, value);
        QFETCH(QByteArray, text);
        QCOMPARE(toJsonText(value), text);
        QString error;
        const QVariant back = fromJsonText(text, &error);
        QVERIFY2(back.isValid(), qPrintable(error));
        QCOMPARE(toJsonText(back), text);
    }

    void fromJsonText_reportsErrors()
    {
        QString error;
        QVERIFY(!fromJsonText("{\"a\":", &error).isValid());
        QVERIFY(error.startsWith(QLatin1String("the body is not JSON")));
        QVERIFY(fromJsonText("null").isValid());
    }

    void fieldTree_roundTripKeepsRawEnums()
    {
        core::FieldNode select;
        select.id = QStringLiteral("spreadsheet");
        select.title = QStringLiteral("Spreadsheet");
        select.format = core::FieldFormat::Select;
        select.formatRaw = QStringLiteral("SELECT");
        select.isRequired = true;
        select.invalidatesInputFields = true;
        select.items = {{QStringLiteral("k"), QStringLiteral("v")}};
        core::FieldNode odd;
        odd.id = QStringLiteral("odd");
        odd.format = core::FieldFormat::Unknown;
        odd.formatRaw = QStringLiteral("HOLOGRAM");
        odd.valueType = core::ValueType::Unknown;
        odd.valueTypeRaw = QStringLiteral("DECIMAL");
        odd.dependsOn = {QStringLiteral("spreadsheet")};
        odd.defaultValue = QStringLiteral("line1\nline2");
        core::FieldNode info;
        info.kind = core::FieldNode::Kind::Info;
        info.id = QStringLiteral("note");
        info.description = QStringLiteral("Read **me**");
        core::FieldNode set;
        set.kind = core::FieldNode::Kind::Fieldset;
        set.id = QStringLiteral("group");
        set.title = QStringLiteral("Group");
        set.children = {odd, info};

        const QByteArray text = encodeFieldTree({select, set});
        QString error;
        const QList<core::FieldNode> back = decodeFieldTree(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(encodeFieldTree(back), text);
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.at(0).items, select.items);
        QCOMPARE(back.at(1).children.size(), 2);
        const core::FieldNode &oddBack = back.at(1).children.at(0);
        QCOMPARE(oddBack.formatRaw, QStringLiteral("HOLOGRAM"));
        QCOMPARE(oddBack.valueTypeRaw, QStringLiteral("DECIMAL"));
        QCOMPARE(oddBack.defaultValue, odd.defaultValue);
        QCOMPARE(oddBack.dependsOn, odd.dependsOn);
        QCOMPARE(back.at(1).children.at(1).kind, core::FieldNode::Kind::Info);

        // A stored tree reads exactly like an /inputs reply.
        const auto asReply = decodeInputs(R"({"data":)" + text + "}");
        QVERIFY(asReply.ok());
        QCOMPARE(encodeFieldTree(asReply.value()), text);
    }

    void fieldTree_badTextGivesError()
    {
        QString error;
        QVERIFY(decodeFieldTree(R"({"id":"x"})", &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("not a JSON array")));
        QVERIFY(decodeFieldTree(R"([{"id":7,"is_required":"no"}])", &error).isEmpty());
        QCOMPARE(error, QStringLiteral("[0].is_required is not a boolean but a string"));
    }

    void runErrors_roundTrip()
    {
        core::RunError throttled;
        throttled.code = core::RunErrorCode::Throttled;
        throttled.codeRaw = QStringLiteral("throttled");
        throttled.title = QStringLiteral("Slow down");
        throttled.detail = QStringLiteral("Try later");
        throttled.delaySeconds = 30;
        core::RunError user;
        user.code = core::RunErrorCode::Unknown;
        user.codeRaw = QStringLiteral("quantum");
        user.sourcePointer = QStringLiteral("/data/inputs/email");
        const QByteArray text = encodeRunErrors({throttled, user});
        QString error;
        const QList<core::RunError> back = decodeRunErrors(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.at(0).code, core::RunErrorCode::Throttled);
        QCOMPARE(back.at(0).delaySeconds.value_or(-1), 30);
        QCOMPARE(back.at(0).detail, QStringLiteral("Try later"));
        QCOMPARE(back.at(1).codeRaw, QStringLiteral("quantum"));
        QCOMPARE(back.at(1).sourcePointer, QStringLiteral("/data/inputs/email"));
        QCOMPARE(encodeRunErrors(back), text);
        QVERIFY(decodeRunErrors("[]").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
