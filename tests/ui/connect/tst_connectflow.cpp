// Connecting from the connection picker in the assembled main window, against the sandbox:
// the controller gets a token, opens the plugin's window, and the picker and the form follow
// the outcome. The test clicks inside the Connect page as a user would.
#include "connecttesting.h"
#include "dialogs/accountsdialog.h"
#include "form/formsession.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/workbench.h"
#include "models/connectionlistmodel.h"
#include "models/iconcache.h"
#include "panes/catalogpane.h"
#include "panes/connectionpicker.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "runs/runservice.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"
#include "widgets/connectmessagebar.h"
#include "widgets/connectwindow.h"
#include "widgets/connectwindowloader.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QTemporaryDir>
#include <QWebEngineView>

using namespace ab;
using namespace ab::ui;

class TestConnectFlow final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    test::ConnectEnvironment m_env;
    std::unique_ptr<runs::HistoryStore> m_history;
    std::unique_ptr<runs::RunService> m_runs;
    QNetworkAccessManager m_network;
    std::unique_ptr<models::IconCache> m_icons;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    ConnectionPicker *picker() const { return m_window->connectionPicker(); }
    form::FormSession *session() const { return m_window->workbench()->session(); }

    bool chooseAction(const QString &appTitle, const QString &key)
    {
        m_window->catalogPane()->selectApp(m_env.sandbox->appId(appTitle));
        m_window->catalogPane()->selectAction(key);
        form::FormSession *s = session();
        return QTest::qWaitFor(
            [s, key] { return s->actionKey() == key && s->isLoaded() && !s->isBusy(); }, 20000);
    }

    // Presses `button`, waits for the Connect page and returns the window.
    ConnectWindow *openFrom(QPushButton *button, QWebEnginePage **page)
    {
        QSignalSpy opened(m_window->connectController(), &ConnectController::windowOpened);
        button->click();
        if (!opened.wait(20000))
            return nullptr;
        auto *window = opened.at(0).at(0).value<ConnectWindow *>();
        auto *view = window->widget()->findChild<QWebEngineView *>();
        *page = view->page();
        if (view->page()->url().isEmpty() || view->page()->isLoading()) {
            QSignalSpy loaded(view->page(), &QWebEnginePage::loadFinished);
            loaded.wait(20000);
        }
        return window;
    }

    static void click(QWebEnginePage *page, const QString &id)
    {
        test::evaluate(page, QStringLiteral("document.getElementById('%1').click()").arg(id));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ConnectWindow *>();
        QVERIFY(m_dir.isValid());
        QVERIFY(m_env.start());
        m_history = std::make_unique<runs::HistoryStore>(runs::jsonRunCodec());
        QVERIFY(m_history->open(m_dir.filePath(QStringLiteral("history.sqlite"))));
        m_runs =
            std::make_unique<runs::RunService>(m_env.client.get(), m_history.get(), &m_env.clock);
        m_icons = std::make_unique<models::IconCache>(&m_network, nullptr);
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                 QSettings::IniFormat);
        Services services;
        services.client = m_env.client.get();
        services.history = m_history.get();
        services.runs = m_runs.get();
        services.icons = m_icons.get();
        services.settings = m_settings.get();
        services.sandboxUrl = m_env.sandbox->baseUrl();
        services.sandboxToken = test::sandboxToken();
        services.tokens = m_env.tokens.get();
        services.credentials = m_env.credentials.get();
        m_window = std::make_unique<MainWindow>(services);
        m_window->resize(1300, 850);
        m_window->show();
        // Links out of the flow never reach a real browser from a test.
        m_window->connectController()->setUrlOpener([](const QUrl &) {});
    }

    void pickerButtons_followTheConnection()
    {
        QVERIFY(chooseAction(QStringLiteral("Salesforce"), QStringLiteral("create_record")));
        QTRY_VERIFY(picker()->model()->isLoaded());
        QVERIFY(picker()->connectButton()->isVisible());
        QVERIFY(!picker()->connectButton()->accessibleName().isEmpty());
        QVERIFY(!picker()->reconnectButton()->isVisible()); // a usable one is chosen first
        picker()->selectConnection(QStringLiteral("sb-conn-sf-expired"));
        QVERIFY(picker()->reconnectButton()->isVisible());
        QVERIFY(picker()->reconnectButton()->focusPolicy() & Qt::TabFocus);
    }

    void reconnect_makesTheExpiredConnectionUsableAndRefetchesTheForm()
    {
        QTRY_COMPARE(m_window->workbench()->connection().id, QStringLiteral("sb-conn-sf-expired"));
        QTRY_VERIFY(session()->isLoaded() && !session()->isBusy());
        const int inputsBefore = m_env.sandbox->count("POST", "*/inputs");
        QSignalSpy ready(m_window->connectController(), &ConnectController::connectionReady);
        QWebEnginePage *page = nullptr;
        ConnectWindow *window = openFrom(picker()->reconnectButton(), &page);
        QVERIFY(window);
        QCOMPARE(window->session().reconnectId, QStringLiteral("sb-conn-sf-expired"));
        click(page, QStringLiteral("allow"));
        QVERIFY(ready.wait(20000));
        QCOMPARE(ready.at(0).at(0).toString(), QStringLiteral("sb-conn-sf-expired"));
        QCOMPARE(ready.at(0).at(1).toBool(), true);
        QCOMPARE(picker()->currentConnection().id, QStringLiteral("sb-conn-sf-expired"));
        QVERIFY(!picker()->currentConnection().isExpired);
        QVERIFY(!picker()->isExpiredBadgeShown());
        QVERIFY(!m_window->workbench()->connection().isExpired);
        QTRY_VERIFY(m_env.sandbox->count("POST", "*/inputs") >
                    inputsBefore); // the form asked again
        QCOMPARE(m_window->connectMessageBar()->kind(), ConnectMessageBar::Kind::Success);
    }

    void connectNew_selectsTheNewConnectionForTheForm()
    {
        QVERIFY(chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        QTRY_VERIFY(picker()->model()->isLoaded() && !picker()->model()->loading());
        QSignalSpy ready(m_window->connectController(), &ConnectController::connectionReady);
        QWebEnginePage *page = nullptr;
        QVERIFY(openFrom(picker()->connectButton(), &page));
        click(page, QStringLiteral("allow"));
        QVERIFY(ready.wait(20000));
        const QString id = ready.at(0).at(0).toString();
        QVERIFY(id.startsWith(QLatin1String("sb-conn-slack-new-")));
        QCOMPARE(ready.at(0).at(1).toBool(), false);
        QCOMPARE(picker()->currentConnection().id, id);
        QTRY_COMPARE(m_window->workbench()->connection().id, id);
        QTRY_COMPARE(session()->connectionId(), id);
        QVERIFY(m_window->connectMessageBar()->text().contains(QStringLiteral("new.user")));
    }

    void closedWithoutResult_picksTheConnectionThatAppeared()
    {
        QTRY_VERIFY(!picker()->model()->loading());
        const QString before = picker()->currentConnection().id;
        QSignalSpy ready(m_window->connectController(), &ConnectController::connectionReady);
        QWebEnginePage *page = nullptr;
        ConnectWindow *window = openFrom(picker()->connectButton(), &page);
        QVERIFY(window);
        // The account gets connected behind the window's back (a lost message), then the user
        // closes the window.
        const QString allow =
            test::evaluate(page, QStringLiteral("document.getElementById('allow').href"))
                .toString();
        QNetworkRequest request{QUrl(allow)};
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        std::unique_ptr<QNetworkReply> reply(m_network.get(request));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        QVERIFY(done.wait(20000));
        m_window->connectController()->cancel();
        QVERIFY(ready.wait(20000));
        const QString id = ready.at(0).at(0).toString();
        QVERIFY(id != before);
        QVERIFY(id.startsWith(QLatin1String("sb-conn-slack-new-")));
        QCOMPARE(picker()->currentConnection().id, id);
    }

    void error_isExplainedWithRetry()
    {
        QWebEnginePage *page = nullptr;
        QVERIFY(openFrom(picker()->connectButton(), &page));
        ConnectMessageBar *bar = m_window->connectMessageBar();
        click(page, QStringLiteral("deny"));
        QTRY_COMPARE_WITH_TIMEOUT(bar->kind(), ConnectMessageBar::Kind::Error, 20000);
        QVERIFY2(bar->text().contains(QStringLiteral("the user denied access")),
                 qPrintable(bar->text()));
        QVERIFY(bar->retryButton()->isVisible());
        QSignalSpy opened(m_window->connectController(), &ConnectController::windowOpened);
        bar->retryButton()->click();
        QVERIFY(opened.wait(20000));
        QSignalSpy busy(m_window->connectController(), &ConnectController::busyChanged);
        m_window->connectController()->cancel();
        QVERIFY(busy.wait(20000));
        QCOMPARE(bar->kind(), ConnectMessageBar::Kind::Note); // closed, nothing connected
    }

    void retranslate_messageBarFollowsTheLanguage()
    {
        QWebEnginePage *page = nullptr;
        QVERIFY(openFrom(picker()->connectButton(), &page));
        ConnectMessageBar *bar = m_window->connectMessageBar();
        click(page, QStringLiteral("deny"));
        QTRY_COMPARE_WITH_TIMEOUT(bar->kind(), ConnectMessageBar::Kind::Error, 20000);
        const QString english = bar->text();
        {
            test::PseudoLanguage pseudo;
            // The explanation is ours; the provider's own words stay inside it as they came.
            const QStringList found = test::UntranslatedText().scan(bar);
            QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
            QVERIFY(bar->text().startsWith(test::PseudoTranslator::open));
            QVERIFY2(bar->text().contains(QStringLiteral("the user denied access")),
                     qPrintable(bar->text()));
            QCOMPARE(bar->kind(), ConnectMessageBar::Kind::Error);
            QVERIFY(bar->retryButton()->isVisible());
        }
        QCOMPARE(bar->text(), english);
    }

    // The account credentials cannot make a connect token: the bar says so and offers
    // Accounts, where that is mended, besides Retry.
    void credentialsFailure_offersAccounts()
    {
        connect::TokenService *tokens = m_env.tokens.get();
        const auto backToTheSandbox = qScopeGuard([&] {
            tokens->setEnvironment(
                QStringLiteral("sandbox"),
                connect::EnvironmentEndpoints::sandbox(m_env.sandbox->baseUrl()));
        });
        // No credentials there, and no client id of its own for a connect token.
        tokens->setEnvironment(QStringLiteral("https://elsewhere.example"));
        ConnectMessageBar *bar = m_window->connectMessageBar();
        QSignalSpy opened(m_window->connectController(), &ConnectController::windowOpened);
        picker()->connectButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(bar->kind(), ConnectMessageBar::Kind::CredentialsError, 20000);
        QVERIFY2(bar->text().contains(QStringLiteral("White Label client id")),
                 qPrintable(bar->text()));
        QVERIFY(bar->accountsButton()->isVisible());
        QVERIFY(bar->retryButton()->isVisible());
        QCOMPARE(opened.size(), 0);

        bar->accountsButton()->click();
        AccountsDialog *accounts = nullptr;
        QTRY_VERIFY((accounts = m_window->findChild<AccountsDialog *>()) != nullptr &&
                    accounts->isVisible());
        accounts->close();
    }

    void missingPlugin_saysSoWithoutSpendingAToken()
    {
        QTemporaryDir empty;
        ConnectWindowLoader loader({empty.path()});
        ConnectController controller(picker(), &loader, nullptr);
        controller.setTokenService(m_env.tokens.get());
        QSignalSpy message(&controller, &ConnectController::message);
        const int tokensBefore = m_env.sandbox->count("POST", "/oauth/token");
        controller.start(picker()->app());
        QCOMPARE(message.size(), 1);
        QCOMPARE(message.at(0).at(0).value<ConnectMessageBar::Kind>(),
                 ConnectMessageBar::Kind::Error);
        const auto text = message.at(0).at(1).value<ConnectMessageBar::Text>();
        QVERIFY(text().contains(QStringLiteral("not installed")));
        QCOMPARE(m_env.sandbox->count("POST", "/oauth/token"), tokensBefore);
    }

    void cleanupTestCase() { m_window.reset(); }
};

AB_WEBENGINE_TEST_MAIN(TestConnectFlow)

#include "tst_connectflow.moc"
