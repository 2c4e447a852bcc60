#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
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

// What the Actions API does not say about a stored action: the names the user saw when it was
// saved from here (the form or `stored create`). Kept locally so its row and its runs read
// "Slack", not "SlackCLIAPI@1.2.3" or a uuid.
struct StoredActionNames {
    QString appId;
    QString appTitle;
    QString actionTitle;
    QString connectionTitle;
    // Input key -> the field's title in the form ("COL$A" -> "Deal Name").
    QMap<QString, QString> inputTitles = {};
    // The password fields among the inputs: shown and recorded nowhere (Zapier keeps them).
    QStringList secretInputs = {};
    // SELECT input key -> the label of the choice saved ("sheet_sales_2026" -> "Sales 2026").
    QMap<QString, QString> inputLabels = {};

    bool isEmpty() const
    {
        return appId.isEmpty() && appTitle.isEmpty() && actionTitle.isEmpty() &&
               connectionTitle.isEmpty() && inputTitles.isEmpty() && secretInputs.isEmpty() &&
               inputLabels.isEmpty();
    }
};

} // namespace ab::core
