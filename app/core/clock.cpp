#include "core/clock.h"

#include <chrono>

namespace ab::core {

static qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

SystemClock::SystemClock()
    : m_origin(steadyMs())
{}

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

qint64 SystemClock::monotonicMs() const
{
    return steadyMs() - m_origin;
}

} // namespace ab::core
