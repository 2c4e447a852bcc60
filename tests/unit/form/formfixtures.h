#pragma once

#include "core/field.h"

#include <QVariantMap>

// Field trees shaped like Zapier's documented examples (contract §8.2), built the way a
// /inputs handler of FakeBackend answers: from the inputs the form sent.
namespace ab::test::formfixtures {

inline core::FieldNode input(const QString &id, core::ValueType type = core::ValueType::String)
{
    core::FieldNode node;
    node.id = id;
    node.title = id.at(0).toUpper() + id.mid(1);
    node.valueType = type;
    return node;
}

inline core::FieldNode select(const QString &id, const QStringList &dependsOn = {},
                              bool invalidates = true)
{
    core::FieldNode node = input(id);
    node.format = core::FieldFormat::Select;
    node.formatRaw = QStringLiteral("SELECT");
    node.dependsOn = dependsOn;
    node.invalidatesInputFields = invalidates;
    node.isRequired = true;
    return node;
}

inline core::FieldNode fieldset(const QString &id, const QList<core::FieldNode> &children)
{
    core::FieldNode node;
    node.kind = core::FieldNode::Kind::Fieldset;
    node.id = id;
    node.title = id;
    node.children = children;
    return node;
}

inline core::FieldNode info(const QString &id)
{
    core::FieldNode node;
    node.kind = core::FieldNode::Kind::Info;
    node.id = id;
    node.description = QStringLiteral("Read me first");
    return node;
}

// Google Sheets "create row": spreadsheet -> worksheet -> one field per column. The columns
// depend on the worksheet here so that a spreadsheet change clears three levels.
inline QList<core::FieldNode> spreadsheetForm(const QVariantMap &inputs)
{
    QList<core::FieldNode> tree{info(QStringLiteral("intro")),
                                select(QStringLiteral("spreadsheet")),
                                input(QStringLiteral("note"))};
    const QString spreadsheet = inputs.value(QStringLiteral("spreadsheet")).toString();
    if (spreadsheet.isEmpty())
        return tree;
    tree.append(select(QStringLiteral("worksheet"), {QStringLiteral("spreadsheet")}));
    const QString worksheet = inputs.value(QStringLiteral("worksheet")).toString();
    if (worksheet.isEmpty())
        return tree;
    for (const QString &column : {QStringLiteral("COL$A"), QStringLiteral("COL$B")}) {
        core::FieldNode field = input(column);
        field.dependsOn = {QStringLiteral("worksheet")};
        tree.append(field);
    }
    // A sheet-specific column, so switching worksheets removes and adds fields.
    if (worksheet == QLatin1String("archive"))
        tree.append(input(QStringLiteral("COL$Z")));
    return tree;
}

// Zapier's filter example (S9): N condition fieldsets, plus a boolean operator from N = 2.
inline QList<core::FieldNode> filterForm(const QVariantMap &inputs)
{
    core::FieldNode count =
        input(QStringLiteral("filter_criteria_count"), core::ValueType::Integer);
    count.invalidatesInputFields = true;
    QList<core::FieldNode> tree{count};
    const qint64 n =
        qMax<qint64>(1, inputs.value(QStringLiteral("filter_criteria_count"), 1).toLongLong());
    if (n >= 2)
        tree.append(select(QStringLiteral("boolean_operator"), {}, false));
    for (qint64 i = 1; i <= n; ++i) {
        const QString prefix = QStringLiteral("filter_criteria_%1").arg(i);
        tree.append(fieldset(prefix, {input(prefix + QStringLiteral("_field")),
                                      input(prefix + QStringLiteral("_value"))}));
    }
    return tree;
}

inline QStringList inputIds(const QList<core::FieldNode> &tree)
{
    QStringList ids;
    for (const core::FieldNode *field : core::flattenInputs(tree))
        ids.append(field->id);
    return ids;
}

} // namespace ab::test::formfixtures
