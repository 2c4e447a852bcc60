#pragma once

#include "connect/tokenservice.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>

class QButtonGroup;
class QComboBox;
class QFileDialog;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace ab::ui {

// The editable half of the Accounts dialog: the sign-in method and one page of fields per
// method, each with its inline error line. Secrets are typed into masked fields only and are
// never filled in from storage: a stored one shows a "stored in the keychain" placeholder and
// may be left empty to keep it. Knows nothing of the token service.
class AccountsFields final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsFields)

public:
    explicit AccountsFields(QWidget *parent = nullptr);

    // Shows the non-secret settings; `endpoints` gives the defaults shown as placeholders.
    void load(const connect::Credentials &stored, const QUrl &defaultTokenUrl);
    connect::CredentialMode mode() const;
    void setMode(connect::CredentialMode mode);
    connect::JwtSource jwtSource() const;
    void setJwtSource(connect::JwtSource source);

    // Checks every visible field, shows the errors inline and focuses the first bad field.
    bool validate();
    connect::Credentials credentials() const;
    connect::SecretValues secrets() const;
    // After a sign-in: the typed secrets are dropped; the fields now read "stored".
    void clearSecrets(const connect::Credentials &stored);

    QPushButton *browserButton() const { return m_browser; }
    QString errorText(const QLineEdit *field) const; // the inline error under a field

Q_SIGNALS:
    void modeChanged();
    void browserSignInRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Field {
        QLabel *label = nullptr;
        QLineEdit *edit = nullptr;
        QLabel *error = nullptr;
        QWidget *row = nullptr; // edit + error, the QFormLayout's field widget
    };
    // An inline error as a function of the field's state, so it is said again in a new
    // language; empty (or returning empty) when the field is fine. It never holds a value typed
    // into the field: it reads the field when asked.
    using ErrorMessage = std::function<QString()>;

    void retranslateUi();
    void alignLabels();
    Field addField(QFormLayout *form, const QString &objectName, bool masked,
                   QWidget *trailing = nullptr);
    void setLabel(const Field &field, const QString &label);
    bool check(const Field &field, const ErrorMessage &message);
    void showError(const Field &field, const ErrorMessage &message);
    void updatePlaceholders();
    void showKeyFile();
    void updateVisibility();
    void chooseKeyFile();
    void loadKeyFile(const QString &path);
    bool secretStored(connect::CredentialMode mode) const;
    const Field *fieldOf(const QLineEdit *edit) const;

    connect::Credentials m_stored; // what the settings held when loaded
    QList<QFormLayout *> m_forms;  // the method row's and each page's, labels aligned across
    QLabel *m_modeLabel;
    QComboBox *m_mode;
    QStackedWidget *m_pages;
    QFormLayout *m_exchangeForm;
    // Paste an access token.
    Field m_token;
    QLabel *m_tokenHint;
    // White Label exchange.
    Field m_clientId;
    Field m_clientSecret;
    QLabel *m_sourceLabel;
    QRadioButton *m_pasted;
    QRadioButton *m_signed;
    QButtonGroup *m_source;
    Field m_jwt;
    Field m_pem;
    QPushButton *m_chooseKey;
    QLabel *m_keyFile;
    QString m_keyFileName; // the file the key was loaded from, shown under the field
    QPointer<QFileDialog> m_keyChooser;
    QLabel *m_algorithmLabel;
    QComboBox *m_algorithm;
    Field m_kid;
    Field m_iss;
    Field m_sub;
    Field m_orgClaim;
    Field m_orgValue;
    Field m_tokenUrl;
    Field m_exchangeScopes;
    // OAuth with PKCE.
    Field m_pkceClientId;
    Field m_pkceScopes;
    QPushButton *m_browser;
    QLabel *m_pkceHint;
    QList<const Field *> m_fields;
    QHash<const QLineEdit *, ErrorMessage> m_errors; // the fields showing an error
};

} // namespace ab::ui
