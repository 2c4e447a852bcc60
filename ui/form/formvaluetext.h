#pragma once

#include <QString>
#include <QVariant>

namespace ab::ui {

// A typed form value as editable text: the inverse of FormSession::coerceText, so that a value
// restored from a past run reads back the way the user would have typed it.
// Numbers use the C locale ('.' decimal, no grouping), lists one item per line (`multiline`)
// or comma-separated, objects `key=value` lines.
QString valueToText(const QVariant &value, bool multiline = false);

// Whether two form values are the same (type and content), as FormSession compares them.
bool sameFormValue(const QVariant &a, const QVariant &b);

} // namespace ab::ui
