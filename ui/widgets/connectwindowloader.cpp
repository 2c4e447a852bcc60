#include "widgets/connectwindowloader.h"

#include "core/pluginsearch.h"
#include "widgets/connectwindowfactory.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPluginLoader>
#include <QtGui/qtguiglobal.h>
#if QT_CONFIG(opengl)
#include <QOpenGLContext>
#endif

#include <utility>

#if QT_CONFIG(opengl)
QT_BEGIN_NAMESPACE
// Qt GUI exports it (symbol version Qt_6) but declares it only in a private header; Qt WebEngine
// declares it the same way to set the context it creates itself in later Qt versions.
Q_GUI_EXPORT void qt_gl_set_global_share_context(QOpenGLContext *context);
QT_END_NAMESPACE
#endif

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
#if QT_CONFIG(opengl)
    static QOpenGLContext *ours = nullptr;
    const QOpenGLContext *existing = QOpenGLContext::globalShareContext();
    if (existing && existing != ours)
        return; // the program shares contexts: WebEngine may use the GPU as it likes
    if (!existing) {
        ours = new QOpenGLContext;
        ours->setFormat(QSurfaceFormat::defaultFormat());
        if (!ours->create())
            qCInfo(lcLoader) << "no OpenGL context on this platform: the Connect window will "
                                "render in software";
        qt_gl_set_global_share_context(ours);
        qAddPostRoutine([] {
            if (QOpenGLContext::globalShareContext() == ours)
                qt_gl_set_global_share_context(nullptr);
            delete std::exchange(ours, nullptr);
        });
    }
#endif
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
