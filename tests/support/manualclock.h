#pragma once

#include "core/clock.h"

#include <QTimeZone>

namespace ab::test {

// A clock the test moves by hand, so timeouts and elapsed times are tested without waiting.
class ManualClock final : public core::Clock {
public:
    explicit ManualClock(QDateTime start = QDateTime::fromSecsSinceEpoch(1767268800,
                                                                         QTimeZone::utc()))
        : m_now(std::move(start))
    {}
    QDateTime now() const override { return m_now.addMSecs(m_elapsedMs); }
    qint64 monotonicMs() const override { return m_elapsedMs; }
    void advance(qint64 ms) { m_elapsedMs += ms; }

private:
    QDateTime m_now;
    qint64 m_elapsedMs = 0;
};

} // namespace ab::test
