// Partner API v2 of the sandbox over real HTTP: shapes, paging, ephemeral ids and the dynamic
// form (runs are in tst_sandboxruns).
#include "partnerapitestbase.h"

#include "sandbox/sandboxserver.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <limits>

using namespace ab::sandbox;
using ab::test::formBody;
using ab::test::HttpResult;
using ab::test::SandboxClient;

namespace {

QStringList ids(const QJsonArray &nodes)
{
    QStringList result;
    for (const QJsonValue &node : nodes)
        result.append(node.toObject().value(QStringLiteral("id")).toString());
    return result;
}

} // namespace

class TestSandboxServer final : public ab::test::PartnerApiTestBase {
    Q_OBJECT

private Q_SLOTS:
    void init() { startSandbox(); }
    void cleanup() { stopSandbox(); }

    void apps_listEnvelopeAndAppShape()
    {
        const HttpResult page = m_client->get(QStringLiteral("/v2/apps"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("application/json"));
        const QJsonObject json = page.json();
        const QJsonObject meta = json.value(QStringLiteral("meta")).toObject();
        QCOMPARE(meta.value(QStringLiteral("count")).toInt(), m_server->catalog().apps().size());
        QCOMPARE(meta.value(QStringLiteral("limit")).toInt(), 10);
        QCOMPARE(meta.value(QStringLiteral("offset")).toInt(), 0);
        const QJsonObject links = json.value(QStringLiteral("links")).toObject();
        QVERIFY(links.value(QStringLiteral("prev")).isNull());
        QVERIFY(links.value(QStringLiteral("next"))
                    .toString()
                    .startsWith(m_server->baseUrl().toString() + QStringLiteral("/v2/apps?")));
        QCOMPARE(page.data().size(), 10);
        const QJsonObject sheets = page.data().first().toObject();
        QCOMPARE(sheets.value(QStringLiteral("title")).toString(), QStringLiteral("Google Sheets"));
        QCOMPARE(sheets.value(QStringLiteral("type")).toString(), QStringLiteral("app"));
        for (const char *key : {"id", "description", "image", "hex_color"})
            QVERIFY2(!sheets.value(QLatin1String(key)).toString().isEmpty(), key);
        const QJsonObject images = sheets.value(QStringLiteral("images")).toObject();
        for (const char *key : {"url_16x16", "url_32x32", "url_64x64", "url_128x128"})
            QVERIFY2(images.value(QLatin1String(key)).toString().startsWith(QStringLiteral("http")),
                     key);
        QCOMPARE(sheets.value(QStringLiteral("categories"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("slug")),
                 QJsonValue(QStringLiteral("spreadsheets")));
        QVERIFY(sheets.value(QStringLiteral("action_types"))
                    .toArray()
                    .contains(QStringLiteral("WRITE")));
        QVERIFY(sheets.value(QStringLiteral("links"))
                    .toObject()
                    .value(QStringLiteral("connect_new_authentication"))
                    .isString());

        // links.next is a full URL the client can follow as is.
        const HttpResult next =
            m_client->send("GET", QUrl(links.value(QStringLiteral("next")).toString()), {});
        QCOMPARE(next.status, 200);
        QCOMPARE(next.json()
                     .value(QStringLiteral("meta"))
                     .toObject()
                     .value(QStringLiteral("offset"))
                     .toInt(),
                 10);
        QVERIFY(next.json()
                    .value(QStringLiteral("links"))
                    .toObject()
                    .value(QStringLiteral("prev"))
                    .isString());
        QCOMPARE(next.data().size(), m_server->catalog().apps().size() - 10);
        QVERIFY(next.json()
                    .value(QStringLiteral("links"))
                    .toObject()
                    .value(QStringLiteral("next"))
                    .isNull());
    }

    void apps_searchCategoryIdsAndLimits()
    {
        const HttpResult search =
            m_client->get(QStringLiteral("/v2/apps/"),
                          QUrlQuery{{QStringLiteral("query"), QStringLiteral("sHEEts")}});
        QCOMPARE(search.status, 200); // trailing slash accepted
        QCOMPARE(search.data().size(), 1);
        const HttpResult code =
            m_client->get(QStringLiteral("/v2/apps"),
                          QUrlQuery{{QStringLiteral("query"), QStringLiteral("code by")}});
        QVERIFY(code.data()
                    .first()
                    .toObject()
                    .value(QStringLiteral("links"))
                    .toObject()
                    .value(QStringLiteral("connect_new_authentication"))
                    .isNull());
        const HttpResult both =
            m_client->get(QStringLiteral("/v2/apps"),
                          QUrlQuery{{QStringLiteral("category"), QStringLiteral("crm")},
                                    {QStringLiteral("ids"), appId("slack")}});
        QCOMPARE(both.status, 400);
        const QJsonObject error = both.firstError();
        QCOMPARE(error.value(QStringLiteral("status")).toInt(), 400);
        QCOMPARE(error.value(QStringLiteral("source"))
                     .toObject()
                     .value(QStringLiteral("parameter"))
                     .toString(),
                 QStringLiteral("category"));
        for (const char *key : {"code", "title", "detail"})
            QVERIFY2(!error.value(QLatin1String(key)).toString().isEmpty(), key);
        QVERIFY(error.value(QStringLiteral("meta")).isObject());
        const HttpResult capped =
            m_client->get(QStringLiteral("/v2/apps"),
                          QUrlQuery{{QStringLiteral("limit"), QStringLiteral("500")}});
        QCOMPARE(capped.json()
                     .value(QStringLiteral("meta"))
                     .toObject()
                     .value(QStringLiteral("limit"))
                     .toInt(),
                 100);
        QCOMPARE(m_client
                     ->get(QStringLiteral("/v2/apps"),
                           QUrlQuery{{QStringLiteral("limit"), QStringLiteral("ten")}})
                     .status,
                 400);
        const HttpResult byIds = m_client->get(
            QStringLiteral("/v2/apps"),
            QUrlQuery{{QStringLiteral("ids"), appId("slack") + QLatin1Char(',') + appId("gmail")}});
        QCOMPARE(byIds.data().size(), 2);
    }

    void icons_areServedWithoutToken()
    {
        const HttpResult app =
            m_client->get(QStringLiteral("/v2/apps"),
                          QUrlQuery{{QStringLiteral("query"), QStringLiteral("slack")}});
        const QString url = app.data()
                                .first()
                                .toObject()
                                .value(QStringLiteral("images"))
                                .toObject()
                                .value(QStringLiteral("url_32x32"))
                                .toString();
        m_client->setToken({});
        const HttpResult icon = m_client->send("GET", QUrl(url), {});
        QCOMPARE(icon.status, 200);
        QCOMPARE(icon.header("Content-Type"), QByteArray("image/svg+xml"));
        QVERIFY(icon.body.contains("#4a154b"));
    }

    void bearer_missingOrWrongIsRefused_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("code");
        QTest::newRow("missing v2")
            << QString() << QStringLiteral("/v2/apps") << QStringLiteral("not_authenticated");
        QTest::newRow("wrong v2") << QStringLiteral("nope") << QStringLiteral("/v2/apps/")
                                  << QStringLiteral("authentication_failed");
        QTest::newRow("missing actions")
            << QString() << QStringLiteral("/actions/v1/stored-actions")
            << QStringLiteral("not_authenticated");
    }
    void bearer_missingOrWrongIsRefused()
    {
        QFETCH(QString, token);
        QFETCH(QString, path);
        QFETCH(QString, code);
        m_client->setToken(token);
        const HttpResult result = m_client->get(path);
        QCOMPARE(result.status, 401);
        QCOMPARE(result.errorCode(), code);
        QVERIFY(!result.header("WWW-Authenticate").isEmpty());
    }

    void actions_issueNewSingleUseIdsOnEveryLookup()
    {
        const QUrlQuery query{{QStringLiteral("app"), appId("google-sheets")}};
        const HttpResult first = m_client->get(QStringLiteral("/v2/actions"), query);
        const HttpResult second = m_client->get(QStringLiteral("/v2/actions"), query);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json()
                     .value(QStringLiteral("meta"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 3);
        QVERIFY(first.json()
                    .value(QStringLiteral("meta"))
                    .toObject()
                    .value(QStringLiteral("limit"))
                    .isNull());
        const QJsonObject action = first.data().first().toObject();
        QCOMPARE(action.value(QStringLiteral("id")).toString(), QStringLiteral("core:sb1"));
        QCOMPARE(action.value(QStringLiteral("key")).toString(), QStringLiteral("add_row"));
        QCOMPARE(action.value(QStringLiteral("type")).toString(), QStringLiteral("action"));
        QCOMPARE(action.value(QStringLiteral("app")).toString(), appId("google-sheets"));
        QCOMPARE(action.value(QStringLiteral("action_type")).toString(), QStringLiteral("WRITE"));
        QVERIFY(action.value(QStringLiteral("is_instant")).isBool());
        const QStringList firstIds = ids(first.data());
        for (const QString &id : ids(second.data()))
            QVERIFY(!firstIds.contains(id));
        QCOMPARE(second.data().first().toObject().value(QStringLiteral("key")),
                 action.value(QStringLiteral("key")));

        const HttpResult searches =
            m_client->get(QStringLiteral("/v2/actions"),
                          QUrlQuery{{QStringLiteral("app"), appId("google-sheets")},
                                    {QStringLiteral("action_type"), QStringLiteral("search")}});
        QCOMPARE(searches.data().size(), 1);
        QCOMPARE(m_client->get(QStringLiteral("/v2/actions")).status, 400);
        QCOMPARE(inputs(QStringLiteral("core:nope"), QStringLiteral("sb-conn-gsheets-1")).status,
                 404);
    }

    void inputs_checkEnvelopeAndAuthentication()
    {
        const QString sheets = actionId("google-sheets", "add_row");
        const QString path = QStringLiteral("/v2/actions/%1/inputs").arg(sheets);
        const HttpResult raw =
            m_client->post(path, QJsonObject{{QStringLiteral("inputs"), QJsonObject()}});
        QCOMPARE(raw.status, 400);
        QCOMPARE(raw.errorCode(), QStringLiteral("parse_error"));
        QCOMPARE(inputs(sheets, QJsonValue::Null).errorCode(),
                 QStringLiteral("missing_authentication"));
        const HttpResult foreign = inputs(sheets, QStringLiteral("sb-conn-slack-1"));
        QCOMPARE(foreign.errorCode(), QStringLiteral("invalid_authentication"));
        QCOMPARE(foreign.firstError()
                     .value(QStringLiteral("source"))
                     .toObject()
                     .value(QStringLiteral("pointer"))
                     .toString(),
                 QStringLiteral("/data/authentication"));
        const HttpResult expired =
            inputs(actionId("salesforce", "create_record"), QStringLiteral("sb-conn-sf-expired"));
        QCOMPARE(expired.status, 400);
        QCOMPARE(expired.errorCode(), QStringLiteral("expired_authentication"));
        QCOMPARE(
            inputs(actionId("salesforce", "create_record"), QStringLiteral("sb-conn-sf-1")).status,
            200);
        QCOMPARE(inputs(actionId("code", "run_javascript"), QJsonValue::Null).status, 200);
    }

    void inputs_renderDocumentedNodeShapes()
    {
        const HttpResult contact =
            inputs(actionId("hubspot", "create_contact"), QStringLiteral("sb-conn-hubspot-1"));
        QCOMPARE(contact.status, 200);
        QCOMPARE(contact.json()
                     .value(QStringLiteral("meta"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 contact.data().size());
        const QJsonObject email = contact.data().first().toObject();
        QCOMPARE(email.value(QStringLiteral("type")).toString(), QStringLiteral("input_field"));
        QVERIFY(!email.contains(QStringLiteral("format"))); // plain fields omit it
        for (const char *key :
             {"id", "title", "description", "default_value", "placeholder", "is_required",
              "value_type", "depends_on", "invalidates_input_fields"})
            QVERIFY2(email.contains(QLatin1String(key)), key);
        bool fieldset = false;
        for (const QJsonValue &node : contact.data()) {
            if (node.toObject().value(QStringLiteral("type")).toString() ==
                QLatin1String("fieldset")) {
                fieldset = true;
                QCOMPARE(node.toObject().value(QStringLiteral("title")).toString(),
                         QStringLiteral("Address"));
                QCOMPARE(node.toObject().value(QStringLiteral("fields")).toArray().size(), 4);
            }
        }
        QVERIFY(fieldset);
        const HttpResult code = inputs(actionId("code", "run_javascript"), QJsonValue::Null);
        const QJsonObject info = code.data().first().toObject();
        QCOMPARE(info.value(QStringLiteral("type")).toString(), QStringLiteral("info_field"));
        QCOMPARE(info.keys().size(), 3); // type, id, description
    }

    void googleSheets_dependencyChainResolves()
    {
        const QString action = actionId("google-sheets", "add_row");
        const QString auth = QStringLiteral("sb-conn-gsheets-1");
        const HttpResult empty = inputs(action, auth);
        QCOMPARE(ids(empty.data()),
                 (QStringList{QStringLiteral("add_row_help"), QStringLiteral("spreadsheet"),
                              QStringLiteral("worksheet")}));
        const QJsonObject worksheet = empty.data().at(2).toObject();
        QCOMPARE(worksheet.value(QStringLiteral("depends_on")).toArray(),
                 QJsonArray{QStringLiteral("spreadsheet")});
        QVERIFY(worksheet.value(QStringLiteral("invalidates_input_fields")).toBool());
        QCOMPARE(worksheet.value(QStringLiteral("format")).toString(), QStringLiteral("SELECT"));

        const QString choices =
            QStringLiteral("/v2/actions/%1/inputs/worksheet/choices").arg(action);
        const HttpResult gated = m_client->postData(choices, formBody(auth));
        QCOMPARE(gated.status, 400);
        QCOMPARE(gated.errorCode(), QStringLiteral("dependency_missing"));
        QCOMPARE(gated.firstError()
                     .value(QStringLiteral("source"))
                     .toObject()
                     .value(QStringLiteral("pointer"))
                     .toString(),
                 QStringLiteral("/data/inputs/spreadsheet"));
        const QJsonObject sales{
            {QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026")}};
        const HttpResult tabs = m_client->postData(choices, formBody(auth, sales));
        QCOMPARE(ids(tabs.data()),
                 (QStringList{QStringLiteral("ws_q1_deals"), QStringLiteral("ws_q2_deals")}));
        QCOMPARE(tabs.data().first().toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("choice"));
        QCOMPARE(tabs.data().first().toObject().value(QStringLiteral("label")).toString(),
                 QStringLiteral("Q1 Deals"));

        QJsonObject q1 = sales;
        q1.insert(QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals"));
        const QJsonArray q1Fields = inputs(action, auth, q1).data();
        QVERIFY(ids(q1Fields).contains(QStringLiteral("COL$A")));
        QCOMPARE(q1Fields.at(3).toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Deal Name"));
        const QJsonObject support{{QStringLiteral("spreadsheet"), QStringLiteral("sheet_support")},
                                  {QStringLiteral("worksheet"), QStringLiteral("ws_open")}};
        const QJsonArray openFields = inputs(action, auth, support).data();
        QCOMPARE(openFields.at(3).toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Ticket"));
        const HttpResult outputs = m_client->postData(
            QStringLiteral("/v2/actions/%1/outputs").arg(action), formBody(auth, support));
        QCOMPARE(outputs.status, 200);
        QVERIFY(ids(outputs.data()).contains(QStringLiteral("COL$D")));
        QCOMPARE(outputs.data().first().toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("output_field"));
    }

    void choices_pageThroughSlackChannels()
    {
        const QString action = actionId("slack", "send_channel_message");
        QUrl next =
            m_client->url(QStringLiteral("/v2/actions/%1/inputs/channel/choices").arg(action));
        QStringList seen;
        int pages = 0;
        while (next.isValid() && pages < 10) {
            const HttpResult page = m_client->send(
                "POST", next,
                QJsonDocument(QJsonObject{{QStringLiteral("data"),
                                           formBody(QStringLiteral("sb-conn-slack-1"))}})
                    .toJson());
            QCOMPARE(page.status, 200);
            ++pages;
            QCOMPARE(page.json()
                         .value(QStringLiteral("meta"))
                         .toObject()
                         .value(QStringLiteral("page"))
                         .toInt(),
                     pages);
            seen += ids(page.data());
            const QJsonValue link =
                page.json().value(QStringLiteral("links")).toObject().value(QStringLiteral("next"));
            next = link.isNull() ? QUrl() : QUrl(link.toString());
            QCOMPARE(page.json()
                         .value(QStringLiteral("links"))
                         .toObject()
                         .value(QStringLiteral("prev"))
                         .isNull(),
                     pages == 1);
        }
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 64);
        QCOMPARE(seen.first(), QStringLiteral("C0001"));
        QCOMPARE(m_client
                     ->postData(QStringLiteral("/v2/actions/%1/inputs/channel/choices").arg(action),
                                formBody(QStringLiteral("sb-conn-slack-1")),
                                QUrlQuery{{QStringLiteral("page"), QStringLiteral("0")}})
                     .status,
                 400);
        QCOMPARE(m_client
                     ->postData(QStringLiteral("/v2/actions/%1/inputs/nope/choices").arg(action),
                                formBody(QStringLiteral("sb-conn-slack-1")))
                     .status,
                 404);
    }

    void filter_countFieldAddsFieldsets()
    {
        const QString action = actionId("filter", "filter");
        const HttpResult one = inputs(action, QJsonValue::Null);
        QCOMPARE(ids(one.data()),
                 (QStringList{QStringLiteral("condition_count"), QStringLiteral("condition_1")}));
        const HttpResult three =
            inputs(action, QJsonValue::Null, {{QStringLiteral("condition_count"), 3}});
        QCOMPARE(ids(three.data()),
                 (QStringList{QStringLiteral("condition_count"), QStringLiteral("condition_1"),
                              QStringLiteral("condition_2"), QStringLiteral("condition_3"),
                              QStringLiteral("boolean_operator")}));
        const QJsonObject second = three.data().at(2).toObject();
        QCOMPARE(second.value(QStringLiteral("title")).toString(), QStringLiteral("Condition 2"));
        QCOMPARE(ids(second.value(QStringLiteral("fields")).toArray()),
                 (QStringList{QStringLiteral("field_2"), QStringLiteral("operator_2"),
                              QStringLiteral("value_2")}));
        const HttpResult operators = m_client->postData(
            QStringLiteral("/v2/actions/%1/inputs/boolean_operator/choices").arg(action),
            formBody(QJsonValue::Null, {{QStringLiteral("condition_count"), QStringLiteral("2")}}));
        QCOMPARE(ids(operators.data()), (QStringList{QStringLiteral("and"), QStringLiteral("or")}));
    }

    void apps_searchWorksWithTenThousandApps()
    {
        SandboxOptions options;
        options.extraApps = 10000;
        SandboxServer big(options);
        QVERIFY(big.listen());
        SandboxClient client(big.baseUrl());
        // Speed is measured by tests/bench/bench_sandbox; this checks search over a big catalog.
        for (const char *query : {"generated app 09", "slack", "zzz-no-match"}) {
            const HttpResult result =
                client.get(QStringLiteral("/v2/apps"),
                           QUrlQuery{{QStringLiteral("query"), QLatin1String(query)}});
            QCOMPARE(result.status, 200);
        }
        const HttpResult last =
            client.get(QStringLiteral("/v2/apps"),
                       QUrlQuery{{QStringLiteral("query"), QStringLiteral("Generated App 10000")}});
        QCOMPARE(last.data().size(), 1);
        QCOMPARE(last.json()
                     .value(QStringLiteral("meta"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 1);
    }

    void requestLog_recordsEveryRequest()
    {
        QSignalSpy handled(m_server.get(), &SandboxServer::requestHandled);
        m_client->get(QStringLiteral("/v2/apps"),
                      QUrlQuery{{QStringLiteral("query"), QStringLiteral("x")}});
        QCOMPARE(handled.size(), 1);
        const SandboxRequest request = handled.first().first().value<SandboxRequest>();
        QCOMPARE(request.method, QStringLiteral("GET"));
        QCOMPARE(request.path, QStringLiteral("/v2/apps"));
        QCOMPARE(request.query, QStringLiteral("query=x"));
        QCOMPARE(request.status, 200);
        QVERIFY(request.bodySize > 0);
        QCOMPARE(request.header("authorization"), QByteArray("Bearer sandbox-token"));
        QCOMPARE(m_server->requests().size(), 1);
        m_server->clearRequests();
        QVERIFY(m_server->requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
