#pragma once

#include "core/field.h"
#include "core/run.h"

#include <QByteArray>
#include <QList>
#include <QVariant>

// JSON text for code above api/ that must store values (inputs, results, field schemas, run
// errors) without including QJson headers (app/runs keeps them in SQLite as text).
namespace ab::api {

// Compact JSON of a QVariant (map, list, string, number, bool, null).
QByteArray toJsonText(const QVariant &value);
// Parses any JSON value. On failure returns an invalid QVariant and sets `*error` if given.
QVariant fromJsonText(const QByteArray &text, QString *error = nullptr);

// A field tree as the same JSON array /inputs returns (raw format/value_type kept), so a
// stored schema decodes exactly like a reply.
QByteArray encodeFieldTree(const QList<core::FieldNode> &nodes);
QList<core::FieldNode> decodeFieldTree(const QByteArray &text, QString *error = nullptr);

// Run errors as the JSON array of a run reply (`code`, `title`, `detail`, `delay`,
// `meta.source_pointer`).
QByteArray encodeRunErrors(const QList<core::RunError> &errors);
QList<core::RunError> decodeRunErrors(const QByteArray &text, QString *error = nullptr);

} // namespace ab::api
