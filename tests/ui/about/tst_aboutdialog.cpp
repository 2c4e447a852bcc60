#include "core/version.h"
#include "dialogs/aboutdialog.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"

#include <QCoreApplication>
#include <QLabel>
#include <QTest>

namespace {

using ab::test::PseudoLanguage;

} // namespace

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

    void retranslate_updatesEveryVisibleText()
    {
        ab::ui::AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *label = dialog.findChild<QLabel *>();
        QVERIFY(label);
        QStringList found;
        {
            // Installed over the open dialog: it proves the switch is live, not at construction.
            PseudoLanguage pseudo;
            ab::test::UntranslatedText scanner;
            QTRY_VERIFY2((found = scanner.scan(&dialog)).isEmpty(),
                         qPrintable(found.join(QLatin1Char('\n'))));
            QVERIFY(dialog.isVisible());
            // The version and the Qt versions are still filled in.
            QVERIFY(label->text().contains(ab::core::applicationVersion()));
            QVERIFY(label->text().contains(QString::fromLatin1(qVersion())));
            QVERIFY(label->accessibleDescription().startsWith(ab::test::PseudoTranslator::open));
        }
        // And back: the source language returns the same way.
        QTRY_COMPARE(dialog.windowTitle(), QStringLiteral("About Actionbench"));
        QVERIFY(label->text().contains(QStringLiteral("General Public License")));
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
