#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using ab::test::CliResult;
using ab::test::CliRunner;
using ab::test::describe;

// Drives the built binary as a user would: every command against the in-process sandbox,
// `sandbox serve` for other processes, and the documented exit codes.
class TestCli final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QString historyPath() const { return m_home.filePath(QStringLiteral("history.sqlite")); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // The sandbox's state file and the default history live under the data directory.
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.remove(QStringLiteral("ACTIONBENCH_TOKEN"));
        return env;
    }

    CliResult cli(const QStringList &arguments, bool withHistory = true,
                  const QString &program = QStringLiteral(ACTIONBENCH_CLI_PATH))
    {
        QProcess process;
        QProcessEnvironment env = environment();
        env.remove(QStringLiteral("ACTIONBENCH_PLUGIN_DIR")); // found next to the binary or not
        process.setProcessEnvironment(env);
        QStringList args = arguments;
        if (withHistory)
            args << QStringLiteral("--history-db") << historyPath();
        process.start(program, args);
        return CliRunner::finish(process, 120000);
    }

    static QStringList sheetsRow(const QString &name)
    {
        return {QStringLiteral("--app"),    QStringLiteral("Google Sheets"),
                QStringLiteral("--action"), QStringLiteral("add_row"),
                QStringLiteral("--set"),    QStringLiteral("spreadsheet=Sales Pipeline 2026"),
                QStringLiteral("--set"),    QStringLiteral("worksheet=Q1 Deals"),
                QStringLiteral("--set"),    QStringLiteral("COL$A=") + name};
    }

    static QStringList fieldIds(const QJsonArray &tree)
    {
        QStringList ids;
        for (const QJsonValue &node : tree) {
            const QJsonObject object = node.toObject();
            if (object.value(QStringLiteral("type")) == QLatin1String("fieldset"))
                ids += fieldIds(object.value(QStringLiteral("fields")).toArray());
            else if (object.value(QStringLiteral("type")) == QLatin1String("input_field"))
                ids << object.value(QStringLiteral("id")).toString();
        }
        return ids;
    }

    // Starts `sandbox serve --port 0 --json` and reads what it announced (base_url, token).
    void serve(QProcess *server, const QStringList &extra, QJsonObject *info)
    {
        server->setProcessEnvironment(environment());
        server->start(QStringLiteral(ACTIONBENCH_CLI_PATH),
                      QStringList{QStringLiteral("sandbox"), QStringLiteral("serve"),
                                  QStringLiteral("--port"), QStringLiteral("0"),
                                  QStringLiteral("--json")} +
                          extra);
        QSignalSpy ready(server, &QProcess::readyReadStandardOutput);
        QByteArray announced;
        while (info->isEmpty()) {
            QVERIFY2(ready.wait(30000), server->readAllStandardError().constData());
            announced += server->readAllStandardOutput();
            *info = QJsonDocument::fromJson(announced).object();
        }
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_home.isValid()); }

    void help_printsUsageAndExitsZero()
    {
        const CliResult result = cli({QStringLiteral("--help")}, false);
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains("Exit codes"));
        QVERIFY(result.out.contains("sandbox serve"));
    }

    void version_printsTheProjectVersion()
    {
        const CliResult result = cli({QStringLiteral("--version")}, false);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith("actionbench-cli " ACTIONBENCH_VERSION_FOR_TESTS),
                 result.out.constData());
    }

    void unknownCommand_isAUsageError()
    {
        QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("apps"), QStringLiteral("--no-such-option")}).exitCode, 2);
    }

    void apps_queryFindsTheAppAsJson()
    {
        const CliResult result = cli({QStringLiteral("apps"), QStringLiteral("--query"),
                                      QStringLiteral("sheets"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QJsonArray apps = result.json.value(QStringLiteral("apps")).toArray();
        QVERIFY(!apps.isEmpty());
        QCOMPARE(apps.first().toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Google Sheets"));
    }

    void apps_nothingFoundSaysSoInWords()
    {
        const CliResult none = cli({QStringLiteral("apps"), QStringLiteral("--query"),
                                    QStringLiteral("zzzz-no-such-app")});
        QVERIFY2(none.exitCode == 0, qPrintable(describe(none)));
        QCOMPARE(none.out, QByteArray("No apps match \"zzzz-no-such-app\".\n"));
        const CliResult beyond =
            cli({QStringLiteral("apps"), QStringLiteral("--offset"), QStringLiteral("5000")});
        QVERIFY2(beyond.exitCode == 0, qPrintable(describe(beyond)));
        QVERIFY2(beyond.out.startsWith("No apps at offset 5000 (there are "),
                 beyond.out.constData());
    }

    void actions_listsTheStableKeys()
    {
        const CliResult result = cli({QStringLiteral("actions"), QStringLiteral("--app"),
                                      QStringLiteral("Google Sheets"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QStringList keys;
        for (const QJsonValue &action : result.json.value(QStringLiteral("actions")).toArray())
            keys << action.toObject().value(QStringLiteral("key")).toString();
        QVERIFY(keys.contains(QStringLiteral("add_row")));
    }

    void actions_unknownAppIsAUsageError()
    {
        const CliResult result =
            cli({QStringLiteral("actions"), QStringLiteral("--app"),
                 QStringLiteral("No Such App Anywhere"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.json.contains(QStringLiteral("error")));
    }

    void connections_marksTheExpiredOne()
    {
        const CliResult result = cli({QStringLiteral("connections"), QStringLiteral("--app"),
                                      QStringLiteral("Salesforce"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        bool sawExpired = false;
        for (const QJsonValue &connection :
             result.json.value(QStringLiteral("connections")).toArray())
            sawExpired |= connection.toObject().value(QStringLiteral("is_expired")).toBool();
        QVERIFY(sawExpired);
    }

    void fields_dependencyChainRevealsColumns()
    {
        QStringList args{QStringLiteral("fields"),        QStringLiteral("--app"),
                         QStringLiteral("Google Sheets"), QStringLiteral("--action"),
                         QStringLiteral("add_row"),       QStringLiteral("--json")};
        const CliResult before = cli(args);
        QVERIFY2(before.exitCode == 0, qPrintable(describe(before)));
        QVERIFY(!fieldIds(before.json.value(QStringLiteral("fields")).toArray())
                     .contains(QStringLiteral("COL$A")));

        args << QStringLiteral("--set") << QStringLiteral("spreadsheet=Sales Pipeline 2026")
             << QStringLiteral("--set") << QStringLiteral("worksheet=Q1 Deals");
        const CliResult after = cli(args);
        QVERIFY2(after.exitCode == 0, qPrintable(describe(after)));
        QVERIFY(fieldIds(after.json.value(QStringLiteral("fields")).toArray())
                    .contains(QStringLiteral("COL$A")));
        const QJsonObject inputs = after.json.value(QStringLiteral("inputs")).toObject();
        // The label was resolved to the choice id, as the API expects.
        QCOMPARE(inputs.value(QStringLiteral("spreadsheet")).toString(),
                 QStringLiteral("sheet_sales_2026"));
        QCOMPARE(inputs.value(QStringLiteral("worksheet")).toString(),
                 QStringLiteral("ws_q1_deals"));
    }

    void fields_valueForAFieldNotYetShownIsAUsageError()
    {
        const CliResult result =
            cli({QStringLiteral("fields"), QStringLiteral("--app"), QStringLiteral("Google Sheets"),
                 QStringLiteral("--action"), QStringLiteral("add_row"), QStringLiteral("--set"),
                 QStringLiteral("COL$A=too early")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("COL$A"));
    }

    void fields_formTheServerRefusesIsAnApiError_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("fields") << QStringLiteral("fields");
        QTest::newRow("run") << QStringLiteral("run");
    }

    // A connection the API does not know: /inputs answers 400. The command says so and exits 3;
    // it neither prints an empty form as a success nor blames a --set field.
    void fields_formTheServerRefusesIsAnApiError()
    {
        QFETCH(QString, command);
        const CliResult result = cli(
            {command, QStringLiteral("--app"), QStringLiteral("Google Sheets"),
             QStringLiteral("--action"), QStringLiteral("add_row"), QStringLiteral("--connection"),
             QStringLiteral("no-such-connection"), QStringLiteral("--set"),
             QStringLiteral("spreadsheet=Sales Pipeline 2026"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 3, qPrintable(describe(result)));
        const QJsonObject error = result.json.value(QStringLiteral("error")).toObject();
        QVERIFY2(error.value(QStringLiteral("message"))
                     .toString()
                     .contains(QStringLiteral("could not load the form")),
                 qPrintable(describe(result)));
        QVERIFY2(QJsonDocument(error).toJson().contains("no-such-connection"),
                 qPrintable(describe(result)));
    }

    void choices_pagesOneByOneOrAll()
    {
        const QStringList base{QStringLiteral("choices"),
                               QStringLiteral("--app"),
                               QStringLiteral("Slack"),
                               QStringLiteral("--action"),
                               QStringLiteral("send_channel_message"),
                               QStringLiteral("--field"),
                               QStringLiteral("channel"),
                               QStringLiteral("--json")};
        const CliResult first = cli(base);
        QVERIFY2(first.exitCode == 0, qPrintable(describe(first)));
        QVERIFY(first.json.value(QStringLiteral("has_next")).toBool());
        const qsizetype pageSize = first.json.value(QStringLiteral("choices")).toArray().size();
        QVERIFY(pageSize > 0);

        const CliResult third =
            cli(base + QStringList{QStringLiteral("--page"), QStringLiteral("3")});
        QVERIFY2(third.exitCode == 0, qPrintable(describe(third)));
        QCOMPARE(third.json.value(QStringLiteral("page")).toInt(), 3);

        const CliResult all = cli(base + QStringList{QStringLiteral("--all")});
        QVERIFY2(all.exitCode == 0, qPrintable(describe(all)));
        QVERIFY(all.json.value(QStringLiteral("choices")).toArray().size() > 2 * pageSize);
        QVERIFY(!all.json.value(QStringLiteral("has_next")).toBool());
    }

    void run_waitEndsInSuccessAndIsInTheHistory()
    {
        const CliResult result =
            cli(QStringList{QStringLiteral("run")} + sheetsRow(QStringLiteral("Acme renewal")) +
                QStringList{QStringLiteral("--wait"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QCOMPARE(result.json.value(QStringLiteral("phase")).toString(), QStringLiteral("success"));
        QVERIFY(!result.json.value(QStringLiteral("server_run_id")).toString().isEmpty());
        const QJsonArray results = result.json.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.first().toObject().value(QStringLiteral("COL$A")).toString(),
                 QStringLiteral("Acme renewal"));

        const qint64 id = result.json.value(QStringLiteral("id")).toInteger();
        const CliResult shown = cli({QStringLiteral("history"), QStringLiteral("show"),
                                     QString::number(id), QStringLiteral("--json")});
        QVERIFY2(shown.exitCode == 0, qPrintable(describe(shown)));
        QCOMPARE(shown.json.value(QStringLiteral("phase")).toString(), QStringLiteral("success"));
        QVERIFY(shown.json.value(QStringLiteral("timeline")).toArray().size() >= 3);
        // The calls it made: a fresh action id, the POST, and the polls.
        const QJsonArray calls = shown.json.value(QStringLiteral("calls")).toArray();
        QVERIFY(calls.size() >= 3);
        QVERIFY(calls.first()
                    .toObject()
                    .value(QStringLiteral("url"))
                    .toString()
                    .contains(QStringLiteral("/v2/actions")));
        QVERIFY(!shown.out.contains("sandbox-token")); // the bearer token is never recorded

        const CliResult listed = cli({QStringLiteral("history"), QStringLiteral("--json")});
        QVERIFY2(listed.exitCode == 0, qPrintable(describe(listed)));
        QVERIFY(listed.json.value(QStringLiteral("count")).toInt() >= 1);
    }

    void passwordField_isSentButNeverPrinted()
    {
        const QString password = QStringLiteral("cli-basic-auth|admin-7e1f");
        const QStringList form{
            QStringLiteral("--app"),    QStringLiteral("Webhooks by Zapier"),
            QStringLiteral("--action"), QStringLiteral("post"),
            QStringLiteral("--set"),    QStringLiteral("url=https://example.com/hook"),
            QStringLiteral("--set"),    QStringLiteral("basic_auth=") + password};
        for (const QStringList &format : {QStringList{}, QStringList{QStringLiteral("--json")}}) {
            const CliResult fields = cli(QStringList{QStringLiteral("fields")} + form + format);
            QVERIFY2(fields.exitCode == 0, qPrintable(describe(fields)));
            QVERIFY(!fields.out.contains(password.toUtf8()) && !fields.err.contains("admin-7e1f"));
            QVERIFY(fields.out.contains("[redacted]"));
        }
        const CliResult run = cli(QStringList{QStringLiteral("run")} + form +
                                  QStringList{QStringLiteral("--wait"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(!run.out.contains("admin-7e1f") && !run.err.contains("admin-7e1f"));
        const QString id = QString::number(run.json.value(QStringLiteral("id")).toInteger());
        for (const QStringList &format : {QStringList{}, QStringList{QStringLiteral("--json")}}) {
            const CliResult shown =
                cli(QStringList{QStringLiteral("history"), QStringLiteral("show"), id} + format);
            QVERIFY2(shown.exitCode == 0, qPrintable(describe(shown)));
            QVERIFY(!shown.out.contains("admin-7e1f"));
            QVERIFY(shown.out.contains("\"basic_auth\":\"[redacted]\"") ||
                    shown.out.contains("\"basic_auth\": \"[redacted]\""));
        }
    }

    void run_thirdPartyErrorExitsOne_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::newRow("user") << QStringLiteral("user");
        QTest::newRow("throttled") << QStringLiteral("throttled");
        QTest::newRow("authentication") << QStringLiteral("authentication");
    }
    void run_thirdPartyErrorExitsOne()
    {
        QFETCH(QString, outcome);
        const CliResult result = cli(
            {QStringLiteral("run"), QStringLiteral("--app"), QStringLiteral("Sandbox Faults"),
             QStringLiteral("--action"), QStringLiteral("simulate_outcome"),
             QStringLiteral("--set"), QStringLiteral("outcome=") + outcome, QStringLiteral("--set"),
             QStringLiteral("polls=1"), QStringLiteral("--wait"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 1, qPrintable(describe(result)));
        QCOMPARE(result.json.value(QStringLiteral("phase")).toString(), QStringLiteral("error"));
        const QJsonObject error =
            result.json.value(QStringLiteral("errors")).toArray().first().toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), outcome);
        if (outcome == QLatin1String("throttled"))
            QVERIFY(error.value(QStringLiteral("delay")).toInt() > 0);
    }

    void run_leftWaitingIsResumedByANewProcess()
    {
        // Without --wait the command ends once the server accepted the run; it is still waiting.
        const CliResult started =
            cli({QStringLiteral("run"), QStringLiteral("--app"), QStringLiteral("Sandbox Faults"),
                 QStringLiteral("--action"), QStringLiteral("simulate_outcome"),
                 QStringLiteral("--set"), QStringLiteral("outcome=success"),
                 QStringLiteral("--set"), QStringLiteral("polls=3"), QStringLiteral("--json")});
        QVERIFY2(started.exitCode == 0, qPrintable(describe(started)));
        QCOMPARE(started.json.value(QStringLiteral("phase")).toString(), QStringLiteral("waiting"));
        const qint64 id = started.json.value(QStringLiteral("id")).toInteger();

        const CliResult resumed =
            cli({QStringLiteral("history"), QStringLiteral("resume"), QStringLiteral("--json")});
        QVERIFY2(resumed.exitCode == 0, qPrintable(describe(resumed)));
        const CliResult shown = cli({QStringLiteral("history"), QStringLiteral("show"),
                                     QString::number(id), QStringLiteral("--json")});
        QCOMPARE(shown.json.value(QStringLiteral("phase")).toString(), QStringLiteral("success"));
    }

    void run_incompleteFormIsRefusedBeforeSending()
    {
        const CliResult result =
            cli({QStringLiteral("run"), QStringLiteral("--app"), QStringLiteral("Google Sheets"),
                 QStringLiteral("--action"), QStringLiteral("add_row"), QStringLiteral("--wait")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("spreadsheet"));
    }

    void run_withoutValidationTheServerRejectsIt()
    {
        const CliResult result = cli({QStringLiteral("run"), QStringLiteral("--app"),
                                      QStringLiteral("Google Sheets"), QStringLiteral("--action"),
                                      QStringLiteral("add_row"), QStringLiteral("--no-validate"),
                                      QStringLiteral("--wait"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 3, qPrintable(describe(result)));
        QCOMPARE(result.json.value(QStringLiteral("phase")).toString(), QStringLiteral("failed"));
        QCOMPARE(result.json.value(QStringLiteral("api_error"))
                     .toObject()
                     .value(QStringLiteral("http_status"))
                     .toInt(),
                 400);
    }

    void stored_createRunListDeleteAcrossProcesses()
    {
        const CliResult created =
            cli(QStringList{QStringLiteral("stored"), QStringLiteral("create"),
                            QStringLiteral("--selected-api"), QStringLiteral("GoogleSheetsV2API")} +
                sheetsRow(QStringLiteral("Stored row")) + QStringList{QStringLiteral("--json")});
        QVERIFY2(created.exitCode == 0, qPrintable(describe(created)));
        const QString id = created.json.value(QStringLiteral("stored_action"))
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
        QVERIFY(!id.isEmpty());

        // A new process (with its own in-process sandbox) sees it.
        const CliResult listed =
            cli({QStringLiteral("stored"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(listed.exitCode == 0, qPrintable(describe(listed)));
        QVERIFY(listed.out.contains(id.toUtf8()));
        // With the names it was created with (the API's record has only keys).
        QJsonObject listedAction;
        for (const QJsonValue &item :
             listed.json.value(QStringLiteral("stored_actions")).toArray()) {
            if (item.toObject().value(QStringLiteral("id")).toString() == id)
                listedAction = item.toObject();
        }
        QCOMPARE(listedAction.value(QStringLiteral("saved_names"))
                     .toObject()
                     .value(QStringLiteral("app_title"))
                     .toString(),
                 QStringLiteral("Google Sheets"));
        // Its inputs by the titles the form gave them.
        QCOMPARE(listedAction.value(QStringLiteral("saved_names"))
                     .toObject()
                     .value(QStringLiteral("input_titles"))
                     .toObject(),
                 (QJsonObject{{QStringLiteral("COL$A"), QStringLiteral("Deal Name")},
                              {QStringLiteral("spreadsheet"), QStringLiteral("Spreadsheet")},
                              {QStringLiteral("worksheet"), QStringLiteral("Worksheet")}}));
        // And the choices by the labels they were given as (the inputs hold their ids).
        QCOMPARE(
            listedAction.value(QStringLiteral("saved_names"))
                .toObject()
                .value(QStringLiteral("input_labels"))
                .toObject(),
            (QJsonObject{{QStringLiteral("spreadsheet"), QStringLiteral("Sales Pipeline 2026")},
                         {QStringLiteral("worksheet"), QStringLiteral("Q1 Deals")}}));
        QCOMPARE(listedAction.value(QStringLiteral("saved_names")),
                 created.json.value(QStringLiteral("stored_action"))
                     .toObject()
                     .value(QStringLiteral("saved_names")));
        const CliResult listedText = cli({QStringLiteral("stored"), QStringLiteral("list")});
        QVERIFY2(listedText.out.contains("Google Sheets \u203a "), listedText.out.constData());

        const CliResult ran =
            cli({QStringLiteral("stored"), QStringLiteral("run"), id, QStringLiteral("--set"),
                 QStringLiteral("COL$B=42"), QStringLiteral("--wait"), QStringLiteral("--json")});
        QVERIFY2(ran.exitCode == 0, qPrintable(describe(ran)));
        QCOMPARE(ran.json.value(QStringLiteral("phase")).toString(), QStringLiteral("success"));
        QVERIFY(!ran.json.value(QStringLiteral("idempotency_id")).toString().isEmpty());
        // The run carries the names `create` resolved, not the Actions API's keys.
        const QJsonObject app = ran.json.value(QStringLiteral("app")).toObject();
        QCOMPARE(app.value(QStringLiteral("title")).toString(), QStringLiteral("Google Sheets"));
        QVERIFY(!app.value(QStringLiteral("id")).toString().isEmpty());
        const QJsonObject action = ran.json.value(QStringLiteral("action")).toObject();
        QCOMPARE(action.value(QStringLiteral("key")).toString(), QStringLiteral("add_row"));
        QVERIFY(!action.value(QStringLiteral("title")).toString().isEmpty());
        QVERIFY(action.value(QStringLiteral("title")).toString() != QStringLiteral("add_row"));
        const QJsonObject connection = ran.json.value(QStringLiteral("connection")).toObject();
        QVERIFY(!connection.value(QStringLiteral("title")).toString().isEmpty());
        QVERIFY(connection.value(QStringLiteral("title")) !=
                connection.value(QStringLiteral("id")));

        const CliResult deleted =
            cli({QStringLiteral("stored"), QStringLiteral("delete"), id, QStringLiteral("--json")});
        QVERIFY2(deleted.exitCode == 0, qPrintable(describe(deleted)));
        const CliResult after =
            cli({QStringLiteral("stored"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY(!after.out.contains(id.toUtf8()));
        // Its names went with it (read from the file, as another build of the app would).
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("tst_cli.names"));
            db.setDatabaseName(historyPath());
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM stored_action_names")));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 0);
            // The run keeps the titles the action was saved with, for the GUI's Inputs tab.
            query.prepare(QStringLiteral("SELECT fields_json FROM runs WHERE id = ?"));
            query.addBindValue(ran.json.value(QStringLiteral("id")).toInteger());
            QVERIFY(query.exec() && query.next());
            QVERIFY2(query.value(0).toString().contains(QStringLiteral("\"Deal Name\"")),
                     qPrintable(query.value(0).toString()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst_cli.names"));
        QCOMPARE(cli({QStringLiteral("stored"), QStringLiteral("run"), id}).exitCode, 3);
    }

    void server_unreachableIsAnApiError()
    {
        const CliResult result =
            cli({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:9"),
                 QStringLiteral("--token"), QStringLiteral("secret-token-value"),
                 QStringLiteral("apps"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 3);
        QCOMPARE(result.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
                 QStringLiteral("network"));
        QVERIFY(!result.out.contains("secret-token-value"));
        QVERIFY(!result.err.contains("secret-token-value"));
    }

    void server_withoutTokenIsAUsageError()
    {
        const CliResult result =
            cli({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:9"),
                 QStringLiteral("apps")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("--token"));
    }

    void sandboxServe_servesOtherProcessesAndRehearsesFaults()
    {
        const QString plan = m_home.filePath(QStringLiteral("faults.json"));
        {
            QFile file(plan);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(R"({"rules": [{"method": "GET", "path": "/v2/actions*", "status": 503}]})");
        }
        QProcess server;
        QJsonObject info;
        serve(&server, {QStringLiteral("--faults"), plan}, &info);
        QVERIFY(!info.isEmpty());
        const QString baseUrl = info.value(QStringLiteral("base_url")).toString();
        const QString token = info.value(QStringLiteral("token")).toString();
        QVERIFY(baseUrl.startsWith(QStringLiteral("http://127.0.0.1:")));

        const QStringList remote{QStringLiteral("--server"), baseUrl, QStringLiteral("--token"),
                                 token};
        const CliResult apps =
            cli(remote + QStringList{QStringLiteral("apps"), QStringLiteral("--json")});
        QVERIFY2(apps.exitCode == 0, qPrintable(describe(apps)));
        QVERIFY(apps.json.value(QStringLiteral("apps")).toArray().size() > 0);

        // The plan fails every GET /v2/actions with a 503: the client retries the GET, then
        // reports the typed error with exit code 3.
        const CliResult actions =
            cli(remote + QStringList{QStringLiteral("actions"), QStringLiteral("--app"),
                                     QStringLiteral("Slack"), QStringLiteral("--json")});
        QVERIFY2(actions.exitCode == 3, qPrintable(describe(actions)));
        const QJsonObject error = actions.json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("http_status")).toInt(), 503);
        QCOMPARE(error.value(QStringLiteral("kind")).toString(), QStringLiteral("unavailable"));

        const CliResult wrongToken = cli(
            {QStringLiteral("--server"), baseUrl, QStringLiteral("--token"),
             QStringLiteral("not-the-token"), QStringLiteral("apps"), QStringLiteral("--json")});
        QCOMPARE(wrongToken.exitCode, 3);
        QCOMPARE(wrongToken.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("http_status"))
                     .toInt(),
                 401);

        QSignalSpy stopped(&server, &QProcess::finished);
        server.terminate();
        QVERIFY(stopped.wait(30000));
        QCOMPARE(server.exitCode(), 0);
    }

    // The services plugin (sandbox, keychain, sign-in) is loaded only by the commands that need
    // it: a copy of the binary without it still works against a server with a token, and the
    // others say what is missing and where it was looked for, with exit code 3.
    void withoutPlugin_onlyTheCommandsThatNeedItFail()
    {
        const QString bareDir = m_home.filePath(QStringLiteral("bare/bin"));
        QVERIFY(QDir().mkpath(bareDir));
        const QString bare = bareDir + QStringLiteral("/actionbench-cli");
        QVERIFY(QFile::copy(QStringLiteral(ACTIONBENCH_CLI_PATH), bare));
        const QString searched = QDir::cleanPath(
            bareDir + QLatin1Char('/') + QStringLiteral(ACTIONBENCH_CLI_PLUGIN_RELATIVE_DIR));
        QVERIFY(!QDir(searched).exists());

        const CliResult version = cli({QStringLiteral("--version")}, false, bare);
        QVERIFY2(version.exitCode == 0, qPrintable(describe(version)));

        const QList<QStringList> needingIt{
            {QStringLiteral("apps")}, // the built-in sandbox
            {QStringLiteral("sandbox"), QStringLiteral("serve"), QStringLiteral("--port"),
             QStringLiteral("0")},
            {QStringLiteral("auth"), QStringLiteral("status")}, // of the built-in sandbox
            {QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:9"),
             QStringLiteral("apps")}, // credentials from the keychain
        };
        for (const QStringList &arguments : needingIt) {
            const CliResult result =
                cli(arguments + QStringList{QStringLiteral("--json")}, true, bare);
            QVERIFY2(result.exitCode == 3, qPrintable(describe(result)));
            const QString message = result.json.value(QStringLiteral("error"))
                                        .toObject()
                                        .value(QStringLiteral("message"))
                                        .toString();
            QVERIFY2(message.contains(QStringLiteral("actionbench_cliservices")) &&
                         message.contains(searched),
                     qPrintable(describe(result)));
        }

        QProcess server;
        QJsonObject info;
        serve(&server, {}, &info);
        QVERIFY(!info.isEmpty());
        const CliResult apps =
            cli({QStringLiteral("--server"), info.value(QStringLiteral("base_url")).toString(),
                 QStringLiteral("--token"), info.value(QStringLiteral("token")).toString(),
                 QStringLiteral("apps"), QStringLiteral("--json")},
                true, bare);
        QVERIFY2(apps.exitCode == 0, qPrintable(describe(apps)));
        QVERIFY(apps.json.value(QStringLiteral("apps")).toArray().size() > 0);
        QSignalSpy stopped(&server, &QProcess::finished);
        server.terminate();
        QVERIFY(stopped.wait(30000));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
