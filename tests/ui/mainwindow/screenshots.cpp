// Renders the main window in each main state to PNG (`ctest -L screenshots`, or run it with an
// output directory). The README's pictures come from here. It fails when a state is not reached,
// so a broken flow never yields a misleading picture.
#include "windowfixture.h"

#include "panes/inspectordock.h"
#include "panes/rundetailview.h"

#include <QDir>
#include <QMenuBar>
#include <QPalette>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTest>

using namespace ab;
using runs::Phase;

class Screenshots final : public QObject {
    Q_OBJECT

private:
    QString m_dir;

    void save(test::WindowFixture &f, const QString &name)
    {
        // Lay out what changed since the last event-loop turn, so the picture shows it.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        f.window->repaint();
        const QString path = m_dir + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY2(f.window->grab().save(path), qPrintable(path));
        qInfo("wrote %s", qPrintable(path));
    }

    static QPalette darkPalette()
    {
        QPalette palette;
        palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        palette.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
        palette.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x31));
        palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        palette.setColor(QPalette::Button, QColor(0x36, 0x38, 0x3d));
        palette.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd8));
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::ToolTipBase, QColor(0x1f, 0x21, 0x24));
        palette.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa0));
        palette.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
        palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
        return palette;
    }

    // The spreadsheet form filled and run.
    void spreadsheetRun(test::WindowFixture &f, bool shootForm)
    {
        QVERIFY(f.chooseAction(QStringLiteral("Google Sheets"), QStringLiteral("add_row")));
        QVERIFY(f.set(QStringLiteral("spreadsheet"), QStringLiteral("sheet_sales_2026"),
                      QStringLiteral("Sales Pipeline 2026")));
        QVERIFY(f.set(QStringLiteral("worksheet"), QStringLiteral("ws_q1_deals"),
                      QStringLiteral("Q1 Deals")));
        QVERIFY(f.set(QStringLiteral("COL$A"), QStringLiteral("Acme renewal")));
        QVERIFY(f.set(QStringLiteral("COL$B"), 12500.0));
        if (shootForm)
            save(f, QStringLiteral("02-form"));
        const qint64 id = f.run();
        QVERIFY(id > 0);
        QVERIFY(f.finishes(id, Phase::Success));
        QTRY_COMPARE(f.window->runDetail()->runId(), id);
        QTRY_VERIFY(f.window->runDetail()->record().phase == Phase::Success);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = qEnvironmentVariable("ACTIONBENCH_SCREENSHOT_DIR",
                                     QStringLiteral(ACTIONBENCH_SCREENSHOT_DIR));
        QVERIFY(QDir().mkpath(m_dir));
        // One style everywhere, so the pictures don't depend on the desktop they were made on.
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }

    // Retries stay quick, but the rate budget is Zapier's, so the gauge reads as it would.
    static api::ApiClientConfig realisticBudget()
    {
        api::ApiClientConfig config = test::fastClientConfig(QUrl());
        config.scheduler.partner = api::SchedulerConfig().partner;
        config.scheduler.actions = api::SchedulerConfig().actions;
        return config;
    }

    void catalog()
    {
        api::ApiClientConfig config = realisticBudget();
        test::WindowFixture f({}, &config);
        QVERIFY(f.start());
        QVERIFY(f.chooseAction(QStringLiteral("Slack"), QStringLiteral("send_channel_message")));
        save(f, QStringLiteral("01-catalog-and-form"));
    }

    void formAndSuccessfulRun()
    {
        api::ApiClientConfig config = realisticBudget();
        test::WindowFixture f({}, &config);
        QVERIFY(f.start());
        spreadsheetRun(f, true);
        save(f, QStringLiteral("03-run-success"));
    }

    void failedRunExplained()
    {
        api::ApiClientConfig config = realisticBudget();
        test::WindowFixture f({}, &config);
        QVERIFY(f.start());
        QVERIFY(
            f.runFaults(QStringLiteral("throttled"), QStringLiteral("Throttled"), 0, Phase::Error));
        QTRY_VERIFY(f.window->runDetail()->record().phase == Phase::Error);
        QTabWidget *tabs = f.window->runDetail()->tabs();
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i).contains(QStringLiteral("rror")))
                tabs->setCurrentIndex(i);
        }
        save(f, QStringLiteral("04-run-error-explained"));
    }

    void inspector()
    {
        api::ApiClientConfig config = realisticBudget();
        test::WindowFixture f({}, &config);
        QVERIFY(f.start());
        spreadsheetRun(f, false);
        f.window->inspector()->show();
        save(f, QStringLiteral("05-api-inspector"));
    }

    void darkPaletteFollowed()
    {
        const QPalette light = QApplication::palette();
        QApplication::setPalette(darkPalette());
        {
            api::ApiClientConfig config = realisticBudget();
            test::WindowFixture f({}, &config);
            QVERIFY(f.start());
            spreadsheetRun(f, false);
            save(f, QStringLiteral("06-dark"));
        }
        QApplication::setPalette(light);
    }

    // The same window after a run, switched live to German, and a failed run in Japanese.
    void languagesSwitchedLive()
    {
        {
            api::ApiClientConfig config = realisticBudget();
            test::WindowFixture f({}, &config);
            QVERIFY(f.start());
            spreadsheetRun(f, false);
            QVERIFY(f.languages->choose(QStringLiteral("de")));
            QTRY_VERIFY(f.window->menuBar()->actions().value(0)->text() != QStringLiteral("&File"));
            save(f, QStringLiteral("07-deutsch"));
        }
        {
            api::ApiClientConfig config = realisticBudget();
            test::WindowFixture f({}, &config);
            QVERIFY(f.start());
            QVERIFY(f.runFaults(QStringLiteral("throttled"), QStringLiteral("Throttled"), 0,
                                Phase::Error));
            QVERIFY(f.languages->choose(QStringLiteral("ja")));
            QTRY_VERIFY(f.window->menuBar()->actions().value(0)->text() != QStringLiteral("&File"));
            QTRY_VERIFY(f.window->runDetail()->record().phase == Phase::Error);
            save(f, QStringLiteral("08-japanese"));
            QVERIFY(f.languages->choose(QStringLiteral("en")));
        }
        QLocale::setDefault(QLocale::c());
    }
};

QTEST_MAIN(Screenshots)
#include "screenshots.moc"
