// The connection picker against the sandbox (expired marker, apps without authentication) and
// FakeBackend (loading, failure and Retry, a selection restored before the list arrives).
#include "models/connectionlistmodel.h"
#include "panes/catalogstatusline.h"
#include "panes/connectionpicker.h"
#include "support/fakebackend.h"
#include "support/pseudotranslator.h"
#include "support/sandboxfixture.h"
#include "ui/untranslatedtext.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ab;
using ab::test::FakeBackend;
using ab::test::PseudoTranslator;
using ab::test::SandboxFixture;
using ab::test::UntranslatedText;
using ab::ui::CatalogStatusLine;
using ab::ui::ConnectionPicker;

namespace {

core::App appOf(const SandboxFixture &sandbox, const char *title, bool needsAuth = true)
{
    core::App app;
    app.id = sandbox.appId(title);
    app.title = QString::fromUtf8(title);
    app.needsAuthentication = needsAuth;
    return app;
}

core::Connection connection(const QString &id, bool expired)
{
    core::Connection connection;
    connection.id = id;
    connection.title = id + QStringLiteral(" account");
    connection.isExpired = expired;
    return connection;
}

} // namespace

class TestConnectionPicker final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void salesforceShowsExpiredMarker()
    {
        SandboxFixture sandbox;
        QVERIFY(sandbox.start());
        auto client = sandbox.client();
        ConnectionPicker picker(client.get());
        picker.show();
        QSignalSpy changed(&picker, &ConnectionPicker::connectionChanged);
        picker.setApp(appOf(sandbox, "Salesforce"));
        QCOMPARE(picker.status()->state(), CatalogStatusLine::State::Busy);
        QTRY_VERIFY(picker.model()->isLoaded());
        // The first usable connection is chosen, although the expired one is listed first.
        QCOMPARE(picker.currentConnection().id, QStringLiteral("sb-conn-sf-1"));
        QCOMPARE(changed.constLast().at(0).value<core::Connection>().id,
                 QStringLiteral("sb-conn-sf-1"));
        for (const auto &emitted : changed) // never the expired one on the way
            QVERIFY(!emitted.at(0).value<core::Connection>().isExpired);
        QVERIFY(!picker.isExpiredBadgeShown());
        QComboBox *combo = picker.comboBox();
        QCOMPARE(combo->count(), 2);
        const int expired = combo->findData(QStringLiteral("sb-conn-sf-expired"),
                                            models::ConnectionListModel::ConnectionIdRole);
        QVERIFY(expired >= 0);
        QCOMPARE(combo->itemText(expired),
                 QStringLiteral("Salesforce ada@acme.example \u2014 expired"));
        QVERIFY(!combo->itemIcon(expired).isNull());
        QVERIFY(combo->itemData(expired, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("reconnect")));

        // Expired ones stay selectable, visibly marked.
        combo->setCurrentIndex(expired);
        QVERIFY(picker.currentConnection().isExpired);
        QCOMPARE(changed.constLast().at(0).value<core::Connection>().id,
                 QStringLiteral("sb-conn-sf-expired"));
        QVERIFY(picker.isExpiredBadgeShown());
        QVERIFY(combo->toolTip().contains(QStringLiteral("expired")));
    }

    void codeByZapierNeedsNoConnection()
    {
        SandboxFixture sandbox;
        QVERIFY(sandbox.start());
        auto client = sandbox.client();
        ConnectionPicker picker(client.get());
        picker.show();
        // Before the form has an action, the picker says what to do (the catalog may already
        // have an app selected, so "choose an app" alone would mislead).
        QCOMPARE(picker.messageText(), QStringLiteral("Choose an app and an action first."));
        picker.setApp(appOf(sandbox, "Code by Zapier", false));
        QCOMPARE(picker.messageText(), QStringLiteral("This app needs no connection."));
        QVERIFY(!picker.comboBox()->isVisible());
        QVERIFY(picker.currentConnection().id.isEmpty());
        QCOMPARE(sandbox.count("GET", "/v2/authentications*"), 0);
        // The slot holds Connect/Reconnect (issue 4), hidden for an app without accounts.
        QVERIFY(picker.actionSlot());
        QVERIFY(!picker.connectButton()->isVisible());
        QVERIFY(!picker.reconnectButton()->isVisible());
    }

    void failureShowsRetry()
    {
        FakeBackend backend;
        ConnectionPicker picker(&backend);
        picker.show();
        core::App app;
        app.id = QStringLiteral("a");
        app.title = QStringLiteral("App A");
        picker.setApp(app);
        backend.pendingConnections.takeFirst().reply(FakeBackend::error(core::ErrorKind::Timeout));
        QCOMPARE(picker.status()->state(), CatalogStatusLine::State::Error);
        QVERIFY(picker.status()->text().contains(QStringLiteral("took too long")));
        QVERIFY(picker.status()->retryButton()->isVisible());
        QTest::mouseClick(picker.status()->retryButton(), Qt::LeftButton);
        QCOMPARE(backend.pendingConnections.size(), 1);
        backend.pendingConnections.takeFirst().reply(QList<core::Connection>{});
        QCOMPARE(picker.status()->state(), CatalogStatusLine::State::Idle);
        QCOMPARE(picker.messageText(), QStringLiteral("No connected accounts for App A yet."));
    }

    void retranslate_keepsTheChosenConnection()
    {
        SandboxFixture sandbox;
        QVERIFY(sandbox.start());
        auto client = sandbox.client();
        ConnectionPicker picker(client.get());
        picker.show();
        const core::App salesforce = appOf(sandbox, "Salesforce");
        picker.setApp(salesforce);
        QTRY_VERIFY(picker.model()->isLoaded());
        QComboBox *combo = picker.comboBox();
        const int expired = combo->findData(QStringLiteral("sb-conn-sf-expired"),
                                            models::ConnectionListModel::ConnectionIdRole);
        combo->setCurrentIndex(expired);
        QVERIFY(picker.isExpiredBadgeShown());
        QSignalSpy changed(&picker, &ConnectionPicker::connectionChanged);

        const test::PseudoLanguage pseudo;
        QVERIFY(pseudo.isInstalled());
        QTRY_VERIFY(picker.connectButton()->text().startsWith(PseudoTranslator::open));
        // The connections' names are the API's.
        QStringList names;
        for (int row = 0; row < picker.model()->rowCount(); ++row)
            names.append(picker.model()->connection(row).title);
        const QStringList found = UntranslatedText([names](QString text) {
                                      for (const QString &name : names)
                                          text.remove(name);
                                      return text;
                                  }).scan(&picker);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        QVERIFY(combo->itemText(expired).startsWith(PseudoTranslator::open));
        QVERIFY(combo->itemData(expired, Qt::ToolTipRole)
                    .toString()
                    .startsWith(PseudoTranslator::open));

        // Still the same choice, and nobody was told it changed.
        QCOMPARE(combo->currentIndex(), expired);
        QCOMPARE(picker.currentConnection().id, QStringLiteral("sb-conn-sf-expired"));
        QVERIFY(picker.isExpiredBadgeShown());
        QVERIFY(picker.reconnectButton()->isVisible());
        QVERIFY(changed.isEmpty());

        // A state-dependent note follows the language too.
        core::App code = appOf(sandbox, "Code by Zapier", false);
        picker.setApp(code);
        QVERIFY(picker.messageText().startsWith(PseudoTranslator::open));
    }

    void selectionWaitsForTheList()
    {
        FakeBackend backend;
        ConnectionPicker picker(&backend);
        QSignalSpy changed(&picker, &ConnectionPicker::connectionChanged);
        core::App app;
        app.id = QStringLiteral("a");
        picker.setApp(app);
        picker.selectConnection(QStringLiteral("c2"));
        backend.pendingConnections.takeFirst().reply(QList<core::Connection>{
            connection(QStringLiteral("c1"), false), connection(QStringLiteral("c2"), false)});
        QCOMPARE(picker.currentConnection().id, QStringLiteral("c2"));
        QCOMPARE(changed.constLast().at(0).value<core::Connection>().id, QStringLiteral("c2"));
        picker.selectConnection(QStringLiteral("c1"));
        QCOMPARE(picker.currentConnection().id, QStringLiteral("c1"));

        // Only expired connections: one is still chosen, so the badge tells what to do.
        core::App other;
        other.id = QStringLiteral("b");
        picker.setApp(other);
        QVERIFY(picker.currentConnection().id.isEmpty());
        backend.pendingConnections.takeFirst().reply(
            QList<core::Connection>{connection(QStringLiteral("old"), true)});
        QCOMPARE(picker.currentConnection().id, QStringLiteral("old"));
        QVERIFY(picker.isExpiredBadgeShown());
    }
};

QTEST_MAIN(TestConnectionPicker)
#include "tst_connectionpicker.moc"
