#pragma once

#include "widgets/connectwindowfactory.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace ab::ui {

// The app's side of one Connect window: it asks the plugin for the window, believes only
// results that belong to the session (ConnectSession::accepts), reports the outcome once as a
// signal, and then closes and deletes the window. Signals are queued: the plugin calls in from
// the middle of a navigation, where deleting the page would pull the floor from under it.
class ConnectWindow final : public QObject, public ConnectWindowListener {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectWindow)

public:
    ConnectWindow(ConnectWindowFactory *factory, const ConnectWindowSpec &spec,
                  QWidget *windowParent, QObject *parent = nullptr);
    ~ConnectWindow() override;

    QWidget *widget() const { return m_widget; }
    const connect::ConnectSession &session() const { return m_spec.session; }
    const ConnectWindowSpec &spec() const { return m_spec; }
    bool isFinished() const { return m_finished; }
    // The window closed because the connect token ran out.
    bool timedOut() const { return m_timedOut; }

    void show();
    void raise();
    // Ends the session as if the user closed the window.
    void close();

Q_SIGNALS:
    void finished(const ab::connect::ConnectResult &result);
    void externalLinkRequested(const QUrl &url);
    // What the page tried and was not allowed to do (logged; tests watch it).
    void pageRefused(ab::ui::ConnectRefusal what, const QUrl &url);

private:
    void connectResult(const connect::ConnectResult &result) override;
    void connectClosed(bool timedOut) override;
    void openExternally(const QUrl &url) override;
    void refused(ConnectRefusal what, const QUrl &url) override;
    void finish(const connect::ConnectResult &result);

    ConnectWindowSpec m_spec;
    QPointer<QWidget> m_widget;
    bool m_finished = false;
    bool m_timedOut = false;
};

} // namespace ab::ui
