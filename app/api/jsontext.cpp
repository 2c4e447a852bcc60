#include "api/jsontext.h"

#include "api/jsonreader.h"

#include <QJsonDocument>

namespace ab::api {

using namespace detail;

QByteArray toJsonText(const QVariant &value)
{
    return compactJson(QJsonValue::fromVariant(value));
}

QVariant fromJsonText(const QByteArray &text, QString *error)
{
    QJsonValue value;
    QString problem;
    if (!parseJson(text, &value, &problem)) {
        if (error)
            *error = problem;
        return {};
    }
    // toVariant() gives a null QVariant for JSON null; keep it valid so it reads as "parsed".
    if (value.isNull())
        return QVariant::fromValue(nullptr);
    return value.toVariant();
}

namespace detail {

QJsonArray writeFieldNodes(const QList<core::FieldNode> &nodes)
{
    QJsonArray out;
    for (const core::FieldNode &node : nodes) {
        QJsonObject item;
        item.insert(QStringLiteral("id"), node.id);
        if (!node.title.isEmpty())
            item.insert(QStringLiteral("title"), node.title);
        if (!node.description.isEmpty())
            item.insert(QStringLiteral("description"), node.description);
        switch (node.kind) {
        case core::FieldNode::Kind::Fieldset:
            item.insert(QStringLiteral("type"), QStringLiteral("fieldset"));
            item.insert(QStringLiteral("fields"), writeFieldNodes(node.children));
            out.append(item);
            continue;
        case core::FieldNode::Kind::Info:
            item.insert(QStringLiteral("type"), QStringLiteral("info_field"));
            out.append(item);
            continue;
        case core::FieldNode::Kind::Input:
            break;
        }
        item.insert(QStringLiteral("type"), QStringLiteral("input_field"));
        item.insert(QStringLiteral("default_value"), node.defaultValue);
        item.insert(QStringLiteral("placeholder"), node.placeholder);
        item.insert(QStringLiteral("is_required"), node.isRequired);
        // The raw spelling wins, so an unknown format survives the round trip.
        const QString format =
            !node.formatRaw.isEmpty() ? node.formatRaw : core::fieldFormatToString(node.format);
        if (!format.isEmpty())
            item.insert(QStringLiteral("format"), format);
        const QString valueType = !node.valueTypeRaw.isEmpty()
                                      ? node.valueTypeRaw
                                      : core::valueTypeToString(node.valueType);
        item.insert(QStringLiteral("value_type"), valueType);
        item.insert(QStringLiteral("depends_on"), QJsonArray::fromStringList(node.dependsOn));
        item.insert(QStringLiteral("invalidates_input_fields"), node.invalidatesInputFields);
        if (!node.items.isEmpty()) {
            QJsonObject items;
            for (auto it = node.items.begin(); it != node.items.end(); ++it)
                items.insert(it.key(), it.value());
            item.insert(QStringLiteral("items"), items);
        }
        out.append(item);
    }
    return out;
}

QJsonArray writeRunErrors(const QList<core::RunError> &errors)
{
    QJsonArray out;
    for (const core::RunError &error : errors) {
        QJsonObject item;
        item.insert(QStringLiteral("code"), !error.codeRaw.isEmpty()
                                                ? error.codeRaw
                                                : core::runErrorCodeToString(error.code));
        item.insert(QStringLiteral("title"), error.title);
        item.insert(QStringLiteral("detail"), error.detail);
        if (error.delaySeconds)
            item.insert(QStringLiteral("delay"), *error.delaySeconds);
        if (!error.sourcePointer.isEmpty())
            item.insert(QStringLiteral("meta"),
                        QJsonObject{{QStringLiteral("source_pointer"), error.sourcePointer}});
        out.append(item);
    }
    return out;
}

} // namespace detail

QByteArray encodeFieldTree(const QList<core::FieldNode> &nodes)
{
    return QJsonDocument(writeFieldNodes(nodes)).toJson(QJsonDocument::Compact);
}

template <typename T, typename Read>
static QList<T> decodeArray(const QByteArray &text, QString *error, Read read)
{
    QJsonValue value;
    QString problem;
    if (!parseJson(text, &value, &problem)) {
        if (error)
            *error = problem;
        return {};
    }
    if (!value.isArray()) {
        if (error)
            *error = QStringLiteral("not a JSON array but ") + typeName(value);
        return {};
    }
    JsonReader reader;
    QList<T> out = read(value.toArray(), QString(), reader);
    if (reader.failed()) {
        if (error)
            *error = reader.error();
        return {};
    }
    return out;
}

QList<core::FieldNode> decodeFieldTree(const QByteArray &text, QString *error)
{
    return decodeArray<core::FieldNode>(text, error, readFieldNodes);
}

QByteArray encodeRunErrors(const QList<core::RunError> &errors)
{
    return QJsonDocument(writeRunErrors(errors)).toJson(QJsonDocument::Compact);
}

QList<core::RunError> decodeRunErrors(const QByteArray &text, QString *error)
{
    return decodeArray<core::RunError>(text, error, readRunErrors);
}

} // namespace ab::api
