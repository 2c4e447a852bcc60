#pragma once

#include "panes/errorexplainer.h"

#include <QList>
#include <QWidget>

class QFrame;
class QLabel;
class QVBoxLayout;

namespace ab::ui {

// The Errors tab: one card per explained error (title, what happened, what to do, the app's own
// words) with a "Go to field" button when the error points at an input. It keeps the run's
// errors, not their wording, and explains them again (ErrorExplainer) when the language changes.
class RunDetailErrors final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunDetailErrors)

public:
    explicit RunDetailErrors(QWidget *parent = nullptr);

    // Explains the run's errors (see ErrorExplainer::explainRun).
    void setRun(const runs::RunRecord &run);
    int count() const { return int(m_explanations.size()); }
    const QList<Explanation> &explanations() const { return m_explanations; }

Q_SIGNALS:
    void focusFieldRequested(const QString &fieldId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void retranslateUi();
    QFrame *card(const Explanation &explanation);
    void fillCard(QFrame *frame, const Explanation &explanation);

    QVBoxLayout *m_cards;
    QLabel *m_none = nullptr;     // "No errors.", when there are none
    QList<QFrame *> m_cardFrames; // one per explanation, in order
    QList<core::RunError> m_errors;
    std::optional<core::ApiError> m_apiError;
    runs::Phase m_phase = runs::Phase::Preparing;
    QList<Explanation> m_explanations; // of the above, in the current language
};

} // namespace ab::ui
