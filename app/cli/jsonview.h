#pragma once

#include "core/action.h"
#include "core/app.h"
#include "core/connection.h"
#include "core/field.h"
#include "core/run.h"
#include "core/storedaction.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QVariantMap>

// The CLI's --json output format: the typed values rendered as stable JSON objects (snake_case
// keys, as the API uses). This is the CLI's own output, not Zapier's wire format.
namespace ab::cli::view {

QJsonObject app(const core::App &app);
QJsonObject action(const core::Action &action);
QJsonObject connection(const core::Connection &connection);
QJsonObject choice(const core::Choice &choice);
QJsonObject runError(const core::RunError &error);
QJsonArray runErrors(const QList<core::RunError> &errors);
// The Actions API's record; with `saved_names` when it was saved from here (see
// core::StoredActionNames).
QJsonObject storedAction(const core::StoredAction &action,
                         const core::StoredActionNames &names = {});
// The tree with each input's current value (and SELECT label) beside its definition.
QJsonArray fieldTree(const QList<core::FieldNode> &nodes, const QVariantMap &values,
                     const QMap<QString, QString> &labels);
// Indented text of the same tree, for people.
QString fieldTreeText(const QList<core::FieldNode> &nodes, const QVariantMap &values,
                      const QMap<QString, QString> &labels, int depth = 0);
// A result body stored as JSON text, back as JSON (kept as text when it does not parse).
QJsonValue jsonText(const QByteArray &text);
QString valueText(const QVariant &value);

} // namespace ab::cli::view
