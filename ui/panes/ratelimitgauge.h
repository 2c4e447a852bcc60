#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace ab::api {
class RequestScheduler;
struct RateBudget;
} // namespace ab::api

namespace ab::ui {

// The status bar's view of the Partner API rate budget: a small bar and "52/60 requests this
// minute", amber when little is left; during a cooldown after a 429 "Rate limited — resuming in
// 42 s" counting down each second, and "Waiting for rate limit…" while requests are held back.
// The Actions API budget is shown instead while it is the one that is limited.
class RateLimitGauge final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateLimitGauge)

public:
    enum class State { Normal, Low, CoolingDown, Waiting };

    // `scheduler` must outlive the gauge.
    explicit RateLimitGauge(api::RequestScheduler *scheduler, QWidget *parent = nullptr);

    State state() const { return m_state; }
    QString text() const;

    // A budget counts as low at or below this share of its limit.
    static constexpr double lowShare = 0.2;

public Q_SLOTS:
    // Re-reads the scheduler; the gauge calls it on every budget signal and once a second
    // during a cooldown or a wait.
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void onWaiting(const QString &bucket, qint64 msLeft);
    void applyColours();

    api::RequestScheduler *m_scheduler;
    QProgressBar *m_bar;
    QLabel *m_label;
    QTimer m_ticker;
    State m_state = State::Normal;
    QString m_waitingBucket;
    qint64 m_waitMs = 0;
};

} // namespace ab::ui
