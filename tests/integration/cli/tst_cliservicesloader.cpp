// The CLI's services plugin as actionbench-cli finds it (next to the build's binaries, as after
// installing), and what it serves through the header-only interface: a sandbox and accounts.
#include "cli/cliservices.h"
#include "cli/cliservicesloader.h"
#include "cli/exitcodes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ab::cli;

class TestCliServicesLoader final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // Accounts read the settings file under the config directory: a throw-away one.
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    }

    void missingPlugin_namesItAndWhereItWasSearched()
    {
        QTemporaryDir empty;
        CliServicesLoader loader({empty.path()});
        QVERIFY(!loader.services());
        QVERIFY2(loader.errorString().contains(CliServicesLoader::pluginBaseName()),
                 qPrintable(loader.errorString()));
        QVERIFY2(loader.errorString().contains(empty.path()), qPrintable(loader.errorString()));
        QVERIFY(loader.pluginPath().isEmpty());
    }

    void notAPlugin_saysWhyItCouldNotBeLoaded()
    {
        QTemporaryDir dir;
        QFile fake(dir.filePath(CliServicesLoader::pluginBaseName() + QStringLiteral(".so")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("not a shared library");
        fake.close();
        CliServicesLoader loader({dir.path()});
        QVERIFY(!loader.services());
        QVERIFY2(loader.errorString().contains(QStringLiteral("could not be loaded")),
                 qPrintable(loader.errorString()));
    }

    void defaultDirectories_overrideComesFirst()
    {
        qputenv("ACTIONBENCH_PLUGIN_DIR", "/nowhere/plugins");
        const QStringList directories = CliServicesLoader::defaultDirectories();
        qunsetenv("ACTIONBENCH_PLUGIN_DIR");
        QCOMPARE(directories.size(), 2);
        QCOMPARE(directories.first(), QStringLiteral("/nowhere/plugins"));
        QVERIFY(directories.last().startsWith(
            QCoreApplication::applicationDirPath().section(QLatin1Char('/'), 0, -2)));
    }

    void builtPlugin_servesASandboxOnLoopback()
    {
        CliServicesLoader loader;
        CliServices *services = loader.services();
        QVERIFY2(services, qPrintable(loader.errorString()));
        QVERIFY(loader.pluginPath().contains(CliServicesLoader::pluginBaseName()));
        QCOMPARE(loader.services(), services); // loaded once

        SandboxSettings settings;
        settings.token = QStringLiteral("t0ken");
        const std::unique_ptr<Sandbox> sandbox = services->createSandbox(settings);
        QCOMPARE(sandbox->token(), QStringLiteral("t0ken"));
        QString error;
        QVERIFY(!sandbox->setFaultPlan("{not json", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(sandbox->listen(0));
        QVERIFY(sandbox->port() != 0);
        QCOMPARE(sandbox->baseUrl().host(), QStringLiteral("127.0.0.1"));

        QNetworkAccessManager network;
        QNetworkRequest request(sandbox->baseUrl().resolved(QUrl(QStringLiteral("/v2/apps"))));
        request.setRawHeader("Authorization", "Bearer t0ken");
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(30000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

        // Without a token it accepts its own.
        QCOMPARE(services->createSandbox({})->token(), QStringLiteral("sandbox-token"));
    }

    void builtPlugin_accountsOfAnEnvironmentNobodySignedInto()
    {
        CliServicesLoader loader;
        CliServices *services = loader.services();
        QVERIFY2(services, qPrintable(loader.errorString()));
        AccountsSettings settings;
        settings.environment = QStringLiteral("https://nobody.example");
        settings.baseUrl = QUrl(settings.environment);
        const std::unique_ptr<Accounts> accounts = services->createAccounts(settings);
        QVERIFY(!accounts->isConfigured());

        // `auth` with a verb it does not know is a usage error, reported once.
        QCommandLineParser parser;
        QVERIFY(parser.parse({QStringLiteral("actionbench-cli")}));
        QList<int> exitCodes;
        accounts->runAuth(&parser, {QStringLiteral("dance")},
                          [&exitCodes](int exitCode) { exitCodes.append(exitCode); });
        QCOMPARE(exitCodes, QList<int>{ExitUsage});
    }
};

QTEST_GUILESS_MAIN(TestCliServicesLoader)
#include "tst_cliservicesloader.moc"
