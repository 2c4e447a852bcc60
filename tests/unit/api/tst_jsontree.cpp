#include "api/jsontree.h"

#include <QElapsedTimer>
#include <QTest>

using ab::api::JsonTree;

namespace {

// An Airtable-like find_records result of about `bytes` bytes: records with ids, times and fields.
QByteArray bigResult(int bytes, int *recordCount = nullptr)
{
    QByteArray json = "[{\"records\":[";
    int count = 0;
    while (json.size() < bytes) {
        if (count > 0)
            json += ',';
        json += "{\"id\":\"rec" + QByteArray::number(100000 + count) +
                "\",\"createdTime\":\"2026-01-01T10:00:00.000Z\",\"fields\":{\"Name\":\"Row " +
                QByteArray::number(count) + "\",\"Notes\":\"" + QByteArray(200, 'x') +
                "\",\"Count\":" + QByteArray::number(count) +
                ",\"Done\":" + (count % 2 ? "true" : "false") + ",\"Tags\":[\"a\",\"b\"]}}";
        ++count;
    }
    json += "]}]";
    if (recordCount)
        *recordCount = count;
    return json;
}

} // namespace

class TestJsonTree final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_kindsAndValues();
    void parse_scalarRoot();
    void parse_invalidGivesError();
    void displayValue_isOneShortLine();
    void copyText_isJson();
    void path_readsLikeCode();
    void nodeForPath_findsNodes_data();
    void nodeForPath_findsNodes();
    void nodeForPath_rejectsWrongPaths();
    void children_areCreatedOnlyWhenAsked();
    void search_matchesKeysAndValuesCaseInsensitively();
    void search_honoursLimit();
    void prettyPrinted_fallsBackToText();
    void bigDocument_staysFast();
};

void TestJsonTree::parse_kindsAndValues()
{
    QString error;
    const auto tree = JsonTree::parse(
        R"({"s":"text","n":42,"d":1.5,"big":9007199254740993,"t":true,"f":false,"z":null,)"
        R"("a":[1,2],"o":{"k":"v"}})",
        &error);
    QVERIFY2(tree, qPrintable(error));
    const JsonTree::Node root = tree->root();
    QCOMPARE(tree->kind(root), JsonTree::Kind::Object);
    QCOMPARE(tree->childCount(root), 9);
    QHash<QString, JsonTree::Node> byKey;
    for (int row = 0; row < tree->childCount(root); ++row) {
        const JsonTree::Node node = tree->child(root, row);
        QCOMPARE(tree->row(node), row);
        QCOMPARE(tree->parent(node), std::optional<JsonTree::Node>(root));
        QCOMPARE(tree->index(node), -1);
        byKey.insert(tree->key(node), node);
    }
    QCOMPARE(tree->kind(byKey[QStringLiteral("s")]), JsonTree::Kind::String);
    QCOMPARE(tree->valueText(byKey[QStringLiteral("s")]), QStringLiteral("text"));
    QCOMPARE(tree->kind(byKey[QStringLiteral("n")]), JsonTree::Kind::Number);
    QCOMPARE(tree->valueText(byKey[QStringLiteral("n")]), QStringLiteral("42"));
    QCOMPARE(tree->valueText(byKey[QStringLiteral("d")]), QStringLiteral("1.5"));
    // Ids beyond 2^53 survive exactly (Qt keeps JSON integers as qint64).
    QCOMPARE(tree->valueText(byKey[QStringLiteral("big")]), QStringLiteral("9007199254740993"));
    QCOMPARE(tree->kind(byKey[QStringLiteral("t")]), JsonTree::Kind::Bool);
    QCOMPARE(tree->valueText(byKey[QStringLiteral("f")]), QStringLiteral("false"));
    QCOMPARE(tree->kind(byKey[QStringLiteral("z")]), JsonTree::Kind::Null);
    QCOMPARE(tree->valueText(byKey[QStringLiteral("z")]), QStringLiteral("null"));
    const JsonTree::Node array = byKey[QStringLiteral("a")];
    QCOMPARE(tree->kind(array), JsonTree::Kind::Array);
    QCOMPARE(tree->childCount(array), 2);
    QCOMPARE(tree->index(tree->child(array, 1)), 1);
    QCOMPARE(tree->key(tree->child(array, 1)), QString());
    QCOMPARE(tree->kind(byKey[QStringLiteral("o")]), JsonTree::Kind::Object);
    QVERIFY(tree->isContainer(byKey[QStringLiteral("o")]));
    QVERIFY(!tree->isContainer(byKey[QStringLiteral("s")]));
    QCOMPARE(tree->parent(root), std::nullopt);
}

void TestJsonTree::parse_scalarRoot()
{
    const auto tree = JsonTree::parse("\"just text\"");
    QVERIFY(tree);
    QCOMPARE(tree->kind(tree->root()), JsonTree::Kind::String);
    QCOMPARE(tree->childCount(tree->root()), 0);
    QCOMPARE(tree->valueText(tree->root()), QStringLiteral("just text"));
    QCOMPARE(tree->search(QStringLiteral("TEXT")).size(), 1);
}

void TestJsonTree::parse_invalidGivesError()
{
    QString error;
    QVERIFY(!JsonTree::parse("{\"a\":", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!JsonTree::parse("", &error));
}

void TestJsonTree::displayValue_isOneShortLine()
{
    const auto tree = JsonTree::parse(R"({"long":")" + QByteArray(500, 'y') +
                                      R"(","lines":"one\ntwo","o":{"a":1,"b":2},"a":[1,2,3]})");
    QVERIFY(tree);
    const auto node = [&](const char *path) {
        return *tree->nodeForPath(QLatin1String(path));
    };
    const QString shortened = tree->displayValue(node("long"), 50);
    QCOMPARE(shortened.size(), 50);
    QVERIFY(shortened.endsWith(QChar(0x2026)));
    QCOMPARE(tree->valueText(node("long")).size(), 500);
    QVERIFY(!tree->displayValue(node("lines")).contains(u'\n'));
    QCOMPARE(tree->displayValue(node("o")), QStringLiteral("{2}"));
    QCOMPARE(tree->displayValue(node("a")), QStringLiteral("[3]"));
}

void TestJsonTree::copyText_isJson()
{
    const auto tree = JsonTree::parse(R"({"s":"say \"hi\"","o":{"k":[1,null]},"n":3})");
    QVERIFY(tree);
    QCOMPARE(tree->copyText(*tree->nodeForPath(QStringLiteral("s"))),
             QStringLiteral(R"("say \"hi\"")"));
    QCOMPARE(tree->copyText(*tree->nodeForPath(QStringLiteral("n"))), QStringLiteral("3"));
    const QString object = tree->copyText(*tree->nodeForPath(QStringLiteral("o")));
    QVERIFY(object.startsWith(u'{'));
    QVERIFY(object.contains(QStringLiteral("\"k\"")));
    QVERIFY(object.contains(u'\n')); // indented for people
    QVERIFY(JsonTree::parse(object.toUtf8()));
}

void TestJsonTree::path_readsLikeCode()
{
    auto tree = JsonTree::parse(R"({"results":[{"fields":{"Name":"A","First name":"B"}}]})");
    QVERIFY(tree);
    const JsonTree::Node results = tree->child(tree->root(), 0);
    const JsonTree::Node first = tree->child(results, 0);
    const JsonTree::Node fields = tree->child(first, 0);
    QHash<QString, JsonTree::Node> byKey;
    for (int row = 0; row < tree->childCount(fields); ++row)
        byKey.insert(tree->key(tree->child(fields, row)), tree->child(fields, row));
    QCOMPARE(tree->path(byKey[QStringLiteral("Name")]), QStringLiteral("results[0].fields.Name"));
    QCOMPARE(tree->path(byKey[QStringLiteral("First name")]),
             QStringLiteral("results[0].fields[\"First name\"]"));
    QCOMPARE(tree->path(tree->root()), QString());

    tree->setRootName(QStringLiteral("data"));
    QCOMPARE(tree->path(byKey[QStringLiteral("Name")]),
             QStringLiteral("data.results[0].fields.Name"));
    QCOMPARE(tree->path(tree->root()), QStringLiteral("data"));

    const auto array = JsonTree::parse("[[1,2]]");
    QVERIFY(array);
    QCOMPARE(array->path(array->child(array->child(array->root(), 0), 1)),
             QStringLiteral("[0][1]"));
}

void TestJsonTree::nodeForPath_findsNodes_data()
{
    QTest::addColumn<QString>("rootName");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::newRow("key") << QString() << QStringLiteral("id") << QStringLiteral("7");
    QTest::newRow("nested") << QString() << QStringLiteral("results[1].fields.Name")
                            << QStringLiteral("second");
    QTest::newRow("quoted") << QString() << QStringLiteral("results[0].fields[\"a \\\"b\\\"\"]")
                            << QStringLiteral("odd");
    QTest::newRow("root name") << QStringLiteral("results") << QStringLiteral("results.id")
                               << QStringLiteral("7");
}

void TestJsonTree::nodeForPath_findsNodes()
{
    QFETCH(QString, rootName);
    QFETCH(QString, path);
    QFETCH(QString, value);
    auto tree = JsonTree::parse(R"({"id":7,"results":[{"fields":{"Name":"first","a \"b\"":"odd"}},)"
                                R"({"fields":{"Name":"second"}}]})");
    QVERIFY(tree);
    tree->setRootName(rootName);
    const auto node = tree->nodeForPath(path);
    QVERIFY(node);
    QCOMPARE(tree->valueText(*node), value);
    // A node's own path leads back to it.
    QCOMPARE(tree->nodeForPath(tree->path(*node)), node);
}

void TestJsonTree::nodeForPath_rejectsWrongPaths()
{
    const auto tree = JsonTree::parse(R"({"a":[1,2],"o":{"k":1}})");
    QVERIFY(tree);
    QVERIFY(!tree->nodeForPath(QStringLiteral("missing")));
    QVERIFY(!tree->nodeForPath(QStringLiteral("a[2]")));
    QVERIFY(!tree->nodeForPath(QStringLiteral("a[x]")));
    QVERIFY(!tree->nodeForPath(QStringLiteral("o[0]")));
    QVERIFY(!tree->nodeForPath(QStringLiteral("a.k")));
    QVERIFY(!tree->nodeForPath(QStringLiteral("o[\"k")));
    QCOMPARE(tree->nodeForPath(QString()), std::optional<JsonTree::Node>(tree->root()));
}

void TestJsonTree::children_areCreatedOnlyWhenAsked()
{
    int records = 0;
    const auto tree = JsonTree::parse(bigResult(100000, &records));
    QVERIFY(tree);
    QCOMPARE(tree->materializedCount(), 1);
    // Counting children creates none.
    const JsonTree::Node top = tree->child(tree->root(), 0);
    QCOMPARE(tree->materializedCount(), 2);
    const JsonTree::Node list = tree->child(top, 0);
    QCOMPARE(tree->childCount(list), records);
    QCOMPARE(tree->materializedCount(), 3);
    // Asking for one record creates its level (the siblings), not their contents.
    tree->child(list, 5);
    QCOMPARE(tree->materializedCount(), 3 + records);
    tree->child(list, 6);
    QCOMPARE(tree->materializedCount(), 3 + records);
}

void TestJsonTree::search_matchesKeysAndValuesCaseInsensitively()
{
    const auto tree = JsonTree::parse(
        R"({"Email":"x@example.com","list":["EMAIL me",3,true],"n":12345,"o":{"deep":{"v":"Email"}}})");
    QVERIFY(tree);
    const int before = tree->materializedCount();
    const QList<JsonTree::Match> matches = tree->search(QStringLiteral("email"));
    QStringList paths;
    for (const JsonTree::Match &match : matches) {
        paths.append(match.path);
        QCOMPARE(tree->path(match.node), match.path);
    }
    QCOMPARE(paths, (QStringList{QStringLiteral("Email"), QStringLiteral("list[0]"),
                                 QStringLiteral("o.deep.v")}));
    QVERIFY(matches.at(0).inKey);
    QVERIFY(!matches.at(1).inKey);
    QVERIFY(tree->materializedCount() > before);
    QCOMPARE(tree->search(QStringLiteral("234")).size(), 1); // numbers by their text
    QCOMPARE(tree->search(QStringLiteral("TRUE")).size(), 1);
    QVERIFY(tree->search(QString()).isEmpty());
    QVERIFY(tree->search(QStringLiteral("nowhere")).isEmpty());
}

void TestJsonTree::search_honoursLimit()
{
    const auto tree = JsonTree::parse(bigResult(50000));
    QVERIFY(tree);
    QCOMPARE(tree->search(QStringLiteral("row"), 10).size(), 10);
    QCOMPARE(tree->search(QStringLiteral("row"), 0).size(), 0);
}

void TestJsonTree::prettyPrinted_fallsBackToText()
{
    QCOMPARE(JsonTree::prettyPrinted("{\"a\":1}"), QStringLiteral("{\n    \"a\": 1\n}"));
    QCOMPARE(JsonTree::prettyPrinted("{\"a\":1"), QStringLiteral("{\"a\":1"));
    QCOMPARE(JsonTree::prettyPrinted("<html>"), QStringLiteral("<html>"));
}

void TestJsonTree::bigDocument_staysFast()
{
    int records = 0;
    const QByteArray json = bigResult(1024 * 1024, &records);
    QVERIFY(json.size() >= 1024 * 1024);
    // Numbers are reported, not asserted (timing assertions flake on shared CI machines);
    // the structural checks below prove the work stays proportional to what is asked for.
    QElapsedTimer timer;
    timer.start();
    const auto tree = JsonTree::parse(json);
    const qint64 parseMs = timer.restart();
    QVERIFY(tree);
    const JsonTree::Node list = tree->child(tree->child(tree->root(), 0), 0);
    QCOMPARE(tree->childCount(list), records);
    const QList<JsonTree::Match> deep = tree->search(QStringLiteral("Row %1").arg(records - 1), 5);
    const qint64 searchMs = timer.elapsed();
    QCOMPARE(deep.size(), 1);
    QCOMPARE(deep.first().path, QStringLiteral("[0].records[%1].fields.Name").arg(records - 1));
    // Only the path to the match was created: the root's level, the list's level, one record's
    // members and its fields' members.
    QVERIFY2(tree->materializedCount() < records + 20,
             qPrintable(QString::number(tree->materializedCount())));
    qInfo("1 MB (%d records): parse %lld ms, search %lld ms", records, parseMs, searchMs);
}

QTEST_GUILESS_MAIN(TestJsonTree)
#include "tst_jsontree.moc"
