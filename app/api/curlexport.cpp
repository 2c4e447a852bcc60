#include "api/curlexport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace ab::api {

namespace {

// The URL ApiClient would call: the base URL's own path kept, without a doubled slash.
QString endpoint(const QUrl &baseUrl, const QString &path)
{
    QUrl url = baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path, QUrl::TolerantMode);
    url.setQuery(QString());
    url.setFragment(QString());
    return url.toString(QUrl::FullyEncoded);
}

QString segment(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id, ":@"));
}

// Stands for a secret's value in the body until the body is quoted for the shell.
QString secretMarker(qsizetype index)
{
    return QStringLiteral("@@actionbench-secret-%1@@").arg(index);
}

QString command(const QString &url, const QJsonObject &data, const QStringList &variables = {})
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson(QJsonDocument::Indented);
    QString quotedBody = shellQuote(QString::fromUtf8(body).trimmed());
    // Inside the single-quoted body: close the quote, expand the variable, open it again.
    for (qsizetype i = 0; i < variables.size(); ++i)
        quotedBody.replace(secretMarker(i), QStringLiteral("'\"$%1\"'").arg(variables.at(i)));
    const QString continuation = QStringLiteral(" \\\n  ");
    // The token header is double-quoted on purpose: the shell expands $ZAPIER_TOKEN there.
    return QStringLiteral("curl -sS -X POST ") + shellQuote(url) + continuation +
           QStringLiteral("-H \"Authorization: Bearer ") + tokenPlaceholder() +
           QStringLiteral("\"") + continuation +
           shellQuote(QStringLiteral("Accept: application/json")).prepend(QStringLiteral("-H ")) +
           continuation +
           shellQuote(QStringLiteral("Content-Type: application/json"))
               .prepend(QStringLiteral("-H ")) +
           continuation + QStringLiteral("--data-raw ") + quotedBody;
}

} // namespace

QString tokenPlaceholder()
{
    return QStringLiteral("$ZAPIER_TOKEN");
}

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString secretInputVariable(const QString &key)
{
    QString name;
    for (const QChar c : key)
        name += (c.isLetterOrNumber() && c.unicode() < 0x80) ? c.toUpper() : QChar(u'_');
    if (name.isEmpty() || name.front().isDigit())
        name.prepend(u'_');
    return name;
}

QString curlForActionRun(const QUrl &baseUrl, const QString &actionId, const QString &connectionId,
                         const QVariantMap &inputs, const QStringList &secretInputs)
{
    QVariantMap sent = inputs;
    QStringList variables;
    QString comments = QStringLiteral("# The action id is single-use: get a fresh one from "
                                      "GET /v2/actions before running this again.\n");
    for (const QString &key : secretInputs) {
        if (!sent.contains(key))
            continue;
        sent.insert(key, secretMarker(variables.size()));
        QString variable = secretInputVariable(key);
        if (variables.contains(variable)) // "api-key" and "api_key"
            variable += QString::number(variables.size() + 1);
        variables.append(variable);
        comments += QStringLiteral("# Set %1 to the value of the password field \"%2\" first: "
                                   "it is not copied.\n")
                        .arg(variables.constLast(), key);
    }
    const QJsonObject data{{QStringLiteral("action"), actionId},
                           {QStringLiteral("authentication"), connectionId.isEmpty()
                                                                  ? QJsonValue(QJsonValue::Null)
                                                                  : QJsonValue(connectionId)},
                           {QStringLiteral("inputs"), QJsonObject::fromVariantMap(sent)}};
    return comments +
           command(endpoint(baseUrl, QStringLiteral("/v2/action-runs")), data, variables);
}

QString curlForStoredRun(const QUrl &baseUrl, const QString &storedActionId,
                         const QVariantMap &inputs, const QString &page,
                         const QString &idempotencyId)
{
    QJsonObject data{{QStringLiteral("inputs"), QJsonObject::fromVariantMap(inputs)}};
    if (!page.isEmpty())
        data.insert(QStringLiteral("page"), page);
    if (!idempotencyId.isEmpty())
        data.insert(QStringLiteral("idempotency_id"), idempotencyId);
    return command(endpoint(baseUrl, QStringLiteral("/actions/v1/stored-actions/") +
                                         segment(storedActionId) + QStringLiteral("/run")),
                   data);
}

} // namespace ab::api
