#include "core/run.h"

namespace ab::core {

RunStatus runStatusFromString(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == QLatin1String("success"))
        return RunStatus::Success;
    if (lower == QLatin1String("error"))
        return RunStatus::Error;
    if (lower == QLatin1String("waiting") || lower == QLatin1String("queued") ||
        lower == QLatin1String("running"))
        return RunStatus::Waiting;
    return RunStatus::Unknown;
}

QString runStatusToString(RunStatus status)
{
    switch (status) {
    case RunStatus::Waiting:
        return QStringLiteral("waiting");
    case RunStatus::Success:
        return QStringLiteral("success");
    case RunStatus::Error:
        return QStringLiteral("error");
    case RunStatus::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

RunErrorCode runErrorCodeFromString(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == QLatin1String("user"))
        return RunErrorCode::User;
    if (lower == QLatin1String("authentication"))
        return RunErrorCode::Authentication;
    if (lower == QLatin1String("partner"))
        return RunErrorCode::Partner;
    if (lower == QLatin1String("system"))
        return RunErrorCode::System;
    if (lower == QLatin1String("throttled"))
        return RunErrorCode::Throttled;
    if (lower == QLatin1String("system_throttled"))
        return RunErrorCode::SystemThrottled;
    if (lower == QLatin1String("hydration"))
        return RunErrorCode::Hydration;
    return RunErrorCode::Unknown;
}

QString runErrorCodeToString(RunErrorCode code)
{
    switch (code) {
    case RunErrorCode::User:
        return QStringLiteral("user");
    case RunErrorCode::Authentication:
        return QStringLiteral("authentication");
    case RunErrorCode::Partner:
        return QStringLiteral("partner");
    case RunErrorCode::System:
        return QStringLiteral("system");
    case RunErrorCode::Throttled:
        return QStringLiteral("throttled");
    case RunErrorCode::SystemThrottled:
        return QStringLiteral("system_throttled");
    case RunErrorCode::Hydration:
        return QStringLiteral("hydration");
    case RunErrorCode::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace ab::core
