#include "mainwindow/windowsettings.h"

#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using ab::ui::WindowSettings;

namespace {

// A window shaped like the main one: a catalog beside a form over a history list and detail.
struct Window {
    QMainWindow window;
    QSplitter *main = new QSplitter(Qt::Horizontal);
    QSplitter *work = new QSplitter(Qt::Vertical);
    QSplitter *history = new QSplitter(Qt::Horizontal);

    Window()
    {
        main->addWidget(new QWidget);
        main->addWidget(work);
        work->addWidget(new QWidget);
        work->addWidget(history);
        history->addWidget(new QWidget);
        history->addWidget(new QWidget);
        window.setCentralWidget(main);
    }
    WindowSettings::Layout layout() { return {&window, main, work, history}; }
};

} // namespace

class TestWindowSettings : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;

    std::unique_ptr<QSettings> openSettings() const
    {
        return std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                           QSettings::IniFormat);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
        m_settings = openSettings();
    }

    void firstRun_sizesTheWindowToTheScreen()
    {
        Window w;
        WindowSettings(m_settings.get()).restoreLayout(w.layout());
        const QSize available = QGuiApplication::primaryScreen()->availableGeometry().size();
        QCOMPARE(w.window.size(), QSize(available.width() * 85 / 100, available.height() * 85 / 100)
                                      .expandedTo(QSize(1100, 720))
                                      .boundedTo(available));
        w.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        // The catalog takes a quarter of the width, the history two fifths of the height.
        const QList<int> across = w.main->sizes();
        QVERIFY2(qAbs(across.at(0) * 3 - across.at(1)) <= 12,
                 qPrintable(QStringLiteral("%1 | %2").arg(across.at(0)).arg(across.at(1))));
        const QList<int> down = w.work->sizes();
        QVERIFY2(qAbs(down.at(0) * 2 - down.at(1) * 3) <= 12,
                 qPrintable(QStringLiteral("%1 / %2").arg(down.at(0)).arg(down.at(1))));
        QVERIFY(!WindowSettings(m_settings.get()).inspectorWasOpen());
        QVERIFY(WindowSettings(m_settings.get()).selection().appId.isEmpty());
    }

    void layout_comesBackInTheNextSession()
    {
        QList<int> main, work, history;
        QRect geometry;
        {
            Window w;
            w.window.resize(1000, 700);
            w.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w.window));
            w.main->setSizes({200, 800});
            w.work->setSizes({300, 400});
            w.history->setSizes({700, 300});
            main = w.main->sizes();
            work = w.work->sizes();
            history = w.history->sizes();
            geometry = w.window.geometry();
            const WindowSettings settings(m_settings.get());
            settings.saveLayout(w.layout(), true);
            settings.saveCustomServerUrl(QUrl(QStringLiteral("https://zapier.example.test")));
            settings.saveSelection({QStringLiteral("app-slack"), QStringLiteral("send_message")});
        }
        m_settings->sync();
        const std::unique_ptr<QSettings> next = openSettings();
        const WindowSettings settings(next.get());
        Window w;
        settings.restoreLayout(w.layout());
        w.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QCOMPARE(w.window.size(), geometry.size());
        QCOMPARE(w.main->sizes(), main);
        QCOMPARE(w.work->sizes(), work);
        QCOMPARE(w.history->sizes(), history);
        QVERIFY(settings.inspectorWasOpen());
        QCOMPARE(settings.customServerUrl(), QUrl(QStringLiteral("https://zapier.example.test")));
        QCOMPARE(settings.selection().appId, QStringLiteral("app-slack"));
        QCOMPARE(settings.selection().actionKey, QStringLiteral("send_message"));
    }

    void noSelection_keepsTheLastOne()
    {
        const WindowSettings settings(m_settings.get());
        settings.saveSelection({QStringLiteral("app-slack"), QStringLiteral("send_message")});
        settings.saveSelection({}); // nothing chosen now (a server switch): the last one stays
        QCOMPARE(settings.selection().appId, QStringLiteral("app-slack"));
    }

    void olderSettings_openTheInspectorWhenAStateWasSaved()
    {
        // Before "window/inspectorOpen" was kept, the dock's own saved state said it.
        QVERIFY(!WindowSettings(m_settings.get()).inspectorWasOpen());
        m_settings->setValue(QStringLiteral("window/state"), QByteArray("state"));
        QVERIFY(WindowSettings(m_settings.get()).inspectorWasOpen());
        m_settings->setValue(QStringLiteral("window/inspectorOpen"), false);
        QVERIFY(!WindowSettings(m_settings.get()).inspectorWasOpen());
    }

    void noSettings_keepNothing()
    {
        const WindowSettings settings(nullptr);
        Window w;
        settings.restoreLayout(w.layout()); // sized for a first run, nothing read
        QVERIFY(w.window.width() >= 1100 ||
                w.window.width() == QGuiApplication::primaryScreen()->availableGeometry().width());
        settings.saveLayout(w.layout(), true);
        settings.saveSelection({QStringLiteral("app"), QStringLiteral("action")});
        QVERIFY(!settings.inspectorWasOpen());
        QVERIFY(settings.selection().appId.isEmpty());
        QVERIFY(settings.customServerUrl().isEmpty());
    }

    void settings_holdNoTokenOrValue()
    {
        Window w;
        const WindowSettings settings(m_settings.get());
        settings.saveLayout(w.layout(), false);
        settings.saveCustomServerUrl(QUrl(QStringLiteral("https://zapier.example.test")));
        settings.saveSelection({QStringLiteral("app-slack"), QStringLiteral("send_message")});
        QStringList keys = m_settings->allKeys();
        keys.sort();
        QCOMPARE(keys,
                 (QStringList{
                     QStringLiteral("environment/customUrl"), QStringLiteral("selection/action"),
                     QStringLiteral("selection/app"), QStringLiteral("window/geometry"),
                     QStringLiteral("window/historySplitter"),
                     QStringLiteral("window/inspectorOpen"), QStringLiteral("window/mainSplitter"),
                     QStringLiteral("window/state"), QStringLiteral("window/workSplitter")}));
    }
};

QTEST_MAIN(TestWindowSettings)
#include "tst_windowsettings.moc"
