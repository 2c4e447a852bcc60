#include "panes/rundetailerrors.h"

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
    setExplanations({});
}

void RunDetailErrors::setExplanations(const QList<Explanation> &explanations)
{
    m_explanations = explanations;
    while (QLayoutItem *item = m_cards->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (explanations.isEmpty()) {
        auto *none = new QLabel(tr("No errors."), this);
        none->setObjectName(QStringLiteral("errorsNone"));
        none->setForegroundRole(QPalette::PlaceholderText);
        m_cards->addWidget(none);
    }
    for (const Explanation &explanation : explanations)
        m_cards->addWidget(card(explanation));
    m_cards->addStretch(1);
}

QWidget *RunDetailErrors::card(const Explanation &explanation)
{
    auto *frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("errorCard"));
    frame->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(frame);
    auto label = [frame, layout](const QString &text, const char *name) {
        auto *l = new QLabel(text, frame);
        l->setObjectName(QLatin1String(name));
        l->setWordWrap(true);
        l->setTextFormat(Qt::PlainText);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(l);
        return l;
    };
    QLabel *title = label(explanation.title, "errorTitle");
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    label(explanation.explanation, "errorExplanation");
    if (!explanation.nextStep.isEmpty())
        label(explanation.nextStep, "errorNextStep");
    if (!explanation.details.isEmpty()) {
        QLabel *details = label(tr("Reported: %1").arg(explanation.details), "errorDetails");
        details->setForegroundRole(QPalette::PlaceholderText);
    }
    if (!explanation.fieldId.isEmpty()) {
        auto *go = new QPushButton(tr("Go to field “%1”").arg(explanation.fieldId), frame);
        go->setObjectName(QStringLiteral("goToField"));
        go->setAccessibleName(tr("Go to field %1").arg(explanation.fieldId));
        go->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        const QString fieldId = explanation.fieldId;
        connect(go, &QPushButton::clicked, this,
                [this, fieldId] { Q_EMIT focusFieldRequested(fieldId); });
        layout->addWidget(go);
    }
    // One accessible summary per card, read as a whole by screen readers.
    frame->setAccessibleName(explanation.title);
    frame->setAccessibleDescription(explanation.explanation + u' ' + explanation.nextStep);
    return frame;
}

} // namespace ab::ui
