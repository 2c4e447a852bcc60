// The Connect window plugin, loaded as the app loads it, driven offscreen with Qt WebEngine
// against the sandbox's Connect page: every outcome (redirect, popup message, denial, expired
// token, invalid app, reconnect, running out of time, Esc) and the lock-down.
#include "connecttesting.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"
#include "widgets/connectwindow.h"
#include "widgets/connectwindowloader.h"

#include <QKeyEvent>
#include <QMetaMethod>
#include <QWebEngineProfile>
#include <QWebEngineView>

using namespace ab;
using namespace ab::ui;
using connect::ConnectResult;

Q_DECLARE_METATYPE(ab::connect::ConnectResult)
Q_DECLARE_METATYPE(ab::ui::ConnectRefusal)

class TestConnectWindow final : public QObject {
    Q_OBJECT

    test::ConnectEnvironment m_env;
    ConnectWindowLoader m_loader;

    struct Opened {
        std::unique_ptr<ConnectWindow> window;
        std::unique_ptr<QSignalSpy> finished; // from before the page loads: errors come at once
        QWebEngineView *view = nullptr;
        QWebEnginePage *page() const { return view->page(); }
    };

    // Opens a window on `session` and waits for the Connect page.
    Opened open(const connect::ConnectSession &session, const QString &appTitle = {})
    {
        Opened opened;
        ConnectWindowSpec spec;
        spec.session = session;
        spec.appTitle = appTitle;
        opened.window = std::make_unique<ConnectWindow>(m_loader.factory(), spec, nullptr);
        opened.finished =
            std::make_unique<QSignalSpy>(opened.window.get(), &ConnectWindow::finished);
        opened.view =
            opened.window->widget()->findChild<QWebEngineView *>(QStringLiteral("connectWebView"));
        if (!opened.view)
            return opened;
        QSignalSpy loaded(opened.view->page(), &QWebEnginePage::loadFinished);
        opened.window->show();
        if (!loaded.wait(20000))
            qWarning("the Connect page did not load");
        return opened;
    }

    static ConnectResult waitForResult(const Opened &opened)
    {
        QSignalSpy &finished = *opened.finished;
        if (finished.isEmpty() && !finished.wait(20000))
            return {};
        return finished.at(0).at(0).value<ConnectResult>();
    }

    static bool click(QWebEnginePage *page, const QString &id)
    {
        return test::evaluate(page,
                              QStringLiteral("(function(){var a=document.getElementById('%1');"
                                             "if(!a)return false;a.click();return true;})()")
                                  .arg(id))
            .toBool();
    }

    // The user's click on the link laid over the page's top-left corner. Chromium hit-tests a
    // click against the page's last composited frame; on a loaded machine the first click can
    // come before there is one and go nowhere, so, like a user, this clicks again (ten times at
    // most) until `effect` records what the click does.
    static bool userClick(QWebEngineView *view, QSignalSpy &effect)
    {
        QWidget *input = view->focusProxy() ? view->focusProxy() : view;
        for (int attempt = 0; attempt < 10 && effect.isEmpty(); ++attempt) {
            QTest::mouseClick(input, Qt::LeftButton, {}, QPoint(50, 50));
            effect.wait(5000);
        }
        return !effect.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ConnectResult>();
        qRegisterMetaType<ConnectRefusal>();
        QVERIFY(m_env.start());
        QVERIFY2(m_loader.factory(), qPrintable(m_loader.errorString()));
    }

    void successByRedirect()
    {
        const connect::ConnectSession session = m_env.session(QStringLiteral("SlackCLIAPI"));
        QVERIFY(session.url.isValid());
        Opened w = open(session, QStringLiteral("Slack"));
        QVERIFY(w.view);
        QCOMPARE(w.window->widget()->windowTitle(), QStringLiteral("Connect Slack"));
        QVERIFY(click(w.page(), QStringLiteral("allow")));
        const ConnectResult result = waitForResult(w);
        QVERIFY(result.isSuccess());
        QVERIFY(result.authenticationId.startsWith(QLatin1String("sb-conn-slack-new-")));
        QCOMPARE(result.service, QStringLiteral("SlackCLIAPI"));
        QTRY_VERIFY(!w.window->widget()->isVisible()); // closed once the result is read
        // The redirect was caught, never loaded.
        QCOMPARE(m_env.sandbox->count("GET", "/connect/callback*"), 0);
    }

    void successByPopupMessage()
    {
        // No redirect_uri: the sandbox answers like Connect UI, through window.opener.
        const connect::ConnectSession session = m_env.session(QStringLiteral("SlackCLIAPI"), false);
        Opened w = open(session);
        QVERIFY(w.view);
        QVERIFY(click(w.page(), QStringLiteral("allow")));
        const ConnectResult result = waitForResult(w);
        QVERIFY2(result.isSuccess(), qPrintable(result.description));
        QVERIFY(result.authenticationId.startsWith(QLatin1String("sb-conn-slack-new-")));
        QVERIFY(result.service.isEmpty()); // the message carries only the id
    }

    void userDenies_isExplained()
    {
        const connect::ConnectSession session = m_env.session(QStringLiteral("SlackCLIAPI"));
        Opened w = open(session);
        QVERIFY(click(w.page(), QStringLiteral("deny")));
        const ConnectResult result = waitForResult(w);
        QVERIFY(result.isError());
        QCOMPARE(result.state, session.state);
        const connect::ConnectErrorInfo info = connect::explain(result);
        QCOMPARE(info.problem, connect::ConnectProblem::OAuthFailed);
        QCOMPARE(info.next, connect::ConnectNextStep::StartAgain);
    }

    void expiredToken_isExplained()
    {
        const connect::ConnectSession session = m_env.session(QStringLiteral("SlackCLIAPI"));
        m_env.clock.advance(7 * 60 * 1000); // the sandbox's clock: the token is stale on arrival
        Opened w = open(session);
        const ConnectResult result = waitForResult(w);
        QVERIFY(result.isError());
        QCOMPARE(connect::explain(result).problem, connect::ConnectProblem::TokenExpired);
        QCOMPARE(connect::explain(result).next, connect::ConnectNextStep::GetNewToken);
    }

    void invalidApp_isExplained()
    {
        const connect::ConnectSession session = m_env.session(QStringLiteral("NoSuchAppAPI"));
        QVERIFY(session.url.isValid());
        Opened w = open(session);
        const ConnectResult result = waitForResult(w);
        QCOMPARE(connect::explain(result).problem, connect::ConnectProblem::InvalidApp);
        QCOMPARE(connect::explain(result).next, connect::ConnectNextStep::CheckAppId);
    }

    void reconnect_revivesTheExpiredConnection()
    {
        const connect::ConnectSession session = m_env.session(
            QStringLiteral("SalesforceCLIAPI"), true, QStringLiteral("sb-conn-sf-expired"));
        Opened w = open(session, QStringLiteral("Salesforce"));
        QCOMPARE(w.window->widget()->windowTitle(), QStringLiteral("Reconnect Salesforce"));
        QVERIFY(click(w.page(), QStringLiteral("allow")));
        const ConnectResult result = waitForResult(w);
        QVERIFY(result.isSuccess());
        QCOMPARE(result.authenticationId, QStringLiteral("sb-conn-sf-expired"));
        test::Await<QList<core::Connection>> listed;
        m_env.client->connections(m_env.sandbox->appId("Salesforce"), this, listed.callback());
        QVERIFY(listed.wait());
        QVERIFY2(listed.ok(), listed.describe().constData());
        bool found = false;
        for (const core::Connection &connection : listed.value()) {
            if (connection.id == QLatin1String("sb-conn-sf-expired")) {
                found = true;
                QVERIFY(!connection.isExpired);
            }
        }
        QVERIFY(found);
    }

    void runningOutOfTime_closesAsTimedOut()
    {
        connect::ConnectSession session = m_env.session(QStringLiteral("SlackCLIAPI"));
        session.expiresAt = QDateTime::currentSecsSinceEpoch() + 2;
        Opened w = open(session);
        const ConnectResult result = waitForResult(w);
        QCOMPARE(result.kind, ConnectResult::Kind::Closed);
        QVERIFY(w.window->timedOut());
    }

    void escape_closesWithoutResult()
    {
        Opened w = open(m_env.session(QStringLiteral("SlackCLIAPI")));
        QSignalSpy &finished = *w.finished;
        QWidget *focus = QApplication::focusWidget() ? QApplication::focusWidget() : w.view;
        QTest::keyClick(focus, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        QCOMPARE(finished.at(0).at(0).value<ConnectResult>().kind, ConnectResult::Kind::Closed);
        QVERIFY(!w.window->timedOut());
    }

    void resultOfAnotherSession_isIgnored()
    {
        const connect::ConnectSession session = m_env.session(QStringLiteral("SlackCLIAPI"));
        Opened w = open(session);
        QSignalSpy refused(w.window.get(), &ConnectWindow::pageRefused);
        QSignalSpy finished(w.window.get(), &ConnectWindow::finished);
        QUrl forged = session.redirectUri;
        forged.setQuery(QStringLiteral("error=access_denied&error_description=x&state=other"));
        test::evaluate(w.page(), QStringLiteral("location.href = '%1'").arg(forged.toString()));
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 20000);
        QCOMPARE(refused.at(0).at(0).value<ConnectRefusal>(), ConnectRefusal::Message);
        QVERIFY(finished.isEmpty());
    }

    void lockDown_navigationsOutsideAreRefusedOrSentToTheBrowser()
    {
        Opened w = open(m_env.session(QStringLiteral("SlackCLIAPI")));
        const QUrl connectPage = w.page()->url();
        QSignalSpy refused(w.window.get(), &ConnectWindow::pageRefused);
        QSignalSpy external(w.window.get(), &ConnectWindow::externalLinkRequested);

        // Script navigations to plain http and to files stay out.
        test::evaluate(w.page(), QStringLiteral("location.href = 'http://203.0.113.9/x'"));
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 20000);
        QCOMPARE(refused.last().at(1).toUrl(), QUrl(QStringLiteral("http://203.0.113.9/x")));
        // Chromium itself keeps web pages from files; the window's rules would refuse them too.
        test::evaluate(w.page(), QStringLiteral("location.href = 'file:///etc/passwd'"));
        QCOMPARE(test::evaluate(w.page(), QStringLiteral("location.protocol")).toString(),
                 QStringLiteral("http:"));
        QCOMPARE(w.page()->url(), connectPage);

        // The same by a script pretending to be a link: no click, no system browser.
        test::evaluate(w.page(), QStringLiteral("var a = document.createElement('a');"
                                                "a.href = 'http://help.example/privacy';"
                                                "a.id = 'out'; a.textContent = 'Privacy';"
                                                "a.style = 'position:fixed;left:0;top:0;"
                                                "width:300px;height:200px;display:block';"
                                                "document.body.appendChild(a); a.click();"));
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 2, 20000);
        QVERIFY(external.isEmpty());

        // A plain link the user clicks goes to the system browser, not into the window.
        QVERIFY(userClick(w.view, external));
        QCOMPARE(external.count(), 1);
        QCOMPARE(external.at(0).at(0).toUrl(), QUrl(QStringLiteral("http://help.example/privacy")));
        QCOMPARE(w.page()->url(), connectPage);
    }

    void lockDown_messagesFromAnotherOriginAreIgnored()
    {
        Opened w = open(m_env.session(QStringLiteral("SlackCLIAPI"), false));
        QSignalSpy refused(w.window.get(), &ConnectWindow::pageRefused);
        QSignalSpy finished(w.window.get(), &ConnectWindow::finished);
        QSignalSpy loaded(w.page(), &QWebEnginePage::loadFinished);
        // A page of another origin in the main frame (as an OAuth provider's page would be)
        // posts a forged success to the opener.
        w.page()->setHtml(QStringLiteral("<p>elsewhere</p><script>window.opener.postMessage("
                                         "{type: 'authenticationSuccess', authId: 'forged'}, "
                                         "'*');</script>"),
                          QUrl(QStringLiteral("https://evil.example/")));
        QVERIFY(loaded.wait(20000));
        QTRY_VERIFY(!refused.isEmpty());
        QCOMPARE(refused.at(0).at(0).value<ConnectRefusal>(), ConnectRefusal::Message);
        QCOMPARE(refused.at(0).at(1).toUrl().host(), QStringLiteral("evil.example"));
        QVERIFY(finished.isEmpty());
    }

    void lockDown_bridgeIsInvisibleToPagesAndHasOneMethod()
    {
        Opened w = open(m_env.session(QStringLiteral("SlackCLIAPI")));
        // The page's own world has the opener shim and nothing of the channel.
        QCOMPARE(test::evaluate(w.page(), QStringLiteral("typeof qt + ',' + typeof QWebChannel + "
                                                         "',' + typeof window.opener.postMessage"))
                     .toString(),
                 QStringLiteral("undefined,undefined,function"));
        QObject *bridge = w.window->widget()->findChild<QObject *>(QStringLiteral("connectBridge"));
        QVERIFY(bridge);
        const QMetaObject *meta = bridge->metaObject();
        QStringList invokable;
        for (int i = meta->methodOffset(); i < meta->methodCount(); ++i) {
            const QMetaMethod method = meta->method(i);
            if (method.methodType() != QMetaMethod::Signal &&
                method.access() == QMetaMethod::Public)
                invokable.append(QString::fromLatin1(method.name()));
        }
        QCOMPARE(invokable, QStringList{QStringLiteral("result")});
    }

    void lockDown_downloadsAreCancelled()
    {
        Opened w = open(m_env.session(QStringLiteral("SlackCLIAPI")));
        QSignalSpy refused(w.window.get(), &ConnectWindow::pageRefused);
        test::evaluate(
            w.page(),
            QStringLiteral("var a = document.createElement('a');"
                           "a.href = URL.createObjectURL(new Blob(['secret']));"
                           "a.download = 'x.txt'; document.body.appendChild(a); a.click();"));
        QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty(), 20000);
        QCOMPARE(refused.at(0).at(0).value<ConnectRefusal>(), ConnectRefusal::Download);
    }

    void lockDown_permissionsAreDenied()
    {
        Opened w = open(m_env.session(QStringLiteral("SlackCLIAPI")));
        QSignalSpy refused(w.window.get(), &ConnectWindow::pageRefused);
        test::evaluate(w.page(), QStringLiteral("Notification.requestPermission().then("
                                                "function (p) { document.title = 'n:' + p; });"));
        QTRY_COMPARE_WITH_TIMEOUT(w.page()->title(), QStringLiteral("n:denied"), 20000);
        QVERIFY(!refused.isEmpty());
        QCOMPARE(refused.at(0).at(0).value<ConnectRefusal>(), ConnectRefusal::Permission);
        test::evaluate(w.page(),
                       QStringLiteral("navigator.geolocation.getCurrentPosition("
                                      "function () { document.title = 'geo:yes'; },"
                                      "function (e) { document.title = 'geo:' + e.code; });"));
        QTRY_COMPARE_WITH_TIMEOUT(w.page()->title(), QStringLiteral("geo:1"), 20000);
    }

    void lockDown_popupsStayInsideAndLockedDown()
    {
        Opened w = open(m_env.session(QStringLiteral("SlackCLIAPI")));
        QWidget *window = w.window->widget();
        QSignalSpy refused(w.window.get(), &ConnectWindow::pageRefused);
        // The provider's sign-in popup: a child window of the same profile.
        test::evaluate(w.page(), QStringLiteral("window.open(location.origin + '/connect/to/x', "
                                                "'signin', 'width=500,height=600'); true"));
        QTRY_COMPARE_WITH_TIMEOUT(
            window->findChildren<QWidget *>(QStringLiteral("connectPopup")).size(), 1, 20000);
        QWidget *popup = window->findChildren<QWidget *>(QStringLiteral("connectPopup")).at(0);
        auto *popupView = popup->findChild<QWebEngineView *>();
        QVERIFY(popupView);
        QTRY_VERIFY_WITH_TIMEOUT(popupView->page()->url().path() ==
                                         QLatin1String("/connect/to/x") &&
                                     !popupView->page()->isLoading(),
                                 20000);
        QCOMPARE(popupView->page()->profile(), w.page()->profile());
        QVERIFY(w.page()->profile()->isOffTheRecord());
        // Locked down like the window: plain http stays out.
        test::evaluate(popupView->page(), QStringLiteral("location.href = 'http://203.0.113.9/'"));
        QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty(), 20000);
        // A popup's window.close() closes it.
        test::evaluate(popupView->page(), QStringLiteral("window.close()"));
        QTRY_VERIFY_WITH_TIMEOUT(
            window->findChildren<QWidget *>(QStringLiteral("connectPopup")).isEmpty(), 20000);
    }

    void lockDown_newTabsFromElsewhereGoToTheBrowser()
    {
        Opened w = open(m_env.session(QStringLiteral("SlackCLIAPI")));
        QSignalSpy external(w.window.get(), &ConnectWindow::externalLinkRequested);
        QSignalSpy loaded(w.page(), &QWebEnginePage::loadFinished);
        w.page()->setHtml(QStringLiteral("<a id='help' target='_blank' style='position:fixed;"
                                         "left:0;top:0;width:300px;height:200px;display:block' "
                                         "href='https://help.example/terms'>Terms</a>"),
                          QUrl(QStringLiteral("https://provider.example/")));
        QVERIFY(loaded.wait(20000));
        QSignalSpy refused(w.window.get(), &ConnectWindow::pageRefused);
        QVERIFY(click(w.page(), QStringLiteral("help"))); // a script: not the user's doing
        QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty(), 20000);
        QVERIFY(external.isEmpty());
        QVERIFY(userClick(w.view, external));
        QCOMPARE(external.at(0).at(0).toUrl(), QUrl(QStringLiteral("https://help.example/terms")));
        QVERIFY(
            w.window->widget()->findChildren<QWidget *>(QStringLiteral("connectPopup")).isEmpty());
    }

    void retranslate_windowFollowsTheLanguageWithoutReloading()
    {
        Opened w = open(m_env.session(QStringLiteral("SlackCLIAPI")), QStringLiteral("Slack"));
        QVERIFY(w.view);
        QWidget *window = w.window->widget();
        // A sign-in popup is open too.
        test::evaluate(w.page(), QStringLiteral("window.open(location.origin + '/connect/to/x', "
                                                "'signin', 'width=500,height=600'); true"));
        QTRY_COMPARE_WITH_TIMEOUT(
            window->findChildren<QWidget *>(QStringLiteral("connectPopup")).size(), 1, 20000);
        QWidget *popup = window->findChildren<QWidget *>(QStringLiteral("connectPopup")).at(0);
        auto *popupView = popup->findChild<QWebEngineView *>();
        QTRY_VERIFY_WITH_TIMEOUT(!popupView->page()->isLoading(), 20000);
        const QUrl shown = w.page()->url();
        QSignalSpy reloaded(w.page(), &QWebEnginePage::loadStarted);

        test::PseudoLanguage pseudo;
        // Only the popup's title is the page's own.
        const QString pageTitle = popupView->page()->title();
        const QStringList found =
            test::UntranslatedText([pageTitle](const QString &text) {
                return pageTitle.isEmpty() ? text : QString(text).remove(pageTitle);
            }).scan(window);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
        QCOMPARE(window->windowTitle(), QStringLiteral("⟦Connect Slack⟧"));
        QVERIFY(popupView->accessibleName().startsWith(test::PseudoTranslator::open));
        // Same page, same session, still waiting for the user.
        QCOMPARE(w.page()->url(), shown);
        QVERIFY(reloaded.isEmpty());
        QVERIFY(window->isVisible());
        QVERIFY(w.finished->isEmpty());
        w.window->close();
        QTRY_VERIFY_WITH_TIMEOUT(!w.finished->isEmpty(), 20000);
    }

    void onlyTheConnectTokenReachesThePage()
    {
        m_env.sandbox->server().clearRequests();
        const connect::ConnectSession session = m_env.session(QStringLiteral("SlackCLIAPI"));
        Opened w = open(session);
        QVERIFY(click(w.page(), QStringLiteral("allow")));
        QVERIFY(waitForResult(w).isSuccess());
        const QList<sandbox::SandboxRequest> pages = m_env.sandbox->requests("GET", "/connect/*");
        QVERIFY(pages.size() >= 2);
        const QString accessToken = m_env.client->config().token;
        for (const sandbox::SandboxRequest &page : pages) {
            QVERIFY(page.header("authorization").isEmpty());
            QVERIFY(page.header("cookie").isEmpty());
            QVERIFY(!page.query.contains(accessToken));
        }
    }
};

AB_WEBENGINE_TEST_MAIN(TestConnectWindow)

#include "tst_connectwindow.moc"
