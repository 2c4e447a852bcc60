#include "sandbox/faultplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace ab::sandbox {

namespace {

struct BodyName {
    FaultRule::Body body;
    const char *name;
};
constexpr BodyName kBodyNames[] = {
    {FaultRule::Body::Normal, "normal"}, {FaultRule::Body::MalformedJson, "malformed_json"},
    {FaultRule::Body::Html, "html"},     {FaultRule::Body::Empty, "empty"},
    {FaultRule::Body::Huge, "huge"},     {FaultRule::Body::WrongTypes, "wrong_types"},
};

bool readInt(const QJsonObject &object, const QString &key, qint64 minimum, qint64 maximum,
             qint64 *out, QString *error, const QString &where)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    const double number = value.toDouble(-1e300);
    if (!value.isDouble() || number != double(qint64(number)) || number < double(minimum) ||
        number > double(maximum)) {
        *error = QStringLiteral("%1.%2: expected an integer between %3 and %4")
                     .arg(where, key)
                     .arg(minimum)
                     .arg(maximum);
        return false;
    }
    *out = qint64(number);
    return true;
}

bool readBool(const QJsonObject &object, const QString &key, bool *out, QString *error,
              const QString &where)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isBool()) {
        *error = QStringLiteral("%1.%2: expected true or false").arg(where, key);
        return false;
    }
    *out = value.toBool();
    return true;
}

bool readHeaders(const QJsonValue &value, FaultRule *rule, QString *error, const QString &where)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (value.isObject()) {
        const QJsonObject headers = value.toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            if (!it.value().isString() && !it.value().isDouble()) {
                *error = QStringLiteral("%1.headers.%2: expected a string").arg(where, it.key());
                return false;
            }
            const QString text = it.value().isString() ? it.value().toString()
                                                       : QString::number(it.value().toDouble());
            rule->headers.append({it.key().toLatin1(), text.toUtf8()});
        }
        return true;
    }
    if (value.isArray()) {
        const QJsonArray pairs = value.toArray();
        for (qsizetype i = 0; i < pairs.size(); ++i) {
            const QJsonArray pair = pairs.at(i).toArray();
            if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString()) {
                *error = QStringLiteral("%1.headers[%2]: expected [name, value]").arg(where).arg(i);
                return false;
            }
            rule->headers.append(
                {pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
        }
        return true;
    }
    *error = QStringLiteral("%1.headers: expected an object or an array of pairs").arg(where);
    return false;
}

std::optional<FaultRule> ruleFromJson(const QJsonValue &value, const QString &where, QString *error)
{
    static const QSet<QString> known = {
        QStringLiteral("method"),     QStringLiteral("path"),
        QStringLiteral("status"),     QStringLiteral("headers"),
        QStringLiteral("delay_ms"),   QStringLiteral("body"),
        QStringLiteral("huge_bytes"), QStringLiteral("drop_connection"),
        QStringLiteral("process"),    QStringLiteral("times"),
        QStringLiteral("skip"),       QStringLiteral("comment")};
    if (!value.isObject()) {
        *error = QStringLiteral("%1: expected an object").arg(where);
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    // Unknown keys are refused: a typo ("dely_ms") would otherwise silently do nothing.
    for (const QString &key : object.keys()) {
        if (!known.contains(key)) {
            *error = QStringLiteral("%1: unknown key \"%2\"").arg(where, key);
            return std::nullopt;
        }
    }
    FaultRule rule;
    const QJsonValue method = object.value(QStringLiteral("method"));
    if (!method.isUndefined() && !method.isNull() && !method.isString()) {
        *error = QStringLiteral("%1.method: expected a string").arg(where);
        return std::nullopt;
    }
    rule.method = method.toString().toUpper();
    const QJsonValue path = object.value(QStringLiteral("path"));
    if (!path.isString() || path.toString().isEmpty()) {
        *error = QStringLiteral("%1.path: required, a glob such as \"/v2/apps*\"").arg(where);
        return std::nullopt;
    }
    rule.pathPattern = path.toString();
    qint64 status = 0, delay = 0, huge = rule.hugeBytes, times = -1, skip = 0;
    if (!readInt(object, QStringLiteral("status"), 0, 599, &status, error, where) ||
        !readInt(object, QStringLiteral("delay_ms"), 0, 600000, &delay, error, where) ||
        !readInt(object, QStringLiteral("huge_bytes"), 0, qint64(1) << 31, &huge, error, where) ||
        !readInt(object, QStringLiteral("times"), -1, 1 << 30, &times, error, where) ||
        !readInt(object, QStringLiteral("skip"), 0, 1 << 30, &skip, error, where))
        return std::nullopt;
    if (status != 0 && status < 100) {
        *error =
            QStringLiteral("%1.status: expected 100..599 (or 0 for the normal status)").arg(where);
        return std::nullopt;
    }
    rule.status = int(status);
    rule.delayMs = int(delay);
    rule.hugeBytes = huge;
    rule.times = int(times);
    rule.skip = int(skip);
    if (!readBool(object, QStringLiteral("drop_connection"), &rule.dropConnection, error, where) ||
        !readBool(object, QStringLiteral("process"), &rule.process, error, where) ||
        !readHeaders(object.value(QStringLiteral("headers")), &rule, error, where))
        return std::nullopt;
    const QJsonValue body = object.value(QStringLiteral("body"));
    if (!body.isUndefined() && !body.isNull()) {
        const auto parsed = FaultRule::bodyFromName(body.toString());
        if (!body.isString() || !parsed) {
            *error = QStringLiteral("%1.body: expected one of normal, malformed_json, html, "
                                    "empty, huge, wrong_types")
                         .arg(where);
            return std::nullopt;
        }
        rule.body = *parsed;
    }
    return rule;
}

} // namespace

bool globMatches(const QString &pattern, const QString &text)
{
    // Iterative wildcard match with backtracking to the last '*'; linear in practice and free
    // of QRegularExpression's path-separator rules for '*'.
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() &&
            (pattern.at(p) == QLatin1Char('?') || pattern.at(p) == text.at(t))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern.at(p) == QLatin1Char('*')) {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

bool FaultRule::matches(const QString &requestMethod, const QString &path) const
{
    if (!method.isEmpty() && method.compare(requestMethod, Qt::CaseInsensitive) != 0)
        return false;
    QString pattern = pathPattern;
    QString normalized = path;
    // Trailing slashes are optional on every route, so they never decide a match.
    while (pattern.size() > 1 && pattern.endsWith(QLatin1Char('/')))
        pattern.chop(1);
    while (normalized.size() > 1 && normalized.endsWith(QLatin1Char('/')))
        normalized.chop(1);
    return globMatches(pattern, normalized);
}

bool FaultRule::isActive() const
{
    return status != 0 || !headers.isEmpty() || delayMs > 0 || body != Body::Normal ||
           dropConnection;
}

bool FaultRule::runsHandler() const
{
    if (process)
        return true;
    // A 2xx/3xx override keeps the real body (e.g. 202 instead of 200); errors replace it.
    return !dropConnection && (status == 0 || status < 400);
}

QString FaultRule::bodyName(Body body)
{
    for (const BodyName &entry : kBodyNames) {
        if (entry.body == body)
            return QLatin1String(entry.name);
    }
    return QStringLiteral("normal");
}

std::optional<FaultRule::Body> FaultRule::bodyFromName(const QString &name)
{
    for (const BodyName &entry : kBodyNames) {
        if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0)
            return entry.body;
    }
    return std::nullopt;
}

std::optional<FaultPlan> FaultPlan::fromJson(const QByteArray &json, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        message = QStringLiteral("not JSON: %1 at offset %2")
                      .arg(parseError.errorString())
                      .arg(parseError.offset);
        return std::nullopt;
    }
    QJsonArray rules;
    if (document.isArray()) {
        rules = document.array();
    } else {
        const QJsonObject root = document.object();
        for (const QString &key : root.keys()) {
            if (key != QLatin1String("rules") && key != QLatin1String("comment")) {
                message = QStringLiteral("unknown key \"%1\" (expected \"rules\")").arg(key);
                return std::nullopt;
            }
        }
        const QJsonValue value = root.value(QStringLiteral("rules"));
        if (!value.isArray()) {
            message = QStringLiteral("rules: expected an array");
            return std::nullopt;
        }
        rules = value.toArray();
    }
    FaultPlan plan;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        auto rule = ruleFromJson(rules.at(i), QStringLiteral("rules[%1]").arg(i), &message);
        if (!rule)
            return std::nullopt;
        plan.rules.append(*rule);
    }
    return plan;
}

QByteArray FaultPlan::toJson() const
{
    QJsonArray array;
    for (const FaultRule &rule : rules) {
        QJsonObject object;
        if (!rule.method.isEmpty())
            object.insert(QStringLiteral("method"), rule.method);
        object.insert(QStringLiteral("path"), rule.pathPattern);
        if (rule.status != 0)
            object.insert(QStringLiteral("status"), rule.status);
        if (!rule.headers.isEmpty()) {
            QJsonArray headers;
            for (const auto &header : rule.headers)
                headers.append(QJsonArray{QString::fromLatin1(header.first),
                                          QString::fromUtf8(header.second)});
            object.insert(QStringLiteral("headers"), headers);
        }
        if (rule.delayMs != 0)
            object.insert(QStringLiteral("delay_ms"), rule.delayMs);
        if (rule.body != FaultRule::Body::Normal)
            object.insert(QStringLiteral("body"), FaultRule::bodyName(rule.body));
        if (rule.body == FaultRule::Body::Huge)
            object.insert(QStringLiteral("huge_bytes"), double(rule.hugeBytes));
        if (rule.dropConnection)
            object.insert(QStringLiteral("drop_connection"), true);
        if (rule.process)
            object.insert(QStringLiteral("process"), true);
        if (rule.times != -1)
            object.insert(QStringLiteral("times"), rule.times);
        if (rule.skip != 0)
            object.insert(QStringLiteral("skip"), rule.skip);
        array.append(object);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("rules"), array}}).toJson();
}

} // namespace ab::sandbox
