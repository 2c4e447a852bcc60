#include "web/connectviewplugin.h"

#include "web/connectview.h"

namespace ab::ui {

QWidget *ConnectViewPlugin::createConnectWindow(const ConnectWindowSpec &spec,
                                                ConnectWindowListener *listener, QWidget *parent)
{
    return new ConnectView(spec, listener, parent);
}

} // namespace ab::ui
