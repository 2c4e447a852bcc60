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

    // Readies the process for Qt WebEngine, which the app loads long after start-up. factory()
    // calls it before loading the plugin.
    // - Qt WebEngine 6.4 on a desktop platform (xcb) reads the global shared OpenGL context
    //   without checking that it exists, and crashes when it does not. Qt creates that context
    //   only when Qt::AA_ShareOpenGLContexts is set before the application object, which the app
    //   does not do (it would load the GL driver at start, ui/main.cpp), and later Qt versions
    //   create it when WebEngine loads. So this creates it now, as Qt would have. (Setting the
    //   attribute this late would only warn; software rendering needs no sharing.) A context
    //   that cannot be created on this platform (offscreen) is set all the same: WebEngine then
    //   renders in software.
    // - Unless a shared context existed before (the embedding program made one at start) or the
    //   user's QTWEBENGINE_CHROMIUM_FLAGS already choose, it asks Chromium for software
    //   rendering (--disable-gpu), which draws a sign-in page as well without a GPU process.
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
