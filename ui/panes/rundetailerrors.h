#pragma once

#include "panes/errorexplainer.h"

#include <QList>
#include <QWidget>

class QVBoxLayout;

namespace ab::ui {

// The Errors tab: one card per explained error (title, what happened, what to do, the app's own
// words) with a "Go to field" button when the error points at an input.
class RunDetailErrors final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunDetailErrors)

public:
    explicit RunDetailErrors(QWidget *parent = nullptr);

    void setExplanations(const QList<Explanation> &explanations);
    int count() const { return int(m_explanations.size()); }
    const QList<Explanation> &explanations() const { return m_explanations; }

Q_SIGNALS:
    void focusFieldRequested(const QString &fieldId);

private:
    QWidget *card(const Explanation &explanation);

    QVBoxLayout *m_cards;
    QList<Explanation> m_explanations;
};

} // namespace ab::ui
