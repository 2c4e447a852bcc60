// The Connect window plugin as the app finds it, from a process that links what the app links
// (ab_ui, no WebEngine): WebEngine must not be in the process until the plugin loads.
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"
#include "widgets/connectmessagebar.h"
#include "widgets/connectmessages.h"
#include "widgets/connectwindowfactory.h"
#include "widgets/connectwindowloader.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QOpenGLContext>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <memory>

using namespace ab;
using namespace ab::ui;

namespace {

bool webEngineInProcess()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libQt6WebEngineCore");
}

} // namespace

class TestConnectLoader final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void missingPlugin_saysItIsNotInstalled()
    {
        QTemporaryDir empty;
        ConnectWindowLoader loader({empty.path()});
        QVERIFY(!loader.factory());
        QVERIFY(!loader.isLoaded());
        QVERIFY2(
            loader.errorString().contains(QStringLiteral("The Connect window is not installed")),
            qPrintable(loader.errorString()));
        QVERIFY(!webEngineInProcess());
    }

    void missingPlugin_explainsInTheCurrentLanguage()
    {
        QTemporaryDir empty;
        ConnectWindowLoader loader({empty.path()});
        QVERIFY(!loader.factory()); // failed in English
        test::PseudoLanguage pseudo;
        const QString text = loader.errorString();
        QVERIFY2(text.startsWith(test::PseudoTranslator::open), qPrintable(text));
        QVERIFY(test::PseudoTranslator::untranslatedRemainder(text).isEmpty());
    }

    void messageBar_retranslatesTheMessageShown()
    {
        ConnectMessageBar bar;
        bar.resize(600, 80);
        const auto iconsShown = [&bar] {
            const QList<QToolButton *> buttons = bar.findChildren<QToolButton *>();
            const QList<QLabel *> labels = bar.findChildren<QLabel *>();
            return std::any_of(buttons.begin(), buttons.end(),
                               [](const QToolButton *b) { return !b->icon().isNull(); }) &&
                   std::any_of(labels.begin(), labels.end(),
                               [](const QLabel *l) { return !l->pixmap().isNull(); });
        };
        QVERIFY(!iconsShown()); // an empty bar fetches no icon from the style
        int made = 0;
        bar.showMessage(ConnectMessageBar::Kind::Error, [&made] {
            ++made;
            return ConnectMessages::timedOut(QStringLiteral("Slack"));
        });
        bar.show();
        QCOMPARE(made, 1);
        QVERIFY(iconsShown());
        {
            test::PseudoLanguage pseudo;
            const QStringList found = test::UntranslatedText().scan(&bar);
            QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
            QCOMPARE(made, 2); // made again, not kept
            QVERIFY(bar.text().startsWith(test::PseudoTranslator::open));
            QVERIFY(bar.text().contains(QStringLiteral("Slack")));
            QCOMPARE(bar.kind(), ConnectMessageBar::Kind::Error);
            QVERIFY(bar.retryButton()->isVisible());
        }
        QCOMPARE(bar.text(), ConnectMessages::timedOut(QStringLiteral("Slack")));
    }

    void prepareWebEngine_asksForSoftwareRenderingUnlessTheUserChose_data()
    {
        QTest::addColumn<QByteArray>("flags");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("none") << QByteArray() << QByteArray("--disable-gpu");
        QTest::newRow("other flags kept")
            << QByteArray("--no-sandbox") << QByteArray("--no-sandbox --disable-gpu");
        QTest::newRow("already software")
            << QByteArray("--disable-gpu --no-sandbox") << QByteArray("--disable-gpu --no-sandbox");
        QTest::newRow("the user's GL choice")
            << QByteArray("--use-gl=egl") << QByteArray("--use-gl=egl");
    }
    void prepareWebEngine_asksForSoftwareRenderingUnlessTheUserChose()
    {
        QFETCH(QByteArray, flags);
        QFETCH(QByteArray, expected);
        // The app shares no OpenGL contexts at start, and neither does this test (see main()).
        QVERIFY(!QCoreApplication::testAttribute(Qt::AA_ShareOpenGLContexts));
        const QByteArray saved = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
        const auto restore = qScopeGuard([&saved] {
            if (saved.isNull())
                qunsetenv("QTWEBENGINE_CHROMIUM_FLAGS");
            else
                qputenv("QTWEBENGINE_CHROMIUM_FLAGS", saved);
        });
        if (flags.isNull())
            qunsetenv("QTWEBENGINE_CHROMIUM_FLAGS");
        else
            qputenv("QTWEBENGINE_CHROMIUM_FLAGS", flags);
        ConnectWindowLoader::prepareWebEngine();
        QCOMPARE(qgetenv("QTWEBENGINE_CHROMIUM_FLAGS"), expected);
        // The context Qt WebEngine reads exists now, made once (valid or not on this platform).
        QOpenGLContext *shared = QOpenGLContext::globalShareContext();
        QVERIFY(shared);
        ConnectWindowLoader::prepareWebEngine();
        QCOMPARE(QOpenGLContext::globalShareContext(), shared);
    }

    void buildTree_findsThePluginAndOnlyThenWebEngine()
    {
        if (!QFile::exists(QStringLiteral("/proc/self/maps")))
            QSKIP("needs /proc (Linux)");
        QVERIFY2(!webEngineInProcess(), "WebEngine is linked into ab_ui: it must load on demand");
        ConnectWindowLoader loader;
        QVERIFY(!loader.isLoaded());
        QVERIFY(!webEngineInProcess()); // constructing the loader loads nothing
        ConnectWindowFactory *factory = loader.factory();
        QVERIFY2(factory, qPrintable(loader.errorString()));
        QVERIFY(loader.pluginPath().contains(QStringLiteral("actionbench/plugins")));
        QVERIFY(webEngineInProcess());
        QCOMPARE(loader.factory(), factory); // once
    }

    void messages_everyProblemAndStepHasWords()
    {
        using connect::ConnectNextStep;
        using connect::ConnectProblem;
        for (int p = int(ConnectProblem::InvalidToken); p <= int(ConnectProblem::Unknown); ++p) {
            connect::ConnectErrorInfo info;
            info.problem = ConnectProblem(p);
            info.detail = QStringLiteral("detail");
            QVERIFY2(!ConnectMessages::meaning(info).isEmpty(), qPrintable(QString::number(p)));
        }
        for (int s = int(ConnectNextStep::GetNewToken);
             s <= int(ConnectNextStep::RetryOrContactSupport); ++s)
            QVERIFY(!ConnectMessages::nextStep(ConnectNextStep(s)).isEmpty());
        const connect::ConnectResult denied = connect::ConnectResult::fromRedirect(
            QUrl(QStringLiteral("https://p.example/cb?error=server_error&error_description="
                                "OAuth%20Failed%3A%20the%20user%20denied%20access")));
        const QString text = ConnectMessages::resultFailed(QStringLiteral("Slack"), denied);
        QVERIFY2(text.contains(QStringLiteral("the user denied access")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Start the connection again")), qPrintable(text));
    }

    // WebEngine loaded after start, by a process that links none, on the platform this test
    // runs on. ctest also runs this binary on a real X server (tst_connectloader_xcb), where Qt
    // WebEngine 6.4 crashed as the page started loading until prepareWebEngine() made the
    // shared OpenGL context; the offscreen platform never showed it.
    void connectWindow_loadsAPageOnThisPlatform()
    {
        ConnectWindowLoader loader;
        ConnectWindowFactory *factory = loader.factory();
        QVERIFY2(factory, qPrintable(loader.errorString()));
        struct Listener final : ConnectWindowListener {
            void connectResult(const connect::ConnectResult &) override {}
            void connectClosed(bool) override {}
            void openExternally(const QUrl &) override {}
            void refused(ConnectRefusal, const QUrl &) override {}
        } listener;
        ConnectWindowSpec spec;
        // Nothing listens on the discard port: the load ends at once, and in failure.
        spec.session.url = QUrl(QStringLiteral("http://127.0.0.1:9/to/slack"));
        spec.session.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:9/done"));
        spec.appTitle = QStringLiteral("Slack");
        std::unique_ptr<QWidget> window(factory->createConnectWindow(spec, &listener, nullptr));
        QVERIFY(window);
        QWidget *page = nullptr;
        for (QWidget *child : window->findChildren<QWidget *>()) {
            if (qstrcmp(child->metaObject()->className(), "QWebEngineView") == 0)
                page = child;
        }
        QVERIFY(page);
        QSignalSpy finished(page, SIGNAL(loadFinished(bool)));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(finished.wait(60000));
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    TestConnectLoader test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_connectloader.moc"
