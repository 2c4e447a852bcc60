#include "widgets/connectwindowloader.h"

#include "core/pluginsearch.h"
#include "widgets/connectwindowfactory.h"

#include <QCoreApplication>
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
    return core::pluginDirectories(QStringLiteral(ACTIONBENCH_PLUGIN_RELATIVE_DIR));
}

void ConnectWindowLoader::prepareWebEngine()
{
    if (QCoreApplication::testAttribute(Qt::AA_ShareOpenGLContexts))
        return;
    const QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
    if (flags.contains("--disable-gpu") || flags.contains("--use-gl") ||
        flags.contains("--enable-gpu"))
        return;
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", (flags + " --disable-gpu").trimmed());
}

ConnectWindowFactory *ConnectWindowLoader::factory()
{
    if (m_factory)
        return m_factory;
    prepareWebEngine();
    core::FoundPlugin found =
        core::findPlugin(m_directories, pluginBaseName(), [](QObject *instance) {
            return qobject_cast<ConnectWindowFactory *>(instance) != nullptr;
        });
    if (found.loader) {
        m_factory = qobject_cast<ConnectWindowFactory *>(found.loader->instance());
        m_loader = found.loader.release();
        m_loader->setParent(this);
        m_path = found.path;
        m_failed = false;
        m_failures.clear();
        qCInfo(lcLoader).noquote() << "loaded the Connect window from" << m_path;
        return m_factory;
    }
    m_failed = true;
    m_failures = found.failures;
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
