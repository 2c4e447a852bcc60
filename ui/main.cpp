// actionbench: the desktop workbench. Composition root: builds the services (the in-process
// sandbox, the API client, the shared history, the run service) and hands them to the window.
#include "api/apiclient.h"
#include "connect/credentials.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "core/clock.h"
#include "core/version.h"
#include "i18n/languagemanager.h"
#include "mainwindow/mainwindow.h"
#include "models/appcatalogmodel.h"
#include "models/iconcache.h"
#include "panes/catalogpane.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "runs/runservice.h"
#include "sandbox/sandboxhost.h"
#include "secrets/keychainsecretstore.h"
#include "style/appstyle.h"
#include "widgets/firstpaintprobe.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QScopeGuard>
#include <QSettings>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <memory>

using namespace ab;

namespace {

// Resident memory of this process in MB (Linux; 0 elsewhere): the self-test reports it.
double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

bool webEngineLoaded()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libQt6WebEngineCore");
}

// --self-test: the packaged app proves it starts, reaches the sandbox and lists the catalog. It
// reports once the window has painted a frame with the catalog listed (the wall clock then, for
// tests/bench/startup.sh), or why it could not.
void runSelfTest(ui::MainWindow &window, const QElapsedTimer &sinceStart)
{
    models::AppCatalogModel *apps = window.catalogPane()->appModel();
    auto finish = [&sinceStart](int code, const QString &message) {
        const qint64 paintedUs = std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
        std::fprintf(code == 0 ? stdout : stderr,
                     "self-test: %s; %lld ms after main(); %.1f MB resident; WebEngine %s; "
                     "painted at %lld us\n",
                     qPrintable(message), qlonglong(sinceStart.elapsed()), residentMegabytes(),
                     webEngineLoaded() ? "loaded" : "not loaded", qlonglong(paintedUs));
        std::fflush(nullptr);
        QCoreApplication::exit(code);
    };
    auto *probe = new ui::FirstPaintProbe(
        &window, [apps] { return !apps->loading() && apps->rowCount() > 0; },
        [apps, finish] { finish(0, QStringLiteral("ok, %1 apps listed").arg(apps->rowCount())); });
    QObject::connect(apps, &models::AppCatalogModel::loadingChanged, probe,
                     [probe] { probe->check(); });
    QObject::connect(apps, &QAbstractItemModel::rowsInserted, probe, [probe] { probe->check(); });
    QObject::connect(
        apps, &models::AppCatalogModel::failed, &window, [finish](const core::ApiError &error) {
            finish(1, QStringLiteral("the catalog failed to load: ") + error.summary());
        });
    auto *deadline = new QTimer(&window);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, &window,
                     [finish] { finish(2, QStringLiteral("no catalog within 30 s")); });
    deadline->start(30000);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    // Deliberately no Qt::AA_ShareOpenGLContexts: with it, the application object creates an
    // OpenGL context at once, which on Linux loads the GL driver (Mesa: LLVM and some 25 other
    // libraries, 55 MB resident) before the first paint; 185 ms against 80 ms to a painted
    // window under X. Only the Connect window's web engine needs it: the context is made when
    // that window first opens, and the page renders in software
    // (ConnectWindowLoader::prepareWebEngine()).
    QApplication app(argc, argv);
    // The platform's style, with the line edits' clear icon read without an icon-theme scan
    // when the desktop has no theme of its own (ui/style/appstyle.h).
    QApplication::setStyle(new ui::AppStyle(QApplication::style()->name()));
    QApplication::setApplicationName(QStringLiteral("Actionbench"));
    QApplication::setOrganizationName(QStringLiteral("Actionbench"));
    QApplication::setApplicationVersion(core::applicationVersion());
    QApplication::setDesktopFileName(QStringLiteral("actionbench"));
    // The UI language: the one chosen in Settings, or the system's.
    QSettings settings;
    ui::LanguageManager languages(&settings);
    languages.applySaved();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Workbench for Zapier's embedded Action Runs"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption historyOption(
        QStringLiteral("history-db"),
        QApplication::translate("main", "History database (default: shared with the CLI)."),
        QStringLiteral("path"));
    const QCommandLineOption catalogSizeOption(
        QStringLiteral("catalog-size"),
        QApplication::translate("main", "Extra generated apps in the sandbox."),
        QStringLiteral("n"));
    const QCommandLineOption selfTestOption(
        QStringLiteral("self-test"),
        QApplication::translate(
            "main",
            "Open the window on the sandbox, check that the catalog lists, print start-up time "
            "and memory, and exit (0 when it works)."));
    parser.addOptions({historyOption, catalogSizeOption, selfTestOption});
    parser.process(app);

    // The built-in sandbox starts on a thread of its own (its catalog parse, TLS back end and
    // listening socket) while this thread opens the history and builds the services. Started
    // after process(): --help and --version exit.
    sandbox::SandboxOptions sandboxOptions;
    QDir().mkpath(runs::defaultDataDirectory());
    sandboxOptions.statePath = runs::defaultDataDirectory() + QStringLiteral("/sandbox-state.json");
    sandboxOptions.extraApps = parser.value(catalogSizeOption).toInt();
    const QString sandboxToken = sandboxOptions.acceptedTokens.value(0);
    sandbox::SandboxHost sandbox(sandboxOptions);
    sandbox.start();
    // Fontconfig reads the description of every installed font before the first text can be
    // measured: about a sixth of this thread's start-up. QFontDatabase is thread-safe, so that runs
    // on a thread of its own while this one opens the history and builds the services; the
    // first widget that needs a font waits for it under Qt's font-database lock. Joined before
    // the application object goes.
    const std::unique_ptr<QThread> fontDatabase(QThread::create([] { QFontDatabase::families(); }));
    fontDatabase->start();
    const auto joinFontDatabase = qScopeGuard([&fontDatabase] { fontDatabase->wait(); });

    core::SystemClock clock;
    runs::HistoryStore history(runs::jsonRunCodec());
    const QString historyPath =
        parser.isSet(historyOption) ? parser.value(historyOption) : runs::defaultHistoryPath();
    QDir().mkpath(QFileInfo(historyPath).absolutePath());
    if (!history.open(historyPath)) {
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "Actionbench"),
            QApplication::translate("main", "The run history %1 cannot be opened: %2")
                .arg(historyPath, history.lastError().detail));
        return 1;
    }

    // Accounts shared with the CLI: settings in accounts.ini, secrets in the OS keychain (read
    // only when a token is needed).
    connect::QSettingsStore accountSettings;
    const QString keychainService = qEnvironmentVariable("ACTIONBENCH_KEYCHAIN_SERVICE");
    secrets::KeychainSecretStore keychain(
        keychainService.isEmpty()
            ? QString::fromLatin1(secrets::KeychainSecretStore::defaultService)
            : keychainService);
    connect::CredentialStore credentials(&accountSettings, &keychain);

    QNetworkAccessManager iconNetwork;
    models::IconCache icons(&iconNetwork, nullptr);

    const QUrl sandboxUrl = sandbox.waitUntilListening();
    if (sandboxUrl.isEmpty()) {
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "Actionbench"),
            QApplication::translate("main",
                                    "The built-in sandbox could not listen on a loopback port."));
        return 1;
    }

    api::ApiClientConfig config;
    config.baseUrl = sandboxUrl;
    config.token = sandboxToken;
    api::ApiClient client(config, &clock);
    runs::RunService runService(&client, &history, &clock);

    connect::TokenService tokens(&client, &credentials, &clock); // the window sets its environment

    ui::Services services;
    services.client = &client;
    services.history = &history;
    services.runs = &runService;
    services.icons = &icons;
    services.settings = &settings;
    services.tokens = &tokens;
    services.credentials = &credentials;
    services.languages = &languages;
    services.sandboxUrl = sandboxUrl;
    services.sandboxToken = sandboxToken;
    ui::MainWindow window(services);
    window.show();
    if (parser.isSet(selfTestOption))
        runSelfTest(window, sinceStart);
    // Runs an earlier session left waiting go on being polled, once the window has painted.
    QTimer::singleShot(0, &runService,
                       [&runService] { runService.resumeUnfinished(QStringLiteral("sandbox")); });
    return app.exec();
}
