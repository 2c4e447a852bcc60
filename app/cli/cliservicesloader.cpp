#include "cli/cliservicesloader.h"

#include "cli/cliservices.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibrary>
#include <QLoggingCategory>
#include <QPluginLoader>

#ifndef ACTIONBENCH_CLI_PLUGIN_RELATIVE_DIR
#define ACTIONBENCH_CLI_PLUGIN_RELATIVE_DIR "../lib/actionbench/plugins"
#endif

namespace ab::cli {

namespace {
Q_LOGGING_CATEGORY(lcLoader, "ab.cli.plugin")
}

CliServicesLoader::CliServicesLoader(QStringList directories)
    : m_directories(std::move(directories))
{}

CliServicesLoader::~CliServicesLoader() = default; // never unloads: its objects may still live

QStringList CliServicesLoader::defaultDirectories()
{
    QStringList directories;
    const QString overridden = qEnvironmentVariable("ACTIONBENCH_PLUGIN_DIR");
    if (!overridden.isEmpty())
        directories.append(overridden);
    directories.append(QDir::cleanPath(QCoreApplication::applicationDirPath() + QLatin1Char('/') +
                                       QStringLiteral(ACTIONBENCH_CLI_PLUGIN_RELATIVE_DIR)));
    return directories;
}

CliServices *CliServicesLoader::services()
{
    if (m_services)
        return m_services;
    QStringList failures;
    for (const QString &directory : std::as_const(m_directories)) {
        const QDir dir(directory);
        const QStringList candidates =
            dir.entryList({pluginBaseName() + QStringLiteral(".*"),
                           QStringLiteral("lib") + pluginBaseName() + QStringLiteral(".*")},
                          QDir::Files);
        for (const QString &name : candidates) {
            const QString path = dir.filePath(name);
            if (!QLibrary::isLibrary(path))
                continue;
            auto loader = std::make_unique<QPluginLoader>(path);
            if (auto *services = qobject_cast<CliServices *>(loader->instance())) {
                m_loader = std::move(loader);
                m_services = services;
                m_path = path;
                m_error.clear();
                qCDebug(lcLoader).noquote() << "loaded" << path;
                return m_services;
            }
            failures.append(loader->errorString());
        }
    }
    // Named in full: it is what a packager or a user copying the binary around has to fix.
    m_error = failures.isEmpty()
                  ? QStringLiteral("the CLI services plugin %1 is not installed: it was searched "
                                   "for in %2 (the built-in sandbox, `sandbox serve`, `auth` and "
                                   "stored credentials need it; --server with --token does not)")
                        .arg(pluginBaseName(), m_directories.join(QStringLiteral(", ")))
                  : QStringLiteral("the CLI services plugin could not be loaded: %1")
                        .arg(failures.join(QStringLiteral("; ")));
    return nullptr;
}

} // namespace ab::cli
