#include "windowfixture.h"

#include "dialogs/accountsdialog.h"
#include "dialogs/accountsfields.h"
#include "dialogs/settingsdialog.h"
#include "form/fieldeditor.h"
#include "form/formsession.h"
#include "form/formview.h"
#include "mainwindow/environmentswitcher.h"
#include "mainwindow/workbench.h"
#include "models/appcatalogmodel.h"
#include "models/historymodel.h"
#include "models/storedactionsmodel.h"
#include "panes/catalogmessages.h"
#include "panes/catalogpane.h"
#include "panes/connectionpicker.h"
#include "panes/errorexplainer.h"
#include "panes/historypane.h"
#include "panes/inspectordock.h"
#include "panes/ratelimitgauge.h"
#include "panes/rundetailerrors.h"
#include "panes/rundetailresults.h"
#include "panes/rundetailview.h"
#include "panes/storedactionsview.h"
#include "panes/storedrundialog.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace ab;
using runs::Phase;

namespace {

using test::PseudoLanguage;

// The data the window shows as it came: the sandbox's catalog (apps, actions, fields,
// choices, connections), the environment's name, the languages' own names in Settings.
test::DataFilter windowData(const test::WindowFixture &f)
{
    QStringList data = {f.window->workbench()->environmentName()};
    // Category names are Zapier's slugs made readable.
    for (const QComboBox *box : f.window->catalogPane()->findChildren<QComboBox *>()) {
        for (int i = 0; i < box->count(); ++i) {
            const QString slug = box->itemData(i).toString();
            if (!slug.isEmpty() && box->itemText(i) == ui::CatalogMessages::categoryTitle(slug))
                data.append(box->itemText(i));
        }
    }
    for (const ui::Language &language : ui::LanguageManager::available())
        data.append(language.nativeName);
    data.removeAll(QString());
    return test::sandboxData(data);
}

// Every untranslated text of the main window, its panes, menus and open dialogs.
QStringList untranslatedInWindow(const test::WindowFixture &f)
{
    return test::UntranslatedText(windowData(f)).scan(f.window.get());
}

bool pseudoTranslated(const QString &text)
{
    return text.startsWith(test::PseudoTranslator::open);
}

// The window started and shown, on Slack's "Send Channel Message" with #general chosen.
bool openSlackMessage(test::WindowFixture &f)
{
    if (!f.start())
        return false;
    f.window->show();
    return QTest::qWaitForWindowExposed(f.window.get()) &&
           f.chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")) &&
           f.set(QStringLiteral("channel"), QStringLiteral("C0001"), QStringLiteral("general"));
}

// The colour near the top middle of an icon: an app's tile colour, or invalid for no icon.
QColor middleTop(const QVariant &decoration)
{
    const QImage image = decoration.value<QIcon>().pixmap(32, 32).toImage();
    return image.isNull() ? QColor() : image.pixelColor(image.width() / 2, 3);
}

// File › Settings, found by its role rather than its words.
QAction *settingsAction(const test::WindowFixture &f)
{
    for (QAction *action : f.window->actions()) {
        if (action->menuRole() == QAction::PreferencesRole)
            return action;
    }
    return nullptr;
}

// The fixture's sandbox as the switcher's custom server; returns its environment name.
QString sandboxAsCustomServer(test::WindowFixture &f)
{
    const QUrl url = f.sandbox().baseUrl();
    f.window->environmentSwitcher()->setCustomUrl(url);
    return url.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

// Chooses "Custom server…" and accepts the URL it offers.
bool chooseCustomServer(const test::WindowFixture &f)
{
    f.window->environmentSwitcher()->select(ui::EnvironmentSwitcher::Kind::Custom);
    auto *prompt = f.window->findChild<QInputDialog *>();
    if (!prompt)
        return false;
    prompt->accept();
    return true;
}

// The Accounts dialog on screen, if one is.
ui::AccountsDialog *visibleAccounts(const test::WindowFixture &f)
{
    for (ui::AccountsDialog *dialog : f.window->findChildren<ui::AccountsDialog *>()) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

// The window's input prompt now on screen whose line edit echoes as `mode` (Password: a token).
QInputDialog *visiblePrompt(const test::WindowFixture &f, QLineEdit::EchoMode mode)
{
    for (QInputDialog *prompt : f.window->findChildren<QInputDialog *>()) {
        if (prompt->isVisible() && prompt->textEchoMode() == mode)
            return prompt;
    }
    return nullptr;
}

} // namespace

// The real main window driven offscreen against the sandbox, through the flows a user has:
// pick an action, fill dependent fields, run, watch the history; failures, throttling, a 429
// storm, a 1 MB result, restore into the form and re-run.
class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void spreadsheetRun_columnsAppearAndTheRunSucceedsInHistory()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(f.chooseAction(QStringLiteral("Google Sheets"), QStringLiteral("add_row")));
        QVERIFY(f.window->formView()->editor(QStringLiteral("spreadsheet")));
        QVERIFY(!f.window->formView()->editor(QStringLiteral("COL$A")));

        QVERIFY(f.set(QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026"),
                      QStringLiteral("Sales Pipeline 2026")));
        QVERIFY(f.set(QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals"),
                      QStringLiteral("Q1 Deals")));
        // The worksheet's columns are now fields of the form, with editors that are shown and
        // inside the scrolled content (a rebuild once laid out before they were shown).
        QTRY_VERIFY(f.window->formView()->editor(QStringLiteral("COL$A")));
        for (const char *column : {"COL$A", "COL$D"}) {
            QWidget *row = f.window->formView()->editor(QLatin1String(column))->widget();
            QWidget *content = f.window->formView()->scrollArea()->widget();
            QVERIFY(row->isVisible());
            const QRect inContent(row->mapTo(content, QPoint()), row->size());
            QVERIFY2(inContent.bottom() < content->height(), column);
        }
        QVERIFY(f.set(QStringLiteral("COL$A"), QStringLiteral("Acme renewal")));

        const qint64 id = f.run();
        QVERIFY(id > 0);
        QVERIFY(f.finishes(id, Phase::Success));
        QTRY_COMPARE(f.window->runDetail()->runId(), id);
        QTRY_VERIFY(f.window->runDetail()->headerText().contains(QStringLiteral("Google Sheets")));
        QVERIFY(f.history->load(id)->resultsJson.contains("Acme renewal"));
    }

    // From the keyboard alone: Ctrl+K, the app's name, Enter (to its list of actions), Enter
    // (the first action), Enter again (on to its form): the keys land in its first field.
    void keyboard_searchChooseAndGoOnToTheForm()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        f.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
        QTest::keyClick(f.window.get(), Qt::Key_K, Qt::ControlModifier);
        QLineEdit *search = f.window->catalogPane()->searchBox();
        QTRY_VERIFY(search->hasFocus());
        QTest::keyClicks(search, QStringLiteral("Trello"));
        QTest::keyClick(search, Qt::Key_Return);
        QListView *apps = f.window->catalogPane()->appView();
        QTRY_VERIFY(apps->hasFocus() && apps->currentIndex().isValid());
        QTRY_COMPARE(apps->currentIndex().data().toString(), QStringLiteral("Trello"));
        QTest::keyClick(apps, Qt::Key_Return);
        QTreeView *actions = f.window->catalogPane()->actionView();
        QTRY_VERIFY(actions->hasFocus() && actions->currentIndex().isValid());
        QTest::keyClick(actions, Qt::Key_Return);
        QTRY_VERIFY(f.window->formView()->editor(QStringLiteral("board")));
        QTRY_VERIFY(f.window->formView()->editor(QStringLiteral("board"))->control()->hasFocus());
        QCOMPARE(f.session()->actionKey(), QStringLiteral("create_card"));
    }

    void ctrlEnter_runsFromTheFormAndFromTheRestOfTheWindow_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("Return") << int(Qt::Key_Return);
        QTest::newRow("keypad Enter") << int(Qt::Key_Enter);
    }

    // The key itself, in the assembled window: the window's Run command and the form's own
    // shortcut must not both claim it (an ambiguous shortcut runs nothing).
    void ctrlEnter_runsFromTheFormAndFromTheRestOfTheWindow()
    {
        QFETCH(int, key);
        test::WindowFixture f;
        QVERIFY(openSlackMessage(f));
        QWidget *message = f.window->formView()->editor(QStringLiteral("text"))->control();
        message->setFocus();
        QTRY_VERIFY(message->hasFocus());
        QTest::keyClicks(message, QStringLiteral("Deploy done"));
        QTest::keyClick(message, Qt::Key(key),
                        key == Qt::Key_Enter ? Qt::ControlModifier | Qt::KeypadModifier
                                             : Qt::ControlModifier);
        QTRY_COMPARE(f.history->count({}), 1);
        // Sent as typed: the keys ran the form, they did not add a line to the message.
        QCOMPARE(f.session()->value(QStringLiteral("text")),
                 QVariant(QStringLiteral("Deploy done")));
        // Window-wide: from the catalog's search box too.
        QLineEdit *search = f.window->catalogPane()->searchBox();
        search->setFocus();
        QTRY_VERIFY(search->hasFocus());
        QTest::keyClick(search, Qt::Key(key),
                        key == Qt::Key_Enter ? Qt::ControlModifier | Qt::KeypadModifier
                                             : Qt::ControlModifier);
        QTRY_COMPARE(f.history->count({}), 2);
    }

    // The status bar names the environment in use; for a server that is its address, and
    // nothing claims a connection that may not exist.
    void environmentLabel_namesTheServerInUse()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        auto *label = f.window->findChild<QLabel *>(QStringLiteral("environmentLabel"));
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Sandbox: offline, simulated Zapier"));
        ui::EnvironmentSwitcher *switcher = f.window->environmentSwitcher();
        switcher->setCustomUrl(QUrl(QStringLiteral("http://127.0.0.1:9")));
        switcher->select(ui::EnvironmentSwitcher::Kind::Custom, QStringLiteral("test-token"));
        auto *prompt = f.window->findChild<QInputDialog *>();
        QVERIFY(prompt);
        prompt->accept();
        QTRY_COMPARE(label->text(), QStringLiteral("Server: http://127.0.0.1:9"));
        QCOMPARE(label->accessibleDescription(), label->text());
        // The toolbar says which custom server, until another environment is chosen.
        auto *combo = switcher->findChild<QComboBox *>();
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), QStringLiteral("Custom: 127.0.0.1:9"));
        switcher->select(ui::EnvironmentSwitcher::Kind::Sandbox);
        QCOMPARE(combo->currentText(), QStringLiteral("Sandbox (offline)"));
        QCOMPARE(combo->itemText(combo->findData(int(ui::EnvironmentSwitcher::Kind::Custom))),
                 QStringLiteral("Custom server…"));
    }

    // A server with a stored sign-in (Accounts) is switched to without asking for a token, and
    // its first requests already carry the stored one.
    void environment_withAStoredSignInAsksForNoToken()
    {
        test::WindowFixture f;
        f.withAccounts = true;
        QVERIFY(f.start());
        const QString name = sandboxAsCustomServer(f);
        connect::Credentials stored;
        stored.mode = connect::CredentialMode::AccessToken;
        f.credentials->save(name, stored);
        f.secrets.insert(connect::secretKey(name, connect::SecretKind::AccessToken),
                         test::sandboxToken());
        QTRY_VERIFY(f.window->catalogPane()->appModel()->rowCount() > 0);
        const int appsBefore = f.sandbox().count("GET", "/v2/apps*");

        ui::EnvironmentSwitcher *switcher = f.window->environmentSwitcher();
        QVERIFY(chooseCustomServer(f));
        QTRY_COMPARE(switcher->current().name, name);
        QCOMPARE(switcher->current().token, QString());
        // While the keyring answers (it may ask the user to unlock it), the window says why.
        QCOMPARE(f.window->statusBar()->currentMessage(),
                 QStringLiteral("Signing in to %1…").arg(name));
        QTRY_VERIFY(f.sandbox().count("GET", "/v2/apps*") > appsBefore);
        QTRY_VERIFY(f.window->catalogPane()->appModel()->rowCount() > 0);
        QCOMPARE(f.window->statusBar()->currentMessage(), QString());
        const QList<sandbox::SandboxRequest> apps = f.sandbox().requests("GET", "/v2/apps*");
        for (qsizetype i = appsBefore; i < apps.size(); ++i) {
            QCOMPARE(apps.at(i).status, 200); // none went out without the token
            QByteArray bearer;
            for (const auto &[header, value] : apps.at(i).requestHeaders) {
                if (header.compare("authorization", Qt::CaseInsensitive) == 0)
                    bearer = value;
            }
            QCOMPARE(bearer, "Bearer " + test::sandboxToken().toUtf8());
        }
    }

    // A White Label user has no token to paste: left empty, the prompt switches and opens
    // Accounts, and signing in there loads the catalog.
    void environment_emptyTokenOpensAccounts()
    {
        test::WindowFixture f;
        f.withAccounts = true;
        QVERIFY(f.start());
        // Accounts open on the sandbox: the switch closes it and opens the new server's.
        QAction *accountsAction = f.actionFor(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
        QVERIFY(accountsAction);
        accountsAction->trigger();
        QPointer<ui::AccountsDialog> sandboxAccounts;
        QTRY_VERIFY((sandboxAccounts = visibleAccounts(f)) != nullptr);
        const QString name = sandboxAsCustomServer(f);
        ui::EnvironmentSwitcher *switcher = f.window->environmentSwitcher();
        QVERIFY(chooseCustomServer(f));
        QInputDialog *tokenPrompt = nullptr;
        QTRY_VERIFY((tokenPrompt = visiblePrompt(f, QLineEdit::Password)) != nullptr);
        QVERIFY2(tokenPrompt->labelText().contains(QLatin1String("Leave it empty to sign in")),
                 qPrintable(tokenPrompt->labelText()));
        tokenPrompt->setTextValue(QString());
        tokenPrompt->accept();
        QCOMPARE(switcher->current().name, name);

        // At once, not only after a 401 asks for a sign-in (Zapier may answer otherwise).
        QPointer<ui::AccountsDialog> accounts = visibleAccounts(f);
        QVERIFY(accounts);
        QCOMPARE(accounts->environmentName(), name);
        QTRY_VERIFY(sandboxAccounts.isNull()); // closed and deleted
        accounts->fields()->setMode(connect::CredentialMode::AccessToken);
        auto *token = accounts->findChild<QLineEdit *>(QStringLiteral("accessToken"));
        QVERIFY(token);
        token->setText(test::sandboxToken());
        accounts->signIn();
        QTRY_VERIFY(f.window->catalogPane()->appModel()->rowCount() > 0);
        QCOMPARE(f.sandbox().requests("GET", "/v2/apps*").constLast().status, 200);
        QVERIFY(f.credentials->isConfigured(name));
    }

    void runWithoutAnAction_sendsNothing()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QAction *action = f.runAction();
        QVERIFY(action);
        action->trigger();
        QCOMPARE(f.history->count({}), 0);
        QCOMPARE(f.window->statusBar()->currentMessage(),
                 QStringLiteral("Choose an app and an action first."));
        // Saving as a stored action says the same instead of doing nothing.
        f.window->statusBar()->clearMessage();
        f.window->formView()->saveAsStoredButton()->click();
        QCOMPARE(f.window->statusBar()->currentMessage(),
                 QStringLiteral("Choose an app and an action first."));
        QVERIFY(!f.window->findChild<QInputDialog *>());
    }

    void guessSelectedApi_readsTheKeyFromTheConnectLink_data()
    {
        QTest::addColumn<QString>("connectUrl");
        QTest::addColumn<QString>("guess");
        const QString appId = QStringLiteral("3ee9310b-c02f-55ec-897a-02c884256a40");
        QTest::newRow("zapier") << QStringLiteral("https://zapier.com/engine/auth/start/"
                                                  "HubSpotCLIAPI@1.7.1?redirect=https%3A%2F%2Fx")
                                << QStringLiteral("HubSpotCLIAPI@1.7.1");
        QTest::newRow("connect ui") << QStringLiteral("https://connect.zapier.com/to/SlackCLIAPI")
                                    << QStringLiteral("SlackCLIAPI");
        QTest::newRow("sandbox") << QStringLiteral("http://127.0.0.1:9/connect/to/SlackCLIAPI")
                                 << QStringLiteral("SlackCLIAPI");
        QTest::newRow("connect ui by uuid")
            << QStringLiteral("https://connect.zapier.com/to/") + appId << appId;
        QTest::newRow("no auth") << QString() << appId;
        QTest::newRow("other link") << QStringLiteral("https://example.com/login") << appId;
    }

    void guessSelectedApi_readsTheKeyFromTheConnectLink()
    {
        QFETCH(QString, connectUrl);
        QFETCH(QString, guess);
        core::App app;
        app.id = QStringLiteral("3ee9310b-c02f-55ec-897a-02c884256a40");
        app.connectUrl = connectUrl;
        QCOMPARE(ui::Workbench::guessSelectedApi(app), guess);
    }

    void saveAsStored_keepsTheNamesTheFormShowed()
    {
        test::WindowFixture f;
        QVERIFY(openSlackMessage(f));
        f.window->formView()->saveAsStoredButton()->click();
        QInputDialog *prompt = nullptr;
        QTRY_VERIFY((prompt = f.window->findChild<QInputDialog *>()) != nullptr);
        // The sandbox's connect link names the implementation, as Zapier's do.
        QCOMPARE(prompt->textValue(), QStringLiteral("SlackCLIAPI"));
        prompt->accept();
        ui::StoredActionsView *stored = f.window->storedActions();
        QTRY_VERIFY(stored->isVisible());
        QTRY_COMPARE(stored->model()->rowCount(), 1);
        const QString actionTitle = f.window->workbench()->action().title;
        const QString appTitle = f.window->workbench()->app().title;
        QVERIFY(!actionTitle.isEmpty() && actionTitle != QStringLiteral("send_channel_message"));
        const QModelIndex row = stored->model()->index(0);
        QCOMPARE(row.data().toString(), actionTitle + QStringLiteral(" (write)"));
        const QString detail = row.data(models::StoredActionsModel::DetailRole).toString();
        QVERIFY2(detail.startsWith(appTitle + QStringLiteral(" \u00b7 ") +
                                   f.window->workbench()->connection().title),
                 qPrintable(detail));
        const core::StoredActionNames saved =
            f.history->storedActionNames(QStringLiteral("sandbox")).value(stored->currentId());
        QCOMPARE(saved.appId, f.window->workbench()->app().id);
        // Its inputs read as the form's field titles; their keys stay what is sent.
        const QVariantMap inputs = f.session()->inputs();
        QVERIFY(inputs.contains(QStringLiteral("channel")));
        for (auto it = inputs.cbegin(); it != inputs.cend(); ++it)
            QCOMPARE(saved.inputTitles.value(it.key()), f.session()->field(it.key())->title);
        // A SELECT's choice by the label it was picked by.
        QCOMPARE(saved.inputLabels.value(QStringLiteral("channel")), QStringLiteral("general"));
        stored->runSelected();
        ui::StoredRunDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = stored->runDialog()) != nullptr && dialog->isVisible());
        QCOMPARE(dialog->table()->rowCount(), inputs.size());
        for (int at = 0; at < dialog->table()->rowCount(); ++at) {
            const QString key = dialog->keyOf(at);
            QVERIFY2(inputs.contains(key), qPrintable(key));
            QCOMPARE(dialog->table()->item(at, 0)->text(), f.session()->field(key)->title);
            QCOMPARE(dialog->table()->item(at, 0)->toolTip(), key);
            if (key == QStringLiteral("channel"))
                QCOMPARE(dialog->valueShown(at), QStringLiteral("general (C0001)"));
        }
        QVERIFY(f.session()->field(QStringLiteral("channel"))->title != QStringLiteral("channel"));
        dialog->setInput(QStringLiteral("channel"), QStringLiteral("C-other"));
        QCOMPARE(dialog->overrides(),
                 (QVariantMap{{QStringLiteral("channel"), QStringLiteral("C-other")}}));
        dialog->reject();
        // With the app's icon, as the catalog shows it.
        QModelIndex slack;
        models::AppCatalogModel *catalog = f.window->catalogPane()->appModel();
        for (int at = 0; at < catalog->rowCount(); ++at) {
            if (catalog->index(at).data().toString() == appTitle)
                slack = catalog->index(at);
        }
        QVERIFY(slack.isValid());
        QTRY_VERIFY(middleTop(slack.data(Qt::DecorationRole)).isValid());
        QTRY_COMPARE(middleTop(stored->model()->index(0).data(Qt::DecorationRole)),
                     middleTop(slack.data(Qt::DecorationRole)));
    }

    void historyRows_showTheirAppsIcons()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        // Runs of an earlier session: one on this server, one on another.
        runs::RunRecord here;
        here.environment = QStringLiteral("sandbox");
        here.appId = f.sandbox().appId(u"Slack");
        here.appTitle = QStringLiteral("Slack");
        here.actionKey = QStringLiteral("send_channel_message");
        here.actionTitle = QStringLiteral("Send Channel Message");
        here.phase = Phase::Success;
        here.createdAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        runs::RunRecord elsewhere = here;
        elsewhere.environment = QStringLiteral("https://api.zapier.com");
        elsewhere.appId = QStringLiteral("not-an-id-of-this-sandbox");
        elsewhere.appTitle = QStringLiteral("Gmail");
        elsewhere.createdAt = here.createdAt.addSecs(-60);
        QVERIFY(f.history->insertMany({here, elsewhere}));
        models::HistoryModel *history = f.window->historyPane()->model();
        QTRY_COMPARE(history->rowCount(), 2);

        // The sandbox's Slack icon, as the catalog shows it.
        models::AppCatalogModel *catalog = f.window->catalogPane()->appModel();
        QTRY_VERIFY(catalog->rowCount() > 0);
        QModelIndex slack;
        for (int row = 0; row < catalog->rowCount(); ++row) {
            if (catalog->index(row).data().toString() == u"Slack")
                slack = catalog->index(row);
        }
        QVERIFY(slack.isValid());
        const QModelIndex slackRun = history->index(0, models::HistoryModel::AppColumn);
        QCOMPARE(slackRun.siblingAtColumn(models::HistoryModel::AppColumn).data().toString(),
                 QStringLiteral("Slack"));
        QTRY_VERIFY(middleTop(slack.data(Qt::DecorationRole)).isValid());
        QTRY_COMPARE(middleTop(slackRun.data(Qt::DecorationRole)),
                     middleTop(slack.data(Qt::DecorationRole)));
        // The other server's run: a grey tile, and nothing asked of this server about its app.
        const QModelIndex gmailRun = history->index(1, models::HistoryModel::AppColumn);
        QCOMPARE(middleTop(gmailRun.data(Qt::DecorationRole)), QColor(0x8a, 0x8a, 0x8a));
        const QList<sandbox::SandboxRequest> lookups = f.sandbox().requests("GET", "/v2/apps");
        QVERIFY(std::any_of(lookups.cbegin(), lookups.cend(), [&here](const auto &request) {
            return request.query.contains(QStringLiteral("ids=") + here.appId);
        }));
        QVERIFY(std::none_of(lookups.cbegin(), lookups.cend(), [](const auto &request) {
            return request.query.contains(QStringLiteral("not-an-id"));
        }));
    }

    void failingRun_isExplainedAndPointsAtTheField()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(f.runFaults(QStringLiteral("user"), QStringLiteral("User error"), 1, Phase::Error));
        ui::RunDetailErrors *errors = f.window->runDetail()->errors();
        QTRY_VERIFY(errors->count() > 0);
        const ui::Explanation explanation = errors->explanations().first();
        QVERIFY(!explanation.title.isEmpty());
        QCOMPARE(explanation.fieldId, QStringLiteral("message"));
        // "Go to field" lands in the form's Message editor.
        Q_EMIT errors->focusFieldRequested(explanation.fieldId);
        ui::FieldEditor *editor = f.window->formView()->editor(QStringLiteral("message"));
        QVERIFY(editor);
        QTRY_VERIFY(f.window->focusWidget() &&
                    (editor->widget() == f.window->focusWidget() ||
                     editor->widget()->isAncestorOf(f.window->focusWidget())));
    }

    void throttledRun_endsWithTheDelayTheAppAskedFor()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        const qint64 id =
            f.runFaults(QStringLiteral("throttled"), QStringLiteral("Throttled"), 0, Phase::Error);
        QVERIFY(id > 0);
        const auto record = f.history->load(id);
        QCOMPARE(record->errors.first().code, core::RunErrorCode::Throttled);
        QVERIFY(record->errors.first().delaySeconds.value_or(0) > 0);
        QTRY_VERIFY(f.window->runDetail()->errors()->count() > 0);
    }

    void rateLimitStorm_gaugeShowsTheCooldownAndNothingIsLost()
    {
        api::ApiClientConfig config = test::fastClientConfig(QUrl());
        // Server delays at their real length here, so the cooldown is long enough to be seen.
        config.scheduler.msPerServerSecond = 1000;
        test::WindowFixture f({}, &config);
        QVERIFY(f.start());
        auto *gauge = f.window->findChild<ui::RateLimitGauge *>();
        QVERIFY(gauge);
        bool sawCooldown = false;
        connect(f.client->scheduler(), &api::RequestScheduler::budgetChanged, gauge,
                [gauge, &sawCooldown] {
                    sawCooldown |= gauge->state() == ui::RateLimitGauge::State::CoolingDown ||
                                   gauge->state() == ui::RateLimitGauge::State::Waiting;
                });
        QVERIFY(f.chooseAction(QStringLiteral("Google Sheets"), QStringLiteral("add_row")));
        // A storm: the next four Partner API requests are refused with Retry-After, whatever they
        // are.
        QString error;
        const QByteArray storm = "{\"rules\": [{\"path\": \"/v2/*\", \"status\": 429, "
                                 "\"headers\": {\"Retry-After\": \"1\"}, \"times\": 4}]}";
        QVERIFY2(f.sandbox().setFaults(storm, &error), qPrintable(error));
        QVERIFY(f.set(QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026")));
        QVERIFY(f.set(QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals")));
        QVERIFY(f.set(QStringLiteral("COL$A"), QStringLiteral("Storm")));
        const qint64 id = f.run();
        QVERIFY(id > 0);
        QVERIFY2(f.finishes(id, Phase::Success),
                 qPrintable(runs::phaseName(f.history->load(id)->phase)));
        int refused = 0;
        for (const sandbox::SandboxRequest &request : f.sandbox().server().requests())
            refused += request.status == 429 ? 1 : 0;
        QCOMPARE(refused, 4);
        QVERIFY2(sawCooldown, "the gauge never showed the cooldown");
        QCOMPARE(f.history->count(runs::RunFilter{{}, {Phase::Failed}, {}}), 0);
        QVERIFY(f.history->load(id)->resultsJson.contains("Storm"));
    }

    void historyList_offersTheRunCommandsByKeyAndContextMenu()
    {
        test::WindowFixture f;
        QVERIFY(openSlackMessage(f));
        QVERIFY(f.set(QStringLiteral("text"), QStringLiteral("Hello")));
        const qint64 id = f.run();
        QVERIFY(f.finishes(id, Phase::Success));
        QTRY_COMPARE(f.window->runDetail()->runId(), id);

        QTableView *list = f.window->historyPane()->view();
        QCOMPARE(list->contextMenuPolicy(), Qt::ActionsContextMenu);
        ui::RunDetailView *detail = f.window->runDetail();
        QCOMPARE(list->actions(),
                 (QList<QAction *>{detail->rerunAction(), detail->restoreAction(),
                                   detail->copyCurlAction(), detail->deleteAction()}));
        list->setFocus();
        QTRY_VERIFY(list->hasFocus());
        // Ctrl+R re-runs the selected run from the list.
        QTest::keyClick(list, Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE(f.history->count({}), 2);
        const qint64 again = f.window->historyPane()->currentRun();
        QVERIFY(again != id);
        QVERIFY(f.finishes(again, Phase::Success));
        // Delete asks first, in the detail, with the safe choice focused.
        list->setFocus();
        QTRY_VERIFY(list->hasFocus());
        QTest::keyClick(list, Qt::Key_Delete);
        auto *confirmation = detail->findChild<QWidget *>(QStringLiteral("deleteConfirmation"));
        QVERIFY(confirmation && confirmation->isVisible());
        auto *keep = detail->findChild<QPushButton *>(QStringLiteral("cancelDelete"));
        QCOMPARE(QApplication::focusWidget(), keep);
        // Escape keeps the run, and the keyboard goes back to the list.
        QTest::keyClick(keep, Qt::Key_Escape);
        QVERIFY(!confirmation->isVisible());
        QCOMPARE(QApplication::focusWidget(), list);
        QCOMPARE(f.history->count({}), 2);
        QTest::keyClick(list, Qt::Key_Delete);
        QVERIFY(confirmation->isVisible());
        QTest::keyClick(detail->findChild<QPushButton *>(QStringLiteral("confirmDelete")),
                        Qt::Key_Space);
        QTRY_COMPARE(f.history->count({}), 1);
        QVERIFY(!f.history->load(again));
        QCOMPARE(QApplication::focusWidget(), list);
    }

    void megabyteResult_isSearchableInTheRunDetail()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(f.chooseAction(QStringLiteral("Airtable"), QStringLiteral("find_records")));
        QVERIFY(f.set(QStringLiteral("base"), QStringLiteral("app_crm")));
        QVERIFY(f.set(QStringLiteral("table"), QStringLiteral("tbl_contacts")));
        const qint64 id = f.run();
        QVERIFY(f.finishes(id, Phase::Success));
        QVERIFY(f.history->load(id)->resultsJson.size() > 900 * 1024);
        QTRY_COMPARE(f.window->runDetail()->runId(), id);
        ui::RunDetailResults *results = f.window->runDetail()->results();
        results->search(QStringLiteral("Record 3499"));
        QTRY_VERIFY(results->matchCount() > 0);
    }

    void restoreIntoForm_thenRerun()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        const qint64 first = f.runFaults(QStringLiteral("success"), QStringLiteral("Success"), 0,
                                         Phase::Success, QStringLiteral("first"));
        QVERIFY(first > 0);

        QVERIFY(f.set(QStringLiteral("message"), QStringLiteral("edited since")));
        QTRY_COMPARE(f.window->runDetail()->runId(), first);
        f.window->runDetail()->restoreAction()->trigger();
        QTRY_COMPARE(f.session()->value(QStringLiteral("message")).toString(),
                     QStringLiteral("first"));
        // What was typed since is one click away: the form's note offers it back.
        QToolButton *undo = f.window->formView()->undoButton();
        QTRY_VERIFY(undo->isVisible());
        undo->click();
        QTRY_COMPARE(f.session()->value(QStringLiteral("message")).toString(),
                     QStringLiteral("edited since"));
        QVERIFY(!undo->isVisible());
        f.window->runDetail()->restoreAction()->trigger();
        QTRY_COMPARE(f.session()->value(QStringLiteral("message")).toString(),
                     QStringLiteral("first"));

        f.window->runDetail()->rerunAction()->trigger();
        QTRY_COMPARE(f.history->count({}), 2);
        const qint64 second = f.window->historyPane()->currentRun();
        QVERIFY(second != first);
        QVERIFY(f.finishes(second, Phase::Success));
        QCOMPARE(f.history->load(second)->inputs.value(QStringLiteral("message")).toString(),
                 QStringLiteral("first"));
    }

    void restoreIntoForm_ofAnotherActionChoosesItWithTheRunsValues()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        const qint64 first = f.runFaults(QStringLiteral("success"), QStringLiteral("Success"), 0,
                                         Phase::Success, QStringLiteral("from the past"));
        QVERIFY(first > 0);
        QVERIFY(f.chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        QVERIFY(f.set(QStringLiteral("text"), QStringLiteral("a Slack draft")));
        f.window->historyPane()->selectRun(first);
        QTRY_COMPARE(f.window->runDetail()->runId(), first);
        f.window->runDetail()->restoreAction()->trigger();
        QTRY_COMPARE(f.session()->actionKey(), QStringLiteral("simulate_outcome"));
        QTRY_VERIFY(f.session()->isLoaded() && !f.session()->isBusy());
        QCOMPARE(f.session()->value(QStringLiteral("message")).toString(),
                 QStringLiteral("from the past"));
        QCOMPARE(f.session()->value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("success"));
        QVERIFY(!f.session()->inputs().contains(QStringLiteral("text")));
    }

    void switchingActions_keepsEachFormsValuesForTheSession()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(f.chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        QVERIFY(
            f.set(QStringLiteral("channel"), QStringLiteral("C0001"), QStringLiteral("general")));
        QVERIFY(f.set(QStringLiteral("text"), QStringLiteral("half-written message")));
        QVERIFY(f.chooseAction(QStringLiteral("Notion"), QStringLiteral("create_page")));
        QVERIFY(f.session()->inputs().isEmpty());
        QVERIFY(f.set(QStringLiteral("title"), QStringLiteral("Q4 plan")));

        // Back: the form as it was left, label and all, in one fetch.
        QVERIFY(f.chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        QTRY_VERIFY(f.session()->isLoaded() && !f.session()->isBusy());
        QCOMPARE(f.session()->value(QStringLiteral("text")).toString(),
                 QStringLiteral("half-written message"));
        QCOMPARE(f.session()->value(QStringLiteral("channel")).toString(), QStringLiteral("C0001"));
        QCOMPARE(f.session()->valueLabel(QStringLiteral("channel")), QStringLiteral("general"));
        QVERIFY(!f.session()->inputs().contains(QStringLiteral("title")));
        QTRY_COMPARE(f.window->formView()->editor(QStringLiteral("text"))->value().toString(),
                     QStringLiteral("half-written message"));
        QVERIFY(f.chooseAction(QStringLiteral("Notion"), QStringLiteral("create_page")));
        QTRY_COMPARE(f.session()->value(QStringLiteral("title")).toString(),
                     QStringLiteral("Q4 plan"));

        // Another server: the ids of these values mean nothing there; back on this one, the
        // form comes back from the history file.
        ui::Workbench *workbench = f.window->workbench();
        workbench->clear();
        workbench->setEnvironmentName(QStringLiteral("https://staging.example"));
        QVERIFY(f.chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        QTRY_VERIFY(f.session()->isLoaded() && !f.session()->isBusy());
        QVERIFY(!f.session()->inputs().contains(QStringLiteral("text")));
        // (The catalog keeps its selection here, as no server was switched: choose another.)
        QVERIFY(f.chooseAction(QStringLiteral("Notion"), QStringLiteral("create_page")));
        workbench->clear();
        workbench->setEnvironmentName(QStringLiteral("sandbox"));
        QVERIFY(f.chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        QTRY_COMPARE(f.session()->value(QStringLiteral("text")).toString(),
                     QStringLiteral("half-written message"));
    }

    void formDraft_survivesARestartWithoutItsPassword()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(f.chooseAction(QStringLiteral("Webhooks by Zapier"), QStringLiteral("post")));
        QVERIFY(f.set(QStringLiteral("url"), QStringLiteral("https://example.com/hook")));
        QVERIFY(f.set(QStringLiteral("basic_auth"), QStringLiteral("admin|s3cret")));
        const QString appId = f.window->workbench()->app().id;
        // Written a moment after the last change, without the password.
        QTRY_VERIFY(f.history->formDraft(QStringLiteral("sandbox"), appId, QStringLiteral("post")));
        const runs::FormDraft saved =
            *f.history->formDraft(QStringLiteral("sandbox"), appId, QStringLiteral("post"));
        QCOMPARE(saved.inputs.value(QStringLiteral("url")).toString(),
                 QStringLiteral("https://example.com/hook"));
        QVERIFY(!saved.inputs.contains(QStringLiteral("basic_auth")));

        // Killed, then started again: the same action, its form as it was left.
        f.reopenWithoutClosing();
        QTRY_COMPARE(f.session()->actionKey(), QStringLiteral("post"));
        QTRY_COMPARE(f.session()->value(QStringLiteral("url")).toString(),
                     QStringLiteral("https://example.com/hook"));
        QTRY_VERIFY(f.session()->isLoaded() && !f.session()->isBusy());
        QVERIFY(!f.session()->inputs().contains(QStringLiteral("basic_auth")));
        QTRY_COMPARE(f.window->formView()->editor(QStringLiteral("url"))->value().toString(),
                     QStringLiteral("https://example.com/hook"));

        // Cleared, then killed: the next start has an empty form.
        f.window->formView()->clearForm();
        QTRY_VERIFY(
            !f.history->formDraft(QStringLiteral("sandbox"), appId, QStringLiteral("post")));
    }

    void restoreAndRerun_sayWhyARunCannotBe()
    {
        test::WindowFixture f;
        QVERIFY(openSlackMessage(f));
        runs::RunRecord elsewhere;
        elsewhere.environment = QStringLiteral("https://api.zapier.com");
        elsewhere.appId = QStringLiteral("a-zapier-app-id");
        elsewhere.appTitle = QStringLiteral("Gmail");
        elsewhere.actionKey = QStringLiteral("send_email");
        elsewhere.phase = Phase::Success;
        elsewhere.inputs = {{QStringLiteral("to"), QStringLiteral("ada@example.com")}};
        elsewhere.createdAt = QDateTime::currentDateTimeUtc();
        runs::RunRecord noApp = elsewhere;
        noApp.environment = QStringLiteral("sandbox");
        noApp.appId.clear();
        const qint64 elsewhereId = f.history->insert(elsewhere);
        const qint64 noAppId = f.history->insert(noApp);
        const QVariantMap before = f.session()->inputs();

        f.window->historyPane()->selectRun(elsewhereId);
        QTRY_COMPARE(f.window->runDetail()->runId(), elsewhereId);
        f.window->runDetail()->restoreAction()->trigger();
        QVERIFY2(f.window->statusBar()->currentMessage().startsWith(
                     QStringLiteral("That run was made on https://api.zapier.com: switch")),
                 qPrintable(f.window->statusBar()->currentMessage()));
        // Re-running it here would send another server's ids to this one.
        const int runs = f.history->count({});
        f.window->runDetail()->rerunAction()->trigger();
        QVERIFY2(f.window->statusBar()->currentMessage().startsWith(
                     QStringLiteral("That run was made on https://api.zapier.com: switch to it "
                                    "to re-run")),
                 qPrintable(f.window->statusBar()->currentMessage()));
        QCOMPARE(f.history->count({}), runs);
        f.window->historyPane()->selectRun(noAppId);
        QTRY_COMPARE(f.window->runDetail()->runId(), noAppId);
        f.window->runDetail()->restoreAction()->trigger();
        QCOMPARE(f.window->statusBar()->currentMessage(),
                 QStringLiteral("That run cannot be restored: it has no action to fill."));
        // The form is as it was, on the action it had.
        QCOMPARE(f.session()->actionKey(), QStringLiteral("send_channel_message"));
        QCOMPARE(f.session()->inputs(), before);
    }

    void choosingAnAction_remembersItAtOnce()
    {
        // A window killed (or ended by a logout) rather than closed comes back to it too.
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(f.chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        // QSettings writes pending changes from the event loop; the window is still open.
        const auto onDisk = [&f] {
            QFile file(f.settingsPath());
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QTRY_VERIFY(onDisk().contains("action=send_channel_message"));
        QVERIFY(onDisk().contains("app="));
        QVERIFY(f.window->isVisible());
    }

    void closing_remembersTheSelectionAndNoToken()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        QVERIFY(f.chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        f.window->close();
        f.settings->sync();
        QCOMPARE(f.settings->value(QStringLiteral("selection/action")).toString(),
                 QStringLiteral("send_channel_message"));
        QFile file(f.settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(test::sandboxToken().toUtf8()));
    }

    // --- Live language switching: the window says everything again and loses nothing.

    void retranslate_wholeWindowAfterRunsKeepsValuesSelectionAndHistory()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        const qint64 succeeded =
            f.runFaults(QStringLiteral("success"), QStringLiteral("Success"), 0, Phase::Success,
                        QStringLiteral("kept across languages"));
        QVERIFY(succeeded > 0);
        const qint64 failed =
            f.runFaults(QStringLiteral("user"), QStringLiteral("User error"), 1, Phase::Error);
        QVERIFY(failed > 0);
        QTRY_COMPARE(f.window->runDetail()->runId(), failed);
        QTRY_VERIFY(f.window->runDetail()->errors()->count() > 0);
        // The API inspector open, from its menu action.
        // The menu's API inspector toggle (the window's own; the dock is built on first use).
        QAction *inspectorAction = f.actionFor(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
        QVERIFY(inspectorAction);
        inspectorAction->trigger();
        QTRY_VERIFY(f.window->inspector()->isVisible());
        // Open dialogs: Settings, and two prompts ("Save as stored action", the Zapier
        // environment's token).
        QAction *settings = settingsAction(f);
        QVERIFY(settings);
        settings->trigger();
        auto *settingsDialog = f.window->findChild<ui::SettingsDialog *>();
        QVERIFY(settingsDialog);
        Q_EMIT f.window->formView()->saveAsStoredRequested();
        f.window->environmentSwitcher()->select(ui::EnvironmentSwitcher::Kind::Zapier);
        QList<QInputDialog *> prompts = f.window->findChildren<QInputDialog *>();
        QCOMPARE(prompts.size(), 2);
        for (QInputDialog *prompt : std::as_const(prompts))
            QTRY_VERIFY(prompt->isVisible());
        QTRY_VERIFY(settingsDialog->isVisible());

        const QVariantMap values = f.session()->inputs();
        const QString appId = f.window->workbench()->app().id;
        const QString actionKey = f.window->workbench()->action().key;
        const int rows = f.window->historyPane()->model()->rowCount();
        QCOMPARE(rows, 2);
        const QString englishShortcut = inspectorAction->shortcut().toString();

        {
            PseudoLanguage pseudo;
            QStringList found;
            QTRY_VERIFY2((found = untranslatedInWindow(f)).isEmpty(),
                         qPrintable(found.join(QLatin1Char('\n'))));
            QVERIFY(pseudoTranslated(f.window->windowTitle()));
            QVERIFY(pseudoTranslated(inspectorAction->text()));

            // Form values, the selected action, the history and its selection, the open dock
            // and both prompts: all as they were.
            QCOMPARE(f.session()->inputs(), values);
            QCOMPARE(f.session()->value(QStringLiteral("message")).toString(),
                     QStringLiteral("kept across languages"));
            QCOMPARE(f.window->formView()->editor(QStringLiteral("message"))->value().toString(),
                     QStringLiteral("kept across languages"));
            QCOMPARE(f.window->workbench()->app().id, appId);
            QCOMPARE(f.window->workbench()->action().key, actionKey);
            QCOMPARE(f.window->catalogPane()->currentApp().id, appId);
            QCOMPARE(f.window->historyPane()->model()->rowCount(), rows);
            QCOMPARE(f.window->historyPane()->currentRun(), failed);
            QCOMPARE(f.window->runDetail()->runId(), failed);
            QVERIFY(f.window->inspector()->isVisible());
            QVERIFY(inspectorAction->isChecked());
            QCOMPARE(inspectorAction->shortcut().toString(), englishShortcut);
            for (QInputDialog *prompt : std::as_const(prompts)) {
                QVERIFY(prompt->isVisible());
                QVERIFY(pseudoTranslated(prompt->windowTitle()));
            }
            QVERIFY(settingsDialog->isVisible());
            QVERIFY(pseudoTranslated(settingsDialog->windowTitle()));
            QCOMPARE(f.window->environmentSwitcher()->current().kind,
                     ui::EnvironmentSwitcher::Kind::Sandbox);
        }
        // Back in the source language, word for word.
        QTRY_COMPARE(f.window->windowTitle(), QStringLiteral("Actionbench"));
        QCOMPARE(inspectorAction->text(), QStringLiteral("API &inspector"));
        for (QInputDialog *prompt : std::as_const(prompts))
            prompt->reject();
        settingsDialog->close();
        QCOMPARE(f.history->count({}), 2);
    }

    void settings_switchesToGermanAndBackKeepingTheWork()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        const qint64 id = f.runFaults(QStringLiteral("success"), QStringLiteral("Success"), 0,
                                      Phase::Success, QStringLiteral("Grüße"));
        QVERIFY(id > 0);
        const QVariantMap values = f.session()->inputs();
        const QMenu *fileMenu = f.window->menuBar()->actions().first()->menu();
        QCOMPARE(fileMenu->title(), QStringLiteral("&File"));

        // File › Settings, as the user opens it; the language box applies a choice at once.
        QAction *settings = settingsAction(f);
        QVERIFY(settings && settings->isVisible());
        QVERIFY(fileMenu->actions().contains(settings));
        settings->trigger();
        auto *dialog = f.window->findChild<ui::SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QComboBox *box = dialog->languageBox();
        const auto choose = [box](const QString &code) {
            const int index = box->findData(code);
            box->setCurrentIndex(index);
            Q_EMIT box->activated(index);
        };

        choose(QStringLiteral("de"));
        const QString germanFile = QCoreApplication::translate("ab::ui::MainWindow", "&File");
        QVERIFY(germanFile != QStringLiteral("&File")); // the German catalogue is loaded
        QTRY_COMPARE(fileMenu->title(), germanFile);
        QCOMPARE(settings->text(), QCoreApplication::translate("ab::ui::MainWindow", "&Settings…"));
        QCOMPARE(dialog->windowTitle(),
                 QCoreApplication::translate("ab::ui::SettingsDialog", "Settings"));
        QVERIFY(dialog->isVisible());
        QCOMPARE(f.session()->inputs(), values);
        QCOMPARE(f.window->workbench()->action().key, QStringLiteral("simulate_outcome"));
        QCOMPARE(f.window->historyPane()->currentRun(), id);
        QCOMPARE(f.window->runDetail()->runId(), id);

        choose(QString()); // System default: English here
        QTRY_COMPARE(fileMenu->title(), QStringLiteral("&File"));
        QCOMPARE(f.window->windowTitle(), QStringLiteral("Actionbench"));
        QCOMPARE(f.session()->inputs(), values);
        dialog->close();
    }

    void retranslate_saysTheStatusMessageAgain()
    {
        test::WindowFixture f;
        QVERIFY(f.start());
        f.runAction()->trigger(); // no action chosen: the status bar says what to do first
        const QString english = f.window->statusBar()->currentMessage();
        QVERIFY(!english.isEmpty());
        {
            PseudoLanguage pseudo;
            QTRY_COMPARE(f.window->statusBar()->currentMessage(),
                         test::PseudoTranslator::open + english + test::PseudoTranslator::close);
        }
        QTRY_COMPARE(f.window->statusBar()->currentMessage(), english);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
