#include "panes/rundetailerrors.h"

#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace ab::ui {

RunDetailErrors::RunDetailErrors(QWidget *parent)
    : QWidget(parent)
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    m_cards = new QVBoxLayout(content);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    rebuild();
}

void RunDetailErrors::setRun(const runs::RunRecord &run)
{
    m_errors = run.errors;
    m_apiError = run.apiError;
    m_phase = run.phase;
    rebuild();
}

void RunDetailErrors::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RunDetailErrors::retranslateUi()
{
    // The same errors explained again, and the cards reworded in place: the scroll position and
    // a focused "Go to field" button stay. Which parts a card has does not depend on the language.
    m_explanations = ErrorExplainer::explainRun(m_errors, m_apiError, m_phase);
    if (m_none)
        m_none->setText(tr("No errors."));
    for (qsizetype i = 0; i < m_cardFrames.size() && i < m_explanations.size(); ++i)
        fillCard(m_cardFrames.at(i), m_explanations.at(i));
}

void RunDetailErrors::rebuild()
{
    m_explanations = ErrorExplainer::explainRun(m_errors, m_apiError, m_phase);
    m_none = nullptr;
    m_cardFrames.clear();
    while (QLayoutItem *item = m_cards->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (m_explanations.isEmpty()) {
        m_none = new QLabel(tr("No errors."), this);
        m_none->setObjectName(QStringLiteral("errorsNone"));
        m_none->setForegroundRole(QPalette::PlaceholderText);
        m_cards->addWidget(m_none);
    }
    for (const Explanation &explanation : std::as_const(m_explanations)) {
        QFrame *frame = card(explanation);
        m_cardFrames.append(frame);
        m_cards->addWidget(frame);
    }
    m_cards->addStretch(1);
}

QFrame *RunDetailErrors::card(const Explanation &explanation)
{
    auto *frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("errorCard"));
    frame->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(frame);
    auto label = [frame, layout](const char *name) {
        auto *l = new QLabel(frame);
        l->setObjectName(QLatin1String(name));
        l->setWordWrap(true);
        l->setTextFormat(Qt::PlainText);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(l);
        return l;
    };
    QLabel *title = label("errorTitle");
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    label("errorExplanation");
    if (!explanation.nextStep.isEmpty())
        label("errorNextStep");
    if (!explanation.details.isEmpty())
        label("errorDetails")->setForegroundRole(QPalette::PlaceholderText);
    if (!explanation.fieldId.isEmpty()) {
        auto *go = new QPushButton(frame);
        go->setObjectName(QStringLiteral("goToField"));
        go->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        const QString fieldId = explanation.fieldId;
        connect(go, &QPushButton::clicked, this,
                [this, fieldId] { Q_EMIT focusFieldRequested(fieldId); });
        layout->addWidget(go);
    }
    fillCard(frame, explanation);
    return frame;
}

void RunDetailErrors::fillCard(QFrame *frame, const Explanation &explanation)
{
    const auto setText = [frame](const char *name, const QString &text) {
        if (auto *label = frame->findChild<QLabel *>(QLatin1String(name)))
            label->setText(text);
    };
    setText("errorTitle", explanation.title);
    setText("errorExplanation", explanation.explanation);
    setText("errorNextStep", explanation.nextStep);
    setText("errorDetails", tr("Reported: %1").arg(explanation.details));
    if (auto *go = frame->findChild<QPushButton *>(QStringLiteral("goToField"))) {
        go->setText(tr("Go to field “%1”").arg(explanation.fieldId));
        go->setAccessibleName(tr("Go to field %1").arg(explanation.fieldId));
    }
    // One accessible summary per card, read as a whole by screen readers.
    frame->setAccessibleName(explanation.title);
    frame->setAccessibleDescription(explanation.explanation + u' ' + explanation.nextStep);
}

} // namespace ab::ui
