#pragma once

#include "widgets/connectwindowfactory.h"

#include <QObject>

namespace ab::ui {

// The plugin's entry point: QPluginLoader finds it by the interface id and the app asks it for
// Connect windows. Loading it is what brings Qt WebEngine into the process.
class ConnectViewPlugin final : public QObject, public ConnectWindowFactory {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID ActionbenchConnectWindowFactory_iid)
    Q_INTERFACES(ab::ui::ConnectWindowFactory)
    Q_DISABLE_COPY_MOVE(ConnectViewPlugin)

public:
    ConnectViewPlugin() = default;

    QWidget *createConnectWindow(const ConnectWindowSpec &spec, ConnectWindowListener *listener,
                                 QWidget *parent) override;
};

} // namespace ab::ui
