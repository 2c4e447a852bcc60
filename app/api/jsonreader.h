#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

// Internal to api/: reads typed fields out of parsed JSON and remembers the first problem
// with its path ("data[3].title is not a string"), so decoders stay short and errors precise.
namespace ab::api::detail {

QString childPath(const QString &path, const char *key);
QString indexPath(const QString &path, qsizetype index);
QString typeName(const QJsonValue &value);
// Compact JSON text of any value, scalars included.
QByteArray compactJson(const QJsonValue &value);

// Parses `body` as JSON (any top-level value). Returns false with a message on failure.
bool parseJson(const QByteArray &body, QJsonValue *out, QString *error);

class JsonReader {
public:
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    // Records a problem; only the first one is kept (later ones are usually consequences).
    void fail(const QString &path, const QString &problem);

    // A string field. Absent or null reads as `fallback`; any other type is a problem.
    QString string(const QJsonObject &object, const QString &path, const char *key,
                   const QString &fallback = {});
    // A required string: absent or null is a problem too.
    QString requiredString(const QJsonObject &object, const QString &path, const char *key);
    // An identifier: a string or a number (Connect UI ids are numeric, §6.2); required.
    QString id(const QJsonObject &object, const QString &path, const char *key);
    // Any scalar as text (default values, samples); objects and arrays as compact JSON.
    QString text(const QJsonObject &object, const QString &path, const char *key);
    bool boolean(const QJsonObject &object, const QString &path, const char *key,
                 bool fallback = false);
    // An integer, or a string holding one ("status": "400", JSON:API style). Null/absent: none.
    std::optional<qint64> integer(const QJsonObject &object, const QString &path, const char *key);
    // An object, or an empty one (with a recorded problem) when `value` is not an object.
    QJsonObject object(const QJsonValue &value, const QString &path);
    // An object field; absent or null reads as empty.
    QJsonObject objectField(const QJsonObject &object, const QString &path, const char *key);
    // An array field; absent or null reads as empty.
    QJsonArray array(const QJsonObject &object, const QString &path, const char *key);
    QStringList stringList(const QJsonObject &object, const QString &path, const char *key);
    // `app` is either an app uuid or an expanded App object (contract §8.1, §9.1).
    QString appId(const QJsonObject &object, const QString &path, const char *key);

private:
    QString m_error;
};

} // namespace ab::api::detail

#include "core/apierror.h"
#include "core/field.h"
#include "core/run.h"

namespace ab::api::detail {

// A MalformedResponse error naming the problem, with a redacted sample of the body.
core::ApiError malformed(const QString &detail, const QByteArray &body);
// The top-level object of a reply; a one-element array around it is unwrapped (§2.2).
bool envelope(const QByteArray &body, QJsonObject *out, QString *problem);

// Pieces shared by the decoders and the jsontext codecs (so stored trees read like replies).
QList<core::FieldNode> readFieldNodes(const QJsonArray &items, const QString &path,
                                      JsonReader &reader);
QJsonArray writeFieldNodes(const QList<core::FieldNode> &nodes);
QList<core::RunError> readRunErrors(const QJsonArray &items, const QString &path,
                                    JsonReader &reader);
QJsonArray writeRunErrors(const QList<core::RunError> &errors);

} // namespace ab::api::detail
