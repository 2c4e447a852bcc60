#pragma once

#include "sandbox/catalog.h"
#include "sandbox/httpmessage.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace ab::sandbox {

// Interprets an action's declarative form (catalog "fields") against the values entered so
// far, the way Zapier's /inputs, /choices and /outputs do. Besides the documented node types
// (input_field, info_field, fieldset) a spec may contain:
//   - "show_when": {"input": id, "present": true | "equals": v | "in": [..]} on any node;
//   - {"type": "dynamic_columns", "input": id, "columns": {value: [fields]}, "template": {..}}:
//     input fields that exist only once `input` holds a value with columns (sheet headers);
//   - {"type": "repeat_fieldsets", "count_input": id, "default": 1, "max": 10,
//      "fieldset": {.. "{n}" ..}, "when_several": [fields]}: N fieldsets from a count field;
//   - choice sources on SELECT fields: "choices" (list), "choices_generate"
//     ({count, id, label, words}) or "choices_by_input" ({input, choices: {value: [..]}}),
//     with "choices_page_size" (default 25).
class FormEngine {
public:
    // Concrete nodes for these inputs; spec-only keys are still present.
    static QJsonArray expand(const QJsonArray &spec, const QJsonObject &inputs);
    // The documented shapes of /inputs (InputField | InfoField | Fieldset).
    static QJsonArray render(const QJsonArray &expanded);
    static QJsonArray fields(const CatalogAction &action, const QJsonObject &inputs);
    // Every input field of an expanded tree, fieldsets included, in document order.
    static QList<QJsonObject> flattenInputs(const QJsonArray &expanded);

    struct ChoiceResult {
        bool found = false; // false: no such input field for these inputs
        QJsonArray choices; // every choice, rendered ({id, type, label, value})
        int pageSize = 25;
        std::optional<envelope::ErrorItem> error; // a depends_on field has no value yet
    };
    static ChoiceResult choices(const CatalogAction &action, const QString &fieldId,
                                const QJsonObject &inputs);

    // Output fields ({type:"output_field", id, title, sample}) for these inputs.
    static QJsonArray outputs(const CatalogAction &action, const QJsonObject &inputs);

    // Server-side validation of a run: required values and value types. Pointers are
    // `pointerPrefix` + field id, e.g. "/data/inputs/" + "email".
    static QList<envelope::ErrorItem>
    validate(const CatalogAction &action, const QJsonObject &inputs, const QString &pointerPrefix);
    // The inputs a run sees: the given values plus the defaults of fields left empty.
    static QJsonObject withDefaults(const CatalogAction &action, const QJsonObject &inputs);

    // Empty when the spec is well-formed; otherwise what is wrong (catalog loading, tests).
    static QString validateSpec(const QJsonArray &spec);

    // "{n}" -> 7, "{n:03}" -> 007.
    static QString expandCounter(const QString &pattern, int n);
    static bool isEmptyValue(const QJsonValue &value);
    static QString valueText(const QJsonValue &value);

    static const QStringList &formats();    // "" (plain) first, then the documented formats
    static const QStringList &valueTypes(); // STRING, NUMBER, ...
};

} // namespace ab::sandbox
