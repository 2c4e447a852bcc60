#pragma once

// The Connect tests' switch to the pseudo-language. Kept apart from connecttesting.h, which
// brings in Qt WebEngine: the loader test must not link it.

#include "support/pseudotranslator.h"

#include <QCoreApplication>
#include <QEvent>

namespace ab::test {

// Switches the running UI to the pseudo-language (every string of ours becomes ⟦source⟧), as
// choosing another language does, and back to English when it goes out of scope.
class PseudoLanguage {
public:
    PseudoLanguage()
    {
        QCoreApplication::installTranslator(&m_translator);
        deliver();
    }
    ~PseudoLanguage()
    {
        QCoreApplication::removeTranslator(&m_translator);
        deliver();
    }
    PseudoLanguage(const PseudoLanguage &) = delete;
    PseudoLanguage &operator=(const PseudoLanguage &) = delete;

private:
    // QApplication posts LanguageChange to every window; each passes it down its tree.
    static void deliver() { QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange); }

    PseudoTranslator m_translator;
};

} // namespace ab::test
