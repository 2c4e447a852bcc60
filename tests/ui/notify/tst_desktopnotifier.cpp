#include "notify/desktopnotifier.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSignalSpy>
#include <QTest>

using ab::ui::DesktopNotifier;

// A stand-in for the desktop's notification server, on its own bus connection so the calls go
// through the bus daemon exactly as they would to GNOME Shell or Plasma.
class FakeNotificationServer final : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call {
        QString appName;
        uint replacesId;
        QString icon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
    };
    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &icon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int timeout)
    {
        Q_UNUSED(timeout)
        calls.append({appName, replacesId, icon, summary, body, actions, hints});
        Q_EMIT received();
        return replacesId ? replacesId : uint(calls.size() + 40);
    }

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &action);
    void received(); // not exported: the test waits on it
};

class TestDesktopNotifier final : public QObject {
    Q_OBJECT

    QDBusConnection m_serverBus{QString()};
    FakeNotificationServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected())
            QSKIP("no D-Bus session bus (scripts/test.sh runs the tests inside one)");
        m_serverBus = QDBusConnection::connectToBus(QDBusConnection::SessionBus,
                                                    QStringLiteral("fake-notification-server"));
        QVERIFY(m_serverBus.isConnected());
        QVERIFY(m_serverBus.registerObject(
            QStringLiteral("/org/freedesktop/Notifications"), &m_server,
            QDBusConnection::ExportScriptableSlots | QDBusConnection::ExportAllSlots |
                QDBusConnection::ExportAllSignals));
        if (!m_serverBus.registerService(QStringLiteral("org.freedesktop.Notifications")))
            QSKIP("a notification server already runs on this session bus");
        QApplication::setApplicationDisplayName(QStringLiteral("Actionbench"));
        QApplication::setDesktopFileName(QStringLiteral("actionbench"));
    }

    void notify_reachesTheDesktopAndReplacesTheLastOne()
    {
        DesktopNotifier notifier;
        QVERIFY(notifier.isAvailable());
        QSignalSpy received(&m_server, &FakeNotificationServer::received);
        QVERIFY(notifier.notify(QStringLiteral("Run finished"),
                                QStringLiteral("Google Sheets › Add <Row>: success")));
        QVERIFY(received.wait());
        const FakeNotificationServer::Call first = m_server.calls.constLast();
        QCOMPARE(first.appName, QStringLiteral("Actionbench"));
        QCOMPARE(first.replacesId, 0u);
        QCOMPARE(first.summary, QStringLiteral("Run finished"));
        // Servers may read the body as markup: ours is escaped.
        QCOMPARE(first.body, QStringLiteral("Google Sheets › Add &lt;Row&gt;: success"));
        QCOMPARE(first.actions.value(0), QStringLiteral("default"));
        QCOMPARE(first.hints.value(QStringLiteral("desktop-entry")).toString(),
                 QStringLiteral("actionbench"));

        // The next one replaces the first rather than piling up, once the server gave its id.
        const uint firstId = uint(m_server.calls.size() + 40);
        QTRY_COMPARE(notifier.shownNotification(), firstId);
        QVERIFY(notifier.notify(QStringLiteral("Run finished"), QStringLiteral("second")));
        QVERIFY(received.wait());
        QCOMPARE(m_server.calls.constLast().replacesId, firstId);
    }

    void clickingTheNotification_activates()
    {
        DesktopNotifier notifier;
        QSignalSpy received(&m_server, &FakeNotificationServer::received);
        QSignalSpy activated(&notifier, &DesktopNotifier::activated);
        QVERIFY(notifier.notify(QStringLiteral("Run finished"), QStringLiteral("body")));
        QVERIFY(received.wait());
        QTRY_VERIFY(notifier.shownNotification() != 0);
        const uint id = notifier.shownNotification();
        // Another application's notification is not ours.
        Q_EMIT m_server.ActionInvoked(id + 1000, QStringLiteral("default"));
        Q_EMIT m_server.ActionInvoked(id, QStringLiteral("default"));
        QVERIFY(activated.wait());
        QCOMPARE(activated.count(), 1);
    }
};

QTEST_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
