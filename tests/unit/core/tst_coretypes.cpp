#include "core/action.h"
#include "core/field.h"
#include "core/run.h"

#include <QTest>

using namespace ab::core;

class TestCoreTypes final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void actionType_parsesCaseInsensitively_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<ActionType>("expected");
        QTest::newRow("upper") << QStringLiteral("WRITE") << ActionType::Write;
        QTest::newRow("lower (old guide)") << QStringLiteral("read") << ActionType::Read;
        QTest::newRow("bulk") << QStringLiteral("read_bulk") << ActionType::ReadBulk;
        QTest::newRow("search or write")
            << QStringLiteral("SEARCH_OR_WRITE") << ActionType::SearchOrWrite;
        QTest::newRow("filter") << QStringLiteral("FILTER") << ActionType::Filter;
        QTest::newRow("schema example 'action'") << QStringLiteral("action") << ActionType::Unknown;
        QTest::newRow("empty") << QString() << ActionType::Unknown;
    }
    void actionType_parsesCaseInsensitively()
    {
        QFETCH(QString, text);
        QFETCH(ActionType, expected);
        QCOMPARE(actionTypeFromString(text), expected);
        if (expected != ActionType::Unknown)
            QCOMPARE(actionTypeToString(expected), text.toUpper());
    }

    void fieldFormat_absentIsPlainAndUnknownIsKept()
    {
        QCOMPARE(fieldFormatFromString(QString()), FieldFormat::Plain);
        QCOMPARE(fieldFormatFromString(QStringLiteral("select")), FieldFormat::Select);
        QCOMPARE(fieldFormatFromString(QStringLiteral("HOLOGRAM")), FieldFormat::Unknown);
        QCOMPARE(valueTypeFromString(QString()), ValueType::String);
        QCOMPARE(valueTypeFromString(QStringLiteral("INTEGER")), ValueType::Integer);
        QCOMPARE(valueTypeFromString(QStringLiteral("DECIMAL")), ValueType::Unknown);
        for (auto format :
             {FieldFormat::Datetime, FieldFormat::Multiline, FieldFormat::Password,
              FieldFormat::Code, FieldFormat::Readonly, FieldFormat::File, FieldFormat::Select})
            QCOMPARE(fieldFormatFromString(fieldFormatToString(format)), format);
    }

    void runStatus_legacyNamesArePending_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<RunStatus>("expected");
        QTest::newRow("waiting") << QStringLiteral("waiting") << RunStatus::Waiting;
        QTest::newRow("queued (old guide)") << QStringLiteral("queued") << RunStatus::Waiting;
        QTest::newRow("running (old guide)") << QStringLiteral("running") << RunStatus::Waiting;
        QTest::newRow("success") << QStringLiteral("SUCCESS") << RunStatus::Success;
        QTest::newRow("error") << QStringLiteral("error") << RunStatus::Error;
        QTest::newRow("beyond the enum") << QStringLiteral("paused") << RunStatus::Unknown;
    }
    void runStatus_legacyNamesArePending()
    {
        QFETCH(QString, text);
        QFETCH(RunStatus, expected);
        QCOMPARE(runStatusFromString(text), expected);
    }

    void runState_successWithErrorsIsAFailure()
    {
        RunState state;
        state.status = RunStatus::Success;
        QVERIFY(!state.isFailure());
        state.errors.append(RunError{RunErrorCode::User, QStringLiteral("user"), {}, {}, {}, {}});
        QVERIFY(state.isFailure());
        state.status = RunStatus::Waiting;
        QVERIFY(!state.isFinished());
        QVERIFY(!state.isFailure());
    }

    void runErrorCode_roundTrips()
    {
        for (auto code : {RunErrorCode::User, RunErrorCode::Authentication, RunErrorCode::Partner,
                          RunErrorCode::System, RunErrorCode::Throttled,
                          RunErrorCode::SystemThrottled, RunErrorCode::Hydration})
            QCOMPARE(runErrorCodeFromString(runErrorCodeToString(code)), code);
        QCOMPARE(runErrorCodeFromString(QStringLiteral("cosmic_ray")), RunErrorCode::Unknown);
    }

    void flattenInputs_descendsIntoFieldsetsInOrder()
    {
        FieldNode a;
        a.id = QStringLiteral("a");
        FieldNode info;
        info.kind = FieldNode::Kind::Info;
        info.id = QStringLiteral("note");
        FieldNode b;
        b.id = QStringLiteral("b");
        FieldNode set;
        set.kind = FieldNode::Kind::Fieldset;
        set.id = QStringLiteral("set");
        set.children = {b, info};
        FieldNode c;
        c.id = QStringLiteral("c");
        const QList<FieldNode> tree{a, set, info, c};
        QStringList ids;
        for (const FieldNode *node : flattenInputs(tree))
            ids << node->id;
        QCOMPARE(ids, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QVERIFY(findInput(tree, QStringLiteral("b")));
        QVERIFY(!findInput(tree, QStringLiteral("note")));
    }

    void titledInputs_areInputFieldsWithThoseTitles()
    {
        const QList<FieldNode> fields =
            titledInputs({{QStringLiteral("COL$A"), QStringLiteral("Deal Name")},
                          {QStringLiteral("spreadsheet"), QStringLiteral("Spreadsheet")}});
        QCOMPARE(fields.size(), 2);
        const FieldNode *deal = findInput(fields, QStringLiteral("COL$A"));
        QVERIFY(deal);
        QCOMPARE(deal->title, QStringLiteral("Deal Name"));
        QCOMPARE(findInput(fields, QStringLiteral("spreadsheet"))->title,
                 QStringLiteral("Spreadsheet"));
        QVERIFY(titledInputs({}).isEmpty());
    }

    void choice_displayFallsBackToValueThenId()
    {
        QCOMPARE(
            (Choice{QStringLiteral("1"), QStringLiteral("One"), QStringLiteral("v")}).displayText(),
            QStringLiteral("One"));
        QCOMPARE((Choice{QStringLiteral("1"), QString(), QStringLiteral("v")}).displayText(),
                 QStringLiteral("v"));
        QCOMPARE((Choice{QStringLiteral("1"), QString(), QString()}).displayText(),
                 QStringLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(TestCoreTypes)
#include "tst_coretypes.moc"
