#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ab::ui {

// The centred, muted text that stands in for an empty list ("No apps match ..."), framed and
// filled like the list it replaces so the layout does not jump between the two. The owner names
// it (setAccessibleName) in its retranslateUi().
QLabel *createCatalogPlaceholder(QWidget *parent);

// One line under a list that says what it is doing: busy (an indeterminate bar and a text),
// an error with a Retry button, or a quiet note. Hidden when there is nothing to say. The texts
// shown come from the owner, which says them again (from its state) on a language change.
class CatalogStatusLine final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogStatusLine)

public:
    enum class State { Idle, Busy, Error, Note };

    explicit CatalogStatusLine(QWidget *parent = nullptr);

    // What the line reports on ("Apps status"): its accessible name, which also describes the
    // Retry button. Set by the owner's retranslateUi().
    void setSubject(const QString &subject);

    void showBusy(const QString &text);
    void showError(const QString &text);
    void showNote(const QString &text);
    void clear();

    State state() const { return m_state; }
    QString text() const;
    QPushButton *retryButton() const { return m_retry; }

Q_SIGNALS:
    void retryRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void show(State state, const QString &text);

    State m_state = State::Idle;
    QProgressBar *m_busy;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_retry;
};

} // namespace ab::ui
