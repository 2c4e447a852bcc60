#pragma once

#include <QString>
#include <QVariantMap>

namespace ab::core {

// A stored action of the Actions API (contract §11.1). Named by (selected_api, action_type,
// action_key), not by the ephemeral Partner API action id.
struct StoredAction {
    QString id;
    QString connectionId;
    QString selectedApi; // e.g. "GoogleSheetsV2API" or "SlackAPI@1.2.3"
    QString actionKey;
    QString actionType; // lower case: "write", "read_bulk", ...
    QVariantMap inputs;
};

} // namespace ab::core
