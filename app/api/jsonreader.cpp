#include "api/jsonreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace ab::api::detail {

QString childPath(const QString &path, const char *key)
{
    const QString name = QString::fromLatin1(key);
    return path.isEmpty() ? name : path + QLatin1Char('.') + name;
}

QString indexPath(const QString &path, qsizetype index)
{
    // Built once per list item: plain concatenation, no format-string parsing.
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("absent");
}

QByteArray compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // QJsonDocument holds only objects and arrays: serialise a scalar inside one and unwrap.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

bool parseJson(const QByteArray &body, QJsonValue *out, QString *error)
{
    // A const copy: trimmed() shares the body's bytes, and a non-const access such as front()
    // on it would detach, copying the whole body just to read its first character.
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty()) {
        *error = QStringLiteral("the body is empty");
        return false;
    }
    QJsonParseError parseError;
    // Objects and arrays (every documented body) parse as they are: no copy of a large body.
    const char first = trimmed.at(0);
    if (first == '{' || first == '[') {
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error == QJsonParseError::NoError) {
            *out =
                document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
            return true;
        }
    }
    // Wrapping in [...] lets QJsonDocument read scalars too; a second value makes it fail.
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray("[") + body + QByteArray("]"), &parseError);
    if (parseError.error != QJsonParseError::NoError || document.array().size() != 1) {
        const int offset = qMax(0, parseError.offset - 1);
        *error = QStringLiteral("the body is not JSON (%1 at offset %2)")
                     .arg(parseError.errorString())
                     .arg(offset);
        return false;
    }
    *out = document.array().at(0);
    return true;
}

void JsonReader::fail(const QString &path, const QString &problem)
{
    if (m_error.isEmpty())
        m_error = path.isEmpty() ? problem : path + QLatin1Char(' ') + problem;
}

namespace {
// The string a JSON value holds, or `fallback` when absent or null; records a problem (at
// `path`.`key`) for any other type. One lookup serves both string() and requiredString().
QString stringValue(JsonReader &reader, const QJsonValue &value, const QString &path,
                    const char *key, const QString &fallback)
{
    if (value.isString())
        return value.toString();
    if (!value.isUndefined() && !value.isNull())
        reader.fail(childPath(path, key), QStringLiteral("is not a string but ") + typeName(value));
    return fallback;
}
} // namespace

QString JsonReader::string(const QJsonObject &object, const QString &path, const char *key,
                           const QString &fallback)
{
    return stringValue(*this, object.value(QLatin1String(key)), path, key, fallback);
}

QString JsonReader::requiredString(const QJsonObject &object, const QString &path, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull()) {
        fail(childPath(path, key), QStringLiteral("is missing"));
        return {};
    }
    return stringValue(*this, value, path, key, {});
}

QString JsonReader::id(const QJsonObject &object, const QString &path, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isString()) {
        QString text = value.toString();
        if (!text.isEmpty())
            return text;
    } else if (value.isDouble()) {
        return QString::fromUtf8(compactJson(value));
    }
    fail(childPath(path, key), value.isString()
                                   ? QStringLiteral("is empty")
                                   : QStringLiteral("is not an id but ") + typeName(value));
    return {};
}

QString JsonReader::text(const QJsonObject &object, const QString &, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(compactJson(value));
}

bool JsonReader::boolean(const QJsonObject &object, const QString &path, const char *key,
                         bool fallback)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool()) {
        fail(childPath(path, key), QStringLiteral("is not a boolean but ") + typeName(value));
        return fallback;
    }
    return value.toBool();
}

std::optional<qint64> JsonReader::integer(const QJsonObject &object, const QString &path,
                                          const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (value.isDouble())
        return qint64(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return number;
    }
    fail(childPath(path, key), QStringLiteral("is not an integer but ") + typeName(value));
    return std::nullopt;
}

QJsonObject JsonReader::object(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        fail(path, QStringLiteral("is not an object but ") + typeName(value));
        return {};
    }
    return value.toObject();
}

QJsonObject JsonReader::objectField(const QJsonObject &object, const QString &path, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    return this->object(value, childPath(path, key));
}

QJsonArray JsonReader::array(const QJsonObject &object, const QString &path, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        fail(childPath(path, key), QStringLiteral("is not an array but ") + typeName(value));
        return {};
    }
    return value.toArray();
}

QStringList JsonReader::stringList(const QJsonObject &object, const QString &path, const char *key)
{
    QStringList out;
    const QJsonArray items = array(object, path, key);
    out.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        if (!item.isString()) {
            fail(indexPath(childPath(path, key), i),
                 QStringLiteral("is not a string but ") + typeName(item));
            continue;
        }
        out.append(item.toString());
    }
    return out;
}

QString JsonReader::appId(const QJsonObject &object, const QString &path, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isObject())
        return id(value.toObject(), childPath(path, key), "id");
    if (value.isUndefined() || value.isNull())
        return {};
    return id(object, path, key);
}

} // namespace ab::api::detail
