#include "form/fieldgraph.h"
#include "formfixtures.h"

#include <QTest>

using namespace ab;
using namespace ab::form;
using namespace ab::test::formfixtures;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

core::FieldNode dependent(const char *id, const QStringList &on)
{
    core::FieldNode node = input(s(id));
    node.dependsOn = on;
    return node;
}

} // namespace

class TestFieldGraph final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transitiveDependants_descendIntoFieldsets()
    {
        const QList<core::FieldNode> tree{
            input(s("spreadsheet")), dependent("worksheet", {s("spreadsheet")}),
            fieldset(s("columns"), {dependent("col_a", {s("worksheet")})}),
            dependent("other", {s("elsewhere")})};
        QCOMPARE(transitiveDependants(tree, s("spreadsheet")),
                 (QStringList{s("worksheet"), s("col_a")}));
        QVERIFY(transitiveDependants(tree, s("col_a")).isEmpty());
        QVERIFY(hasDependants(tree, s("worksheet")));
        QVERIFY(!hasDependants(tree, s("col_a")));
    }

    void transitiveDependants_survivesACycle()
    {
        const QList<core::FieldNode> tree{dependent("a", {s("b")}), dependent("b", {s("a")})};
        QCOMPARE(transitiveDependants(tree, s("a")), QStringList{s("b")});
    }

    void blockingFields_ignoresIdsTheTreeLacks()
    {
        const QList<core::FieldNode> tree{input(s("a")),
                                          dependent("b", {s("a"), s("ghost"), s("b")})};
        QCOMPARE(blockingFields(tree, {}, s("b")), QStringList{s("a")});
        QVERIFY(blockingFields(tree, {{s("a"), false}}, s("b")).isEmpty());
        QVERIFY(blockingFields(tree, {}, s("unknown")).isEmpty());
    }

    void diffInputs_listsAddedAndRemovedWithTitles()
    {
        const QList<core::FieldNode> before{input(s("keep")), input(s("gone"))};
        const QList<core::FieldNode> after{input(s("keep")),
                                           fieldset(s("set"), {input(s("fresh"))}),
                                           info(s("info_is_not_an_input"))};
        const FormDiff diff = diffInputs(before, after);
        QCOMPARE(diff.added, QStringList{s("fresh")});
        QCOMPARE(diff.removed, QStringList{s("gone")});
        QCOMPARE(diff.titles.value(s("fresh")), s("Fresh"));
        QCOMPARE(diff.titles.value(s("gone")), s("Gone"));
        QVERIFY(!diff.initial);
        QVERIFY(diffInputs(after, after).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFieldGraph)
#include "tst_fieldgraph.moc"
