// Finding our own plugins: the directories searched, and what a search that fails reports.
#include "core/pluginsearch.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPluginLoader>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace ab;

class TestPluginSearch final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void directories_nextToTheExecutable()
    {
        qunsetenv("ACTIONBENCH_PLUGIN_DIR");
        const QStringList directories =
            core::pluginDirectories(QStringLiteral("../lib/actionbench/plugins"));
        QCOMPARE(directories.size(), 1);
        QCOMPARE(directories.first(),
                 QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                 QStringLiteral("/../lib/actionbench/plugins")));
    }

    void directories_theOverrideComesFirst()
    {
        qputenv("ACTIONBENCH_PLUGIN_DIR", "/opt/elsewhere");
        const auto restore = qScopeGuard([] { qunsetenv("ACTIONBENCH_PLUGIN_DIR"); });
        const QStringList directories = core::pluginDirectories(QStringLiteral("plugins"));
        QCOMPARE(directories.size(), 2);
        QCOMPARE(directories.first(), QStringLiteral("/opt/elsewhere"));
        QCOMPARE(directories.last(),
                 QCoreApplication::applicationDirPath() + QStringLiteral("/plugins"));
    }

    void find_nothingThereReportsNoFailure()
    {
        QTemporaryDir empty;
        QVERIFY(empty.isValid());
        const core::FoundPlugin found = core::findPlugin(
            {empty.path(), empty.filePath(QStringLiteral("missing"))},
            QStringLiteral("actionbench_cliservices"), [](QObject *) { return true; });
        QVERIFY(!found.loader);
        QVERIFY(found.path.isEmpty());
        QVERIFY(found.failures.isEmpty());
    }

    void find_aFileThatIsNoLibraryIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile fake(dir.filePath(QStringLiteral("actionbench_cliservices.so")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("not a library");
        fake.close();
        const core::FoundPlugin found =
            core::findPlugin({dir.path()}, QStringLiteral("actionbench_cliservices"),
                             [](QObject *) { return true; });
        QVERIFY(!found.loader);
        QCOMPARE(found.failures.size(), 1);
        QVERIFY2(found.failures.first().contains(QStringLiteral("actionbench_cliservices.so")),
                 qPrintable(found.failures.first()));
    }

    void find_loadsTheFirstAcceptedOneAndSaysWhyOthersWereRefused()
    {
        const QFileInfo plugin(QStringLiteral(AB_TEST_PLUGIN_FILE));
        QVERIFY2(plugin.exists(), AB_TEST_PLUGIN_FILE);
        const QString baseName = plugin.completeBaseName();

        const core::FoundPlugin refused =
            core::findPlugin({plugin.absolutePath()}, baseName, [](QObject *instance) {
                return instance->inherits("NoSuchInterface");
            });
        QVERIFY(!refused.loader);
        QCOMPARE(refused.failures.size(), 1);
        QVERIFY2(refused.failures.first().contains(QStringLiteral("not the expected plugin")),
                 qPrintable(refused.failures.first()));

        // An earlier directory without it is passed over; the refusal of the first search is
        // not repeated in the second.
        QTemporaryDir empty;
        QVERIFY(empty.isValid());
        const core::FoundPlugin found =
            core::findPlugin({empty.path(), plugin.absolutePath()}, baseName,
                             [](QObject *instance) { return instance != nullptr; });
        QVERIFY(found.loader);
        QVERIFY(found.loader->isLoaded());
        QCOMPARE(QFileInfo(found.path).canonicalFilePath(), plugin.canonicalFilePath());
        QVERIFY(found.failures.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPluginSearch)
#include "tst_pluginsearch.moc"
