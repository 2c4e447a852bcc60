#pragma once

#include "runs/runcodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ab::test {

// A stand-in for api/'s JSON codec: QJson is fine inside tests, never in app/runs.
inline runs::RunCodec jsonTestCodec()
{
    runs::RunCodec codec;
    codec.encodeVariant = [](const QVariant &value) {
        return QJsonDocument::fromVariant(value).toJson(QJsonDocument::Compact);
    };
    codec.decodeVariant = [](const QByteArray &text, QString *error) {
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (document.isNull() && error)
            *error = parseError.errorString();
        return document.toVariant();
    };
    codec.encodeErrors = [](const QList<core::RunError> &errors) {
        QJsonArray array;
        for (const core::RunError &error : errors) {
            QJsonObject object{{QStringLiteral("code"), error.codeRaw},
                               {QStringLiteral("title"), error.title},
                               {QStringLiteral("detail"), error.detail}};
            if (error.delaySeconds)
                object.insert(QStringLiteral("delay"), *error.delaySeconds);
            array.append(object);
        }
        return QJsonDocument(array).toJson(QJsonDocument::Compact);
    };
    codec.decodeErrors = [](const QByteArray &text, QString *error) {
        QList<core::RunError> errors;
        const QJsonDocument document = QJsonDocument::fromJson(text);
        if (!document.isArray() && error)
            *error = QStringLiteral("errors: not an array");
        const QJsonArray array = document.array();
        for (const QJsonValue &value : array) {
            const QJsonObject object = value.toObject();
            core::RunError runError;
            runError.codeRaw = object.value(QStringLiteral("code")).toString();
            runError.code = core::runErrorCodeFromString(runError.codeRaw);
            runError.title = object.value(QStringLiteral("title")).toString();
            runError.detail = object.value(QStringLiteral("detail")).toString();
            if (object.contains(QStringLiteral("delay")))
                runError.delaySeconds = object.value(QStringLiteral("delay")).toInt();
            errors.append(runError);
        }
        return errors;
    };
    return codec;
}

} // namespace ab::test
