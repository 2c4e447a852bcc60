#include "core/action.h"

namespace ab::core {

ActionType actionTypeFromString(const QString &text)
{
    const QString upper = text.trimmed().toUpper();
    if (upper == QLatin1String("READ"))
        return ActionType::Read;
    if (upper == QLatin1String("READ_BULK"))
        return ActionType::ReadBulk;
    if (upper == QLatin1String("WRITE"))
        return ActionType::Write;
    if (upper == QLatin1String("SEARCH"))
        return ActionType::Search;
    if (upper == QLatin1String("SEARCH_OR_WRITE"))
        return ActionType::SearchOrWrite;
    if (upper == QLatin1String("SEARCH_AND_WRITE"))
        return ActionType::SearchAndWrite;
    if (upper == QLatin1String("FILTER"))
        return ActionType::Filter;
    return ActionType::Unknown;
}

QString actionTypeToString(ActionType type)
{
    switch (type) {
    case ActionType::Read:
        return QStringLiteral("READ");
    case ActionType::ReadBulk:
        return QStringLiteral("READ_BULK");
    case ActionType::Write:
        return QStringLiteral("WRITE");
    case ActionType::Search:
        return QStringLiteral("SEARCH");
    case ActionType::SearchOrWrite:
        return QStringLiteral("SEARCH_OR_WRITE");
    case ActionType::SearchAndWrite:
        return QStringLiteral("SEARCH_AND_WRITE");
    case ActionType::Filter:
        return QStringLiteral("FILTER");
    case ActionType::Unknown:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

} // namespace ab::core
