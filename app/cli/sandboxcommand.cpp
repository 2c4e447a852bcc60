#include "cli/sandboxcommand.h"

#include "cli/cliservices.h"
#include "cli/environment.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace ab::cli {

#ifdef Q_OS_UNIX
// Ctrl+C and SIGTERM reach the event loop through a socket pair, the only safe way out of a
// signal handler; the server then stops cleanly and the exit code is 0.
static int signalSockets[2] = {-1, -1};

static void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalSockets[0], &byte, 1);
}

static void quitOnSignals(QObject *context)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalSockets) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalSockets[1], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context,
                     [] { QCoreApplication::exit(0); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}
#endif

SandboxCommand::~SandboxCommand() = default;

void SandboxCommand::start()
{
    if (arguments().value(0) != QLatin1String("serve"))
        return fail(QStringLiteral("sandbox takes one subcommand: serve"), ExitUsage);
    bool ok = true;
    const int port = options().isSet(QStringLiteral("port"))
                         ? options().value(QStringLiteral("port")).toInt(&ok)
                         : 8765;
    if (!ok || port < 0 || port > 65535)
        return fail(QStringLiteral("--port needs a number from 0 to 65535"), ExitUsage);
    QString error;
    CliServices *services = env()->services(&error);
    if (!services)
        return fail(error, ExitApiFailure);
    SandboxSettings settings;
    settings.extraApps = options().value(QStringLiteral("catalog-size")).toInt();
    settings.rateLimitPerMinute = options().value(QStringLiteral("rate-limit")).toInt();
    settings.token = env()->options().token;
    m_server = services->createSandbox(settings);
    const QString faultsPath = options().value(QStringLiteral("faults"));
    if (!faultsPath.isEmpty()) {
        QFile file(faultsPath);
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read the fault plan %1: %2")
                            .arg(faultsPath, file.errorString()),
                        ExitUsage);
        if (!m_server->setFaultPlan(file.readAll(), &error))
            return fail(QStringLiteral("the fault plan %1 is not valid: %2").arg(faultsPath, error),
                        ExitUsage);
    }
    if (!m_server->listen(quint16(port)))
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1 (in use?)").arg(port),
                    ExitApiFailure);
#ifdef Q_OS_UNIX
    quitOnSignals(this);
#endif
    const QString token = m_server->token();
    out().result(QJsonObject{{QStringLiteral("base_url"), m_server->baseUrl().toString()},
                             {QStringLiteral("token"), token},
                             {QStringLiteral("port"), m_server->port()}},
                 QStringLiteral(
                     "Sandbox listening on %1\n  use: actionbench-cli --server %1 --token %2 apps\n"
                     "  Ctrl+C stops it.")
                     .arg(m_server->baseUrl().toString(), token));
    // No finish(): the server runs until a signal quits the event loop.
}

} // namespace ab::cli
