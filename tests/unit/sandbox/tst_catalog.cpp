#include "sandbox/catalog.h"
#include "sandbox/formengine.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace ab::sandbox;

namespace {

// Every input field a spec can ever show, whatever the inputs: dynamic columns of every
// worksheet and the repeated fieldset's fields included.
void collectFields(const QJsonArray &nodes, QList<QJsonObject> *fields, QSet<QString> *kinds)
{
    for (const QJsonValue &value : nodes) {
        const QJsonObject node = value.toObject();
        const QString type = node.value(QStringLiteral("type")).toString();
        kinds->insert(type);
        if (type == QLatin1String("input_field")) {
            fields->append(node);
        } else if (type == QLatin1String("fieldset")) {
            collectFields(node.value(QStringLiteral("fields")).toArray(), fields, kinds);
        } else if (type == QLatin1String("dynamic_columns")) {
            const QJsonObject columns = node.value(QStringLiteral("columns")).toObject();
            for (const QJsonValue &list : columns) {
                for (const QJsonValue &column : list.toArray()) {
                    QJsonObject field = node.value(QStringLiteral("template")).toObject();
                    const QJsonObject overrides = column.toObject();
                    for (auto it = overrides.begin(); it != overrides.end(); ++it)
                        field.insert(it.key(), it.value());
                    fields->append(field);
                }
            }
        } else if (type == QLatin1String("repeat_fieldsets")) {
            kinds->insert(QStringLiteral("fieldset"));
            collectFields(node.value(QStringLiteral("fieldset"))
                              .toObject()
                              .value(QStringLiteral("fields"))
                              .toArray(),
                          fields, kinds);
            collectFields(node.value(QStringLiteral("when_several")).toArray(), fields, kinds);
        }
    }
}

void collectErrorCodes(const QJsonObject &run, QSet<QString> *codes)
{
    const QJsonObject outcomes = run.value(QStringLiteral("outcomes")).toObject();
    for (const QJsonValue &outcome : outcomes) {
        for (const QJsonValue &error : outcome.toObject().value(QStringLiteral("errors")).toArray())
            codes->insert(error.toObject().value(QStringLiteral("code")).toString());
    }
}

QByteArray minimalCatalog(const QJsonObject &appOverrides, const QJsonArray &fields)
{
    QJsonObject app{
        {QStringLiteral("id"), QStringLiteral("11111111-2222-3333-4444-555555555555")},
        {QStringLiteral("slug"), QStringLiteral("demo")},
        {QStringLiteral("implementation"), QStringLiteral("DemoAPI")},
        {QStringLiteral("title"), QStringLiteral("Demo")},
        {QStringLiteral("hex_color"), QStringLiteral("123abc")},
        {QStringLiteral("needs_auth"), false},
        {QStringLiteral("actions"),
         QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("a")},
                                {QStringLiteral("action_type"), QStringLiteral("WRITE")},
                                {QStringLiteral("title"), QStringLiteral("A")},
                                {QStringLiteral("fields"), fields}}}}};
    for (auto it = appOverrides.begin(); it != appOverrides.end(); ++it)
        app.insert(it.key(), it.value());
    return QJsonDocument(QJsonObject{{QStringLiteral("apps"), QJsonArray{app}}}).toJson();
}

} // namespace

class TestCatalog final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void builtIn_loadsRealisticApps()
    {
        const Catalog catalog = Catalog::builtIn();
        QVERIFY(catalog.apps().size() >= 12);
        QSet<QString> ids, implementations;
        bool noAuth = false, expired = false, manyConnections = false;
        for (const CatalogApp &app : catalog.apps()) {
            ids.insert(app.id);
            implementations.insert(app.implementation);
            QVERIFY2(!app.description.isEmpty(), qPrintable(app.title));
            QVERIFY2(!app.categories.isEmpty(), qPrintable(app.title));
            QVERIFY2(!app.actions.isEmpty(), qPrintable(app.title));
            noAuth |= !app.needsAuth;
            manyConnections |= app.connections.size() > 10;
            for (const CatalogConnection &connection : app.connections)
                expired |= connection.isExpired;
        }
        QCOMPARE(ids.size(), catalog.apps().size());
        QCOMPARE(implementations.size(), catalog.apps().size());
        QVERIFY(noAuth);
        QVERIFY(expired);
        QVERIFY(manyConnections);
        QVERIFY(catalog.app(QStringLiteral("GoogleSheetsV2API")));
        QVERIFY(catalog.app(QStringLiteral("SlackCLIAPI@1.21.1"))); // version ignored
        QCOMPARE(catalog.app(QStringLiteral("slack"))->title, QStringLiteral("Slack"));
    }

    // Fails when an edit to catalog.json drops a format, a value type or a node kind that the
    // form engine and the UI must be exercised with.
    void builtIn_coversEveryFormatValueTypeAndNodeKind()
    {
        const Catalog catalog = Catalog::builtIn();
        QSet<QString> formats, valueTypes, kinds, actionTypes;
        bool markdown = false, placeholder = false, defaults = false, required = false;
        bool dependsOn = false, invalidates = false, bigSelect = false;
        for (const CatalogApp &app : catalog.apps()) {
            for (const CatalogAction &action : app.actions) {
                actionTypes.insert(action.actionType);
                QList<QJsonObject> fields;
                collectFields(action.fields, &fields, &kinds);
                for (const QJsonObject &field : fields) {
                    formats.insert(field.value(QStringLiteral("format")).toString());
                    valueTypes.insert(field.value(QStringLiteral("value_type")).toString());
                    const QString description =
                        field.value(QStringLiteral("description")).toString();
                    markdown |= description.contains(QLatin1Char('`')) ||
                                description.contains(QStringLiteral("**"));
                    placeholder |= !field.value(QStringLiteral("placeholder")).toString().isEmpty();
                    defaults |= !field.value(QStringLiteral("default_value")).toString().isEmpty();
                    required |= field.value(QStringLiteral("is_required")).toBool();
                    dependsOn |= !field.value(QStringLiteral("depends_on")).toArray().isEmpty();
                    invalidates |= field.value(QStringLiteral("invalidates_input_fields")).toBool();
                    bigSelect |= field.value(QStringLiteral("choices_generate"))
                                     .toObject()
                                     .value(QStringLiteral("count"))
                                     .toInt() >= 60;
                }
            }
        }
        for (const QString &format : FormEngine::formats())
            QVERIFY2(formats.contains(format), qPrintable(QStringLiteral("format ") + format));
        for (const QString &type : FormEngine::valueTypes())
            QVERIFY2(valueTypes.contains(type), qPrintable(QStringLiteral("value_type ") + type));
        for (const char *kind :
             {"input_field", "info_field", "fieldset", "dynamic_columns", "repeat_fieldsets"})
            QVERIFY2(kinds.contains(QLatin1String(kind)), kind);
        for (const char *type : {"READ", "READ_BULK", "WRITE", "SEARCH", "FILTER"})
            QVERIFY2(actionTypes.contains(QLatin1String(type)), type);
        QVERIFY(markdown);
        QVERIFY(placeholder);
        QVERIFY(defaults);
        QVERIFY(required);
        QVERIFY(dependsOn);
        QVERIFY(invalidates);
        QVERIFY(bigSelect);
    }

    void builtIn_coversEveryThirdPartyErrorCode()
    {
        const Catalog catalog = Catalog::builtIn();
        QSet<QString> codes;
        for (const CatalogApp &app : catalog.apps()) {
            for (const CatalogAction &action : app.actions)
                collectErrorCodes(action.run, &codes);
        }
        for (const char *code : {"user", "authentication", "partner", "system", "throttled",
                                 "system_throttled", "hydration"})
            QVERIFY2(codes.contains(QLatin1String(code)), code);
    }

    void generatedApps_areDeterministicAndSearchable()
    {
        const Catalog first = Catalog::builtIn(10000);
        const Catalog second = Catalog::builtIn(10000);
        QCOMPARE(first.apps().size(), Catalog::builtIn().apps().size() + 10000);
        QCOMPARE(first.apps().last().id, second.apps().last().id);
        QCOMPARE(first.apps().last().title, QStringLiteral("Generated App 10000"));
        // Speed is measured by tests/bench/bench_sandbox, not asserted here.
        const QList<int> hits = first.search(QStringLiteral("GENERATED app 0042"), {}, {});
        QCOMPARE(hits.size(), 1);
        const CatalogApp &generated = first.apps().at(hits.first());
        QCOMPARE(first.appOfConnection(generated.connections.first().id), hits.first());
        QVERIFY(generated.action(QStringLiteral("create_item")));
    }

    void search_filtersByCategoryAndIdsInPopularityOrder()
    {
        const Catalog catalog = Catalog::builtIn();
        const QList<int> crm = catalog.search({}, QStringLiteral("crm"), {});
        QVERIFY(crm.size() >= 2);
        for (int index : crm)
            QVERIFY(catalog.apps().at(index).categories.contains(QStringLiteral("crm")));
        const QString slack = catalog.app(QStringLiteral("slack"))->id;
        const QString sheets = catalog.app(QStringLiteral("google-sheets"))->id;
        const QList<int> byIds = catalog.search({}, {}, {slack, sheets});
        QCOMPARE(byIds.size(), 2);
        QCOMPARE(catalog.apps().at(byIds.first()).id, sheets); // popularity, not request order
    }

    void fromJson_rejectsBrokenCatalogs_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QJsonObject field{{QStringLiteral("type"), QStringLiteral("input_field")},
                                {QStringLiteral("id"), QStringLiteral("x")},
                                {QStringLiteral("title"), QStringLiteral("X")},
                                {QStringLiteral("value_type"), QStringLiteral("STRING")}};
        QJsonObject badFormat = field;
        badFormat.insert(QStringLiteral("format"), QStringLiteral("COLOR"));
        QJsonObject badType = field;
        badType.insert(QStringLiteral("value_type"), QStringLiteral("DATE"));
        QJsonObject selectWithoutChoices = field;
        selectWithoutChoices.insert(QStringLiteral("format"), QStringLiteral("SELECT"));
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not a JSON object");
        QTest::newRow("format") << minimalCatalog({}, {badFormat}) << QStringLiteral("format");
        QTest::newRow("value type")
            << minimalCatalog({}, {badType}) << QStringLiteral("value_type");
        QTest::newRow("select") << minimalCatalog({}, {selectWithoutChoices})
                                << QStringLiteral("choice source");
        QTest::newRow("duplicate field")
            << minimalCatalog({}, {field, field}) << QStringLiteral("duplicate field");
        QTest::newRow("uuid") << minimalCatalog({{QStringLiteral("id"), QStringLiteral("demo")}},
                                                {})
                              << QStringLiteral("uuid");
        QTest::newRow("colour") << minimalCatalog(
                                       {{QStringLiteral("hex_color"), QStringLiteral("#fff")}}, {})
                                << QStringLiteral("hex_color");
        QTest::newRow("unknown node")
            << minimalCatalog({}, {QJsonObject{{QStringLiteral("type"), QStringLiteral("magic")}}})
            << QStringLiteral("unknown node type");
    }
    void fromJson_rejectsBrokenCatalogs()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!Catalog::fromJson(json, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void fromJson_acceptsMinimalCatalog()
    {
        QString error;
        const auto catalog = Catalog::fromJson(minimalCatalog({}, {}), &error);
        QVERIFY2(catalog, qPrintable(error));
        QCOMPARE(catalog->apps().size(), 1);
        QCOMPARE(catalog->apps().first().actionTypes, QStringList{QStringLiteral("WRITE")});
    }

    void iconSvg_usesAppColourAndInitial()
    {
        const Catalog catalog = Catalog::builtIn();
        const QByteArray svg = Catalog::iconSvg(*catalog.app(QStringLiteral("slack")), 32);
        QVERIFY(svg.startsWith("<svg"));
        QVERIFY(svg.contains("#4a154b"));
        QVERIFY(svg.contains(">S</text>"));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
