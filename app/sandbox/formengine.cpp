#include "sandbox/formengine.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace ab::sandbox {

namespace {

const QString kType = QStringLiteral("type");
const QString kId = QStringLiteral("id");
const QString kFields = QStringLiteral("fields");

bool shown(const QJsonObject &node, const QJsonObject &inputs)
{
    const QJsonObject when = node.value(QStringLiteral("show_when")).toObject();
    if (when.isEmpty())
        return true;
    const QJsonValue value = inputs.value(when.value(QStringLiteral("input")).toString());
    if (when.contains(QStringLiteral("present")))
        return FormEngine::isEmptyValue(value) != when.value(QStringLiteral("present")).toBool();
    if (when.contains(QStringLiteral("equals")))
        return FormEngine::valueText(value) ==
               FormEngine::valueText(when.value(QStringLiteral("equals")));
    if (when.contains(QStringLiteral("in"))) {
        const QJsonArray options = when.value(QStringLiteral("in")).toArray();
        for (const QJsonValue &option : options) {
            if (FormEngine::valueText(option) == FormEngine::valueText(value))
                return true;
        }
        return false;
    }
    return true;
}

// Replaces "{n}" (and "{n:0W}") in every string of a JSON value, for repeated fieldsets.
QJsonValue substituteCounter(const QJsonValue &value, int n)
{
    if (value.isString())
        return FormEngine::expandCounter(value.toString(), n);
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(substituteCounter(item, n));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject source = value.toObject();
        for (auto it = source.begin(); it != source.end(); ++it)
            object.insert(it.key(), substituteCounter(it.value(), n));
        return object;
    }
    return value;
}

int countFromInput(const QJsonValue &value, int fallback)
{
    if (value.isDouble())
        return int(value.toDouble());
    bool ok = false;
    const int parsed = value.toString().trimmed().toInt(&ok);
    return ok ? parsed : fallback;
}

void flattenInto(const QJsonArray &nodes, QList<QJsonObject> *out)
{
    for (const QJsonValue &value : nodes) {
        const QJsonObject node = value.toObject();
        const QString type = node.value(kType).toString();
        if (type == QLatin1String("input_field"))
            out->append(node);
        else if (type == QLatin1String("fieldset"))
            flattenInto(node.value(kFields).toArray(), out);
    }
}

QJsonObject renderChoice(const QJsonValue &value)
{
    if (!value.isObject()) {
        const QString text = FormEngine::valueText(value);
        return {{kId, text},
                {kType, QStringLiteral("choice")},
                {QStringLiteral("label"), text},
                {QStringLiteral("value"), text}};
    }
    const QJsonObject source = value.toObject();
    const QString id = FormEngine::valueText(source.value(kId));
    const QJsonValue label = source.value(QStringLiteral("label"));
    const QJsonValue choiceValue = source.value(QStringLiteral("value"));
    return {{kId, id},
            {kType, QStringLiteral("choice")},
            {QStringLiteral("label"), label.isString() ? label : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("value"), choiceValue.isUndefined() ? QJsonValue(id) : choiceValue}};
}

QJsonArray choiceList(const QJsonObject &field, const QJsonObject &inputs)
{
    QJsonArray result;
    if (field.contains(QStringLiteral("choices"))) {
        for (const QJsonValue &choice : field.value(QStringLiteral("choices")).toArray())
            result.append(renderChoice(choice));
    }
    const QJsonObject generate = field.value(QStringLiteral("choices_generate")).toObject();
    if (!generate.isEmpty()) {
        const int count = generate.value(QStringLiteral("count")).toInt();
        const QJsonArray words = generate.value(QStringLiteral("words")).toArray();
        for (int n = 1; n <= count; ++n) {
            // Words cycle; later rounds get a suffix so every label stays unique.
            QString word = QString::number(n);
            if (!words.isEmpty()) {
                word = words.at((n - 1) % words.size()).toString();
                const int round = (n - 1) / int(words.size());
                if (round > 0)
                    word += QStringLiteral("-%1").arg(round + 1);
            }
            const auto fill = [&](const QString &key) {
                return FormEngine::expandCounter(generate.value(key).toString(), n)
                    .replace(QStringLiteral("{word}"), word);
            };
            const QString id = fill(kId);
            QJsonObject choice{{kId, id}, {QStringLiteral("label"), fill(QStringLiteral("label"))}};
            if (generate.contains(QStringLiteral("value")))
                choice.insert(QStringLiteral("value"), fill(QStringLiteral("value")));
            result.append(renderChoice(choice));
        }
    }
    const QJsonObject byInput = field.value(QStringLiteral("choices_by_input")).toObject();
    if (!byInput.isEmpty()) {
        const QString key =
            FormEngine::valueText(inputs.value(byInput.value(QStringLiteral("input")).toString()));
        for (const QJsonValue &choice :
             byInput.value(QStringLiteral("choices")).toObject().value(key).toArray())
            result.append(renderChoice(choice));
    }
    return result;
}

bool typeMatches(const QString &valueType, const QJsonValue &value)
{
    const QString text = FormEngine::valueText(value).trimmed();
    if (valueType == QLatin1String("INTEGER")) {
        if (value.isDouble())
            return value.toDouble() == double(qint64(value.toDouble()));
        bool ok = false;
        text.toLongLong(&ok);
        return value.isString() && ok;
    }
    if (valueType == QLatin1String("NUMBER")) {
        bool ok = false;
        text.toDouble(&ok);
        return value.isDouble() || (value.isString() && ok);
    }
    if (valueType == QLatin1String("BOOLEAN")) {
        static const QSet<QString> words = {QStringLiteral("true"), QStringLiteral("false"),
                                            QStringLiteral("yes"),  QStringLiteral("no"),
                                            QStringLiteral("1"),    QStringLiteral("0")};
        return value.isBool() || (value.isString() && words.contains(text.toLower()));
    }
    if (valueType == QLatin1String("ARRAY"))
        return value.isArray() || value.isString(); // a comma/line list typed by hand is fine
    if (valueType == QLatin1String("OBJECT")) {
        if (value.isObject())
            return true;
        return value.isString() && QJsonDocument::fromJson(text.toUtf8()).isObject();
    }
    return true; // STRING takes anything: Zapier stringifies
}

QString checkNodes(const QJsonArray &nodes, QSet<QString> *ids, int depth);

QString checkInputField(const QJsonObject &node)
{
    const QString id = node.value(kId).toString();
    if (id.isEmpty() || !node.value(QStringLiteral("title")).isString())
        return QStringLiteral("an input_field needs an id and a title");
    const QString format = node.value(QStringLiteral("format")).toString();
    if (!FormEngine::formats().contains(format))
        return QStringLiteral("field %1: unknown format \"%2\"").arg(id, format);
    const QString valueType = node.value(QStringLiteral("value_type")).toString();
    if (!FormEngine::valueTypes().contains(valueType))
        return QStringLiteral("field %1: unknown value_type \"%2\"").arg(id, valueType);
    const bool hasChoices = node.contains(QStringLiteral("choices")) ||
                            node.contains(QStringLiteral("choices_generate")) ||
                            node.contains(QStringLiteral("choices_by_input"));
    if ((format == QLatin1String("SELECT")) != hasChoices)
        return QStringLiteral("field %1: SELECT fields, and only they, need a choice source")
            .arg(id);
    return {};
}

QString checkNode(const QJsonObject &node, QSet<QString> *ids, int depth)
{
    const QString type = node.value(kType).toString();
    if (type == QLatin1String("input_field")) {
        const QString error = checkInputField(node);
        if (!error.isEmpty())
            return error;
        const QString id = node.value(kId).toString();
        if (ids->contains(id) && !id.contains(QLatin1Char('{')))
            return QStringLiteral("duplicate field id %1").arg(id);
        ids->insert(id);
        return {};
    }
    if (type == QLatin1String("info_field")) {
        if (node.value(kId).toString().isEmpty() ||
            !node.value(QStringLiteral("description")).isString())
            return QStringLiteral("an info_field needs an id and a description");
        return {};
    }
    if (type == QLatin1String("fieldset")) {
        if (depth > 0)
            return QStringLiteral("fieldsets do not nest (fieldset %1)")
                .arg(node.value(kId).toString());
        if (node.value(kId).toString().isEmpty() || !node.value(QStringLiteral("title")).isString())
            return QStringLiteral("a fieldset needs an id and a title");
        return checkNodes(node.value(kFields).toArray(), ids, depth + 1);
    }
    if (type == QLatin1String("dynamic_columns")) {
        const QJsonObject columns = node.value(QStringLiteral("columns")).toObject();
        if (node.value(QStringLiteral("input")).toString().isEmpty() || columns.isEmpty())
            return QStringLiteral("dynamic_columns needs an input and columns");
        const QJsonObject base = node.value(QStringLiteral("template")).toObject();
        for (auto it = columns.begin(); it != columns.end(); ++it) {
            QSet<QString> columnIds = *ids;
            for (const QJsonValue &column : it.value().toArray()) {
                QJsonObject field = base;
                const QJsonObject overrides = column.toObject();
                for (auto o = overrides.begin(); o != overrides.end(); ++o)
                    field.insert(o.key(), o.value());
                field.insert(kType, QStringLiteral("input_field"));
                const QString error = checkNode(field, &columnIds, depth);
                if (!error.isEmpty())
                    return error;
            }
        }
        return {};
    }
    if (type == QLatin1String("repeat_fieldsets")) {
        if (node.value(QStringLiteral("count_input")).toString().isEmpty())
            return QStringLiteral("repeat_fieldsets needs count_input");
        QSet<QString> scratch = *ids;
        QJsonObject fieldset = node.value(QStringLiteral("fieldset")).toObject();
        fieldset.insert(kType, QStringLiteral("fieldset"));
        QString error = checkNode(fieldset, &scratch, depth);
        if (error.isEmpty())
            error = checkNodes(node.value(QStringLiteral("when_several")).toArray(), ids, depth);
        return error;
    }
    return QStringLiteral("unknown node type \"%1\"").arg(type);
}

QString checkNodes(const QJsonArray &nodes, QSet<QString> *ids, int depth)
{
    for (const QJsonValue &value : nodes) {
        if (!value.isObject())
            return QStringLiteral("every field must be an object");
        const QString error = checkNode(value.toObject(), ids, depth);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

} // namespace

const QStringList &FormEngine::formats()
{
    static const QStringList list = {QString(),
                                     QStringLiteral("DATETIME"),
                                     QStringLiteral("MULTILINE"),
                                     QStringLiteral("PASSWORD"),
                                     QStringLiteral("CODE"),
                                     QStringLiteral("READONLY"),
                                     QStringLiteral("FILE"),
                                     QStringLiteral("SELECT")};
    return list;
}

const QStringList &FormEngine::valueTypes()
{
    static const QStringList list = {QStringLiteral("STRING"),  QStringLiteral("NUMBER"),
                                     QStringLiteral("INTEGER"), QStringLiteral("BOOLEAN"),
                                     QStringLiteral("ARRAY"),   QStringLiteral("OBJECT")};
    return list;
}

QString FormEngine::expandCounter(const QString &pattern, int n)
{
    static const QRegularExpression counter(QStringLiteral("\\{n(?::0(\\d+))?\\}"));
    QString result = pattern;
    QRegularExpressionMatch match = counter.match(result);
    while (match.hasMatch()) {
        const int width = match.captured(1).isEmpty() ? 0 : match.captured(1).toInt();
        const QString number = QStringLiteral("%1").arg(n, width, 10, QLatin1Char('0'));
        result.replace(match.capturedStart(), match.capturedLength(), number);
        match = counter.match(result, match.capturedStart() + number.size());
    }
    return result;
}

bool FormEngine::isEmptyValue(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (value.isString())
        return value.toString().trimmed().isEmpty();
    if (value.isArray())
        return value.toArray().isEmpty();
    if (value.isObject())
        return value.toObject().isEmpty();
    return false;
}

QString FormEngine::valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QString::number(qint64(number));
        return QString::number(number);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

QJsonArray FormEngine::expand(const QJsonArray &spec, const QJsonObject &inputs)
{
    QJsonArray result;
    for (const QJsonValue &value : spec) {
        const QJsonObject node = value.toObject();
        if (!shown(node, inputs))
            continue;
        const QString type = node.value(kType).toString();
        if (type == QLatin1String("fieldset")) {
            QJsonObject copy = node;
            copy.insert(kFields, expand(node.value(kFields).toArray(), inputs));
            result.append(copy);
        } else if (type == QLatin1String("dynamic_columns")) {
            // Columns come from the chosen value (a worksheet's header row), so another
            // worksheet yields other fields: the reason worksheet invalidates the form.
            const QString chosen =
                valueText(inputs.value(node.value(QStringLiteral("input")).toString()));
            const QJsonArray columns =
                node.value(QStringLiteral("columns")).toObject().value(chosen).toArray();
            const QJsonObject base = node.value(QStringLiteral("template")).toObject();
            for (const QJsonValue &column : columns) {
                QJsonObject field = base;
                const QJsonObject overrides = column.toObject();
                for (auto it = overrides.begin(); it != overrides.end(); ++it)
                    field.insert(it.key(), it.value());
                field.insert(kType, QStringLiteral("input_field"));
                field.insert(QStringLiteral("_column"), true);
                result.append(field);
            }
        } else if (type == QLatin1String("repeat_fieldsets")) {
            const int maximum = node.value(QStringLiteral("max")).toInt(10);
            const int fallback = node.value(QStringLiteral("default")).toInt(1);
            const int count = qBound(
                1,
                countFromInput(inputs.value(node.value(QStringLiteral("count_input")).toString()),
                               fallback),
                maximum);
            const QJsonObject fieldset = node.value(QStringLiteral("fieldset")).toObject();
            for (int n = 1; n <= count; ++n) {
                QJsonObject copy = substituteCounter(fieldset, n).toObject();
                copy.insert(kType, QStringLiteral("fieldset"));
                copy.insert(kFields, expand(copy.value(kFields).toArray(), inputs));
                result.append(copy);
            }
            if (count > 1) {
                for (const QJsonValue &extra :
                     expand(node.value(QStringLiteral("when_several")).toArray(), inputs))
                    result.append(extra);
            }
        } else {
            result.append(node);
        }
    }
    return result;
}

QJsonArray FormEngine::render(const QJsonArray &expanded)
{
    QJsonArray result;
    for (const QJsonValue &value : expanded) {
        const QJsonObject node = value.toObject();
        const QString type = node.value(kType).toString();
        if (type == QLatin1String("info_field")) {
            result.append(QJsonObject{
                {kType, type},
                {kId, node.value(kId)},
                {QStringLiteral("description"), node.value(QStringLiteral("description"))}});
        } else if (type == QLatin1String("fieldset")) {
            result.append(
                QJsonObject{{kType, type},
                            {kId, node.value(kId)},
                            {QStringLiteral("title"), node.value(QStringLiteral("title"))},
                            {kFields, render(node.value(kFields).toArray())}});
        } else if (type == QLatin1String("input_field")) {
            QJsonObject field{
                {kType, type},
                {kId, node.value(kId)},
                {QStringLiteral("title"), node.value(QStringLiteral("title")).toString()},
                {QStringLiteral("description"),
                 node.value(QStringLiteral("description")).toString()},
                {QStringLiteral("default_value"),
                 node.value(QStringLiteral("default_value")).toString()},
                {QStringLiteral("placeholder"),
                 node.value(QStringLiteral("placeholder")).toString()},
                {QStringLiteral("is_required"), node.value(QStringLiteral("is_required")).toBool()},
                {QStringLiteral("value_type"),
                 node.value(QStringLiteral("value_type")).toString(QStringLiteral("STRING"))},
                {QStringLiteral("depends_on"), node.value(QStringLiteral("depends_on")).toArray()},
                {QStringLiteral("invalidates_input_fields"),
                 node.value(QStringLiteral("invalidates_input_fields")).toBool()}};
            // Plain fields omit `format`, as Zapier's own examples do; `items` only when set.
            const QString format = node.value(QStringLiteral("format")).toString();
            if (!format.isEmpty())
                field.insert(QStringLiteral("format"), format);
            if (node.value(QStringLiteral("items")).isObject())
                field.insert(QStringLiteral("items"), node.value(QStringLiteral("items")));
            result.append(field);
        }
    }
    return result;
}

QJsonArray FormEngine::fields(const CatalogAction &action, const QJsonObject &inputs)
{
    return render(expand(action.fields, inputs));
}

QList<QJsonObject> FormEngine::flattenInputs(const QJsonArray &expanded)
{
    QList<QJsonObject> result;
    flattenInto(expanded, &result);
    return result;
}

FormEngine::ChoiceResult FormEngine::choices(const CatalogAction &action, const QString &fieldId,
                                             const QJsonObject &inputs)
{
    ChoiceResult result;
    const QList<QJsonObject> inputFields = flattenInputs(expand(action.fields, inputs));
    for (const QJsonObject &field : inputFields) {
        if (field.value(kId).toString() != fieldId)
            continue;
        result.found = true;
        result.pageSize = qMax(1, field.value(QStringLiteral("choices_page_size")).toInt(25));
        for (const QJsonValue &dependency : field.value(QStringLiteral("depends_on")).toArray()) {
            if (isEmptyValue(inputs.value(dependency.toString()))) {
                envelope::ErrorItem error;
                error.status = 400;
                error.code = QStringLiteral("dependency_missing");
                error.title = QStringLiteral("ValidationError");
                error.detail = QStringLiteral("Choose a value for \"%1\" before loading the "
                                              "choices of \"%2\".")
                                   .arg(dependency.toString(), fieldId);
                error.pointer = QStringLiteral("/data/inputs/") + dependency.toString();
                result.error = error;
                return result;
            }
        }
        result.choices = choiceList(field, inputs);
        return result;
    }
    return result;
}

QJsonArray FormEngine::outputs(const CatalogAction &action, const QJsonObject &inputs)
{
    QJsonArray result;
    const auto add = [&result](const QJsonObject &source) {
        result.append(QJsonObject{
            {kType, QStringLiteral("output_field")},
            {kId, source.value(kId)},
            {QStringLiteral("title"), source.value(QStringLiteral("title")).toString()},
            {QStringLiteral("sample"), source.value(QStringLiteral("sample")).toString()}});
    };
    for (const QJsonValue &value : action.outputs)
        add(value.toObject());
    // Column fields of a sheet come back as outputs too, as a new row holds them.
    for (const QJsonObject &field : flattenInputs(expand(action.fields, inputs))) {
        if (field.value(QStringLiteral("_column")).toBool())
            add(field);
    }
    return result;
}

QList<envelope::ErrorItem> FormEngine::validate(const CatalogAction &action,
                                                const QJsonObject &inputs,
                                                const QString &pointerPrefix)
{
    QList<envelope::ErrorItem> errors;
    for (const QJsonObject &field : flattenInputs(expand(action.fields, inputs))) {
        const QString id = field.value(kId).toString();
        const QString title = field.value(QStringLiteral("title")).toString();
        const QJsonValue value = inputs.value(id);
        envelope::ErrorItem error;
        error.status = 400;
        error.title = QStringLiteral("ValidationError");
        error.pointer = pointerPrefix + id;
        error.meta.insert(QStringLiteral("input_field"), id);
        if (isEmptyValue(value)) {
            const bool hasDefault =
                !field.value(QStringLiteral("default_value")).toString().isEmpty();
            const bool readOnly =
                field.value(QStringLiteral("format")).toString() == QLatin1String("READONLY");
            if (field.value(QStringLiteral("is_required")).toBool() && !hasDefault && !readOnly) {
                error.code = QStringLiteral("required");
                error.detail = QStringLiteral("\"%1\" (%2) is required.").arg(title, id);
                errors.append(error);
            }
            continue;
        }
        const QString valueType = field.value(QStringLiteral("value_type")).toString();
        if (!typeMatches(valueType, value)) {
            error.code = QStringLiteral("invalid");
            error.detail = QStringLiteral("\"%1\" (%2) must be a valid %3.")
                               .arg(title, id, valueType.toLower());
            errors.append(error);
        }
    }
    return errors;
}

QJsonObject FormEngine::withDefaults(const CatalogAction &action, const QJsonObject &inputs)
{
    QJsonObject result = inputs;
    for (const QJsonObject &field : flattenInputs(expand(action.fields, inputs))) {
        const QString id = field.value(kId).toString();
        const QString fallback = field.value(QStringLiteral("default_value")).toString();
        if (isEmptyValue(result.value(id)) && !fallback.isEmpty())
            result.insert(id, fallback);
    }
    return result;
}

QString FormEngine::validateSpec(const QJsonArray &spec)
{
    QSet<QString> ids;
    return checkNodes(spec, &ids, 0);
}

} // namespace ab::sandbox
