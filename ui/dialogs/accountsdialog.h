#pragma once

#include "connect/tokenservice.h"

#include <QDialog>
#include <QUrl>

#include <functional>

class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;

namespace ab::ui {

class AccountsFields;

// "Accounts" for one environment: how the app gets its access token (a pasted token, the
// White Label exchange with a pasted or locally signed partner JWT, or OAuth with PKCE in the
// system browser), signing in (fields validated inline, the token obtained before anything is
// stored) and signing out (after an inline confirmation; every secret of the environment is
// removed from the keyring). Secrets live in masked fields until a sign-in succeeds and then
// only in the keyring; without a keyring the dialog says so and stores nothing.
//
// Non-modal friendly: open it with open() or show(), never exec(). `environmentName` is the
// key the credentials are stored under and the name shown (EnvironmentSwitcher's name); the
// token service must be on that environment.
class AccountsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsDialog)

public:
    using UrlOpener = std::function<bool(const QUrl &url)>;

    // Neither service is owned; both must outlive the dialog.
    AccountsDialog(connect::TokenService *tokens, connect::CredentialStore *store,
                   const QString &environmentName, QWidget *parent = nullptr);

    QString environmentName() const { return m_environment; }
    // Opens the PKCE authorization URL; QDesktopServices::openUrl unless replaced (tests).
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }

    AccountsFields *fields() const { return m_fields; }
    QString stateText() const;  // "Signed in with ..." / "Not signed in"
    QString statusText() const; // the outcome of the last sign-in or sign-out
    QString bannerText() const; // the keyring warning; empty when hidden
    bool isBusy() const { return m_busy; }
    bool isWaitingForBrowser() const;
    QUrl authorizationUrl() const { return m_authorizationUrl; }
    QPushButton *signInButton() const { return m_signIn; }
    QPushButton *signOutButton() const { return m_signOut; }
    QPushButton *confirmSignOutButton() const { return m_confirmSignOut; }
    QPushButton *cancelBrowserButton() const { return m_cancelBrowser; }

public Q_SLOTS:
    void signIn();        // validates, then signs in with the chosen method
    void askSignOut();    // shows the inline confirmation
    void signOut();       // confirmed: removes the settings and every secret
    void cancelBrowser(); // abandons the PKCE browser sign-in

Q_SIGNALS:
    void signedIn();
    void signedOut();

protected:
    void changeEvent(QEvent *event) override;

private:
    // The status line as a function of the outcome it reports, so that it is said again in a
    // new language; it holds codes and names, never a secret.
    using StatusMessage = std::function<QString()>;

    void retranslateUi();
    void reload();
    void showState();
    void probeKeyring();
    void onSignedIn(const connect::TokenResult &result);
    void onAuthorizationUrl(const QUrl &url);
    void setBusy(bool busy, const StatusMessage &progress = {});
    void showStatus(const StatusMessage &message, bool failure);
    void showNoKeyringBanner(bool show);
    void updateButtons();
    bool onOurEnvironment();

    connect::TokenService *m_tokens;
    connect::CredentialStore *m_store;
    QString m_environment;
    connect::Credentials m_stored;
    UrlOpener m_openUrl;
    QUrl m_authorizationUrl;
    bool m_busy = false;
    StatusMessage m_statusMessage;
    bool m_statusFailure = false;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_banner;
    AccountsFields *m_fields;
    QFrame *m_waiting; // PKCE: waiting for the browser
    QLabel *m_waitingText;
    QPushButton *m_copyLink;
    QPushButton *m_cancelBrowser;
    QFrame *m_confirm; // sign-out confirmation
    QLabel *m_confirmText;
    QPushButton *m_confirmSignOut;
    QPushButton *m_keep;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_signIn;
    QPushButton *m_signOut;
    QPushButton *m_close;
};

} // namespace ab::ui
