#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QObject;
class QPluginLoader;

namespace ab::core {

// Our own plugins (the Connect window, the CLI's services) are found the same way: in
// $ACTIONBENCH_PLUGIN_DIR when set (tests, relocated installs), then in `relativeDir` from the
// executable's directory, which is where the build tree and every package put them.
QStringList pluginDirectories(const QString &relativeDir);

struct FoundPlugin {
    std::unique_ptr<QPluginLoader> loader; // loaded, its root instance accepted; null if none was
    QString path;
    QStringList failures; // why each candidate found was refused; empty when none was found
};

// The first file named `baseName` (with or without "lib", any suffix QLibrary takes for a
// library) in `directories`, in order, that loads and whose root instance `accepts`.
FoundPlugin findPlugin(const QStringList &directories, const QString &baseName,
                       const std::function<bool(QObject *instance)> &accepts);

} // namespace ab::core
