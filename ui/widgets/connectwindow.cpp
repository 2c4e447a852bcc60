#include "widgets/connectwindow.h"

#include <QLoggingCategory>
#include <QWidget>

namespace ab::ui {

namespace {
Q_LOGGING_CATEGORY(lcConnectWindow, "ab.ui.connect")
}

ConnectWindow::ConnectWindow(ConnectWindowFactory *factory, const ConnectWindowSpec &spec,
                             QWidget *windowParent, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_widget(factory->createConnectWindow(spec, this, windowParent))
{}

ConnectWindow::~ConnectWindow()
{
    // The widget calls back into this object: it must go first.
    delete m_widget.data();
}

void ConnectWindow::show()
{
    if (!m_widget)
        return;
    m_widget->show();
    raise();
}

void ConnectWindow::raise()
{
    if (!m_widget)
        return;
    m_widget->raise();
    m_widget->activateWindow();
}

void ConnectWindow::close()
{
    if (m_widget)
        m_widget->close(); // reports connectClosed() unless a result came first
    else
        connectClosed(false);
}

void ConnectWindow::connectResult(const connect::ConnectResult &result)
{
    if (m_finished)
        return;
    if (!m_spec.session.accepts(result)) {
        // An error redirect carrying another session's state: not ours, keep waiting.
        qCWarning(lcConnectWindow) << "ignored a Connect result of another session";
        refused(ConnectRefusal::Message, QUrl());
        return;
    }
    finish(result);
}

void ConnectWindow::connectClosed(bool timedOut)
{
    if (m_finished)
        return;
    m_timedOut = timedOut;
    finish(connect::ConnectResult::closed());
}

void ConnectWindow::finish(const connect::ConnectResult &result)
{
    m_finished = true;
    QMetaObject::invokeMethod(
        this,
        [this, result] {
            if (m_widget) {
                m_widget->close();
                m_widget->hide();
            }
            Q_EMIT finished(result);
        },
        Qt::QueuedConnection);
}

void ConnectWindow::openExternally(const QUrl &url)
{
    QMetaObject::invokeMethod(
        this, [this, url] { Q_EMIT externalLinkRequested(url); }, Qt::QueuedConnection);
}

void ConnectWindow::refused(ConnectRefusal what, const QUrl &url)
{
    QMetaObject::invokeMethod(
        this, [this, what, url] { Q_EMIT pageRefused(what, url); }, Qt::QueuedConnection);
}

} // namespace ab::ui
