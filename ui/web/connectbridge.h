#pragma once

#include "web/lockedpage.h"

#include <QObject>

class QWebChannel;

namespace ab::ui {

// The window.opener shim (issue 4, point 2): Connect UI posts its result to window.opener,
// which an embedded page does not have. A script in the page's own world defines it; it hands
// the message to a script in an isolated world (which page scripts cannot see) that calls
// result() over QWebChannel. The bridge believes only the Connect origin.
class ConnectBridge final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectBridge)

public:
    // Installs the channel and both scripts on `page`.
    ConnectBridge(LockedPage *page, const ConnectRules *rules);

    // The one method a page can reach.
    Q_INVOKABLE void result(const QString &type, const QString &authId, const QString &error);

Q_SIGNALS:
    void message(const ab::connect::ConnectResult &result);
    void refused(ab::ui::ConnectRefusal what, const QUrl &url);

private:
    LockedPage *m_page;
    const ConnectRules *m_rules;
    QWebChannel *m_channel;
};

} // namespace ab::ui
