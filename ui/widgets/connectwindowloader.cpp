#include "widgets/connectwindowloader.h"

#include "widgets/connectwindowfactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPluginLoader>

#ifndef ACTIONBENCH_PLUGIN_RELATIVE_DIR
#define ACTIONBENCH_PLUGIN_RELATIVE_DIR "../lib/actionbench/plugins"
#endif

namespace ab::ui {

namespace {
Q_LOGGING_CATEGORY(lcLoader, "ab.ui.connect")
}

ConnectWindowLoader::ConnectWindowLoader(QStringList directories, QObject *parent)
    : QObject(parent)
    , m_directories(std::move(directories))
{}

ConnectWindowLoader::~ConnectWindowLoader() = default;

QStringList ConnectWindowLoader::defaultDirectories()
{
    QStringList directories;
    const QString overridden = qEnvironmentVariable("ACTIONBENCH_PLUGIN_DIR");
    if (!overridden.isEmpty())
        directories.append(overridden);
    directories.append(QDir::cleanPath(QCoreApplication::applicationDirPath() + QLatin1Char('/') +
                                       QStringLiteral(ACTIONBENCH_PLUGIN_RELATIVE_DIR)));
    return directories;
}

ConnectWindowFactory *ConnectWindowLoader::factory()
{
    if (m_factory)
        return m_factory;
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
            auto *loader = new QPluginLoader(path, this);
            auto *factory = qobject_cast<ConnectWindowFactory *>(loader->instance());
            if (factory) {
                m_loader = loader;
                m_factory = factory;
                m_path = path;
                m_failed = false;
                m_failures.clear();
                qCInfo(lcLoader).noquote() << "loaded the Connect window from" << path;
                return m_factory;
            }
            failures.append(loader->errorString());
            delete loader;
        }
    }
    m_failed = true;
    m_failures = failures;
    qCWarning(lcLoader).noquote() << errorString();
    return nullptr;
}

QString ConnectWindowLoader::errorString() const
{
    if (!m_failed)
        return {};
    if (m_failures.isEmpty()) {
        return tr("The Connect window is not installed: %1 was not found in %2. Reinstall "
                  "Actionbench with its Qt WebEngine component.")
            .arg(pluginBaseName(), m_directories.join(QStringLiteral(", ")));
    }
    // Found but unusable: usually Qt WebEngine itself is missing or of another version.
    return tr("The Connect window could not be loaded: %1")
        .arg(m_failures.join(QStringLiteral("; ")));
}

} // namespace ab::ui
