#include "cli/jsonview.h"

#include "api/redactor.h"
#include "core/field.h"

#include <QJsonDocument>

namespace ab::cli::view {

using namespace ab::core;

QJsonObject app(const App &app)
{
    return QJsonObject{
        {QStringLiteral("id"), app.id},
        {QStringLiteral("title"), app.title},
        {QStringLiteral("description"), app.description},
        {QStringLiteral("categories"), QJsonArray::fromStringList(app.categories)},
        {QStringLiteral("action_types"), QJsonArray::fromStringList(app.actionTypes)},
        {QStringLiteral("image"), app.images.url64.isEmpty() ? app.image : app.images.url64},
        {QStringLiteral("hex_color"), app.hexColor},
        {QStringLiteral("needs_authentication"), app.needsAuthentication}};
}

QJsonObject action(const Action &action)
{
    return QJsonObject{{QStringLiteral("key"), action.key},
                       {QStringLiteral("id"), action.id},
                       {QStringLiteral("action_type"), action.actionType == ActionType::Unknown
                                                           ? action.actionTypeRaw
                                                           : actionTypeToString(action.actionType)},
                       {QStringLiteral("title"), action.title},
                       {QStringLiteral("description"), action.description},
                       {QStringLiteral("is_instant"), action.isInstant}};
}

QJsonObject connection(const Connection &connection)
{
    return QJsonObject{{QStringLiteral("id"), connection.id},
                       {QStringLiteral("title"), connection.title},
                       {QStringLiteral("is_expired"), connection.isExpired}};
}

QJsonObject choice(const Choice &choice)
{
    return QJsonObject{{QStringLiteral("id"), choice.id},
                       {QStringLiteral("label"), choice.label},
                       {QStringLiteral("value"), choice.value}};
}

QJsonObject runError(const RunError &error)
{
    QJsonObject object{{QStringLiteral("code"),
                        error.codeRaw.isEmpty() ? runErrorCodeToString(error.code) : error.codeRaw},
                       {QStringLiteral("title"), error.title},
                       {QStringLiteral("detail"), error.detail}};
    if (error.delaySeconds)
        object.insert(QStringLiteral("delay"), *error.delaySeconds);
    if (!error.sourcePointer.isEmpty())
        object.insert(QStringLiteral("source_pointer"), error.sourcePointer);
    return object;
}

QJsonArray runErrors(const QList<RunError> &errors)
{
    QJsonArray array;
    for (const RunError &error : errors)
        array.append(runError(error));
    return array;
}

QJsonObject storedAction(const StoredAction &action, const StoredActionNames &names)
{
    QJsonObject object{
        {QStringLiteral("id"), action.id},
        {QStringLiteral("connection_id"), action.connectionId},
        {QStringLiteral("selected_api"), action.selectedApi},
        {QStringLiteral("action_key"), action.actionKey},
        {QStringLiteral("action_type"), action.actionType},
        {QStringLiteral("inputs"),
         QJsonObject::fromVariantMap(core::maskSecretInputs(action.inputs, names.secretInputs,
                                                            QString(api::Redactor::placeholder)))}};
    if (!names.isEmpty()) {
        const auto toJson = [](const QMap<QString, QString> &map) {
            QJsonObject object;
            for (auto it = map.cbegin(); it != map.cend(); ++it)
                object.insert(it.key(), it.value());
            return object;
        };
        object.insert(QStringLiteral("saved_names"),
                      QJsonObject{{QStringLiteral("app_id"), names.appId},
                                  {QStringLiteral("app_title"), names.appTitle},
                                  {QStringLiteral("action_title"), names.actionTitle},
                                  {QStringLiteral("connection_title"), names.connectionTitle},
                                  {QStringLiteral("input_titles"), toJson(names.inputTitles)},
                                  {QStringLiteral("input_labels"), toJson(names.inputLabels)},
                                  {QStringLiteral("secret_inputs"),
                                   QJsonArray::fromStringList(names.secretInputs)}});
    }
    return object;
}

static QString kindName(FieldNode::Kind kind)
{
    switch (kind) {
    case FieldNode::Kind::Input:
        return QStringLiteral("input_field");
    case FieldNode::Kind::Info:
        return QStringLiteral("info_field");
    case FieldNode::Kind::Fieldset:
        return QStringLiteral("fieldset");
    }
    return {};
}

QJsonArray fieldTree(const QList<FieldNode> &nodes, const QVariantMap &values,
                     const QMap<QString, QString> &labels)
{
    QJsonArray array;
    for (const FieldNode &node : nodes) {
        QJsonObject object{{QStringLiteral("type"), kindName(node.kind)},
                           {QStringLiteral("id"), node.id}};
        if (node.kind == FieldNode::Kind::Info) {
            object.insert(QStringLiteral("description"), node.description);
        } else if (node.kind == FieldNode::Kind::Fieldset) {
            object.insert(QStringLiteral("title"), node.title);
            object.insert(QStringLiteral("fields"), fieldTree(node.children, values, labels));
        } else {
            object.insert(QStringLiteral("title"), node.title);
            object.insert(QStringLiteral("format"), node.format == FieldFormat::Unknown
                                                        ? node.formatRaw
                                                        : fieldFormatToString(node.format));
            object.insert(QStringLiteral("value_type"), node.valueType == ValueType::Unknown
                                                            ? node.valueTypeRaw
                                                            : valueTypeToString(node.valueType));
            object.insert(QStringLiteral("is_required"), node.isRequired);
            object.insert(QStringLiteral("depends_on"), QJsonArray::fromStringList(node.dependsOn));
            object.insert(QStringLiteral("invalidates_input_fields"), node.invalidatesInputFields);
            if (!node.defaultValue.isEmpty())
                object.insert(QStringLiteral("default_value"), node.defaultValue);
            if (values.contains(node.id))
                object.insert(QStringLiteral("value"),
                              QJsonValue::fromVariant(values.value(node.id)));
            if (labels.contains(node.id))
                object.insert(QStringLiteral("label"), labels.value(node.id));
        }
        array.append(object);
    }
    return array;
}

QString valueText(const QVariant &value)
{
    if (value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QVariantMap)
        return QString::fromUtf8(QJsonDocument::fromVariant(value).toJson(QJsonDocument::Compact));
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

QString fieldTreeText(const QList<FieldNode> &nodes, const QVariantMap &values,
                      const QMap<QString, QString> &labels, int depth)
{
    const QString indent(depth * 2, QLatin1Char(' '));
    QString text;
    for (const FieldNode &node : nodes) {
        if (node.kind == FieldNode::Kind::Info) {
            text +=
                indent + QStringLiteral("(i) ") + node.description.simplified() + QLatin1Char('\n');
        } else if (node.kind == FieldNode::Kind::Fieldset) {
            text +=
                indent + QStringLiteral("[%1]\n").arg(node.title.isEmpty() ? node.id : node.title);
            text += fieldTreeText(node.children, values, labels, depth + 1);
        } else {
            QString type = node.format == FieldFormat::Plain ? valueTypeToString(node.valueType)
                                                             : fieldFormatToString(node.format);
            if (node.format == FieldFormat::Unknown)
                type = node.formatRaw;
            QString line = indent + node.id + (node.isRequired ? QStringLiteral("*") : QString()) +
                           QStringLiteral(" (%1) %2").arg(type.toLower(), node.title);
            if (values.contains(node.id)) {
                line += QStringLiteral(" = ") + valueText(values.value(node.id));
                if (labels.contains(node.id) &&
                    labels.value(node.id) != valueText(values.value(node.id)))
                    line += QStringLiteral(" (%1)").arg(labels.value(node.id));
            }
            text += line + QLatin1Char('\n');
        }
    }
    return text;
}

QJsonValue jsonText(const QByteArray &text)
{
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Null);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return QString::fromUtf8(text);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

} // namespace ab::cli::view
