#include "form/choicecache.h"

#include <QTest>

using namespace ab;
using namespace ab::form;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

ChoiceCache::Key key(const QVariantMap &dependsOn = {})
{
    return ChoiceCache::Key{s("create_row"), s("conn-1"), s("worksheet"), dependsOn};
}

core::ChoicePage page(int number, bool hasNext, const QList<core::Choice> &choices)
{
    core::ChoicePage result;
    result.page = number;
    result.hasNext = hasNext;
    result.choices = choices;
    return result;
}

core::Choice choice(const char *id, const char *label, const char *value = nullptr)
{
    return core::Choice{s(id), s(label), value ? s(value) : s(id)};
}

} // namespace

class TestChoiceCache final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void page_isKeptPerKey()
    {
        ChoiceCache cache;
        cache.insert(key({{s("spreadsheet"), s("a")}}), page(1, false, {choice("x", "X")}));
        QVERIFY(cache.page(key({{s("spreadsheet"), s("a")}}), 1));
        QVERIFY(!cache.page(key({{s("spreadsheet"), s("b")}}), 1));
        QVERIFY(!cache.page(key(), 1));
        QVERIFY(!cache.page(key({{s("spreadsheet"), s("a")}}), 2));
        ChoiceCache::Key otherConnection = key({{s("spreadsheet"), s("a")}});
        otherConnection.connectionId = s("conn-2");
        QVERIFY(!cache.page(otherConnection, 1));
    }

    void key_comparesValuesByType()
    {
        // The same spreadsheet id as number and as text are different inputs to Zapier.
        QVERIFY(!(key({{s("n"), qint64(1)}}) == key({{s("n"), s("x")}})));
        QVERIFY(key({{s("n"), qint64(1)}}) == key({{s("n"), qint64(1)}}));
    }

    void nextMissingPage_followsContiguousPages()
    {
        ChoiceCache cache;
        QCOMPARE(cache.nextMissingPage(key()), 1);
        cache.insert(key(), page(2, true, {choice("c", "C")}));
        QCOMPARE(cache.nextMissingPage(key()), 1);
        QVERIFY(cache.choices(key()).isEmpty()); // a gap hides page 2
        cache.insert(key(), page(1, true, {choice("a", "A"), choice("b", "B")}));
        QCOMPARE(cache.nextMissingPage(key()), 3);
        QCOMPARE(cache.choices(key()).size(), 3);
        cache.insert(key(), page(3, false, {}));
        QCOMPARE(cache.nextMissingPage(key()), 0);
        QVERIFY(cache.isComplete(key()));
    }

    void find_prefersIdThenLabelThenValue_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expectedId"); // empty: not found
        QTest::newRow("id") << s("2") << s("2");
        QTest::newRow("id beats a label spelled the same") << s("1") << s("1");
        QTest::newRow("exact label") << s("Budget") << s("2");
        QTest::newRow("exact label beats folded") << s("budget") << s("3");
        QTest::newRow("label ignoring case") << s("BUDGET") << s("2");
        QTest::newRow("value") << s("v-4") << s("4");
        QTest::newRow("unknown") << s("nope") << QString();
        QTest::newRow("empty text finds nothing") << QString() << QString();
    }
    void find_prefersIdThenLabelThenValue()
    {
        QFETCH(QString, text);
        QFETCH(QString, expectedId);
        ChoiceCache cache;
        cache.insert(key(), page(1, true, {choice("1", "2"), choice("2", "Budget")}));
        cache.insert(key(), page(2, false, {choice("3", "budget"), choice("4", "", "v-4")}));
        const auto found = cache.find(key(), text);
        QCOMPARE(found ? found->id : QString(), expectedId);
    }

    void insert_evictsLeastRecentlyWrittenKey()
    {
        ChoiceCache cache(2);
        cache.insert(key({{s("s"), s("a")}}), page(1, false, {}));
        cache.insert(key({{s("s"), s("b")}}), page(1, false, {}));
        cache.insert(key({{s("s"), s("a")}}), page(2, false, {})); // a is fresh again
        cache.insert(key({{s("s"), s("c")}}), page(1, false, {}));
        QCOMPARE(cache.size(), 2);
        QVERIFY(cache.page(key({{s("s"), s("a")}}), 1));
        QVERIFY(!cache.page(key({{s("s"), s("b")}}), 1));
        cache.clear();
        QCOMPARE(cache.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestChoiceCache)
#include "tst_choicecache.moc"
