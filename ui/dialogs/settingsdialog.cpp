#include "dialogs/settingsdialog.h"

#include "i18n/languagemanager.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ab::ui {

SettingsDialog::SettingsDialog(LanguageManager *languages, QWidget *parent)
    : QDialog(parent)
    , m_languages(languages)
    , m_languageLabel(new QLabel(this))
    , m_language(new QComboBox(this))
    , m_note(new QLabel(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    m_language->setObjectName(QStringLiteral("languageBox"));
    m_languageLabel->setBuddy(m_language);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);

    retranslateUi();
    connect(m_language, &QComboBox::activated, this, &SettingsDialog::chooseLanguage);
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setAccessibleName(tr("Language"));
    m_note->setText(tr("The language changes at once; your form, selection and runs stay as "
                       "they are."));
    if (!m_error->isHidden())
        m_error->setText(loadErrorText());
    fillLanguages();
}

QString SettingsDialog::loadErrorText() const
{
    return tr("This language could not be loaded; the window stays as it is.");
}

void SettingsDialog::fillLanguages()
{
    const QSignalBlocker blocker(m_language);
    m_language->clear();
    QString systemName;
    for (const Language &language : LanguageManager::available()) {
        if (language.code == m_languages->systemLanguage())
            systemName = language.nativeName;
    }
    //: %1 is the system's language in its own name, e.g. "Deutsch"
    m_language->addItem(tr("System default (%1)").arg(systemName), QString());
    for (const Language &language : LanguageManager::available())
        m_language->addItem(language.nativeName, language.code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(m_languages->choice())));
}

void SettingsDialog::chooseLanguage(int index)
{
    const QString code = m_language->itemData(index).toString();
    if (m_languages->choose(code)) {
        m_error->hide();
        return;
    }
    m_error->setText(loadErrorText());
    m_error->show();
    fillLanguages();
}

} // namespace ab::ui
