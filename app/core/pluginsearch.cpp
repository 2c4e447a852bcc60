#include "core/pluginsearch.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibrary>
#include <QPluginLoader>

namespace ab::core {

QStringList pluginDirectories(const QString &relativeDir)
{
    QStringList directories;
    const QString overridden = qEnvironmentVariable("ACTIONBENCH_PLUGIN_DIR");
    if (!overridden.isEmpty())
        directories.append(overridden);
    directories.append(
        QDir::cleanPath(QCoreApplication::applicationDirPath() + QLatin1Char('/') + relativeDir));
    return directories;
}

FoundPlugin findPlugin(const QStringList &directories, const QString &baseName,
                       const std::function<bool(QObject *instance)> &accepts)
{
    FoundPlugin found;
    for (const QString &directory : directories) {
        const QDir dir(directory);
        const QStringList candidates =
            dir.entryList({baseName + QStringLiteral(".*"),
                           QStringLiteral("lib") + baseName + QStringLiteral(".*")},
                          QDir::Files);
        for (const QString &name : candidates) {
            const QString path = dir.filePath(name);
            if (!QLibrary::isLibrary(path))
                continue;
            auto loader = std::make_unique<QPluginLoader>(path);
            QObject *instance = loader->instance();
            if (instance && accepts(instance)) {
                found.loader = std::move(loader);
                found.path = path;
                found.failures.clear();
                return found;
            }
            found.failures.append(instance
                                      ? QStringLiteral("%1 is not the expected plugin").arg(path)
                                      : loader->errorString());
        }
    }
    return found;
}

} // namespace ab::core
