#include "core/version.h"
#include "dialogs/aboutdialog.h"

#include <QLabel>
#include <QTest>

class TestAboutDialog final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsVersionLicenseAndQt()
    {
        ab::ui::AboutDialog dialog;
        const QString text = dialog.text();
        QVERIFY(text.contains(ab::core::applicationVersion()));
        QVERIFY(text.contains(QStringLiteral("General Public License")));
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        auto *label = dialog.findChild<QLabel *>();
        QVERIFY(label);
        QVERIFY(label->text().contains(ab::core::applicationVersion()));
        QVERIFY(!label->accessibleName().isEmpty());
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
