#pragma once

#include <QString>
#include <QStringList>

#include <memory>

class QPluginLoader;

namespace ab::cli {

class CliServices;

// Finds and loads the CLI's services plugin (app/cliservices/: the built-in sandbox, the
// keychain, the sign-in) the first time a command needs one of them, so that the commands which
// do not (--server with --token) start without those libraries. Once loaded it stays loaded.
class CliServicesLoader final {
    Q_DISABLE_COPY_MOVE(CliServicesLoader)

public:
    // Searched in order; the default is defaultDirectories().
    explicit CliServicesLoader(QStringList directories = defaultDirectories());
    ~CliServicesLoader();

    // $ACTIONBENCH_PLUGIN_DIR when set, then <the executable's directory>/<the installed
    // layout's relative plugin dir> (packaging/installdirs.cmake), which the build tree mirrors.
    static QStringList defaultDirectories();
    static QString pluginBaseName() { return QStringLiteral("actionbench_cliservices"); }

    // The services, loading the plugin now if need be; nullptr when it cannot be loaded, with
    // errorString() naming what is missing and where it was looked for.
    CliServices *services();
    QString errorString() const { return m_error; }
    QString pluginPath() const { return m_path; }

private:
    QStringList m_directories;
    std::unique_ptr<QPluginLoader> m_loader;
    CliServices *m_services = nullptr;
    QString m_error;
    QString m_path;
};

} // namespace ab::cli
