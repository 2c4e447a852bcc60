#pragma once

#include <QString>

namespace ab::core {

enum class ActionType {
    Read,
    ReadBulk,
    Write,
    Search,
    SearchOrWrite,
    SearchAndWrite,
    Filter,
    Unknown
};

// Case-insensitive ("READ", "read"); anything else is Unknown (the raw string is kept by callers).
ActionType actionTypeFromString(const QString &text);
QString actionTypeToString(ActionType type); // upper case, as the Partner API sends it

// An action of an app (GET /v2/actions, contract §8.1). `id` is ephemeral: fetch it afresh
// before every run. `key` is stable.
struct Action {
    QString id;
    QString key;
    QString appId;
    ActionType actionType = ActionType::Unknown;
    QString actionTypeRaw; // exactly as sent, kept when unknown
    bool isInstant = false;
    QString title;
    QString description;
};

} // namespace ab::core
