#pragma once

#include "widgets/connectwindowfactory.h"

#include <QWebEnginePage>

#include <functional>

namespace ab::ui {

// Where pages of a Connect window may go (issue 4, point 3). Pure rules, shared by the page
// policy, the request interceptor and the message bridge.
struct ConnectRules {
    QUrl connectUrl;  // the Connect page; its origin is the only one trusted with a result
    QUrl redirectUri; // caught, never loaded

    // https anywhere; plain http only for the Connect origin itself when it is on loopback
    // (the sandbox, http://127.0.0.1:<port>); about:blank, which every new window starts as.
    bool mayLoadInside(const QUrl &url) const;
    // Same scheme, host and port as the Connect page.
    bool isConnectOrigin(const QUrl &url) const;
    static bool isLoopback(const QString &host);
};

// A QWebEnginePage that loads only what ConnectRules allow, catches the redirect to
// redirect_uri, sends plain links elsewhere to the system browser, refuses file pickers and
// asks its owner (createWindow) for popups. Used for the Connect page and its popups alike.
class LockedPage final : public QWebEnginePage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LockedPage)

public:
    using WindowFactory = std::function<QWebEnginePage *(LockedPage *opener, WebWindowType type)>;

    LockedPage(const ConnectRules *rules, QWebEngineProfile *profile, QObject *parent);

    void setWindowFactory(WindowFactory factory) { m_windowFactory = std::move(factory); }
    // Whether the user just clicked or typed in the window: only then may a link leave for the
    // system browser (a script alone cannot open tabs there).
    void setUserActivation(std::function<bool()> active) { m_userActive = std::move(active); }

Q_SIGNALS:
    void redirectReached(const QUrl &url);
    void externalLinkRequested(const QUrl &url);
    void refused(ab::ui::ConnectRefusal what, const QUrl &url);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;
    QStringList chooseFiles(FileSelectionMode mode, const QStringList &oldFiles,
                            const QStringList &acceptedMimeTypes) override;

private:
    void denyPermissions();

    const ConnectRules *m_rules;
    WindowFactory m_windowFactory;
    std::function<bool()> m_userActive;
};

// The target of a target=_blank link that does not belong to the Connect flow: it never loads
// anything, it hands the first real URL to the system browser and goes away.
class ExternalLinkPage final : public QWebEnginePage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExternalLinkPage)

public:
    ExternalLinkPage(QWebEngineProfile *profile, QObject *parent);
    void setUserActivation(std::function<bool()> active) { m_userActive = std::move(active); }

Q_SIGNALS:
    void externalLinkRequested(const QUrl &url);
    void refused(ab::ui::ConnectRefusal what, const QUrl &url);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;

private:
    std::function<bool()> m_userActive;
};

} // namespace ab::ui
