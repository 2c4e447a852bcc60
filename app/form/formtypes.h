#pragma once

#include "core/apierror.h"
#include "core/field.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

namespace ab::form {

// One problem with one field, as a code: the UI maps codes to tr() text in one place and the
// CLI to its own messages, so nothing here is user-facing prose.
struct ValidationIssue {
    enum class Code {
        Required,     // required and empty, or required and blocked by an empty depends_on field
        NotANumber,   // NUMBER holding something that is not a number
        NotAnInteger, // INTEGER holding a fraction or a non-number
        NotABoolean,
        NotAList,    // ARRAY
        NotAnObject, // OBJECT
    };

    QString fieldId;
    Code code = Code::Required;

    bool operator==(const ValidationIssue &) const = default;
};

// Parses JSON text into QVariantList / QVariantMap / scalars; nullopt when the text is not JSON.
// JSON lives in api/, so whoever composes the form (CLI, UI) plugs ab::api's parser in here.
using JsonTextParser = std::function<std::optional<QVariant>(const QString &text)>;

// The typed value for a text a user typed, or why it cannot be one.
struct CoercionResult {
    QVariant value; // invalid when the text was empty: "no value"
    std::optional<ValidationIssue::Code> error;

    bool ok() const { return !error.has_value(); }
};

// How the input fields changed between two /inputs replies.
struct FormDiff {
    QStringList added;              // input field ids, in document order
    QStringList removed;            // input field ids of the previous tree, in its order
    QStringList droppedValues;      // values discarded because their field is gone
    QHash<QString, QString> titles; // id -> title, for added and removed fields
    // The first tree after start(): everything is "added", but a UI should not highlight it.
    bool initial = false;

    bool isEmpty() const { return added.isEmpty() && removed.isEmpty(); }
};

// The outcome of FormSession::resolveChoice.
struct ChoiceResolution {
    enum class Status { Found, NotFound, Failed };

    Status status = Status::NotFound;
    QString fieldId;
    QString text;         // what was looked for
    core::Choice choice;  // when Found
    core::ApiError error; // when Failed
    int pagesSearched = 0;
};

} // namespace ab::form
