#pragma once

#include <QDialog>

class QComboBox;
class QLabel;

namespace ab::ui {

class LanguageManager;

// File › Settings: the UI language ("System default" follows the system locale). A choice
// applies at once, with the window and everything in it kept as it is.
class SettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(LanguageManager *languages, QWidget *parent = nullptr);

    QComboBox *languageBox() const { return m_language; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fillLanguages();
    QString loadErrorText() const;
    void chooseLanguage(int index);

    LanguageManager *m_languages;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_note;
    QLabel *m_error;
};

} // namespace ab::ui
