#pragma once

#include "form/formtypes.h"

namespace ab::form {

// Values as the form holds them: QString, qint64 (INTEGER), double (NUMBER), bool,
// QVariantList (ARRAY), QVariantMap (OBJECT). These functions are the one place that decides
// what a value of each value_type may look like.

// "No value": invalid, null, an empty string, list or map. Such a value is never sent.
bool isEmptyValue(const QVariant &value);

// Whether `value` fits the field's value_type; nullopt when it does (or is empty).
// Strings are not accepted for typed fields: text goes through coerceText() first.
std::optional<ValidationIssue::Code> checkValueType(const core::FieldNode &field,
                                                    const QVariant &value);

// Text from a line edit or the CLI's `--set key=value`, as the field's value_type:
// INTEGER and NUMBER in the C locale ('.' decimal, no grouping), BOOLEAN from
// true/false/yes/no/on/off/1/0, ARRAY as one item per line or a comma list, OBJECT as
// `key=value` lines. Text that looks like JSON ('[...]', '{...}') is handed to `json`; without
// a parser it is refused rather than split into nonsense. Empty text means "no value".
CoercionResult coerceText(const core::FieldNode &field, const QString &text,
                          const JsonTextParser &json = {});

} // namespace ab::form
