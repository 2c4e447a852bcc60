#include "../../unit/connect/testkeys.h"
#include "api/apiclient.h"
#include "api/curlexport.h"
#include "api/jsontext.h"
#include "cli/jsonview.h"
#include "cli/runview.h"
#include "connect/connecturl.h"
#include "connect/jwtsigner.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "dialogs/accountsdialog.h"
#include "dialogs/accountsfields.h"
#include "form/formsession.h"
#include "leakscanner.h"
#include "models/requestlogmodel.h"
#include "models/storedactionsmodel.h"
#include "panes/rundetailview.h"
#include "panes/storedactionsview.h"
#include "panes/storedrundialog.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "runs/runservice.h"
#include "support/memorysecretstore.h"
#include "support/sandboxfixture.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMutex>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrlQuery>

#include <memory>

using namespace ab;
using connect::CredentialMode;
using connect::JwtSource;

// THE LEAK TEST (issue 4). A full flow with secrets the test knows: a pasted access token, a
// White Label exchange with a client secret, a pasted JWT and a PEM key made here, a refused
// sign-in with a wrong secret, the tokens the sandbox mints, a 401 that forces a re-exchange and
// a connect token. Then none of them (raw, percent-encoded or base64) may be in the settings
// files, the history database and its WAL, any log line, the request log and the inspector's
// model, the exported runs (`history show --json` and its text form) or the cURL commands
// (built and copied to the clipboard from the run detail view).
namespace {

const QString environment = QStringLiteral("sandbox");
const QString clientId = QStringLiteral("partner-client");
const QString clientSecret = QStringLiteral("leak-client-secret-3fa9c1d2");
const QString wrongSecret = QStringLiteral("leak-wrong-secret-5e6f7a8b");
const QString pastedToken = QStringLiteral("leak-pasted-access-token-7d1e9b0c");

// Every message of the process while the flow runs, debug included.
QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&logMutex);
        logLines.append(QStringLiteral("%1: %2").arg(QLatin1String(context.category), message));
    }
    if (type != QtDebugMsg && type != QtInfoMsg && previousHandler)
        previousHandler(type, context, message);
}

connect::JwtClaims claims()
{
    connect::JwtClaims claims;
    claims.keyId = QStringLiteral("leak-key-1");
    claims.issuer = QStringLiteral("https://partner.example");
    claims.subject = QStringLiteral("user-42");
    claims.organisationClaim = QStringLiteral("org_id");
    claims.organisationValue = QStringLiteral("org-7");
    return claims;
}

QLineEdit *field(const ui::AccountsDialog &dialog, const char *name)
{
    return dialog.findChild<QLineEdit *>(QLatin1String(name));
}

} // namespace

class TestLeak final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    test::TestKeyPair m_keys;
    test::LeakScanner m_scanner;

    QString configHome() const { return m_home.filePath(QStringLiteral("config")); }
    QString dataHome() const { return m_home.filePath(QStringLiteral("data")); }

    // Signs in through the dialog as a user would; returns the dialog's final status.
    static QString signIn(ui::AccountsDialog &dialog, bool expectSuccess)
    {
        QSignalSpy signedIn(&dialog, &ui::AccountsDialog::signedIn);
        QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return !dialog.isBusy(); }, 20000))
            return QStringLiteral("sign-in never ended");
        if (expectSuccess != (signedIn.size() == 1))
            qWarning("unexpected sign-in outcome");
        return dialog.statusText();
    }

    // What the inspector shows of a client's requests: every cell of its list in every role,
    // and the bodies it shows when a request is selected.
    static void scanInspector(test::LeakScanner &scanner, const api::ApiClient &client)
    {
        models::RequestLogModel inspector(client.requestLog());
        for (int row = 0; row < inspector.rowCount(); ++row) {
            for (int column = 0; column < inspector.columnCount(); ++column) {
                for (int role = 0; role <= Qt::UserRole + 16; ++role)
                    scanner.scan(inspector.index(row, column).data(role).toString(),
                                 QStringLiteral("inspector model"));
            }
        }
        for (const core::RequestRecord &call : client.requestLog()->records())
            scanner.scan(call.requestBody + call.responseBody,
                         QStringLiteral("inspector bodies (%1 %2)").arg(call.method, call.url));
    }

    static std::optional<runs::RunRecord> runAndWait(runs::RunService &service,
                                                     runs::HistoryStore &store,
                                                     const runs::RunRequest &request)
    {
        const qint64 id = service.startRun(request);
        if (id == 0)
            return std::nullopt;
        QSignalSpy finished(&service, &runs::RunService::runFinished);
        while (service.isActive(id)) {
            if (!finished.wait(30000))
                return std::nullopt;
        }
        return store.load(id);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // Everything the app would write goes below the test's own XDG directories.
        qputenv("XDG_CONFIG_HOME", configHome().toUtf8());
        qputenv("XDG_DATA_HOME", dataHome().toUtf8());
        QVERIFY(connect::QSettingsStore::defaultPath().startsWith(configHome()));
        m_keys = test::makeRsaKeyPair();
        previousHandler = qInstallMessageHandler(captureMessage);
    }

    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }

    void fullFlow_leavesNoSecretAnywhere()
    {
        // The world: sandbox, client, settings file, keyring double, token service, history.
        sandbox::SandboxOptions options;
        options.acceptedTokens = {pastedToken};
        options.jwtVerifier = test::jwtVerifierFor({m_keys.publicPem});
        options.clientId = clientId;
        options.clientSecret = clientSecret;
        test::SandboxFixture sandbox(options);
        QVERIFY(sandbox.start());
        core::SystemClock clock;
        std::unique_ptr<api::ApiClient> client = sandbox.client(1);
        connect::QSettingsStore settings;
        test::MemorySecretStore secrets;
        connect::CredentialStore store(&settings, &secrets);
        connect::TokenService tokens(client.get(), &store, &clock);
        tokens.setEnvironment(environment,
                              connect::EnvironmentEndpoints::sandbox(sandbox.baseUrl()));
        QStringList heldTokens; // every access token the client was given
        connect(&tokens, &connect::TokenService::accessTokenChanged, this,
                [&] { heldTokens.append(client->config().token); });
        const QString historyPath = dataHome() + QStringLiteral("/actionbench/history.sqlite");
        QVERIFY(QDir().mkpath(QFileInfo(historyPath).path()));
        auto history = std::make_unique<runs::HistoryStore>(runs::jsonRunCodec());
        QVERIFY(history->open(historyPath));
        runs::RunService runService(client.get(), history.get(), &clock);
        runService.setPollSchedule(runs::PollSchedule(5, {{60000, 10}}, 10, 60000));
        runs::RunRequest request;
        request.environment = sandbox.baseUrl().toString();
        request.appId = sandbox.appId("Sandbox Faults");
        request.appTitle = QStringLiteral("Sandbox Faults");
        request.actionKey = QStringLiteral("simulate_outcome");
        request.actionTitle = QStringLiteral("Simulate outcome");
        request.actionType = QStringLiteral("WRITE");
        request.connectionId = QStringLiteral("sb-conn-faults-1");
        request.connectionTitle = QStringLiteral("Faults account");
        request.inputs = {{QStringLiteral("polls"), 1},
                          {QStringLiteral("message"), QStringLiteral("hello")}};
        request.fieldsJson = QByteArrayLiteral("[]");

        ui::AccountsDialog dialog(&tokens, &store, environment);
        dialog.setUrlOpener([](const QUrl &) { return true; });
        dialog.show();
        QList<QString> statuses;

        // 1. A pasted access token, and a run with it.
        dialog.fields()->setMode(CredentialMode::AccessToken);
        field(dialog, "accessToken")->setText(pastedToken);
        statuses << signIn(dialog, true);
        const auto firstRun = runAndWait(runService, *history, request);
        QVERIFY(firstRun);
        QCOMPARE(firstRun->phase, runs::Phase::Success);

        // 2. The exchange refused: a wrong client secret (error paths echo the most).
        dialog.fields()->setMode(CredentialMode::WhiteLabelExchange);
        dialog.fields()->setJwtSource(JwtSource::Pasted);
        // Another subject than the dialog signs for, so the two JWTs differ (RS256 is
        // deterministic: same claims in the same second, same token).
        connect::JwtClaims pastedClaims = claims();
        pastedClaims.subject = QStringLiteral("user-pasted-9");
        const connect::SignedJwt pastedJwt = connect::JwtSigner::sign(
            m_keys.privatePem, pastedClaims, QDateTime::currentSecsSinceEpoch());
        QVERIFY(pastedJwt.ok());
        field(dialog, "clientId")->setText(clientId);
        field(dialog, "clientSecret")->setText(wrongSecret);
        field(dialog, "partnerJwt")->setText(pastedJwt.token);
        statuses << signIn(dialog, false);

        // 3. The exchange with a pasted JWT.
        field(dialog, "clientSecret")->setText(clientSecret);
        statuses << signIn(dialog, true);

        // 4. The exchange with a JWT signed here from the PEM key.
        dialog.fields()->setJwtSource(JwtSource::SignedLocally);
        field(dialog, "clientSecret")->setText(clientSecret);
        field(dialog, "privateKey")->setText(QString::fromLatin1(m_keys.privatePem));
        field(dialog, "kid")->setText(claims().keyId);
        field(dialog, "iss")->setText(claims().issuer);
        field(dialog, "sub")->setText(claims().subject);
        field(dialog, "orgClaim")->setText(claims().organisationClaim);
        field(dialog, "orgValue")->setText(claims().organisationValue);
        statuses << signIn(dialog, true);

        // 5. A run whose first call gets a 401: the token service re-exchanges once and the
        //    request goes through with the new token.
        QVERIFY(sandbox.setFaults(
            test::faultRule("GET", "/v2/actions", R"("status": 401, "times": 1)")));
        const int exchangesBefore = sandbox.count("POST", "/oauth/token");
        const auto secondRun = runAndWait(runService, *history, request);
        QVERIFY(secondRun);
        QCOMPARE(secondRun->phase, runs::Phase::Success);
        QCOMPARE(sandbox.count("POST", "/oauth/token"), exchangesBefore + 1);
        sandbox.clearFaults();

        // 6. A connect token for the Connect window.
        connect::ConnectRequest connectRequest;
        connectRequest.base = tokens.connectBase();
        connectRequest.app = request.appId;
        test::AnswerSignal answered;
        connect::TokenResult connectToken;
        tokens.connectToken(connect::ConnectUrl::resource(connectRequest), this,
                            [&](const connect::TokenResult &result) {
                                connectToken = result;
                                answered.fire();
                            });
        QSignalSpy connectAnswered(&answered, &test::AnswerSignal::answered);
        QVERIFY(!connectToken.token.isEmpty() || connectAnswered.wait(20000));
        QVERIFY2(connectToken.ok(), qPrintable(connectToken.error.summary()));

        // The known secrets, including each one the sandbox minted or was sent.
        m_scanner.add(QStringLiteral("pasted access token"), pastedToken);
        m_scanner.add(QStringLiteral("client secret"), clientSecret);
        m_scanner.add(QStringLiteral("wrong client secret"), wrongSecret);
        m_scanner.add(QStringLiteral("pasted JWT"), pastedJwt.token);
        m_scanner.add(QStringLiteral("pasted JWT signature"),
                      pastedJwt.token.section(QLatin1Char('.'), 2));
        m_scanner.addPem(QStringLiteral("private key"), QString::fromLatin1(m_keys.privatePem));
        m_scanner.addBasic(QStringLiteral("client credentials"), clientId, clientSecret);
        m_scanner.add(QStringLiteral("connect token"), connectToken.token);
        int minted = 0;
        for (const QString &token : std::as_const(heldTokens)) {
            if (token != pastedToken)
                m_scanner.add(QStringLiteral("minted access token %1").arg(++minted), token);
        }
        QVERIFY2(minted >= 3, "expected tokens from two sign-ins and one re-exchange");
        int signedJwts = 0;
        for (const sandbox::SandboxRequest &sent : sandbox.requests("POST", "/oauth/token")) {
            const QUrlQuery form(QString::fromUtf8(QByteArray(sent.requestBody).replace('+', ' ')));
            const QString subject =
                form.queryItemValue(QStringLiteral("subject_token"), QUrl::FullyDecoded);
            if (subject.count(QLatin1Char('.')) == 2 && !m_scanner.knows(subject))
                m_scanner.add(QStringLiteral("signed JWT %1").arg(++signedJwts), subject);
        }
        // RS256 is deterministic: the sign-in and the re-exchange in the same second send the
        // very same JWT, so one signed here is all that may be new.
        QVERIFY2(signedJwts >= 1, "expected a JWT signed here");
        QVERIFY(sandbox.count("POST", "/oauth/token") >= 5);

        // Where they must not be.
        // The request log, as the inspector shows it (records and the model over them).
        const QList<core::RequestRecord> records = client->requestLog()->records();
        QVERIFY(records.size() > 10);
        bool sawTokenEndpoint = false;
        for (const core::RequestRecord &record : records) {
            QByteArray all = record.method.toUtf8() + ' ' + record.url.toUtf8() + '\n' +
                             record.errorText.toUtf8() + '\n' + record.requestBody + '\n' +
                             record.responseBody;
            for (const auto &[name, value] : record.responseHeaders)
                all += '\n' + name + ": " + value;
            m_scanner.scan(all, QStringLiteral("request log"));
            sawTokenEndpoint =
                sawTokenEndpoint || record.url.contains(QLatin1String("/oauth/token"));
        }
        QVERIFY(sawTokenEndpoint);
        scanInspector(m_scanner, *client);

        // Exported runs: what `history show --json` prints, and its text form.
        const QList<runs::RunSummary> runs = history->list({}, 0, 100);
        QCOMPARE(runs.size(), 2);
        for (const runs::RunSummary &summary : runs) {
            const auto record = history->load(summary.id);
            QVERIFY(record);
            QVERIFY(!record->calls.isEmpty());
            m_scanner.scan(QJsonDocument(cli::runJson(*record, true)).toJson(),
                           QStringLiteral("history show --json"));
            m_scanner.scan(cli::runText(*record, true), QStringLiteral("history show"));
            m_scanner.scan(api::curlForActionRun(QUrl(record->environment), record->actionId,
                                                 record->connectionId, record->inputs),
                           QStringLiteral("curlForActionRun"));
        }

        // Copy as cURL from the run detail view, through the clipboard.
        ui::RunDetailView detail(history.get());
        detail.showRun(runs.first().id);
        QGuiApplication::clipboard()->clear();
        detail.copyCurlAction()->trigger();
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY(copied.contains(QLatin1String("$ZAPIER_TOKEN")));
        m_scanner.scan(copied, QStringLiteral("copied cURL"));

        // What the dialog shows (status lines, labels, placeholders) after every step.
        for (const QString &status : std::as_const(statuses))
            m_scanner.scan(status, QStringLiteral("Accounts dialog status"));
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            m_scanner.scan(label->text(), QStringLiteral("Accounts dialog labels"));
        for (const QLineEdit *edit : dialog.findChildren<QLineEdit *>())
            m_scanner.scan(edit->text() + edit->placeholderText() + edit->accessibleDescription(),
                           QStringLiteral("Accounts dialog fields after sign-in"));

        // Settings: every file below XDG_CONFIG_HOME (accounts.ini and any other QSettings).
        settings.sync();
        QFile accounts(connect::QSettingsStore::defaultPath());
        QVERIFY(accounts.open(QIODevice::ReadOnly));
        QVERIFY(accounts.readAll().contains("clientId=partner-client")); // the scan sees real data
        QVERIFY(m_scanner.scanDirectory(configHome(), QStringLiteral("settings")) >= 1);

        // The history database with its WAL, while open and after it was closed.
        QVERIFY(QFile::exists(historyPath + QStringLiteral("-wal")));
        QVERIFY(m_scanner.scanDirectory(dataHome(), QStringLiteral("data (open)")) >= 2);
        detail.showRun(0);
        history->close();
        QVERIFY(m_scanner.scanDirectory(dataHome(), QStringLiteral("data (closed)")) >= 1);

        // Every log line of the flow.
        {
            const QMutexLocker lock(&logMutex);
            const QString all = logLines.join(QLatin1Char('\n'));
            QVERIFY2(all.contains(QLatin1String("partner JWT")), "logging was not captured");
            // qCDebug too: ctest runs this with QT_LOGGING_RULES=*.debug=true.
            QVERIFY2(all.contains(QLatin1String("environment sandbox mode")),
                     "debug logging is off (QT_LOGGING_RULES)");
            // Line by line, so a leak names the logging category that printed it.
            for (const QString &line : std::as_const(logLines))
                m_scanner.scan(
                    line, QStringLiteral("logs (%1)").arg(line.section(QLatin1Char(':'), 0, 0)));
        }

        qInfo("%d secrets checked in: %s", m_scanner.secretCount(),
              qPrintable(m_scanner.scannedPlaces().join(QStringLiteral(", "))));
        QVERIFY2(m_scanner.leaks().isEmpty(),
                 qPrintable(m_scanner.leaks().join(QLatin1Char('\n'))));
    }

    // A password field of an action (Webhooks' Basic Auth) is sent to Zapier and kept with the
    // run for a re-run, and nowhere else: not in the API calls the inspector and the history
    // show, the logs, the exported run, the run's Inputs tab or its cURL command; nor after a
    // re-run by a new process that never saw the form.
    void passwordInput_onlySentAndKeptForARerun()
    {
        const QString password = QStringLiteral("leak-basic-auth|admin-4b7c9d1e");
        test::LeakScanner scanner;
        scanner.add(QStringLiteral("password input"), password);
        test::SandboxFixture sandbox;
        QVERIFY(sandbox.start());
        core::SystemClock clock;
        QTemporaryDir data;
        QVERIFY(data.isValid());
        auto history = std::make_unique<runs::HistoryStore>(runs::jsonRunCodec());
        QVERIFY(history->open(data.filePath(QStringLiteral("history.sqlite"))));
        const QString appId = sandbox.appId("Webhooks by Zapier");
        {
            const QMutexLocker lock(&logMutex);
            logLines.clear();
        }

        // The form, as the window fills it.
        std::unique_ptr<api::ApiClient> client = sandbox.client(1);
        test::Await<QList<core::Action>> actions;
        client->actions(appId, QStringLiteral("WRITE"), this, actions.callback());
        QVERIFY(actions.wait() && actions.ok());
        QString actionId;
        for (const core::Action &action : actions.value()) {
            if (action.key == QLatin1String("post"))
                actionId = action.id;
        }
        QVERIFY(!actionId.isEmpty());
        form::FormSession session(client.get());
        session.start(QStringLiteral("post"), actionId);
        QTRY_VERIFY(session.isLoaded());
        QCOMPARE(session.secretInputs(), QStringList{QStringLiteral("basic_auth")});
        session.setValue(QStringLiteral("url"), QStringLiteral("https://example.com/hook"));
        session.setValue(QStringLiteral("basic_auth"), password);
        runs::RunRequest request;
        request.environment = sandbox.baseUrl().toString();
        request.appId = appId;
        request.appTitle = QStringLiteral("Webhooks by Zapier");
        request.actionKey = QStringLiteral("post");
        request.actionTitle = QStringLiteral("POST");
        request.actionType = QStringLiteral("WRITE");
        request.inputs = session.inputs();
        request.fieldsJson = api::encodeFieldTree(session.fields());
        request.secretInputs = session.secretInputs();
        runs::RunService runService(client.get(), history.get(), &clock);
        runService.setPollSchedule(runs::PollSchedule(5, {{60000, 10}}, 10, 60000));
        const auto first = runAndWait(runService, *history, request);
        QVERIFY(first);
        QCOMPARE(first->phase, runs::Phase::Success);

        // A re-run by another process (the CLI): its client has never seen the form.
        std::unique_ptr<api::ApiClient> otherClient = sandbox.client(1);
        runs::RunService otherService(otherClient.get(), history.get(), &clock);
        otherService.setPollSchedule(runs::PollSchedule(5, {{60000, 10}}, 10, 60000));
        QSignalSpy finished(&otherService, &runs::RunService::runFinished);
        const qint64 again = otherService.rerun(first->id);
        QVERIFY(again > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!otherService.isActive(again), 30000);
        const auto second = history->load(again);
        QVERIFY(second);
        QCOMPARE(second->phase, runs::Phase::Success);

        // It was sent both times, and it is kept for the next re-run.
        const QList<sandbox::SandboxRequest> posts =
            sandbox.requests("POST", QStringLiteral("/v2/action-runs"));
        QCOMPARE(posts.size(), 2);
        for (const sandbox::SandboxRequest &post : posts)
            QVERIFY(post.requestBody.contains(password.toUtf8()));
        QCOMPARE(second->inputs.value(QStringLiteral("basic_auth")).toString(), password);
        QCOMPARE(second->secretInputs, QStringList{QStringLiteral("basic_auth")});

        // Nowhere else.
        ui::RunDetailView detail(history.get());
        for (const runs::RunRecord &record : {*first, *second}) {
            QVERIFY(!record.calls.isEmpty());
            for (const core::RequestRecord &call : record.calls)
                scanner.scan(call.requestBody + call.responseBody, QStringLiteral("run's calls"));
            scanner.scan(QJsonDocument(cli::runJson(record, true)).toJson(),
                         QStringLiteral("history show --json"));
            scanner.scan(cli::runText(record, true), QStringLiteral("history show"));
            detail.showRun(record.id);
            auto *inputs = detail.findChild<QTreeWidget *>(QStringLiteral("runInputs"));
            QVERIFY(inputs && inputs->topLevelItemCount() == 2);
            for (int row = 0; row < inputs->topLevelItemCount(); ++row) {
                for (int column = 0; column < 2; ++column)
                    scanner.scan(inputs->topLevelItem(row)->text(column) +
                                     inputs->topLevelItem(row)->toolTip(column),
                                 QStringLiteral("run detail inputs"));
            }
            QGuiApplication::clipboard()->clear();
            detail.copyCurlAction()->trigger();
            const QString copied = QGuiApplication::clipboard()->text();
            QVERIFY(copied.contains(QLatin1String("\"'\"$BASIC_AUTH\"'\"")));
            scanner.scan(copied, QStringLiteral("copied cURL"));
        }

        // Saved as a stored action from the form: Zapier keeps the value, and a later process
        // lists the action (whose answer carries it) and runs it.
        core::StoredAction draft;
        draft.selectedApi = sandbox.selectedApi("Webhooks by Zapier");
        draft.actionKey = QStringLiteral("post");
        draft.actionType = QStringLiteral("write");
        draft.inputs = session.inputs();
        const core::StoredActionNames names{appId,
                                            QStringLiteral("Webhooks by Zapier"),
                                            QStringLiteral("POST"),
                                            QString(),
                                            session.inputTitles(),
                                            session.secretInputs()};
        {
            ui::StoredActionsView saver(client.get(), &runService, history.get());
            saver.setEnvironmentName(request.environment);
            saver.show(); // it lists its actions when first shown
            QTRY_VERIFY(saver.model()->isLoaded());
            saver.saveAsStored(draft, names);
            QTRY_COMPARE(saver.model()->rowCount(), 1);
        }
        std::unique_ptr<api::ApiClient> laterClient = sandbox.client(1);
        runs::RunService laterService(laterClient.get(), history.get(), &clock);
        laterService.setPollSchedule(runs::PollSchedule(5, {{60000, 10}}, 10, 60000));
        ui::StoredActionsView stored(laterClient.get(), &laterService, history.get());
        stored.setEnvironmentName(request.environment);
        stored.show();
        QTRY_COMPARE(stored.model()->rowCount(), 1);
        const QModelIndex row = stored.model()->index(0, 0);
        for (int role = 0; role <= Qt::UserRole + 16; ++role)
            scanner.scan(row.data(role).toString(), QStringLiteral("stored actions list"));
        QVERIFY(row.data(Qt::ToolTipRole).toString().contains(QStringLiteral("basic_auth=")));
        stored.view()->setCurrentIndex(row);
        stored.runSelected();
        QTRY_VERIFY(stored.runDialog());
        ui::StoredRunDialog *dialog = stored.runDialog();
        for (int r = 0; r < dialog->table()->rowCount(); ++r)
            scanner.scan(dialog->table()->item(r, 1)->text() +
                             dialog->table()->item(r, 1)->toolTip(),
                         QStringLiteral("stored run dialog"));
        QVERIFY(dialog->overrides().isEmpty());
        QSignalSpy storedFinished(&laterService, &runs::RunService::runFinished);
        dialog->accept();
        QVERIFY(storedFinished.wait(30000));
        const auto storedRun = history->load(history->list({}, 0, 1).constFirst().id);
        QVERIFY(storedRun);
        QCOMPARE(storedRun->kind, runs::RunKind::Stored);
        QCOMPARE(storedRun->secretInputs, session.secretInputs());
        for (const api::ApiClient *each : {client.get(), otherClient.get(), laterClient.get()}) {
            QVERIFY(each->requestLog()->size() >= 2);
            scanInspector(scanner, *each);
        }
        scanner.scan(
            QJsonDocument(cli::view::storedAction(stored.model()->storedAction(0), names)).toJson(),
            QStringLiteral("stored show --json"));

        {
            const QMutexLocker lock(&logMutex);
            QVERIFY(!logLines.isEmpty());
            for (const QString &line : std::as_const(logLines))
                scanner.scan(line, QStringLiteral("logs"));
        }
        QVERIFY2(scanner.leaks().isEmpty(), qPrintable(scanner.leaks().join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestLeak)
#include "tst_leak.moc"
