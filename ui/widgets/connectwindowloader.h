#pragma once

#include <QObject>
#include <QStringList>

class QPluginLoader;

namespace ab::ui {

class ConnectWindowFactory;

// Finds and loads the Connect window plugin (ui/web/) the first time a window is wanted, so
// Qt WebEngine enters the process only then. Once loaded it stays: WebEngine cannot unload.
class ConnectWindowLoader final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectWindowLoader)

public:
    // Searched in order; the default is defaultDirectories().
    explicit ConnectWindowLoader(QStringList directories = defaultDirectories(),
                                 QObject *parent = nullptr);
    ~ConnectWindowLoader() override;

    // $ACTIONBENCH_PLUGIN_DIR when set, then <application dir>/<the installed layout's
    // relative plugin dir> (packaging/installdirs.cmake), which the build tree mirrors.
    static QStringList defaultDirectories();
    static QString pluginBaseName() { return QStringLiteral("actionbench_connectview"); }

    // Qt WebEngine composites on the GPU only through a global shared OpenGL context, which the
    // app does not create (ui/main.cpp). Unless the context exists or the user's
    // QTWEBENGINE_CHROMIUM_FLAGS already choose, this asks Chromium for software rendering
    // (--disable-gpu) before the engine starts, instead of letting it find out and warn.
    // factory() calls it before loading the plugin.
    static void prepareWebEngine();

    // The factory, loading the plugin now if need be; nullptr when it cannot be loaded
    // (errorString() says why, in words for the user, in the language of the moment).
    ConnectWindowFactory *factory();
    bool isLoaded() const { return m_factory != nullptr; }
    QString errorString() const;
    QString pluginPath() const { return m_path; }

private:
    QStringList m_directories;
    QPluginLoader *m_loader = nullptr;
    ConnectWindowFactory *m_factory = nullptr;
    bool m_failed = false;  // the last factory() call found no usable plugin
    QStringList m_failures; // then: why each plugin file found could not be loaded
    QString m_path;
};

} // namespace ab::ui
