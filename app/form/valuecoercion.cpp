#include "form/valuecoercion.h"

#include <QMetaType>

#include <cmath>

namespace ab::form {

using core::ValueType;
using Code = ValidationIssue::Code;

namespace {

bool isIntegral(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return true;
    default:
        return false;
    }
}

bool isFloating(const QVariant &value)
{
    return value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Float;
}

bool isList(const QVariant &value)
{
    return value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QStringList;
}

bool isMap(const QVariant &value)
{
    return value.typeId() == QMetaType::QVariantMap || value.typeId() == QMetaType::QVariantHash;
}

CoercionResult failed(Code code)
{
    return CoercionResult{QVariant(), code};
}

CoercionResult succeeded(QVariant value)
{
    return CoercionResult{std::move(value), std::nullopt};
}

CoercionResult coerceInteger(const QString &text)
{
    bool ok = false;
    const qint64 number = text.toLongLong(&ok, 10);
    return ok ? succeeded(QVariant::fromValue(number)) : failed(Code::NotAnInteger);
}

CoercionResult coerceNumber(const QString &text)
{
    // QString::toDouble is the C locale without group separators, but it takes "inf" and "nan",
    // which JSON cannot carry.
    bool ok = false;
    const double number = text.toDouble(&ok);
    if (!ok || !std::isfinite(number))
        return failed(Code::NotANumber);
    return succeeded(number);
}

CoercionResult coerceBoolean(const QString &text)
{
    const QString lower = text.toLower();
    static const QStringList truthy = {QStringLiteral("true"), QStringLiteral("yes"),
                                       QStringLiteral("on"), QStringLiteral("1")};
    static const QStringList falsy = {QStringLiteral("false"), QStringLiteral("no"),
                                      QStringLiteral("off"), QStringLiteral("0")};
    if (truthy.contains(lower))
        return succeeded(true);
    if (falsy.contains(lower))
        return succeeded(false);
    return failed(Code::NotABoolean);
}

CoercionResult coerceJson(const QString &text, const JsonTextParser &json, Code code)
{
    if (!json)
        return failed(code);
    const std::optional<QVariant> parsed = json(text);
    if (!parsed)
        return failed(code);
    const bool fits = code == Code::NotAList ? isList(*parsed) : isMap(*parsed);
    if (!fits)
        return failed(code);
    if (isEmptyValue(*parsed))
        return succeeded(QVariant());
    return succeeded(*parsed);
}

CoercionResult coerceArray(const QString &text, const JsonTextParser &json)
{
    if (text.startsWith(QLatin1Char('[')))
        return coerceJson(text, json, Code::NotAList);
    // Several lines: one item per line, so items may contain commas.
    const bool multiline = text.contains(QLatin1Char('\n'));
    const QStringList parts = text.split(multiline ? QStringLiteral("\n") : QStringLiteral(","));
    QVariantList items;
    for (const QString &part : parts) {
        const QString item = part.trimmed();
        if (!item.isEmpty())
            items.append(item);
    }
    return succeeded(items.isEmpty() ? QVariant() : QVariant(items));
}

CoercionResult coerceObject(const QString &text, const JsonTextParser &json)
{
    if (text.startsWith(QLatin1Char('{')))
        return coerceJson(text, json, Code::NotAnObject);
    QVariantMap map;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        const QString key = equals < 0 ? QString() : line.left(equals).trimmed();
        if (key.isEmpty())
            return failed(Code::NotAnObject);
        // The value keeps inner spaces: "greeting = hello world" is one value.
        map.insert(key, line.mid(equals + 1).trimmed());
    }
    return succeeded(map.isEmpty() ? QVariant() : QVariant(map));
}

} // namespace

bool isEmptyValue(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return true;
    if (value.typeId() == QMetaType::QString)
        return value.toString().isEmpty();
    if (isList(value))
        return value.toList().isEmpty();
    if (isMap(value))
        return value.typeId() == QMetaType::QVariantMap ? value.toMap().isEmpty()
                                                        : value.toHash().isEmpty();
    return false;
}

std::optional<Code> checkValueType(const core::FieldNode &field, const QVariant &value)
{
    if (isEmptyValue(value))
        return std::nullopt;
    switch (field.valueType) {
    case ValueType::String:
    case ValueType::Unknown:
        // Zapier takes text for anything; an unknown type is the server's to judge.
        return std::nullopt;
    case ValueType::Integer:
        if (isIntegral(value))
            return std::nullopt;
        if (isFloating(value)) {
            const double number = value.toDouble();
            if (std::isfinite(number) && std::floor(number) == number)
                return std::nullopt;
        }
        return Code::NotAnInteger;
    case ValueType::Number:
        if (isIntegral(value) || (isFloating(value) && std::isfinite(value.toDouble())))
            return std::nullopt;
        return Code::NotANumber;
    case ValueType::Boolean:
        if (value.typeId() == QMetaType::Bool)
            return std::nullopt;
        return Code::NotABoolean;
    case ValueType::Array:
        if (isList(value))
            return std::nullopt;
        return Code::NotAList;
    case ValueType::Object:
        if (isMap(value))
            return std::nullopt;
        return Code::NotAnObject;
    }
    return std::nullopt;
}

CoercionResult coerceText(const core::FieldNode &field, const QString &text,
                          const JsonTextParser &json)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return succeeded(QVariant());
    switch (field.valueType) {
    case ValueType::String:
    case ValueType::Unknown:
        // Text fields keep what was typed, spaces included (passwords, code).
        return succeeded(text);
    case ValueType::Integer:
        return coerceInteger(trimmed);
    case ValueType::Number:
        return coerceNumber(trimmed);
    case ValueType::Boolean:
        return coerceBoolean(trimmed);
    case ValueType::Array:
        return coerceArray(trimmed, json);
    case ValueType::Object:
        return coerceObject(trimmed, json);
    }
    return succeeded(text);
}

} // namespace ab::form
