// Every Partner API call of the real ApiClient against the real sandbox over loopback HTTP:
// the documented shapes decode into the typed values, ids behave as Zapier's do. The Actions
// API's stored actions are in tst_actionsapi_sandbox.cpp.
#include "support/sandboxfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace ab;
using core::ErrorKind;
using test::Await;
using test::SandboxFixture;

namespace {

const QString sheetsConnection = QStringLiteral("sb-conn-gsheets-1");

QStringList inputIds(const QList<core::FieldNode> &nodes)
{
    QStringList ids;
    for (const core::FieldNode *node : core::flattenInputs(nodes))
        ids.append(node->id);
    return ids;
}

// A state file that gives `appId` `extra` connections besides the catalog's.
bool writeStateWithConnections(const QString &path, const QString &appId, int extra)
{
    QJsonArray connections;
    for (int i = 1; i <= extra; ++i)
        connections.append(
            QJsonObject{{QStringLiteral("app"), appId},
                        {QStringLiteral("id"), QStringLiteral("sb-conn-extra-%1").arg(i)},
                        {QStringLiteral("title"), QStringLiteral("Extra workspace %1").arg(i)},
                        {QStringLiteral("is_expired"), i % 10 == 0}});
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QJsonObject state{{QStringLiteral("version"), 1},
                            {QStringLiteral("connections"), connections}};
    return file.write(QJsonDocument(state).toJson()) > 0;
}

} // namespace

class TestApiClientSandbox final : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxFixture> m_sandbox;
    std::unique_ptr<api::ApiClient> m_api;

    QString appId(const char *title) const { return m_sandbox->appId(QLatin1String(title)); }

    // GET /v2/action-runs/{id} until the run leaves `waiting` (at most `maxPolls` reads).
    std::optional<core::RunState> pollToEnd(const QString &runId, int maxPolls = 20)
    {
        for (int i = 0; i < maxPolls; ++i) {
            Await<core::RunState> read;
            m_api->getRun(runId, core::Priority::Background, nullptr, read.callback());
            if (!read.wait() || !read.ok())
                return std::nullopt;
            if (read.value().isFinished())
                return read.value();
        }
        return std::nullopt;
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<SandboxFixture>();
        QVERIFY(m_sandbox->start());
        m_api = m_sandbox->client();
    }
    void cleanup()
    {
        m_api.reset();
        m_sandbox.reset();
    }

    void apps_filtersByQueryCategoryAndIds_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QStringList>("idsOfTitles");
        QTest::addColumn<QStringList>("expectedTitles");
        QTest::newRow("query") << QStringLiteral("sheets") << QString() << QStringList()
                               << QStringList{QStringLiteral("Google Sheets")};
        QTest::newRow("category") << QString() << QStringLiteral("spreadsheets") << QStringList()
                                  << QStringList{QStringLiteral("Google Sheets"),
                                                 QStringLiteral("Airtable")};
        QTest::newRow("ids") << QString() << QString()
                             << QStringList{QStringLiteral("Slack"),
                                            QStringLiteral("Sandbox Faults")}
                             << QStringList{QStringLiteral("Slack"),
                                            QStringLiteral("Sandbox Faults")};
        QTest::newRow("query with no match")
            << QStringLiteral("no such app at all") << QString() << QStringList() << QStringList();
    }
    void apps_filtersByQueryCategoryAndIds()
    {
        QFETCH(QString, query);
        QFETCH(QString, category);
        QFETCH(QStringList, idsOfTitles);
        QFETCH(QStringList, expectedTitles);
        core::AppQuery request;
        request.query = query;
        request.category = category;
        for (const QString &title : std::as_const(idsOfTitles))
            request.ids.append(m_sandbox->appId(title));
        request.limit = 50;
        Await<core::Page<core::App>> page;
        m_api->apps(request, nullptr, page.callback());
        QVERIFY(page.wait());
        QVERIFY2(page.ok(), page.describe());
        QStringList titles;
        for (const core::App &app : page.value().items)
            titles.append(app.title);
        QCOMPARE(titles, expectedTitles);
        QCOMPARE(page.value().count, expectedTitles.size());
        QVERIFY(!page.value().hasNext());
        for (const core::App &app : page.value().items) {
            if (!category.isEmpty())
                QVERIFY(app.categories.contains(category));
        }
    }

    void apps_decodeEveryDocumentedField()
    {
        core::AppQuery request;
        request.ids = {appId("Google Sheets"), appId("Filter by Zapier")};
        Await<core::Page<core::App>> page;
        m_api->apps(request, nullptr, page.callback());
        QVERIFY(page.wait());
        QVERIFY2(page.ok(), page.describe());
        QCOMPARE(page.value().items.size(), 2);
        const core::App &sheets = page.value().items.at(0);
        QCOMPARE(sheets.id, appId("Google Sheets"));
        QCOMPARE(sheets.hexColor, QStringLiteral("34a853"));
        QCOMPARE(sheets.categories,
                 (QStringList{QStringLiteral("spreadsheets"), QStringLiteral("google")}));
        QVERIFY(sheets.actionTypes.contains(QStringLiteral("WRITE")));
        QVERIFY(sheets.actionTypes.contains(QStringLiteral("SEARCH")));
        QVERIFY(sheets.description.contains(QStringLiteral("spreadsheets")));
        QVERIFY(sheets.images.url16.contains(QStringLiteral("size=16")));
        QVERIFY(sheets.images.url128.startsWith(m_sandbox->baseUrl().toString()));
        QVERIFY(sheets.needsAuthentication);
        QVERIFY(sheets.connectUrl.contains(QStringLiteral("/connect/to/GoogleSheetsV2API")));
        const core::App &filter = page.value().items.at(1);
        QVERIFY(!filter.needsAuthentication); // links.connect_new_authentication: null
        QVERIFY(filter.connectUrl.isEmpty());
    }

    void apps_pagesWithLimitAndOffset()
    {
        const int total = int(m_sandbox->server().catalog().apps().size());
        QVERIFY(total > 10);
        QStringList seen;
        core::AppQuery request;
        request.limit = 5;
        int pages = 0;
        for (;;) {
            Await<core::Page<core::App>> page;
            m_api->apps(request, nullptr, page.callback());
            QVERIFY(page.wait());
            QVERIFY2(page.ok(), page.describe());
            QCOMPARE(page.value().count, total);
            QCOMPARE(page.value().offset, request.offset);
            QCOMPARE(page.value().limit, 5);
            QCOMPARE(page.value().previous.isEmpty(), request.offset == 0);
            for (const core::App &app : page.value().items)
                seen.append(app.id);
            ++pages;
            if (!page.value().hasNext())
                break;
            QCOMPARE(page.value().items.size(), 5);
            request.offset += 5;
        }
        QCOMPARE(pages, (total + 4) / 5);
        QCOMPARE(seen.size(), total);
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), total);
    }

    void apps_walkAGeneratedCatalogOfTenThousand()
    {
        sandbox::SandboxOptions options;
        options.extraApps = 10000;
        SandboxFixture big(options);
        QVERIFY(big.start());
        const auto api = big.client();
        const int total = int(big.server().catalog().apps().size());
        QVERIFY(total >= 10000);
        QSet<QString> ids;
        core::AppQuery request;
        request.limit = 100;
        for (int pages = 0; pages < 200; ++pages) {
            Await<core::Page<core::App>> page;
            api->apps(request, nullptr, page.callback());
            QVERIFY(page.wait());
            QVERIFY2(page.ok(), page.describe());
            QCOMPARE(page.value().count, total);
            for (const core::App &app : page.value().items)
                ids.insert(app.id);
            if (!page.value().hasNext())
                break;
            request.offset += int(page.value().items.size());
        }
        QCOMPARE(ids.size(), total);

        core::AppQuery search;
        search.query = QStringLiteral("Generated App 9999");
        Await<core::Page<core::App>> found;
        api->apps(search, nullptr, found.callback());
        QVERIFY(found.wait());
        QVERIFY2(found.ok(), found.describe());
        QCOMPARE(found.value().count, 1);
        QCOMPARE(found.value().items.first().title, QStringLiteral("Generated App 9999"));
    }

    void actions_giveFreshIdsOnEveryCall()
    {
        const QString sheets = appId("Google Sheets");
        Await<QList<core::Action>> first;
        Await<QList<core::Action>> second;
        m_api->actions(sheets, QString(), nullptr, first.callback());
        m_api->actions(sheets, QString(), nullptr, second.callback());
        QVERIFY(first.wait() && second.wait());
        QVERIFY2(first.ok(), first.describe());
        QVERIFY2(second.ok(), second.describe());
        QCOMPARE(first.value().size(), 3);
        QCOMPARE(second.value().size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(first.value().at(i).key, second.value().at(i).key);
            QVERIFY(first.value().at(i).id != second.value().at(i).id);
        }
        const core::Action &addRow = first.value().first();
        QCOMPARE(addRow.key, QStringLiteral("add_row"));
        QCOMPARE(addRow.appId, sheets);
        QCOMPARE(addRow.actionType, core::ActionType::Write);
        QCOMPARE(addRow.title, QStringLiteral("Create Spreadsheet Row"));

        Await<QList<core::Action>> bulk;
        m_api->actions(appId("Airtable"), QStringLiteral("READ_BULK"), nullptr, bulk.callback());
        QVERIFY(bulk.wait());
        QVERIFY2(bulk.ok(), bulk.describe());
        QCOMPARE(bulk.value().size(), 1);
        QCOMPARE(bulk.value().first().key, QStringLiteral("list_records"));
        QCOMPARE(bulk.value().first().actionType, core::ActionType::ReadBulk);
    }

    void inputs_followTheSpreadsheetWorksheetColumnsChain()
    {
        const QString actionId = test::freshActionId(*m_api, appId("Google Sheets"), "add_row");
        QVERIFY(!actionId.isEmpty());

        Await<QList<core::FieldNode>> empty;
        m_api->inputs(actionId, sheetsConnection, {}, nullptr, empty.callback());
        QVERIFY(empty.wait());
        QVERIFY2(empty.ok(), empty.describe());
        QCOMPARE(inputIds(empty.value()),
                 (QStringList{QStringLiteral("spreadsheet"), QStringLiteral("worksheet")}));
        QCOMPARE(empty.value().first().kind, core::FieldNode::Kind::Info);
        const core::FieldNode *spreadsheet =
            core::findInput(empty.value(), QStringLiteral("spreadsheet"));
        QCOMPARE(spreadsheet->format, core::FieldFormat::Select);
        QVERIFY(spreadsheet->isRequired);
        QVERIFY(spreadsheet->invalidatesInputFields);
        const core::FieldNode *worksheet =
            core::findInput(empty.value(), QStringLiteral("worksheet"));
        QCOMPARE(worksheet->dependsOn, QStringList{QStringLiteral("spreadsheet")});

        const QVariantMap chosen{
            {QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026")},
            {QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals")}};
        Await<QList<core::FieldNode>> columns;
        m_api->inputs(actionId, sheetsConnection, chosen, nullptr, columns.callback());
        QVERIFY(columns.wait());
        QVERIFY2(columns.ok(), columns.describe());
        const QStringList ids = inputIds(columns.value());
        for (const char *column : {"COL$A", "COL$B", "COL$C", "COL$D"})
            QVERIFY2(ids.contains(QLatin1String(column)), column);
        const core::FieldNode *amount = core::findInput(columns.value(), QStringLiteral("COL$B"));
        QCOMPARE(amount->title, QStringLiteral("Amount"));
        QCOMPARE(amount->valueType, core::ValueType::Number);
        QCOMPARE(core::findInput(columns.value(), QStringLiteral("COL$C"))->format,
                 core::FieldFormat::Datetime);
        QVERIFY(core::findInput(columns.value(), QStringLiteral("COL$A"))->isRequired);
    }

    void choices_pageThroughSlackChannels()
    {
        const QString actionId =
            test::freshActionId(*m_api, appId("Slack"), "send_channel_message");
        QVERIFY(!actionId.isEmpty());
        QStringList ids;
        int page = 1;
        for (; page < 10; ++page) {
            Await<core::ChoicePage> choices;
            m_api->choices(actionId, QStringLiteral("channel"), QStringLiteral("sb-conn-slack-1"),
                           {}, page, nullptr, choices.callback());
            QVERIFY(choices.wait());
            QVERIFY2(choices.ok(), choices.describe());
            QCOMPARE(choices.value().page, page);
            for (const core::Choice &choice : choices.value().choices) {
                ids.append(choice.id);
                QVERIFY(choice.label.startsWith(QLatin1Char('#')));
            }
            if (!choices.value().hasNext)
                break;
            QCOMPARE(choices.value().choices.size(), 25);
        }
        QCOMPARE(page, 3);
        QCOMPARE(ids.size(), 64);
        QCOMPARE(ids.first(), QStringLiteral("C0001"));
        QCOMPARE(ids.last(), QStringLiteral("C0064"));
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 64);
    }

    void choices_dependOnTheValuesSent()
    {
        const QString actionId = test::freshActionId(*m_api, appId("Google Sheets"), "add_row");
        Await<core::ChoicePage> worksheets;
        m_api->choices(actionId, QStringLiteral("worksheet"), sheetsConnection,
                       {{QStringLiteral("spreadsheet"), QStringLiteral("sheet_support")}}, 1,
                       nullptr, worksheets.callback());
        QVERIFY(worksheets.wait());
        QVERIFY2(worksheets.ok(), worksheets.describe());
        QStringList labels;
        for (const core::Choice &choice : worksheets.value().choices)
            labels.append(choice.label);
        QCOMPARE(labels, (QStringList{QStringLiteral("Open"), QStringLiteral("Escalations")}));
        QVERIFY(!worksheets.value().hasNext);

        Await<core::ChoicePage> gated; // worksheet depends on spreadsheet, which is empty
        m_api->choices(actionId, QStringLiteral("worksheet"), sheetsConnection, {}, 1, nullptr,
                       gated.callback());
        QVERIFY(gated.wait());
        QVERIFY(!gated.ok());
        QCOMPARE(gated.error().kind, ErrorKind::BadRequest);
    }

    void outputs_describeTheActionsResult()
    {
        const QString actionId = test::freshActionId(*m_api, appId("Google Sheets"), "add_row");
        Await<QList<core::OutputField>> outputs;
        m_api->outputs(actionId, sheetsConnection,
                       {{QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026")}},
                       nullptr, outputs.callback());
        QVERIFY(outputs.wait());
        QVERIFY2(outputs.ok(), outputs.describe());
        QStringList ids;
        for (const core::OutputField &field : outputs.value())
            ids.append(field.id);
        QVERIFY(ids.contains(QStringLiteral("row")));
        QVERIFY(ids.contains(QStringLiteral("spreadsheet")));
        QCOMPARE(outputs.value().first().title, QStringLiteral("Row ID"));
        QCOMPARE(outputs.value().first().sample, QStringLiteral("7"));
    }

    void connections_readEveryPage_data()
    {
        QTest::addColumn<QString>("app");
        QTest::addColumn<int>("extra");
        QTest::addColumn<int>("expected");
        QTest::addColumn<int>("pages");
        QTest::newRow("two") << QStringLiteral("Google Sheets") << 0 << 2 << 1;
        QTest::newRow("more than ten") << QStringLiteral("Slack") << 0 << 12 << 1;
        QTest::newRow("three pages of a hundred") << QStringLiteral("Slack") << 250 << 262 << 3;
        QTest::newRow("none") << QStringLiteral("Code by Zapier") << 0 << 0 << 1;
    }
    void connections_readEveryPage()
    {
        QFETCH(QString, app);
        QFETCH(int, extra);
        QFETCH(int, expected);
        QFETCH(int, pages);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        sandbox::SandboxOptions options;
        options.statePath = dir.filePath(QStringLiteral("state.json"));
        QVERIFY(writeStateWithConnections(options.statePath, m_sandbox->appId(app), extra));
        SandboxFixture seeded(options);
        QVERIFY(seeded.start());
        const auto api = seeded.client();

        Await<QList<core::Connection>> connections;
        api->connections(seeded.appId(app), nullptr, connections.callback());
        QVERIFY(connections.wait());
        QVERIFY2(connections.ok(), connections.describe());
        QCOMPARE(connections.value().size(), expected);
        QCOMPARE(connections.calls().size(), pages);
        const auto requests = seeded.requests(QStringLiteral("GET"), "/v2/authentications");
        QCOMPARE(requests.size(), pages);
        for (int i = 0; i < pages; ++i) {
            const QUrlQuery query(requests.at(i).query);
            QCOMPARE(query.queryItemValue(QStringLiteral("offset")), QString::number(i * 100));
            QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
        }
        QSet<QString> ids;
        for (const core::Connection &connection : connections.value()) {
            QCOMPARE(connection.appId, seeded.appId(app));
            QVERIFY(!connection.title.isEmpty());
            ids.insert(connection.id);
        }
        QCOMPARE(ids.size(), expected);
        if (extra > 0) {
            QVERIFY(ids.contains(QStringLiteral("sb-conn-slack-1")));
            QVERIFY(ids.contains(QStringLiteral("sb-conn-extra-250")));
            QVERIFY(connections.value().last().isExpired); // every tenth extra one
        }
    }

    void createRun_thenGetRun_reachesSuccess()
    {
        const QString actionId = test::freshActionId(*m_api, appId("Google Sheets"), "add_row");
        const QVariantMap inputs{
            {QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026")},
            {QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals")},
            {QStringLiteral("COL$A"), QStringLiteral("Acme renewal")},
            {QStringLiteral("COL$B"), 12500.5}};
        Await<QString> created;
        m_api->createRun(actionId, sheetsConnection, inputs, nullptr, created.callback());
        QVERIFY(created.wait());
        QVERIFY2(created.ok(), created.describe());
        const QString runId = created.value();
        QVERIFY(!runId.isEmpty());
        QCOMPARE(created.calls().size(), 1);

        Await<core::RunState> first;
        m_api->getRun(runId, core::Priority::Background, nullptr, first.callback());
        QVERIFY(first.wait());
        QVERIFY2(first.ok(), first.describe());
        QCOMPARE(first.value().status, core::RunStatus::Waiting);
        QCOMPARE(first.value().id, runId);

        const auto done = pollToEnd(runId);
        QVERIFY(done);
        QCOMPARE(done->status, core::RunStatus::Success);
        QCOMPARE(done->statusRaw, QStringLiteral("success"));
        QVERIFY(done->errors.isEmpty());
        QVERIFY(!done->isFailure());
        const QJsonObject row =
            QJsonDocument::fromJson(done->resultsJson).array().first().toObject();
        QCOMPARE(row.value(QStringLiteral("COL$A")).toString(), QStringLiteral("Acme renewal"));
        QCOMPARE(row.value(QStringLiteral("worksheet")).toString(), QStringLiteral("ws_q1_deals"));
        // The documented body went out: {data: {action, authentication, inputs}}.
        const auto posts = m_sandbox->requests(QStringLiteral("POST"), "/v2/action-runs");
        QCOMPARE(posts.size(), 1);
        const QJsonObject data = QJsonDocument::fromJson(posts.first().requestBody)
                                     .object()
                                     .value(QStringLiteral("data"))
                                     .toObject();
        QCOMPARE(data.value(QStringLiteral("action")).toString(), actionId);
        QCOMPARE(data.value(QStringLiteral("authentication")).toString(), sheetsConnection);
    }

    void getRun_decodesThirdPartyErrors()
    {
        const QString actionId =
            test::freshActionId(*m_api, appId("Sandbox Faults"), "simulate_outcome");
        Await<QString> created;
        m_api->createRun(actionId, QStringLiteral("sb-conn-faults-1"),
                         {{QStringLiteral("outcome"), QStringLiteral("throttled")},
                          {QStringLiteral("polls"), 0},
                          {QStringLiteral("delay_seconds"), 7}},
                         nullptr, created.callback());
        QVERIFY(created.wait());
        QVERIFY2(created.ok(), created.describe());
        const auto done = pollToEnd(created.value());
        QVERIFY(done);
        QCOMPARE(done->status, core::RunStatus::Error);
        QVERIFY(done->isFailure());
        QCOMPARE(done->errors.size(), 1);
        QCOMPARE(done->errors.first().code, core::RunErrorCode::Throttled);
        QCOMPARE(done->errors.first().delaySeconds, std::optional<int>(7));
        QVERIFY(!done->errors.first().detail.isEmpty());
    }

    void createRun_withAStaleActionIdIsRefused()
    {
        const QString actionId = test::freshActionId(*m_api, appId("Filter by Zapier"), "filter");
        const QVariantMap inputs{{QStringLiteral("condition_count"), 1},
                                 {QStringLiteral("field_1"), QStringLiteral("x")},
                                 {QStringLiteral("operator_1"), QStringLiteral("exists")}};
        Await<QString> first;
        m_api->createRun(actionId, QString(), inputs, nullptr, first.callback());
        QVERIFY(first.wait());
        QVERIFY2(first.ok(), first.describe());

        for (const QString &stale : {actionId, QStringLiteral("core:never-issued")}) {
            Await<QString> again;
            m_api->createRun(stale, QString(), inputs, nullptr, again.callback());
            QVERIFY(again.wait());
            QVERIFY(!again.ok());
            QCOMPARE(again.error().kind, ErrorKind::BadRequest);
            QCOMPARE(again.error().httpStatus, 400);
            QCOMPARE(again.error().code, QStringLiteral("invalid_action"));
            QCOMPARE(again.error().sourcePointer, QStringLiteral("/data/action"));
            QCOMPARE(again.calls().size(), 1); // a 4xx is never retried
        }
        Await<QList<core::FieldNode>> unknown;
        m_api->inputs(QStringLiteral("core:never-issued"), QString(), {}, nullptr,
                      unknown.callback());
        QVERIFY(unknown.wait());
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
    }

    void wrongBearer_isUnauthorized_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("code");
        QTest::newRow("wrong") << QStringLiteral("not-the-token")
                               << QStringLiteral("authentication_failed");
        QTest::newRow("missing") << QString() << QStringLiteral("not_authenticated");
    }
    void wrongBearer_isUnauthorized()
    {
        QFETCH(QString, token);
        QFETCH(QString, code);
        api::ApiClientConfig config = m_sandbox->clientConfig();
        config.token = token;
        const auto api = m_sandbox->client(config);

        Await<core::Page<core::App>> apps;
        api->apps({}, nullptr, apps.callback());
        Await<QList<core::StoredAction>> stored;
        api->storedActions(nullptr, stored.callback());
        QVERIFY(apps.wait() && stored.wait());
        for (const core::ApiResult<core::Page<core::App>> *result : {&apps.result()}) {
            QVERIFY(!result->ok());
            QCOMPARE(result->error().kind, ErrorKind::Unauthorized);
            QCOMPARE(result->error().httpStatus, 401);
            QCOMPARE(result->error().code, code);
            QCOMPARE(result->calls.size(), 1); // never retried
        }
        QVERIFY(!stored.ok());
        QCOMPARE(stored.error().kind, ErrorKind::Unauthorized);
        if (!token.isEmpty()) { // the token never reaches the request log
            for (const core::RequestRecord &record : apps.calls())
                QVERIFY(!record.url.contains(token));
        }
    }
};

QTEST_GUILESS_MAIN(TestApiClientSandbox)
#include "tst_apiclient_sandbox.moc"
