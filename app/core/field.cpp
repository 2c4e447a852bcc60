#include "core/field.h"

namespace ab::core {

FieldFormat fieldFormatFromString(const QString &text)
{
    const QString upper = text.trimmed().toUpper();
    if (upper.isEmpty())
        return FieldFormat::Plain;
    if (upper == QLatin1String("DATETIME"))
        return FieldFormat::Datetime;
    if (upper == QLatin1String("MULTILINE"))
        return FieldFormat::Multiline;
    if (upper == QLatin1String("PASSWORD"))
        return FieldFormat::Password;
    if (upper == QLatin1String("CODE"))
        return FieldFormat::Code;
    if (upper == QLatin1String("READONLY"))
        return FieldFormat::Readonly;
    if (upper == QLatin1String("FILE"))
        return FieldFormat::File;
    if (upper == QLatin1String("SELECT"))
        return FieldFormat::Select;
    return FieldFormat::Unknown;
}

QString fieldFormatToString(FieldFormat format)
{
    switch (format) {
    case FieldFormat::Plain:
        return {};
    case FieldFormat::Datetime:
        return QStringLiteral("DATETIME");
    case FieldFormat::Multiline:
        return QStringLiteral("MULTILINE");
    case FieldFormat::Password:
        return QStringLiteral("PASSWORD");
    case FieldFormat::Code:
        return QStringLiteral("CODE");
    case FieldFormat::Readonly:
        return QStringLiteral("READONLY");
    case FieldFormat::File:
        return QStringLiteral("FILE");
    case FieldFormat::Select:
        return QStringLiteral("SELECT");
    case FieldFormat::Unknown:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

ValueType valueTypeFromString(const QString &text)
{
    const QString upper = text.trimmed().toUpper();
    if (upper.isEmpty() || upper == QLatin1String("STRING"))
        return ValueType::String;
    if (upper == QLatin1String("NUMBER"))
        return ValueType::Number;
    if (upper == QLatin1String("INTEGER"))
        return ValueType::Integer;
    if (upper == QLatin1String("BOOLEAN"))
        return ValueType::Boolean;
    if (upper == QLatin1String("ARRAY"))
        return ValueType::Array;
    if (upper == QLatin1String("OBJECT"))
        return ValueType::Object;
    return ValueType::Unknown;
}

QString valueTypeToString(ValueType type)
{
    switch (type) {
    case ValueType::String:
        return QStringLiteral("STRING");
    case ValueType::Number:
        return QStringLiteral("NUMBER");
    case ValueType::Integer:
        return QStringLiteral("INTEGER");
    case ValueType::Boolean:
        return QStringLiteral("BOOLEAN");
    case ValueType::Array:
        return QStringLiteral("ARRAY");
    case ValueType::Object:
        return QStringLiteral("OBJECT");
    case ValueType::Unknown:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

static void collectInputs(const QList<FieldNode> &nodes, QList<const FieldNode *> &out)
{
    for (const FieldNode &node : nodes) {
        if (node.kind == FieldNode::Kind::Input)
            out.append(&node);
        else if (node.kind == FieldNode::Kind::Fieldset)
            collectInputs(node.children, out);
    }
}

QList<const FieldNode *> flattenInputs(const QList<FieldNode> &nodes)
{
    QList<const FieldNode *> out;
    collectInputs(nodes, out);
    return out;
}

const FieldNode *findInput(const QList<FieldNode> &nodes, const QString &id)
{
    for (const FieldNode *node : flattenInputs(nodes)) {
        if (node->id == id)
            return node;
    }
    return nullptr;
}

QList<FieldNode> titledInputs(const QMap<QString, QString> &titles)
{
    QList<FieldNode> fields;
    fields.reserve(titles.size());
    for (auto it = titles.cbegin(); it != titles.cend(); ++it) {
        FieldNode field;
        field.id = it.key();
        field.title = it.value();
        fields.append(field);
    }
    return fields;
}

QString secretInputMask()
{
    return QString(8, QChar(0x2022));
}

QVariantMap maskSecretInputs(QVariantMap inputs, const QStringList &secretInputs,
                             const QVariant &mask)
{
    for (const QString &id : secretInputs) {
        if (inputs.contains(id))
            inputs.insert(id, mask);
    }
    return inputs;
}

} // namespace ab::core
