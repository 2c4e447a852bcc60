#pragma once

#include "web/lockedpage.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QWebEngineProfile;
class QWebEngineView;

namespace ab::ui {

class ConnectBridge;

// The Connect window (issue 4, points 2 and 3): Zapier's Connect UI in an embedded web view
// with its own off-the-record profile, a header with the app, the page's host and the connect
// token's time left, and a load progress bar. Every outcome goes to the listener: the result
// (redirect or message), or "closed" (Esc, the close button, the page closing itself, or the
// token running out). The app decides whether to believe a result and then closes the window.
class ConnectView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectView)

public:
    ConnectView(const ConnectWindowSpec &spec, ConnectWindowListener *listener, QWidget *parent);
    ~ConnectView() override;

    QWebEngineView *view() const { return m_view; }
    QWebEngineProfile *profile() const { return m_profile; }

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void configureProfile();
    void tick();
    qint64 secondsLeft() const;
    void updateTimeLeft(qint64 secondsLeft);
    void updateHost(const QUrl &url);
    void updateColours();
    QWebEnginePage *createWindow(LockedPage *opener, QWebEnginePage::WebWindowType type);
    void watch(QWebEnginePage *page);
    void closeWhenPageIsDone();
    void watchInput(QWebEngineView *view);

    ConnectWindowSpec m_spec;
    ConnectWindowListener *m_listener;
    ConnectRules m_rules;
    QWebEngineProfile *m_profile;
    LockedPage *m_page;
    QWebEngineView *m_view;
    ConnectBridge *m_bridge;
    QLabel *m_title;
    QLabel *m_host;
    QLabel *m_timeLeft;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QTimer *m_clock;
    QList<QPointer<QWidget>> m_popups;
    QUrl m_hostUrl;            // the page whose host the header shows
    QElapsedTimer m_lastInput; // the user's last click or key press in a web view
    bool m_started = false;
    bool m_timedOut = false;
    bool m_closed = false;
};

} // namespace ab::ui
