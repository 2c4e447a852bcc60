#pragma once

#include <QIcon>
#include <QObject>
#include <QString>

class QSystemTrayIcon;

namespace ab::ui {

// Tells the user, outside the window, that something finished: a desktop notification through
// the freedesktop notification service on Linux (present on GNOME, KDE and others even without
// a tray), or the system tray's message balloon elsewhere (Windows toasts, macOS Notification
// Center). Clicking the notification emits activated(). Without either, notify() returns
// false and the caller falls back to QApplication::alert.
class DesktopNotifier final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

public:
    explicit DesktopNotifier(QObject *parent = nullptr);
    ~DesktopNotifier() override;

    // Whether notify() can reach the desktop at all.
    bool isAvailable() const;
    bool notify(const QString &title, const QString &body);
    // The id the desktop gave the notification on screen now; 0 when none (or no D-Bus).
    uint shownNotification() const { return m_lastId; }

Q_SIGNALS:
    void activated();

private Q_SLOTS:
    // The freedesktop service's signals (Linux). Slots, not plain functions:
    // QDBusConnection::connect takes only a SLOT() signature.
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    bool notifyOverDBus(const QString &title, const QString &body);

    uint m_lastId = 0; // the notification shown now, replaced by the next one
    bool m_dbusConnected = false;
    QSystemTrayIcon *m_tray = nullptr; // created on first use, only where there is a tray
};

} // namespace ab::ui
