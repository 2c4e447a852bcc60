// `ctest -L screenshots` (under a real display, e.g. xvfb-run with -platform xcb) renders the
// Connect window over the main window, and the message bar after a denial, in the light and
// dark palettes, to build/screenshots/connect-*.png. Not an assertion-heavy test: a way to look.
#include "connecttesting.h"
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
#include "widgets/connectmessagebar.h"
#include "widgets/connectwindow.h"

#include <QDir>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QWebEngineView>

using namespace ab;
using namespace ab::ui;

class ConnectScreenshots final : public QObject {
    Q_OBJECT

    void shoot(const QString &name)
    {
        QDir().mkpath(QStringLiteral(ACTIONBENCH_SCREENSHOT_DIR));
        const QString path = QStringLiteral(ACTIONBENCH_SCREENSHOT_DIR "/connect-%1.png").arg(name);
        QVERIFY(QGuiApplication::primaryScreen()->grabWindow(0).save(path));
        qInfo("%s", qPrintable(path));
    }

    void run(const QString &theme)
    {
        QTemporaryDir dir;
        test::ConnectEnvironment env;
        QVERIFY(env.start());
        runs::HistoryStore history(runs::jsonRunCodec());
        QVERIFY(history.open(dir.filePath(QStringLiteral("h.sqlite"))));
        runs::RunService runService(env.client.get(), &history, &env.clock);
        QNetworkAccessManager network;
        models::IconCache icons(&network, nullptr);
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Services services;
        services.client = env.client.get();
        services.history = &history;
        services.runs = &runService;
        services.icons = &icons;
        services.settings = &settings;
        services.sandboxUrl = env.sandbox->baseUrl();
        services.sandboxToken = test::sandboxToken();
        services.tokens = env.tokens.get();
        MainWindow window(services);
        window.connectController()->setUrlOpener([](const QUrl &) {});
        window.setGeometry(0, 0, 1440, 900);
        window.show();
        window.catalogPane()->selectApp(env.sandbox->appId("Salesforce"));
        window.catalogPane()->selectAction(QStringLiteral("create_record"));
        form::FormSession *s = window.workbench()->session();
        QTRY_VERIFY_WITH_TIMEOUT(s->isLoaded() && !s->isBusy(), 20000);
        ConnectionPicker *picker = window.connectionPicker();
        picker->selectConnection(QStringLiteral("sb-conn-sf-expired"));
        QTRY_VERIFY(picker->reconnectButton()->isVisible());

        QSignalSpy opened(window.connectController(), &ConnectController::windowOpened);
        picker->reconnectButton()->click();
        QVERIFY(opened.wait(20000));
        auto *connectWindow = opened.at(0).at(0).value<ConnectWindow *>();
        auto *view = connectWindow->widget()->findChild<QWebEngineView *>();
        QTRY_VERIFY_WITH_TIMEOUT(!view->page()->isLoading() && !view->page()->title().isEmpty(),
                                 20000);
        QWidget *w = connectWindow->widget();
        w->move(window.geometry().center() - w->rect().center());
        QVERIFY(QTest::qWaitForWindowExposed(w));
        // The page is on screen once its orange Allow button is.
        const auto pagePainted = [w] {
            const QImage image = QGuiApplication::primaryScreen()->grabWindow(0).toImage();
            const QRect area = QRect(w->mapToGlobal(QPoint(0, 0)), w->size()) & image.rect();
            for (int y = area.top(); y < area.bottom(); y += 4) {
                for (int x = area.left(); x < area.right(); x += 4) {
                    const QColor c = image.pixelColor(x, y);
                    if (c.red() > 240 && c.green() > 60 && c.green() < 100 && c.blue() < 30)
                        return true;
                }
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(pagePainted(), 20000);
        shoot(theme + QStringLiteral("-window"));

        test::evaluate(view->page(), QStringLiteral("document.getElementById('deny').click()"));
        QTRY_COMPARE_WITH_TIMEOUT(window.connectMessageBar()->kind(),
                                  ConnectMessageBar::Kind::Error, 20000);
        QTRY_VERIFY(!w->isVisible());
        window.repaint();
        shoot(theme + QStringLiteral("-denied"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The web page is composited by Chromium: only a real (virtual) display shows it.
        if (QGuiApplication::platformName() == QLatin1String("offscreen"))
            QSKIP("needs a display: xvfb-run -a ./connect_screenshots -platform xcb");
        qRegisterMetaType<ConnectWindow *>();
    }

    void light()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
        run(QStringLiteral("light"));
    }

    void dark()
    {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2e));
        p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x21));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
        p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        p.setColor(QPalette::Button, QColor(0x33, 0x33, 0x37));
        p.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9f));
        p.setColor(QPalette::ToolTipBase, QColor(0x33, 0x33, 0x37));
        p.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xe8));
        QApplication::setPalette(p);
        run(QStringLiteral("dark"));
    }
};

AB_WEBENGINE_TEST_MAIN(ConnectScreenshots)

#include "connect_screenshots.moc"
