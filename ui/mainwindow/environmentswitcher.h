#pragma once

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QComboBox;
namespace ab::connect {
class CredentialStore;
}
class QInputDialog;
class QLabel;

namespace ab::ui {

// Which server the app talks to: the built-in sandbox (default, offline), Zapier, or a custom
// URL. A server with a stored sign-in (Accounts) is switched to at once; for the others a token
// is asked for when chosen and kept in memory only (left empty, the window opens Accounts to
// sign in). Nothing secret reaches the settings.
class EnvironmentSwitcher final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentSwitcher)

public:
    enum class Kind { Sandbox, Zapier, Custom };
    struct Environment {
        Kind kind = Kind::Sandbox;
        QUrl baseUrl;
        QString token;
        QString name; // shown and recorded with runs: "sandbox", "https://api.zapier.com", ...
    };

    // `accounts` (optional, not owned) tells which environments have a stored sign-in.
    EnvironmentSwitcher(QUrl sandboxUrl, QString sandboxToken,
                        const connect::CredentialStore *accounts = nullptr,
                        QWidget *parent = nullptr);

    const Environment &current() const { return m_current; }
    QUrl customUrl() const { return m_customUrl; }
    void setCustomUrl(const QUrl &url) { m_customUrl = url; }
    // Switches at once when nothing needs asking (the sandbox, or a known token, e.g. from
    // ACTIONBENCH_TOKEN); otherwise asks for the URL and token in non-blocking dialogs and
    // switches when they are accepted. Cancelling keeps the environment in use.
    void select(Kind kind, const QString &token = {});

Q_SIGNALS:
    void environmentChanged(const ab::ui::EnvironmentSwitcher::Environment &environment);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void retranslatePrompts();
    void onActivated(int index);
    void askForToken(Environment next);
    void apply(const Environment &next);
    void showCurrent();
    void updateCustomItem();

    QLabel *m_label;
    QComboBox *m_combo;
    // The prompts while they are open, so a language change reaches their texts too.
    QPointer<QInputDialog> m_urlDialog;
    QPointer<QInputDialog> m_tokenDialog;
    QString m_tokenHost; // the host the open token prompt asks about
    const connect::CredentialStore *m_accounts;
    Environment m_current;
    QUrl m_sandboxUrl;
    QString m_sandboxToken;
    QUrl m_customUrl;
};

} // namespace ab::ui
