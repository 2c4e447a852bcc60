#pragma once

#include "form/formtypes.h"

#include <QList>
#include <QVariantMap>

namespace ab::form {

// Questions about the depends_on relation of one field tree. Ids that depends_on names but
// the tree does not hold are not fields the user can fill, so they never block anything.

// Every input field that depends on `fieldId`, directly or through others, in the order found
// (breadth first). Cycles in a malformed tree are tolerated.
QStringList transitiveDependants(const QList<core::FieldNode> &tree, const QString &fieldId);

// Whether any input field lists `fieldId` in its depends_on.
bool hasDependants(const QList<core::FieldNode> &tree, const QString &fieldId);

// The depends_on fields of `fieldId` that exist in the tree and have no value in `values`.
// Non-empty means the field is gated ("Choose Spreadsheet first").
QStringList blockingFields(const QList<core::FieldNode> &tree, const QVariantMap &values,
                           const QString &fieldId);

// The input fields added and removed between two trees (droppedValues and initial are left to
// the caller).
FormDiff diffInputs(const QList<core::FieldNode> &before, const QList<core::FieldNode> &after);

} // namespace ab::form
