#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace ab::ui {

// A bar under the connection picker that says how connecting an account goes: busy, done, or
// what went wrong with what to do next and a Retry button. Hidden when there is nothing to say.
class ConnectMessageBar final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectMessageBar)

public:
    enum class Kind { None, Busy, Success, Note, Error };
    // Makes the message's words: called when it is shown and again when the language changes,
    // so a message stays in the language of the UI.
    using Text = std::function<QString()>;

    explicit ConnectMessageBar(QWidget *parent = nullptr);

    void showMessage(Kind kind, const Text &text);
    void clear() { showMessage(Kind::None, {}); }
    Kind kind() const { return m_kind; }
    QString text() const;
    QPushButton *retryButton() const { return m_retry; }

Q_SIGNALS:
    void retryRequested();

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
    QToolButton *m_dismiss;
    bool m_updatingColours = false;
};

} // namespace ab::ui
