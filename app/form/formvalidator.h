#pragma once

#include "form/formtypes.h"

#include <QList>
#include <QVariantMap>

namespace ab::form {

// Client-side checks of a filled form, in document order. The server stays the judge (QA can
// switch these off in FormSession to see what Zapier itself says).
//
// - Required: a required input with no value and no default_value (Zapier uses default_value
//   when the input is omitted), or a required input gated by an empty depends_on field.
// - A present value must fit its value_type (see checkValueType()).
// Values for ids the tree does not hold are ignored: they are about to be dropped.
QList<ValidationIssue> validateForm(const QList<core::FieldNode> &tree, const QVariantMap &values);

} // namespace ab::form
