#include "notify/desktopnotifier.h"

#include <QApplication>
#include <QSystemTrayIcon>

#ifdef ACTIONBENCH_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

namespace ab::ui {

namespace {
const QString defaultAction = QStringLiteral("default"); // clicking the notification itself
#ifdef ACTIONBENCH_HAVE_DBUS
// The Desktop Notifications Specification (specifications.freedesktop.org/notification-spec).
const QString service = QStringLiteral("org.freedesktop.Notifications");
const QString path = QStringLiteral("/org/freedesktop/Notifications");
const QString interface = QStringLiteral("org.freedesktop.Notifications");

bool dbusServiceRunning()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface() &&
           bus.interface()->isServiceRegistered(service).value();
}
#endif
} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{}

DesktopNotifier::~DesktopNotifier() = default;

bool DesktopNotifier::isAvailable() const
{
#ifdef ACTIONBENCH_HAVE_DBUS
    if (dbusServiceRunning())
        return true;
#endif
    return QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages();
}

bool DesktopNotifier::notify(const QString &title, const QString &body)
{
    if (notifyOverDBus(title, body))
        return true;
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages())
        return false;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &DesktopNotifier::activated);
        connect(m_tray, &QSystemTrayIcon::activated, this, &DesktopNotifier::activated);
    }
    m_tray->show();
    m_tray->showMessage(title, body, QApplication::windowIcon());
    return true;
}

bool DesktopNotifier::notifyOverDBus(const QString &title, const QString &body)
{
#ifndef ACTIONBENCH_HAVE_DBUS
    Q_UNUSED(title)
    Q_UNUSED(body)
    return false;
#else
    if (!dbusServiceRunning())
        return false;
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!m_dbusConnected) {
        bus.connect(service, path, interface, QStringLiteral("ActionInvoked"), this,
                    SLOT(onActionInvoked(uint, QString)));
        bus.connect(service, path, interface, QStringLiteral("NotificationClosed"), this,
                    SLOT(onClosed(uint, uint)));
        m_dbusConnected = true;
    }
    QDBusMessage call =
        QDBusMessage::createMethodCall(service, path, interface, QStringLiteral("Notify"));
    const QVariantMap hints{
        {QStringLiteral("desktop-entry"), QApplication::desktopFileName()},
        {QStringLiteral("category"), QStringLiteral("transfer.complete")},
    };
    call << QApplication::applicationDisplayName() // app_name
         << m_lastId                               // replaces_id: one notification at a time
         << QStringLiteral("actionbench")          // app_icon, from the icon theme
         << title << body.toHtmlEscaped()          // servers may read the body as markup
         << QStringList{defaultAction, tr("Show")} << hints
         << qint32(-1); // expire_timeout: the server's default
    // Asynchronous: the window never waits for the desktop.
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *finished) {
                const QDBusPendingReply<uint> reply = *finished;
                if (!reply.isError())
                    m_lastId = reply.value();
                finished->deleteLater();
            });
    return true;
#endif
}

void DesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    if (id == m_lastId && action == defaultAction)
        Q_EMIT activated();
}

void DesktopNotifier::onClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    if (id == m_lastId)
        m_lastId = 0;
}

} // namespace ab::ui
