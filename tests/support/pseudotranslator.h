#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QString>
#include <QTranslator>

namespace ab::test {

// A translator that "translates" every string of ours into ⟦source⟧. Installed over a live
// window it proves two things at once: each visible string went through tr(), and the widget
// re-translated itself on QEvent::LanguageChange. Qt's own strings (context "Q...") stay as
// they are: Qt ships their translations.
class PseudoTranslator : public QTranslator {
public:
    static constexpr QChar open = QChar(0x27E6);  // ⟦
    static constexpr QChar close = QChar(0x27E7); // ⟧

    using QTranslator::QTranslator;

    bool isEmpty() const override { return false; }

    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override;

    // The text with every ⟦...⟧ span (nested ones too) removed: what is left did not go
    // through tr().
    static QString untranslatedRemainder(const QString &text);
};

// Switches the running UI to the pseudo-language, as choosing another language does, and back
// to English when it goes out of scope (also when a check fails).
class PseudoLanguage {
public:
    PseudoLanguage()
        : m_installed(QCoreApplication::installTranslator(&m_translator))
    {
        deliver();
    }
    ~PseudoLanguage()
    {
        QCoreApplication::removeTranslator(&m_translator);
        deliver();
    }
    PseudoLanguage(const PseudoLanguage &) = delete;
    PseudoLanguage &operator=(const PseudoLanguage &) = delete;

    bool isInstalled() const { return m_installed; }

private:
    // QApplication posts LanguageChange to every window; each passes it down its tree.
    static void deliver() { QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange); }

    PseudoTranslator m_translator;
    bool m_installed;
};

} // namespace ab::test
