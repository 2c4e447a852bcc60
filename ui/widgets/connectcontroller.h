#pragma once

#include "core/app.h"
#include "widgets/connectmessagebar.h"
#include "widgets/connectwindow.h"
#include "widgets/connectwindowfactory.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace ab::connect {
class TokenService;
}

namespace ab::ui {

class ConnectionPicker;
class ConnectWindow;
class ConnectWindowLoader;

// Connecting a new account or reconnecting an expired one (issue 4, point 2), without any web
// code: a connect token from the TokenService, a Connect window from the plugin, and then the
// connection picker re-listed with the new (or revived) connection chosen. When the window
// closes with no result, the connection that appeared meanwhile is chosen, if any.
class ConnectController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectController)

public:
    using UrlOpener = std::function<void(const QUrl &url)>;

    // None is owned. `windowParent` keeps Connect windows above the main window.
    ConnectController(ConnectionPicker *picker, ConnectWindowLoader *loader, QWidget *windowParent,
                      QObject *parent = nullptr);
    ~ConnectController() override;

    // May be null (nothing can make a connect token): start() then says so.
    void setTokenService(connect::TokenService *tokens) { m_tokens = tokens; }
    // Where Connect sends its result; empty for the popup message only (Zapier needs the
    // redirect URI registered, so it stays off unless configured).
    void setRedirectUri(const QUrl &uri) { m_redirectUri = uri; }
    QUrl redirectUri() const { return m_redirectUri; }
    // Links leaving the Connect flow; QDesktopServices::openUrl unless replaced (tests).
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }
    // A redirect URI on the sandbox that is caught before it loads.
    static QUrl sandboxRedirectUri(const QUrl &sandboxBaseUrl);

    // Opens Connect for `app`; `reconnectId` re-authorizes that connection instead.
    void start(const core::App &app, const QString &reconnectId = {});
    // Starts the last attempt again (a new token, a new window).
    void retry();
    // Closes an open window (reported as closed without a result).
    void cancel();
    bool isBusy() const { return m_busy; }
    ConnectWindow *window() const { return m_window; }

Q_SIGNALS:
    void busyChanged(bool busy);
    // What to tell the user; Error comes with Retry. `text` makes the words, in the language
    // of the moment, whenever they are shown.
    void message(ab::ui::ConnectMessageBar::Kind kind, const ab::ui::ConnectMessageBar::Text &text);
    void windowOpened(ab::ui::ConnectWindow *window);
    // The connection is listed and chosen in the picker; `reconnected` when it was there
    // before (its id did not change, so the picker does not announce it again).
    void connectionReady(const QString &connectionId, bool reconnected);

private:
    void setBusy(bool busy);
    void openWindow(const connect::ConnectSession &session);
    void onFinished(const connect::ConnectResult &result);
    void relist(std::function<void()> then);
    void chooseAfterRelist(const QString &wanted, bool timedOut);
    QSet<QString> listedIds() const;

    ConnectionPicker *m_picker;
    ConnectWindowLoader *m_loader;
    QPointer<QWidget> m_windowParent;
    connect::TokenService *m_tokens = nullptr;
    QUrl m_redirectUri;
    UrlOpener m_openUrl;
    QPointer<ConnectWindow> m_window;
    core::App m_app;
    QString m_reconnectId;
    QString m_reconnectTitle;
    QSet<QString> m_before; // the app's connections when the attempt started
    QMetaObject::Connection m_waitLoaded;
    QMetaObject::Connection m_waitFailed;
    bool m_busy = false;
    quint64 m_attempt = 0; // a late answer for an earlier attempt is dropped
};

} // namespace ab::ui
