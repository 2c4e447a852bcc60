#pragma once

#include <QList>
#include <QLocale>
#include <QObject>
#include <QString>
#include <QTranslator>

#include <memory>

class QSettings;

namespace ab::ui {

struct Language {
    QString code;       // "en", "de", "ja"
    QString nativeName; // the language's own name ("Deutsch"), never translated
};

// Chooses the UI language (a saved choice, or the system locale) and switches it at run time:
// installing the translators makes Qt send QEvent::LanguageChange to every widget, and each
// widget re-translates itself in place, so nothing the user is working on is lost.
class LanguageManager final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageManager)

public:
    // `settings` keeps the choice (never secrets); `system` is the locale "System default"
    // follows (tests pass one).
    explicit LanguageManager(QSettings *settings, QLocale system = QLocale::system(),
                             QObject *parent = nullptr);
    ~LanguageManager() override;

    static QList<Language> available();

    // The saved choice: a language code, or empty to follow the system.
    QString choice() const;
    // The language in use now.
    QString current() const { return m_current; }
    // The language "System default" resolves to.
    QString systemLanguage() const;

    // Applies the saved choice (at start-up, before the first window is built).
    void applySaved();
    // Saves and applies a choice; empty follows the system. False when the translation could
    // not be loaded (the UI then stays in its current language).
    bool choose(const QString &code);

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    bool apply(const QString &code);

    QSettings *m_settings;
    QLocale m_system;
    std::unique_ptr<QTranslator> m_ours;
    std::unique_ptr<QTranslator> m_qt; // Qt's own strings (standard buttons, context menus)
    QString m_current = QStringLiteral("en");
};

} // namespace ab::ui
