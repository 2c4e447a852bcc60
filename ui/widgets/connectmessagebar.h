#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace ab::ui {

// A bar under the connection picker that says how connecting an account goes: busy, done, or
// what went wrong with what to do next and a Retry button (and Accounts… when the account
// credentials are what failed). Hidden when there is nothing to say.
class ConnectMessageBar final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectMessageBar)

public:
    // CredentialsError: an Error that the Accounts dialog can fix.
    enum class Kind { None, Busy, Success, Note, Error, CredentialsError };
    // Makes the message's words: called when it is shown and again when the language changes,
    // so a message stays in the language of the UI.
    using Text = std::function<QString()>;

    explicit ConnectMessageBar(QWidget *parent = nullptr);

    void showMessage(Kind kind, const Text &text);
    void clear() { showMessage(Kind::None, {}); }
    Kind kind() const { return m_kind; }
    QString text() const;
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *accountsButton() const { return m_accounts; }

Q_SIGNALS:
    void retryRequested();
    void accountsRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateText();
    void updateColours();

    Kind m_kind = Kind::None;
    Text m_message;
    QLabel *m_icon;
    QProgressBar *m_busy;
    QLabel *m_text;
    QPushButton *m_retry;
    QPushButton *m_accounts;
    QToolButton *m_dismiss;
    bool m_updatingColours = false;
};

} // namespace ab::ui
