#include "form/fieldgraph.h"

#include "form/valuecoercion.h"

#include <QSet>

#include <algorithm>

namespace ab::form {

using core::FieldNode;

QStringList transitiveDependants(const QList<FieldNode> &tree, const QString &fieldId)
{
    const QList<const FieldNode *> inputs = core::flattenInputs(tree);
    QStringList found;
    QSet<QString> seen{fieldId};
    QStringList frontier{fieldId};
    while (!frontier.isEmpty()) {
        const QString current = frontier.takeFirst();
        for (const FieldNode *input : inputs) {
            if (!input->dependsOn.contains(current) || seen.contains(input->id))
                continue;
            seen.insert(input->id);
            found.append(input->id);
            frontier.append(input->id);
        }
    }
    return found;
}

bool hasDependants(const QList<FieldNode> &tree, const QString &fieldId)
{
    const QList<const FieldNode *> inputs = core::flattenInputs(tree);
    return std::any_of(inputs.cbegin(), inputs.cend(), [&fieldId](const FieldNode *input) {
        return input->dependsOn.contains(fieldId);
    });
}

QStringList blockingFields(const QList<FieldNode> &tree, const QVariantMap &values,
                           const QString &fieldId)
{
    const FieldNode *field = core::findInput(tree, fieldId);
    if (!field)
        return {};
    QStringList blocking;
    for (const QString &dependency : field->dependsOn) {
        if (dependency == fieldId || !core::findInput(tree, dependency))
            continue;
        if (isEmptyValue(values.value(dependency)) && !blocking.contains(dependency))
            blocking.append(dependency);
    }
    return blocking;
}

FormDiff diffInputs(const QList<FieldNode> &before, const QList<FieldNode> &after)
{
    const QList<const FieldNode *> oldInputs = core::flattenInputs(before);
    const QList<const FieldNode *> newInputs = core::flattenInputs(after);
    QSet<QString> oldIds;
    for (const FieldNode *input : oldInputs)
        oldIds.insert(input->id);
    QSet<QString> newIds;
    for (const FieldNode *input : newInputs)
        newIds.insert(input->id);

    FormDiff diff;
    for (const FieldNode *input : newInputs) {
        if (!oldIds.contains(input->id) && !diff.added.contains(input->id)) {
            diff.added.append(input->id);
            diff.titles.insert(input->id, input->title);
        }
    }
    for (const FieldNode *input : oldInputs) {
        if (!newIds.contains(input->id) && !diff.removed.contains(input->id)) {
            diff.removed.append(input->id);
            diff.titles.insert(input->id, input->title);
        }
    }
    return diff;
}

} // namespace ab::form
