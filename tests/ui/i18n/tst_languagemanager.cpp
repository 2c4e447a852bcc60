#include "dialogs/settingsdialog.h"
#include "i18n/languagemanager.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"

#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using ab::ui::LanguageManager;
using ab::ui::SettingsDialog;

namespace {

// What the Settings dialog calls itself in the language now installed.
QString settingsTitle()
{
    return QCoreApplication::translate("ab::ui::SettingsDialog", "Settings");
}

bool hasJapanese(const QString &text)
{
    for (const QChar c : text) {
        if (c.script() == QChar::Script_Hiragana || c.script() == QChar::Script_Katakana ||
            c.script() == QChar::Script_Han)
            return true;
    }
    return false;
}

} // namespace

class TestLanguageManager final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<QSettings> settings()
    {
        return std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                           QSettings::IniFormat);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
    }

    void systemDefault_followsTheFirstPreferredLanguageWeHave()
    {
        auto store = settings();
        LanguageManager japanese(store.get(), QLocale(QLocale::Japanese, QLocale::Japan));
        QCOMPARE(japanese.systemLanguage(), QStringLiteral("ja"));
        LanguageManager french(store.get(), QLocale(QLocale::French, QLocale::France));
        QCOMPARE(french.systemLanguage(), QStringLiteral("en"));
        LanguageManager austrian(store.get(), QLocale(QLocale::German, QLocale::Austria));
        QCOMPARE(austrian.systemLanguage(), QStringLiteral("de"));
    }

    void choose_translatesAndRemembers()
    {
        auto store = settings();
        {
            LanguageManager languages(store.get(), QLocale(QLocale::English));
            languages.applySaved();
            QCOMPARE(languages.current(), QStringLiteral("en"));
            QCOMPARE(settingsTitle(), QStringLiteral("Settings"));

            QSignalSpy changed(&languages, &LanguageManager::languageChanged);
            QVERIFY(languages.choose(QStringLiteral("de")));
            QCOMPARE(changed.count(), 1);
            QCOMPARE(languages.current(), QStringLiteral("de"));
            QVERIFY(settingsTitle() != QStringLiteral("Settings"));
            QCOMPARE(QLocale().language(), QLocale::German); // numbers and dates follow

            QVERIFY(languages.choose(QStringLiteral("ja")));
            QVERIFY(hasJapanese(settingsTitle()));
        }
        // The translators went with the manager; a new one brings the saved choice back.
        QCOMPARE(settingsTitle(), QStringLiteral("Settings"));
        LanguageManager again(store.get(), QLocale(QLocale::English));
        QCOMPARE(again.choice(), QStringLiteral("ja"));
        again.applySaved();
        QVERIFY(hasJapanese(settingsTitle()));
        // "System default" forgets the choice.
        QVERIFY(again.choose(QString()));
        QCOMPARE(again.choice(), QString());
        QCOMPARE(again.current(), QStringLiteral("en"));
        QCOMPARE(settingsTitle(), QStringLiteral("Settings"));
        QLocale::setDefault(QLocale::c());
    }

    void choose_refusesUnknownLanguages()
    {
        auto store = settings();
        LanguageManager languages(store.get(), QLocale(QLocale::English));
        QVERIFY(!languages.choose(QStringLiteral("xx")));
        QCOMPARE(languages.current(), QStringLiteral("en"));
        QCOMPARE(languages.choice(), QString());
        store->setValue(QStringLiteral("ui/language"), QStringLiteral("klingon"));
        QCOMPARE(languages.choice(), QString()); // a hand-edited setting falls back
    }

    void settingsDialog_switchesLiveAndKeepsItsState()
    {
        auto store = settings();
        LanguageManager languages(store.get(), QLocale(QLocale::German, QLocale::Germany));
        SettingsDialog dialog(&languages);
        dialog.show();
        QComboBox *box = dialog.languageBox();
        QCOMPARE(box->count(), 4); // System default + English, Deutsch, 日本語
        QCOMPARE(box->currentIndex(), 0);
        QVERIFY(box->itemText(0).contains(QStringLiteral("Deutsch")));
        auto *label = qobject_cast<QLabel *>(dialog.findChildren<QLabel *>().value(0));
        QVERIFY(label);
        QCOMPARE(label->buddy(), box); // the combo is named by its label for screen readers

        const int japanese = box->findData(QStringLiteral("ja"));
        QVERIFY(japanese > 0);
        box->setCurrentIndex(japanese);
        Q_EMIT box->activated(japanese);
        QCOMPARE(languages.current(), QStringLiteral("ja"));
        QTRY_VERIFY(hasJapanese(dialog.windowTitle()));
        QCOMPARE(box->currentIndex(), japanese); // rebuilt in the new language, same choice
        QCOMPARE(store->value(QStringLiteral("ui/language")).toString(), QStringLiteral("ja"));

        // "System default" is German here.
        Q_EMIT box->activated(0);
        QCOMPARE(languages.current(), QStringLiteral("de"));
        QTRY_COMPARE(dialog.windowTitle(), settingsTitle());
        QVERIFY(dialog.windowTitle() != QStringLiteral("Settings"));
        QCOMPARE(box->currentIndex(), 0);
        QVERIFY(!store->contains(QStringLiteral("ui/language")));
        QLocale::setDefault(QLocale::c());
    }

    void settingsDialog_everyTextIsTranslated()
    {
        auto store = settings();
        LanguageManager languages(store.get(), QLocale(QLocale::English));
        SettingsDialog dialog(&languages);
        dialog.show();
        ab::test::PseudoTranslator pseudo;
        QCoreApplication::installTranslator(&pseudo);
        QTRY_VERIFY(dialog.windowTitle().startsWith(ab::test::PseudoTranslator::open));
        // The languages' own names are shown as each language writes itself, on purpose.
        ab::test::UntranslatedText scanner([](QString text) {
            for (const ab::ui::Language &language : LanguageManager::available())
                text.remove(language.nativeName);
            return text;
        });
        const QStringList found = scanner.scan(&dialog);
        QCoreApplication::removeTranslator(&pseudo);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestLanguageManager)
#include "tst_languagemanager.moc"
