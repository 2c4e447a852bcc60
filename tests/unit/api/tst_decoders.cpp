#include "api/decoders.h"

#include <QFile>
#include <QTest>

using namespace ab;
using namespace ab::api;
using core::ErrorKind;

// QVERIFY2 evaluates its message even on success: only read error() when there is one.
#define VERIFY_OK(result)                                                                          \
    QVERIFY2((result).ok(), (result).ok() ? "" : qPrintable((result).error().detail))

static QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(AB_API_TESTDATA "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

// Runs the decoder named `which` and returns its error (kind Unknown when it succeeded).
static core::ApiError errorOf(const QByteArray &which, const QByteArray &body)
{
    const auto error = [](const auto &result) {
        return result.ok() ? core::ApiError{} : result.error();
    };
    if (which == "apps")
        return error(decodeApps(body));
    if (which == "actions")
        return error(decodeActions(body));
    if (which == "inputs")
        return error(decodeInputs(body));
    if (which == "choices")
        return error(decodeChoices(body, 1));
    if (which == "outputs")
        return error(decodeOutputs(body));
    if (which == "connections")
        return error(decodeConnections(body));
    if (which == "created")
        return error(decodeCreatedId(body));
    if (which == "run")
        return error(decodeRun(body, 200));
    if (which == "storedActions")
        return error(decodeStoredActions(body));
    if (which == "storedAction")
        return error(decodeStoredAction(body));
    qFatal("unknown decoder");
}

class TestDecoders final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void apps_documentedExample()
    {
        const auto result = decodeApps(fixture("apps.json"));
        VERIFY_OK(result);
        const core::Page<core::App> &page = result.value();
        QCOMPARE(page.count, 31);
        QCOMPARE(page.offset, 10);
        QCOMPARE(page.limit, 10);
        QVERIFY(page.hasNext());
        // The example spells it `previous`, not `prev`.
        QCOMPARE(page.previous, QStringLiteral("https://api.zapier.com/v2/apps?offset=0&limit=10"));
        QCOMPARE(page.items.size(), 2);
        const core::App &hubspot = page.items.at(0);
        QCOMPARE(hubspot.id, QStringLiteral("1e4fcbf4-d80b-4ec3-b33b-c085f1ecbbaa"));
        QCOMPARE(hubspot.title, QStringLiteral("HubSpot"));
        QCOMPARE(hubspot.images.url128, QStringLiteral("https://img.example/h.png?w=128"));
        QCOMPARE(hubspot.hexColor, QStringLiteral("8bcbca"));
        QCOMPARE(hubspot.categories,
                 QStringList({QStringLiteral("partners"), QStringLiteral("crm")}));
        QCOMPARE(hubspot.actionTypes,
                 QStringList({QStringLiteral("READ"), QStringLiteral("WRITE")}));
        QVERIFY(
            hubspot.connectUrl.startsWith(QLatin1String("https://zapier.com/engine/auth/start/")));
        QVERIFY(hubspot.needsAuthentication);
        QVERIFY(!page.items.at(1).needsAuthentication); // connect link null: no auth needed
    }

    // Every shape an app item may take without being an error, read the same whatever path
    // the decoder takes internally.
    void apps_itemTolerance()
    {
        // One raw literal per line: moc does not understand raw strings that span lines.
        const QByteArray body =
            R"({"data":[)"
            R"({"id":42,"title":"N","description":null,"image":null,"images":null,"hex_color":null,)"
            R"("categories":null,"action_types":null,"links":null},)"
            R"({"type":"app","id":"b","title":"B","description":"d","image":"i","extra":[1,{}],)"
            R"("images":{"url_16x16":"s","url_32x32":null,"url_128x128":"l"},)"
            R"("categories":["crm",{"slug":"sales"},{},{"slug":null},{"name":"x","slug":"ops"}],)"
            R"("action_types":["READ","SEARCH"],"links":{"connect_new_authentication":null}},)"
            R"({"id":"c","title":"C","images":{},"categories":[],"action_types":[],"links":{}},)"
            R"({"id":"d","title":"D","links":"not an object is ignored"},)"
            R"({"id":"e","title":"E","links":{"connect_new_authentication":"https://c/e"}},)"
            R"({"id":-7.5,"title":""})"
            R"(]})";
        const auto result = decodeApps(body);
        VERIFY_OK(result);
        const QList<core::App> &apps = result.value().items;
        QCOMPARE(apps.size(), 6);

        QCOMPARE(apps[0].id, QStringLiteral("42"));
        QCOMPARE(apps[0].title, QStringLiteral("N"));
        QVERIFY(apps[0].description.isEmpty() && apps[0].image.isEmpty());
        QVERIFY(apps[0].images.url16.isEmpty() && apps[0].images.url128.isEmpty());
        QVERIFY(apps[0].hexColor.isEmpty());
        QVERIFY(apps[0].categories.isEmpty() && apps[0].actionTypes.isEmpty());
        QVERIFY(apps[0].connectUrl.isEmpty());
        QVERIFY(apps[0].needsAuthentication);

        QCOMPARE(apps[1].id, QStringLiteral("b"));
        QCOMPARE(apps[1].description, QStringLiteral("d"));
        QCOMPARE(apps[1].image, QStringLiteral("i"));
        QCOMPARE(apps[1].images.url16, QStringLiteral("s"));
        QVERIFY(apps[1].images.url32.isEmpty() && apps[1].images.url64.isEmpty());
        QCOMPARE(apps[1].images.url128, QStringLiteral("l"));
        // Objects without a string slug read as empty slugs, not as errors.
        QCOMPARE(apps[1].categories, QStringList({QStringLiteral("crm"), QStringLiteral("sales"),
                                                  QString(), QString(), QStringLiteral("ops")}));
        QCOMPARE(apps[1].actionTypes,
                 QStringList({QStringLiteral("READ"), QStringLiteral("SEARCH")}));
        QVERIFY(apps[1].connectUrl.isEmpty());
        QVERIFY(!apps[1].needsAuthentication);

        QVERIFY(apps[2].images.url16.isEmpty());
        QVERIFY(apps[2].categories.isEmpty() && apps[2].actionTypes.isEmpty());
        QVERIFY(apps[2].connectUrl.isEmpty());
        QVERIFY(apps[2].needsAuthentication); // absent link: tells nothing

        QVERIFY(apps[3].connectUrl.isEmpty());
        QVERIFY(apps[3].needsAuthentication);

        QCOMPARE(apps[4].connectUrl, QStringLiteral("https://c/e"));
        QVERIFY(apps[4].needsAuthentication);

        QCOMPARE(apps[5].id, QStringLiteral("-7.5"));
        QVERIFY(apps[5].title.isEmpty());
    }

    // The exact message, path included, of the first problem in the catalog.
    void apps_errorNamesThePath_data()
    {
        QTest::addColumn<QByteArray>("items");
        QTest::addColumn<QString>("detail");
        QTest::newRow("id empty") << QByteArray(R"({"id":"","title":"A"})")
                                  << QStringLiteral("data[0].id is empty");
        QTest::newRow("id absent") << QByteArray(R"({"title":"A"})")
                                   << QStringLiteral("data[0].id is not an id but absent");
        QTest::newRow("id a boolean") << QByteArray(R"({"id":true,"title":"A"})")
                                      << QStringLiteral("data[0].id is not an id but a boolean");
        QTest::newRow("title null") << QByteArray(R"({"id":"a","title":null})")
                                    << QStringLiteral("data[0].title is missing");
        QTest::newRow("description a boolean")
            << QByteArray(R"({"id":"a","title":"A","description":false})")
            << QStringLiteral("data[0].description is not a string but a boolean");
        QTest::newRow("image an object")
            << QByteArray(R"({"id":"a","title":"A","image":{}})")
            << QStringLiteral("data[0].image is not a string but an object");
        QTest::newRow("images an array")
            << QByteArray(R"({"id":"a","title":"A","images":[]})")
            << QStringLiteral("data[0].images is not an object but an array");
        QTest::newRow("images.url_16x16 a number")
            << QByteArray(R"({"id":"a","title":"A","images":{"url_16x16":16}})")
            << QStringLiteral("data[0].images.url_16x16 is not a string but a number");
        QTest::newRow("images.url_128x128 an array")
            << QByteArray(R"({"id":"a","title":"A","images":{"url_128x128":[]}})")
            << QStringLiteral("data[0].images.url_128x128 is not a string but an array");
        QTest::newRow("hex_color a number in the third item")
            << QByteArray(R"({"id":"a","title":"A"},{"id":"b","title":"B"},)"
                          R"({"id":"c","title":"C","hex_color":255})")
            << QStringLiteral("data[2].hex_color is not a string but a number");
        QTest::newRow("categories an object")
            << QByteArray(R"({"id":"a","title":"A","categories":{}})")
            << QStringLiteral("data[0].categories is not an array but an object");
        QTest::newRow("category a number")
            << QByteArray(R"({"id":"a","title":"A","categories":["crm",3]})")
            << QStringLiteral("data[0].categories[1] is not an object but a number");
        QTest::newRow("category slug a number")
            << QByteArray(R"({"id":"a","title":"A","categories":[{"slug":1}]})")
            << QStringLiteral("data[0].categories[0].slug is not a string but a number");
        QTest::newRow("action_types a string")
            << QByteArray(R"({"id":"a","title":"A","action_types":"READ"})")
            << QStringLiteral("data[0].action_types is not an array but a string");
        QTest::newRow("action type a number")
            << QByteArray(R"({"id":"a","title":"A","action_types":["READ",2]})")
            << QStringLiteral("data[0].action_types[1] is not a string but a number");
        QTest::newRow("connect link a number")
            << QByteArray(R"({"id":"a","title":"A","links":{"connect_new_authentication":1}})")
            << QStringLiteral(
                   "data[0].links.connect_new_authentication is not a string but a number");
        QTest::newRow("first problem of an item wins")
            << QByteArray(R"({"id":"a","title":"A","images":{"url_64x64":1},)"
                          R"("action_types":[2],"hex_color":3})")
            << QStringLiteral("data[0].images.url_64x64 is not a string but a number");
        QTest::newRow("item a string") << QByteArray(R"({"id":"a","title":"A"},"b")")
                                       << QStringLiteral("data[1] is not an object but a string");
    }
    void apps_errorNamesThePath()
    {
        QFETCH(QByteArray, items);
        QFETCH(QString, detail);
        const core::ApiError error = errorOf("apps", "{\"data\":[" + items + "]}");
        QCOMPARE(error.kind, ErrorKind::MalformedResponse);
        QCOMPARE(error.detail, detail);
    }

    void listEnvelope_tolerance_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("previous");
        const QByteArray item =
            R"({"id":"a","title":"A","description":"","image":"","hex_color":"","categories":[],"action_types":[]})";
        QTest::newRow("wrapped in a one-element array (OpenAPI typing)")
            << QByteArray(
                   R"([{"links":{"next":null,"prev":null},"meta":{"count":1,"limit":10,"offset":0},"data":[)" +
                   item + "]}]")
            << 1 << 10 << 0 << QString();
        QTest::newRow("links.prev")
            << QByteArray(
                   R"({"links":{"next":null,"prev":"p"},"meta":{"count":1,"limit":10,"offset":10},"data":[)" +
                   item + "]}")
            << 1 << 10 << 10 << QStringLiteral("p");
        QTest::newRow("links.previous")
            << QByteArray(
                   R"({"links":{"next":null,"previous":"q"},"meta":{"count":1,"limit":10,"offset":0},"data":[)" +
                   item + "]}")
            << 1 << 10 << 0 << QStringLiteral("q");
        QTest::newRow("meta.limit and offset null")
            << QByteArray(
                   R"({"links":{"next":null,"prev":null},"meta":{"count":4,"limit":null,"offset":null},"data":[)" +
                   item + "]}")
            << 4 << 0 << 0 << QString();
        QTest::newRow("no meta or links at all")
            << QByteArray(R"({"data":[)" + item + "]}") << 1 << 0 << 0 << QString();
    }
    void listEnvelope_tolerance()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, count);
        QFETCH(int, limit);
        QFETCH(int, offset);
        QFETCH(QString, previous);
        const auto result = decodeApps(body);
        VERIFY_OK(result);
        QCOMPARE(result.value().count, count);
        QCOMPARE(result.value().limit, limit);
        QCOMPARE(result.value().offset, offset);
        QCOMPARE(result.value().previous, previous);
        QCOMPARE(result.value().items.size(), 1);
        QCOMPARE(result.value().items.at(0).id, QStringLiteral("a"));
    }

    void actions_documentedAndQuirks()
    {
        const auto result = decodeActions(fixture("actions.json"));
        VERIFY_OK(result);
        const QList<core::Action> &actions = result.value();
        QCOMPARE(actions.size(), 3);
        QCOMPARE(actions.at(0).id, QStringLiteral("core:example_filter_action_id"));
        QCOMPARE(actions.at(0).key, QStringLiteral("filter"));
        QCOMPARE(actions.at(0).actionType, core::ActionType::Filter);
        QCOMPARE(actions.at(0).appId, QStringLiteral("e85bcf45-505b-4acb-b7e8-4c3a81d49afb"));
        // `app` expanded into an App object; action_type in lower case (old guide).
        QCOMPARE(actions.at(1).appId, QStringLiteral("81f613aa-c98a-4383-a5fc-195e68647217"));
        QCOMPARE(actions.at(1).actionType, core::ActionType::Read);
        QCOMPARE(actions.at(1).actionTypeRaw, QStringLiteral("read"));
        QVERIFY(actions.at(1).isInstant);
        // The schema's own example says "action": kept raw, not dropped.
        QCOMPARE(actions.at(2).actionType, core::ActionType::Unknown);
        QCOMPARE(actions.at(2).actionTypeRaw, QStringLiteral("action"));
    }

    void inputs_documentedTreeAndUnknownEnums()
    {
        const auto result = decodeInputs(fixture("inputs.json"));
        VERIFY_OK(result);
        const QList<core::FieldNode> &nodes = result.value();
        QCOMPARE(nodes.size(), 5);
        const core::FieldNode &spreadsheet = nodes.at(0);
        QCOMPARE(spreadsheet.kind, core::FieldNode::Kind::Input);
        QCOMPARE(spreadsheet.format, core::FieldFormat::Select);
        QVERIFY(spreadsheet.isRequired);
        QVERIFY(spreadsheet.invalidatesInputFields);
        QCOMPARE(nodes.at(1).dependsOn, QStringList{QStringLiteral("spreadsheet")});
        QCOMPARE(nodes.at(1).items.value(QStringLiteral("a")), QStringLiteral("b"));
        QCOMPARE(nodes.at(1).items.value(QStringLiteral("n")), QStringLiteral("3"));
        QCOMPARE(nodes.at(2).kind, core::FieldNode::Kind::Info);
        QVERIFY(nodes.at(2).description.contains(QLatin1String("**end**")));
        const core::FieldNode &fieldset = nodes.at(3);
        QCOMPARE(fieldset.kind, core::FieldNode::Kind::Fieldset);
        QCOMPARE(fieldset.title, QStringLiteral("Filter Condition 1"));
        QCOMPARE(fieldset.children.size(), 2);
        QCOMPARE(fieldset.children.at(0).defaultValue, QStringLiteral("2")); // a number, as text
        const core::FieldNode &odd = fieldset.children.at(1);
        QCOMPARE(odd.format, core::FieldFormat::Unknown);
        QCOMPARE(odd.formatRaw, QStringLiteral("HOLOGRAM"));
        QCOMPARE(odd.valueType, core::ValueType::Unknown);
        QCOMPARE(odd.valueTypeRaw, QStringLiteral("DECIMAL"));
        // Nulls where the schema says "required": read as absent.
        const core::FieldNode &count = nodes.at(4);
        QCOMPARE(count.format, core::FieldFormat::Plain);
        QCOMPARE(count.valueType, core::ValueType::Integer);
        QVERIFY(count.dependsOn.isEmpty());
        QCOMPARE(core::flattenInputs(nodes).size(), 5);
    }

    void choices_documentedAndNullLabel()
    {
        const auto result = decodeChoices(fixture("choices.json"), 1);
        VERIFY_OK(result);
        const core::ChoicePage &page = result.value();
        QCOMPARE(page.page, 2); // meta.page wins over the requested page
        QVERIFY(page.hasNext);
        QCOMPARE(page.choices.size(), 3);
        QCOMPARE(page.choices.at(0).label, QStringLiteral("All conditions must match"));
        QVERIFY(page.choices.at(1).label.isEmpty());
        QCOMPARE(page.choices.at(1).displayText(), QStringLiteral("or"));
        QCOMPARE(page.choices.at(2).id, QStringLiteral("55"));
        QCOMPARE(page.choices.at(2).value, QStringLiteral("55"));

        const auto bare = decodeChoices(R"({"data":[],"links":{"next":null}})", 4);
        QVERIFY(bare.ok());
        QCOMPARE(bare.value().page, 4);
        QVERIFY(!bare.value().hasNext);
    }

    void outputs_typoInTypeIsFine()
    {
        const auto result = decodeOutputs(fixture("outputs.json"));
        VERIFY_OK(result);
        QCOMPARE(result.value().size(), 3);
        QCOMPARE(result.value().at(1).id, QStringLiteral("parents[]sha"));
        QVERIFY(result.value().at(1).sample.isEmpty());
        QCOMPARE(result.value().at(2).sample, QStringLiteral("42"));
    }

    void connections_idsAndExpandedApp()
    {
        const auto result = decodeConnections(fixture("connections.json"));
        VERIFY_OK(result);
        const QList<core::Connection> &items = result.value().items;
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0).id, QStringLiteral("example_akLLd8kB"));
        QVERIFY(!items.at(0).isExpired);
        QCOMPARE(items.at(1).id, QStringLiteral("12345")); // numeric, as the Connect UI gives
        QCOMPARE(items.at(1).appId, QStringLiteral("81f613aa-c98a-4383-a5fc-195e68647217"));
        QVERIFY(items.at(1).isExpired);
        QVERIFY(!result.value().hasNext());
    }

    void createdId_shapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("id");
        QTest::newRow("action run (OpenAPI)")
            << QByteArray(R"({"data":{"type":"run","id":"123e4567-e89b-12d3-a456-426614174000"}})")
            << QStringLiteral("123e4567-e89b-12d3-a456-426614174000");
        QTest::newRow("guide id") << QByteArray(R"({"data":{"type":"run","id":"arun_abc123"}})")
                                  << QStringLiteral("arun_abc123");
        QTest::newRow("stored action (flat)")
            << QByteArray(R"({"type":"stored_action","id":"sa-1"})") << QStringLiteral("sa-1");
        QTest::newRow("old guide run_id")
            << QByteArray(R"({"run_id":"r9"})") << QStringLiteral("r9");
    }
    void createdId_shapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, id);
        const auto result = decodeCreatedId(body);
        VERIFY_OK(result);
        QCOMPARE(result.value(), id);
    }

    void run_shapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("http");
        QTest::addColumn<core::RunStatus>("status");
        QTest::addColumn<QString>("statusRaw");
        QTest::addColumn<QByteArray>("results");
        QTest::addColumn<QString>("nextPage");
        QTest::addColumn<bool>("failure");

        using S = core::RunStatus;
        QTest::newRow("OpenAPI success")
            << QByteArray(
                   R"({"data":{"type":"run","status":"success","results":[{"id":123}],"errors":[]}})")
            << 200 << S::Success << "success" << QByteArray(R"([{"id":123}])") << QString()
            << false;
        QTest::newRow("waiting, no results")
            << QByteArray(R"({"data":{"type":"run","status":"waiting","errors":[]}})") << 200
            << S::Waiting << "waiting" << QByteArray("[]") << QString() << false;
        QTest::newRow("old guide: queued")
            << QByteArray(R"({"data":{"run_id":"arun_1","status":"queued","results":null}})") << 200
            << S::Waiting << "queued" << QByteArray("[]") << QString() << false;
        QTest::newRow("status beyond the enum kept raw")
            << QByteArray(R"({"data":{"status":"cancelled","errors":[]}})") << 200 << S::Unknown
            << "cancelled" << QByteArray("[]") << QString() << false;
        QTest::newRow("results as an object (old guide), kept as sent")
            << QByteArray(
                   R"({"data":{"status":"success","results":{"b": 1, "a": "x"},"errors":[]}})")
            << 200 << S::Success << "success" << QByteArray(R"({"a":"x","b":1})") << QString()
            << false;
        QTest::newRow("stored-action run, flat (§11.3)")
            << fixture("stored-action-run.json") << 200 << S::Success << "success"
            << QByteArray(R"([{"key":"value"}])") << QStringLiteral("0") << false;
        QTest::newRow("next_page as a number")
            << QByteArray(R"({"data":{"status":"success","results":[],"next_page":2,"errors":[]}})")
            << 200 << S::Success << "success" << QByteArray("[]") << QStringLiteral("2") << false;
        QTest::newRow("202 with no body is pending")
            << QByteArray() << 202 << S::Waiting << "" << QByteArray("[]") << QString() << false;
        QTest::newRow("202 is pending whatever the body says")
            << QByteArray(R"({"data":{"id":"r","status":"running"}})") << 202 << S::Waiting
            << "running" << QByteArray("[]") << QString() << false;
        QTest::newRow("success with errors is a failure")
            << QByteArray(
                   R"({"data":{"status":"success","results":[],"errors":[{"code":"user","title":"Bad","detail":"No"}]}})")
            << 200 << S::Success << "success" << QByteArray("[]") << QString() << true;
        QTest::newRow("wrapped in an array")
            << QByteArray(R"([{"data":{"status":"error","errors":[{"code":"partner"}]}}])") << 200
            << S::Error << "error" << QByteArray("[]") << QString() << true;
    }
    void run_shapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, http);
        QFETCH(core::RunStatus, status);
        QFETCH(QString, statusRaw);
        QFETCH(QByteArray, results);
        QFETCH(QString, nextPage);
        QFETCH(bool, failure);
        const auto result = decodeRun(body, http);
        VERIFY_OK(result);
        QCOMPARE(result.value().status, status);
        QCOMPARE(result.value().statusRaw, statusRaw);
        QCOMPARE(result.value().resultsJson, results);
        QCOMPARE(result.value().nextPage, nextPage);
        QCOMPARE(result.value().isFailure(), failure);
        QCOMPARE(result.value().httpStatus, http);
    }

    void runErrors_thirdPartyFields_data()
    {
        QTest::addColumn<QByteArray>("error");
        QTest::addColumn<core::RunErrorCode>("code");
        QTest::addColumn<int>("delay");
        QTest::addColumn<QString>("pointer");
        using C = core::RunErrorCode;
        QTest::newRow("throttled with delay")
            << QByteArray(
                   R"({"code":"throttled","title":"Slow down","detail":"d","delay":30,"meta":null})")
            << C::Throttled << 30 << QString();
        QTest::newRow("delay as a string")
            << QByteArray(R"({"code":"system_throttled","delay":"5"})") << C::SystemThrottled << 5
            << QString();
        QTest::newRow("JSON:API source.pointer")
            << QByteArray(R"({"code":"user","source":{"pointer":"/data/inputs/email"}})") << C::User
            << -1 << QStringLiteral("/data/inputs/email");
        QTest::newRow("meta.source_pointer")
            << QByteArray(R"({"code":"user","meta":{"source_pointer":"/data/inputs/to"}})")
            << C::User << -1 << QStringLiteral("/data/inputs/to");
        QTest::newRow("meta.field, a bare id")
            << QByteArray(R"({"code":"user","meta":{"field":"channel"}})") << C::User << -1
            << QStringLiteral("/data/inputs/channel");
        QTest::newRow("meta.input")
            << QByteArray(R"({"code":"authentication","meta":{"input":"token"}})")
            << C::Authentication << -1 << QStringLiteral("/data/inputs/token");
        // The sandbox's `user` outcome (Sandbox Faults app) names its field both ways.
        QTest::newRow("meta.source.pointer")
            << QByteArray(R"({"code":"user","meta":{"source":{"pointer":"/data/inputs/message"}}})")
            << C::User << -1 << QStringLiteral("/data/inputs/message");
        QTest::newRow("meta.input_field")
            << QByteArray(R"({"code":"user","meta":{"input_field":"message"}})") << C::User << -1
            << QStringLiteral("/data/inputs/message");
        QTest::newRow("unknown code kept raw")
            << QByteArray(R"({"code":"quantum","meta":{"source":"ZAPIER"}})") << C::Unknown << -1
            << QString();
    }
    void runErrors_thirdPartyFields()
    {
        QFETCH(QByteArray, error);
        QFETCH(core::RunErrorCode, code);
        QFETCH(int, delay);
        QFETCH(QString, pointer);
        const auto result =
            decodeRun(R"({"data":{"status":"error","errors":[)" + error + "]}}", 200);
        VERIFY_OK(result);
        QCOMPARE(result.value().errors.size(), 1);
        const core::RunError &runError = result.value().errors.at(0);
        QCOMPARE(runError.code, code);
        QCOMPARE(runError.delaySeconds.value_or(-1), delay);
        QCOMPARE(runError.sourcePointer, pointer);
        if (code == core::RunErrorCode::Unknown)
            QCOMPARE(runError.codeRaw, QStringLiteral("quantum"));
    }

    void storedActions_listShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray record =
            R"({"type":"stored_action","id":"sa-1","connection_id":"c-1","selected_api":"SlackAPI@1.2.3","action_key":"channel_message","action_type":"write","inputs":{"channel":"C1","n":2}})";
        QTest::newRow("results") << QByteArray(R"({"results":[)" + record + "]}");
        QTest::newRow("data") << QByteArray(R"({"data":[)" + record + "]}");
        QTest::newRow("data.results") << QByteArray(R"({"data":{"results":[)" + record + "]}}");
        QTest::newRow("bare array") << QByteArray("[" + record + "]");
    }
    void storedActions_listShapes()
    {
        QFETCH(QByteArray, body);
        const auto result = decodeStoredActions(body);
        VERIFY_OK(result);
        QCOMPARE(result.value().size(), 1);
        const core::StoredAction &action = result.value().at(0);
        QCOMPARE(action.id, QStringLiteral("sa-1"));
        QCOMPARE(action.connectionId, QStringLiteral("c-1"));
        QCOMPARE(action.selectedApi, QStringLiteral("SlackAPI@1.2.3"));
        QCOMPARE(action.actionKey, QStringLiteral("channel_message"));
        QCOMPARE(action.actionType, QStringLiteral("write"));
        QCOMPARE(action.inputs.value(QStringLiteral("channel")).toString(), QStringLiteral("C1"));
    }

    void storedAction_flatOrWrappedAndAlias()
    {
        const auto flat = decodeStoredAction(
            R"({"type":"stored_action","id":"sa-2","authentication_id":"c-9","selected_api":"X","action_key":"k","action_type":"read","inputs":{}})");
        QVERIFY(flat.ok());
        QCOMPARE(flat.value().connectionId, QStringLiteral("c-9"));
        const auto wrapped = decodeStoredAction(R"({"data":{"id":"sa-3","inputs":null}})");
        QVERIFY(wrapped.ok());
        QCOMPARE(wrapped.value().id, QStringLiteral("sa-3"));
    }

    void error_envelope_data()
    {
        QTest::addColumn<int>("http");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("documented parse_error")
            << 400 << fixture("error-parse.json") << ErrorKind::BadRequest << "parse_error"
            << "ParseError"
            << "Malformed request."
            << "";
        QTest::newRow("status as a string (JSON:API)")
            << 429
            << QByteArray(
                   R"({"errors":[{"status":"429","code":"too_many_requests","detail":"Rate limit exceeded. Too many requests."}]})")
            << ErrorKind::RateLimited << "too_many_requests"
            << "Reason"
            << "Rate limit exceeded. Too many requests."
            << "";
        QTest::newRow("source.pointer")
            << 400
            << QByteArray(
                   R"({"errors":[{"status":400,"code":"invalid","title":"Invalid","detail":"Bad email","source":{"pointer":"/data/inputs/email"}}]})")
            << ErrorKind::BadRequest << "invalid"
            << "Invalid"
            << "Bad email"
            << "/data/inputs/email";
        QTest::newRow("402 insufficient tasks")
            << 402
            << QByteArray(
                   R"({"errors":[{"code":"payment_required","title":"Payment Required","detail":"Insufficient tasks on account","source":null,"meta":{}}]})")
            << ErrorKind::PaymentRequired << "payment_required"
            << "Payment Required"
            << "Insufficient tasks on account"
            << "";
        QTest::newRow("misspelled 503 code kept")
            << 503
            << QByteArray(
                   R"({"errors":[{"code":"service_unavaiable","detail":"Service is temporarily unavailable"}]})")
            << ErrorKind::Unavailable << "service_unavaiable"
            << "Reason"
            << "Service is temporarily unavailable"
            << "";
        QTest::newRow("HTML from a proxy")
            << 502 << QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>")
            << ErrorKind::Server << ""
            << "Reason"
            << "the error body is not JSON"
            << "";
        QTest::newRow("empty body") << 401 << QByteArray() << ErrorKind::Unauthorized << ""
                                    << "Reason"
                                    << ""
                                    << "";
        QTest::newRow("OAuth error")
            << 400 << QByteArray(R"({"error":"invalid_grant","error_description":"JWT expired"})")
            << ErrorKind::BadRequest << "invalid_grant"
            << "invalid_grant"
            << "JWT expired"
            << "";
    }
    void error_envelope()
    {
        QFETCH(int, http);
        QFETCH(QByteArray, body);
        QFETCH(ErrorKind, kind);
        QFETCH(QString, code);
        QFETCH(QString, title);
        QFETCH(QString, detail);
        QFETCH(QString, pointer);
        // The reason phrase only fills a missing title.
        const core::ApiError error = decodeError(http, body, QStringLiteral("Reason"));
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, http);
        QCOMPARE(error.code, code);
        QCOMPARE(error.title, title);
        QCOMPARE(error.detail, detail);
        QCOMPARE(error.sourcePointer, pointer);
        QCOMPARE(error.rawSample, body.left(512));
    }

    void malformed_namesTheProblem_data()
    {
        QTest::addColumn<QByteArray>("decoder");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("detail");
        QTest::newRow("empty body")
            << QByteArray("apps") << QByteArray("  ") << QStringLiteral("the body is empty");
        QTest::newRow("HTML on a 200")
            << QByteArray("actions") << QByteArray("<!doctype html><html></html>")
            << QStringLiteral("the body is not JSON");
        QTest::newRow("cut short") << QByteArray("inputs") << QByteArray(R"({"data":[{"id":)")
                                   << QStringLiteral("the body is not JSON");
        QTest::newRow("two values") << QByteArray("run") << QByteArray(R"({} {})")
                                    << QStringLiteral("the body is not JSON");
        QTest::newRow("a string") << QByteArray("connections") << QByteArray(R"("hello")")
                                  << QStringLiteral("the body is not a JSON object but a string");
        QTest::newRow("data not an array") << QByteArray("outputs") << QByteArray(R"({"data":{}})")
                                           << QStringLiteral("data is not an array but an object");
        QTest::newRow("item not an object")
            << QByteArray("choices") << QByteArray(R"({"data":[1]})")
            << QStringLiteral("data[0] is not an object but a number");
        QTest::newRow("title a number")
            << QByteArray("apps")
            << QByteArray(
                   R"({"data":[{"id":"a","title":"A"},{"id":"b","title":"B"},{"id":"c","title":"C"},{"id":"d","title":7}]})")
            << QStringLiteral("data[3].title is not a string but a number");
        QTest::newRow("app title missing")
            << QByteArray("apps") << QByteArray(R"({"data":[{"id":"a"}]})")
            << QStringLiteral("data[0].title is missing");
        QTest::newRow("is_instant a string")
            << QByteArray("actions")
            << QByteArray(R"({"data":[{"id":"x","key":"k","is_instant":"yes"}]})")
            << QStringLiteral("data[0].is_instant is not a boolean but a string");
        QTest::newRow("fieldset child id missing")
            << QByteArray("inputs")
            << QByteArray(
                   R"({"data":[{"type":"fieldset","id":"f","fields":[{"type":"input_field"}]}]})")
            << QStringLiteral("data[0].fields[0].id is not an id but absent");
        QTest::newRow("depends_on not an array")
            << QByteArray("inputs") << QByteArray(R"({"data":[{"id":"a","depends_on":"b"}]})")
            << QStringLiteral("data[0].depends_on is not an array but a string");
        QTest::newRow("connection id an object")
            << QByteArray("connections") << QByteArray(R"({"data":[{"id":{}}]})")
            << QStringLiteral("data[0].id is not an id but an object");
        QTest::newRow("meta.count a string of words")
            << QByteArray("connections") << QByteArray(R"({"meta":{"count":"many"},"data":[]})")
            << QStringLiteral("meta.count is not an integer but a string");
        QTest::newRow("created id missing")
            << QByteArray("created") << QByteArray(R"({"data":{"type":"run"}})")
            << QStringLiteral("data.id is not an id but absent");
        // The sandbox's wrong_types fault: every key of {data: {type, id}} a number.
        QTest::newRow("created type a number")
            << QByteArray("created") << QByteArray(R"({"data":{"type":12345,"id":12345}})")
            << QStringLiteral("data.type is not a string but a number");
        QTest::newRow("run status missing")
            << QByteArray("run") << QByteArray(R"({"data":{"results":[]}})")
            << QStringLiteral("data.status is missing");
        QTest::newRow("run errors an object")
            << QByteArray("run") << QByteArray(R"({"status":"error","errors":{}})")
            << QStringLiteral("errors is not an array but an object");
        QTest::newRow("stored actions without a list")
            << QByteArray("storedActions") << QByteArray(R"({"count":0})")
            << QStringLiteral("results is missing");
        QTest::newRow("stored action inputs a list")
            << QByteArray("storedAction") << QByteArray(R"({"id":"s","inputs":[]})")
            << QStringLiteral("inputs is not an object but an array");
    }
    void malformed_namesTheProblem()
    {
        QFETCH(QByteArray, decoder);
        QFETCH(QByteArray, body);
        QFETCH(QString, detail);
        const core::ApiError error = errorOf(decoder, body);
        QCOMPARE(error.kind, ErrorKind::MalformedResponse);
        QVERIFY2(error.detail.startsWith(detail), qPrintable(error.detail));
        QCOMPARE(error.rawSample, body.left(512));
    }

    void malformed_sampleIsRedacted()
    {
        const core::ApiError error = errorOf("apps", R"({"access_token":"s3cr3t-value","data":7})");
        QCOMPARE(error.kind, ErrorKind::MalformedResponse);
        QVERIFY(!error.rawSample.contains("s3cr3t-value"));
        QVERIFY(error.rawSample.contains("[redacted]"));
    }
};

QTEST_GUILESS_MAIN(TestDecoders)
#include "tst_decoders.moc"
