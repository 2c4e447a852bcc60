#include "form/formvalidator.h"

#include "form/fieldgraph.h"
#include "form/valuecoercion.h"

namespace ab::form {

QList<ValidationIssue> validateForm(const QList<core::FieldNode> &tree, const QVariantMap &values)
{
    QList<ValidationIssue> issues;
    for (const core::FieldNode *field : core::flattenInputs(tree)) {
        const QVariant value = values.value(field->id);
        if (field->isRequired) {
            // A value behind an empty gate is meaningless (the server would clear it), so the
            // field still needs attention.
            const bool blocked = !blockingFields(tree, values, field->id).isEmpty();
            const bool missing = isEmptyValue(value) && field->defaultValue.isEmpty();
            if (blocked || missing) {
                issues.append(ValidationIssue{field->id, ValidationIssue::Code::Required});
                continue;
            }
        }
        if (const auto code = checkValueType(*field, value))
            issues.append(ValidationIssue{field->id, *code});
    }
    return issues;
}

} // namespace ab::form
