#include "panes/ratelimitgauge.h"

#include "api/requestscheduler.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace ab::ui {

namespace {

QColor amber(const QPalette &palette)
{
    // The same hue in both modes, pulled towards the text colour so it stays legible.
    const QColor base(0xd9, 0x96, 0x00);
    const QColor text = palette.color(QPalette::WindowText);
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    const qreal t = dark ? 0.75 : 0.8;
    QColor mixed = QColor::fromRgbF(float(base.redF() * t + text.redF() * (1 - t)),
                                    float(base.greenF() * t + text.greenF() * (1 - t)),
                                    float(base.blueF() * t + text.blueF() * (1 - t)));
    return dark ? mixed : mixed.darker(115);
}

// Whole sentences per kind of window, so translators can order the words as their language wants.
QString budgetText(int remaining, int limit, qint64 windowMs)
{
    if (windowMs == 60000)
        return RateLimitGauge::tr("%1/%2 requests this minute").arg(remaining).arg(limit);
    if (windowMs % 60000 == 0)
        return RateLimitGauge::tr("%1/%2 requests per %3 min")
            .arg(remaining)
            .arg(limit)
            .arg(windowMs / 60000);
    return RateLimitGauge::tr("%1/%2 requests per %3 s")
        .arg(remaining)
        .arg(limit)
        .arg(windowMs / 1000);
}

QString budgetToolTip(const QString &api, int remaining, int limit, qint64 windowMs)
{
    //: %1 is "Partner API" or "Actions API".
    if (windowMs == 60000)
        return RateLimitGauge::tr("%1 budget: %2 of %3 requests left this minute.")
            .arg(api)
            .arg(remaining)
            .arg(limit);
    if (windowMs % 60000 == 0)
        return RateLimitGauge::tr("%1 budget: %2 of %3 requests left per %4 min.")
            .arg(api)
            .arg(remaining)
            .arg(limit)
            .arg(windowMs / 60000);
    return RateLimitGauge::tr("%1 budget: %2 of %3 requests left per %4 s.")
        .arg(api)
        .arg(remaining)
        .arg(limit)
        .arg(windowMs / 1000);
}

qint64 ceilSeconds(qint64 ms)
{
    return (ms + 999) / 1000;
}

} // namespace

RateLimitGauge::RateLimitGauge(api::RequestScheduler *scheduler, QWidget *parent)
    : QWidget(parent)
    , m_scheduler(scheduler)
    , m_bar(new QProgressBar(this))
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("rateLimitGauge"));
    m_bar->setTextVisible(false);
    m_bar->setMaximumHeight(fontMetrics().height() / 2 + 2);
    m_bar->setFixedWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 8);
    m_label->setObjectName(QStringLiteral("rateLimitText"));
    m_label->setTextFormat(Qt::PlainText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar, 0, Qt::AlignVCenter);
    layout->addWidget(m_label);

    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &RateLimitGauge::refresh);
    connect(m_scheduler, &api::RequestScheduler::budgetChanged, this, &RateLimitGauge::refresh);
    connect(m_scheduler, &api::RequestScheduler::waitingForBudget, this,
            &RateLimitGauge::onWaiting);
    connect(m_scheduler, &api::RequestScheduler::exchangeFinished, this, &RateLimitGauge::refresh);
    retranslateUi();
}

void RateLimitGauge::retranslateUi()
{
    setAccessibleName(tr("API rate limit"));
    m_bar->setAccessibleName(tr("API requests left"));
    refresh();
}

void RateLimitGauge::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QString RateLimitGauge::text() const
{
    return m_label->text();
}

void RateLimitGauge::onWaiting(const QString &bucket, qint64 msLeft)
{
    m_waitingBucket = msLeft > 0 ? bucket : QString();
    m_waitMs = msLeft;
    refresh();
}

void RateLimitGauge::refresh()
{
    const QList<api::RateBudget> budgets = m_scheduler->budgets();
    if (budgets.isEmpty())
        return;
    // The Partner API budget, unless another bucket is the one holding requests back.
    api::RateBudget shown = budgets.first();
    for (const api::RateBudget &budget : budgets) {
        if (budget.cooldownMsLeft > shown.cooldownMsLeft ||
            (!m_waitingBucket.isEmpty() && budget.bucket == m_waitingBucket &&
             shown.cooldownMsLeft == 0))
            shown = budget;
    }
    const bool waiting = m_scheduler->isWaitingForBudget() && !m_waitingBucket.isEmpty();
    const api::Bucket bucket = shown.bucket == api::bucketName(api::Bucket::Actions)
                                   ? api::Bucket::Actions
                                   : api::Bucket::Partner;
    const api::BucketLimits &limits = bucket == api::Bucket::Actions
                                          ? m_scheduler->config().actions
                                          : m_scheduler->config().partner;
    const QString api = bucket == api::Bucket::Actions ? tr("Actions API") : tr("Partner API");

    QString text;
    State state = State::Normal;
    if (shown.cooldownMsLeft > 0) {
        state = State::CoolingDown;
        text = tr("Rate limited — resuming in %1 s").arg(ceilSeconds(shown.cooldownMsLeft));
    } else if (waiting) {
        state = State::Waiting;
        text = tr("Waiting for rate limit…");
    } else {
        state = shown.limit > 0 && shown.remaining <= shown.limit * lowShare ? State::Low
                                                                             : State::Normal;
        text = budgetText(shown.remaining, shown.limit, limits.windowMs);
    }
    m_bar->setRange(0, qMax(1, shown.limit));
    m_bar->setValue(state == State::CoolingDown ? 0 : qBound(0, shown.remaining, shown.limit));
    m_label->setText(text);
    const QString description = tr("%1: %2").arg(api, text);
    setAccessibleDescription(description);
    m_label->setAccessibleDescription(description);
    m_bar->setAccessibleDescription(description);
    setToolTip(budgetToolTip(api, shown.remaining, shown.limit, limits.windowMs));
    if (state != m_state) {
        m_state = state;
        applyColours();
    }
    // Count down only while there is something to count.
    const bool tick = state == State::CoolingDown || state == State::Waiting;
    if (tick && !m_ticker.isActive())
        m_ticker.start();
    else if (!tick)
        m_ticker.stop();
}

void RateLimitGauge::applyColours()
{
    QPalette labelPalette = palette();
    QPalette barPalette = palette();
    if (m_state != State::Normal) {
        const QColor colour = amber(palette());
        labelPalette.setColor(QPalette::WindowText, colour);
        barPalette.setColor(QPalette::Highlight, colour);
    }
    m_label->setPalette(labelPalette);
    m_bar->setPalette(barPalette);
}

} // namespace ab::ui
