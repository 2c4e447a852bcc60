#include "cli/cliservicesloader.h"

#include "cli/cliservices.h"
#include "core/pluginsearch.h"

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
    return core::pluginDirectories(QStringLiteral(ACTIONBENCH_CLI_PLUGIN_RELATIVE_DIR));
}

CliServices *CliServicesLoader::services()
{
    if (m_services)
        return m_services;
    core::FoundPlugin found =
        core::findPlugin(m_directories, pluginBaseName(), [](QObject *instance) {
            return qobject_cast<CliServices *>(instance) != nullptr;
        });
    if (found.loader) {
        m_services = qobject_cast<CliServices *>(found.loader->instance());
        m_loader = std::move(found.loader);
        m_path = found.path;
        m_error.clear();
        qCDebug(lcLoader).noquote() << "loaded" << m_path;
        return m_services;
    }
    const QStringList &failures = found.failures;
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
