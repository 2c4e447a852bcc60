#pragma once

#include "connect/connectresult.h"
#include "connect/connectsession.h"

#include <QString>
#include <QtPlugin>
#include <QUrl>

class QWidget;

namespace ab::ui {

// The seam between the app and the Connect window plugin (ui/web/, the only code that links
// Qt WebEngine). Only virtual calls and plain structs cross it: the plugin carries its own copy
// of the ConnectResult/ConnectUrl parsing, and no QMetaObject is shared, so each side keeps its
// signals to itself.

// What the page tried and was not allowed to do; reported for logs and tests.
enum class ConnectRefusal {
    Navigation, // a page or frame may not load that URL inside the window
    Download,   // downloads are cancelled
    Permission, // camera, microphone, location, notifications... denied
    Message,    // a window.opener message from a page that is not the Connect origin
};

// Implemented by the app (ConnectWindow); the plugin calls it, never the other way round.
class ConnectWindowListener {
public:
    // The redirect to redirect_uri was caught, or the page posted a result message.
    virtual void connectResult(const connect::ConnectResult &result) = 0;
    // The window went away without a result: closed, Esc, the page closed itself, or the
    // connect token ran out (timedOut).
    virtual void connectClosed(bool timedOut) = 0;
    // A link that leaves the Connect flow: the app opens it in the system browser.
    virtual void openExternally(const QUrl &url) = 0;
    virtual void refused(ab::ui::ConnectRefusal what, const QUrl &url) = 0;

protected:
    ~ConnectWindowListener() = default;
};

// What the window shows. Nothing secret but the connect token inside session.url.
struct ConnectWindowSpec {
    connect::ConnectSession session;
    QString appTitle;     // "Slack"; the session only has the opaque app id
    QString accountTitle; // the connection being reconnected, if any
};

class ConnectWindowFactory {
public:
    virtual ~ConnectWindowFactory() = default;
    // A new top-level window (not yet shown) that opens spec.session.url. `parent` keeps it on
    // top of the main window; the caller deletes it. `listener` must outlive the window.
    virtual QWidget *createConnectWindow(const ConnectWindowSpec &spec,
                                         ConnectWindowListener *listener, QWidget *parent) = 0;
};

} // namespace ab::ui

#define ActionbenchConnectWindowFactory_iid "io.github.actionbench.ConnectWindowFactory/1"
Q_DECLARE_INTERFACE(ab::ui::ConnectWindowFactory, ActionbenchConnectWindowFactory_iid)
