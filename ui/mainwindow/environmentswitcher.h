#pragma once

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QInputDialog;
class QLabel;

namespace ab::ui {

// Which server the app talks to: the built-in sandbox (default, offline), Zapier, or a custom
// URL. Tokens for the non-sandbox servers are asked for when chosen and kept in memory only
// (the OS keychain comes with account management); nothing secret reaches the settings.
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

    EnvironmentSwitcher(QUrl sandboxUrl, QString sandboxToken, QWidget *parent = nullptr);

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

    QLabel *m_label;
    QComboBox *m_combo;
    // The prompts while they are open, so a language change reaches their texts too.
    QPointer<QInputDialog> m_urlDialog;
    QPointer<QInputDialog> m_tokenDialog;
    QString m_tokenHost; // the host the open token prompt asks about
    Environment m_current;
    QUrl m_sandboxUrl;
    QString m_sandboxToken;
    QUrl m_customUrl;
};

} // namespace ab::ui
