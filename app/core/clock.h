#pragma once

#include <QDateTime>

namespace ab::core {

// Time as services see it, so tests can move it by hand (tests/support ManualClock).
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    virtual qint64 monotonicMs() const = 0; // for elapsed times and timeouts
};

class SystemClock final : public Clock {
public:
    SystemClock();
    QDateTime now() const override;
    qint64 monotonicMs() const override;

private:
    qint64 m_origin;
};

} // namespace ab::core
