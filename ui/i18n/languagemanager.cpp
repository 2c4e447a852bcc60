#include "i18n/languagemanager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QSettings>

namespace ab::ui {

namespace {

Q_LOGGING_CATEGORY(lcLanguage, "ab.ui.language")

const QString settingsKey = QStringLiteral("ui/language");
const QString sourceLanguage = QStringLiteral("en"); // the language of the tr() sources

bool isAvailable(const QString &code)
{
    for (const Language &language : LanguageManager::available()) {
        if (language.code == code)
            return true;
    }
    return false;
}

} // namespace

LanguageManager::LanguageManager(QSettings *settings, QLocale system, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_system(std::move(system))
{}

LanguageManager::~LanguageManager()
{
    if (m_ours)
        QCoreApplication::removeTranslator(m_ours.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
}

QList<Language> LanguageManager::available()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("ja"), QStringLiteral("日本語")}};
}

QString LanguageManager::choice() const
{
    const QString saved = m_settings ? m_settings->value(settingsKey).toString() : QString();
    return isAvailable(saved) ? saved : QString();
}

QString LanguageManager::systemLanguage() const
{
    // The first of the user's preferred languages that we have; English otherwise.
    for (const QString &name : m_system.uiLanguages()) {
        const QString code = QLocale(name).name().section(QLatin1Char('_'), 0, 0);
        if (isAvailable(code))
            return code;
    }
    return sourceLanguage;
}

void LanguageManager::applySaved()
{
    const QString saved = choice();
    apply(saved.isEmpty() ? systemLanguage() : saved);
}

bool LanguageManager::choose(const QString &code)
{
    if (!code.isEmpty() && !isAvailable(code))
        return false;
    if (!apply(code.isEmpty() ? systemLanguage() : code))
        return false;
    if (m_settings) {
        if (code.isEmpty())
            m_settings->remove(settingsKey);
        else
            m_settings->setValue(settingsKey, code);
    }
    return true;
}

bool LanguageManager::apply(const QString &code)
{
    if (code == m_current)
        return true;
    // Load first: a language that fails to load leaves the UI as it is.
    std::unique_ptr<QTranslator> ours;
    std::unique_ptr<QTranslator> qt;
    if (code != sourceLanguage) {
        ours = std::make_unique<QTranslator>();
        if (!ours->load(QStringLiteral(":/i18n/actionbench_%1.qm").arg(code))) {
            qCWarning(lcLanguage) << "no translation for" << code;
            return false;
        }
        // Qt's catalogue is optional (Debian: qt6-translations-l10n); without it Qt's own few
        // strings (standard buttons, context menus) stay English.
        // "qt" is the catalogue windeployqt ships; Linux distributions also install "qtbase".
        qt = std::make_unique<QTranslator>();
        const QString qtDirectory = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!qt->load(QLocale(code), QStringLiteral("qt"), QStringLiteral("_"), qtDirectory) &&
            !qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"), qtDirectory))
            qt.reset();
    }
    // Every install or removal makes Qt send QEvent::LanguageChange to every widget.
    if (m_ours)
        QCoreApplication::removeTranslator(m_ours.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_ours = std::move(ours);
    m_qt = std::move(qt);
    if (m_qt)
        QCoreApplication::installTranslator(m_qt.get());
    if (m_ours)
        QCoreApplication::installTranslator(m_ours.get());
    QLocale::setDefault(QLocale(code));
    m_current = code;
    Q_EMIT languageChanged(code);
    return true;
}

} // namespace ab::ui
