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

QString command(const QString &url, const QJsonObject &data)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson(QJsonDocument::Indented);
    const QString continuation = QStringLiteral(" \\\n  ");
    // The token header is double-quoted on purpose: the shell expands $ZAPIER_TOKEN there.
    return QStringLiteral("curl -sS -X POST ") + shellQuote(url) + continuation +
           QStringLiteral("-H \"Authorization: Bearer ") + tokenPlaceholder() +
           QStringLiteral("\"") + continuation +
           shellQuote(QStringLiteral("Accept: application/json")).prepend(QStringLiteral("-H ")) +
           continuation +
           shellQuote(QStringLiteral("Content-Type: application/json"))
               .prepend(QStringLiteral("-H ")) +
           continuation + QStringLiteral("--data-raw ") +
           shellQuote(QString::fromUtf8(body).trimmed());
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

QString curlForActionRun(const QUrl &baseUrl, const QString &actionId, const QString &connectionId,
                         const QVariantMap &inputs)
{
    const QJsonObject data{{QStringLiteral("action"), actionId},
                           {QStringLiteral("authentication"), connectionId.isEmpty()
                                                                  ? QJsonValue(QJsonValue::Null)
                                                                  : QJsonValue(connectionId)},
                           {QStringLiteral("inputs"), QJsonObject::fromVariantMap(inputs)}};
    return QStringLiteral("# The action id is single-use: get a fresh one from GET /v2/actions "
                          "before running this again.\n") +
           command(endpoint(baseUrl, QStringLiteral("/v2/action-runs")), data);
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
