#include "sandbox/httpmessage.h"

#include <QJsonDocument>
#include <QUrl>

namespace ab::sandbox {

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QString HttpRequest::queryValue(const QString &key) const
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

QString HttpRequest::bearerToken() const
{
    const QByteArray value = header("Authorization").trimmed();
    if (value.size() > 7 && value.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return QString::fromUtf8(value.mid(7).trimmed());
    return {};
}

void HttpReply::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0) {
            pair.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

HttpReply HttpReply::json(const QJsonObject &object, int status)
{
    HttpReply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

HttpReply HttpReply::noContent()
{
    HttpReply reply;
    reply.status = 204;
    reply.contentType.clear();
    return reply;
}

HttpReply HttpReply::html(const QByteArray &html, int status)
{
    HttpReply reply;
    reply.status = status;
    reply.contentType = "text/html; charset=utf-8";
    reply.body = html;
    return reply;
}

HttpReply HttpReply::page(const QString &title, const QString &bodyHtml, int status)
{
    const QString document =
        QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>"
                       "<style>body{font-family:sans-serif;max-width:32em;margin:3em auto;}"
                       "a.button,button{display:inline-block;padding:.6em 1.4em;margin-right:1em;"
                       "border:0;border-radius:6px;background:#ff4f00;color:#fff;font:inherit;"
                       "text-decoration:none;cursor:pointer}"
                       "a.secondary,button.secondary{background:#888}</style></head>"
                       "<body>%2</body></html>\n")
            .arg(title.toHtmlEscaped(), bodyHtml);
    HttpReply reply = html(document.toUtf8(), status);
    // Consent pages carry single-use ids: never from a cache.
    reply.setHeader("Cache-Control", "no-store");
    return reply;
}

HttpReply HttpReply::redirect(const QString &location, int status)
{
    HttpReply reply;
    reply.status = status;
    reply.contentType = "text/plain";
    reply.headers.append({"Location", location.toUtf8()});
    return reply;
}

namespace envelope {

HttpReply errors(const QList<ErrorItem> &items)
{
    QJsonArray array;
    int status = items.isEmpty() ? 400 : items.first().status;
    for (const ErrorItem &item : items) {
        QJsonValue source = QJsonValue::Null;
        if (!item.pointer.isEmpty() || !item.parameter.isEmpty()) {
            QJsonObject object;
            if (!item.pointer.isEmpty())
                object.insert(QStringLiteral("pointer"), item.pointer);
            if (!item.parameter.isEmpty())
                object.insert(QStringLiteral("parameter"), item.parameter);
            source = object;
        }
        // meta mirrors what Zapier sends: where the error came from and the full details.
        QJsonObject meta = item.meta;
        meta.insert(QStringLiteral("source"), QStringLiteral("ZAPIER"));
        meta.insert(QStringLiteral("full_details"),
                    QJsonObject{{QStringLiteral("message"), item.detail},
                                {QStringLiteral("code"), item.code}});
        array.append(QJsonObject{{QStringLiteral("status"), item.status},
                                 {QStringLiteral("code"), item.code},
                                 {QStringLiteral("title"), item.title},
                                 {QStringLiteral("detail"), item.detail},
                                 {QStringLiteral("source"), source},
                                 {QStringLiteral("meta"), meta}});
    }
    return HttpReply::json(QJsonObject{{QStringLiteral("errors"), array}}, status);
}

HttpReply error(int status, const QString &code, const QString &title, const QString &detail,
                const QString &pointer, const QString &parameter)
{
    ErrorItem item;
    item.status = status;
    item.code = code;
    item.title = title;
    item.detail = detail;
    item.pointer = pointer;
    item.parameter = parameter;
    return errors({item});
}

HttpReply parseError(const QString &detail, const QString &pointer)
{
    return error(400, QStringLiteral("parse_error"), QStringLiteral("ParseError"), detail, pointer);
}

HttpReply notFound(const QString &detail)
{
    return error(404, QStringLiteral("not_found"), QStringLiteral("NotFound"), detail);
}

HttpReply methodNotAllowed(const QString &method)
{
    return error(405, QStringLiteral("method_not_allowed"), QStringLiteral("MethodNotAllowed"),
                 QStringLiteral("Method \"%1\" not allowed.").arg(method));
}

QJsonObject list(const QJsonArray &data, qint64 count, int limit, int offset, const QString &next,
                 const QString &prev)
{
    const auto urlOrNull = [](const QString &url) {
        return url.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(url);
    };
    const auto intOrNull = [](int value) {
        return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
    };
    return QJsonObject{
        {QStringLiteral("links"), QJsonObject{{QStringLiteral("next"), urlOrNull(next)},
                                              {QStringLiteral("prev"), urlOrNull(prev)}}},
        {QStringLiteral("meta"), QJsonObject{{QStringLiteral("count"), double(count)},
                                             {QStringLiteral("limit"), intOrNull(limit)},
                                             {QStringLiteral("offset"), intOrNull(offset)}}},
        {QStringLiteral("data"), data}};
}

QJsonObject choices(const QJsonArray &data, int page, const QString &next, const QString &prev)
{
    const auto urlOrNull = [](const QString &url) {
        return url.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(url);
    };
    return QJsonObject{
        {QStringLiteral("data"), data},
        {QStringLiteral("links"), QJsonObject{{QStringLiteral("next"), urlOrNull(next)},
                                              {QStringLiteral("prev"), urlOrNull(prev)}}},
        {QStringLiteral("meta"), QJsonObject{{QStringLiteral("page"), page}}}};
}

} // namespace envelope

IntParam intQueryParam(const HttpRequest &request, const QString &key, int minimum, int maximum)
{
    IntParam result;
    if (!request.hasQuery(key) || request.queryValue(key).isEmpty())
        return result;
    bool ok = false;
    const int value = request.queryValue(key).toInt(&ok);
    if (!ok || value < minimum || value > maximum) {
        result.error =
            envelope::error(400, QStringLiteral("invalid"), QStringLiteral("ValidationError"),
                            QStringLiteral("\"%1\" must be an integer between %2 and %3.")
                                .arg(key)
                                .arg(minimum)
                                .arg(maximum),
                            {}, key);
        return result;
    }
    result.value = value;
    return result;
}

std::optional<QJsonObject> jsonObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

std::optional<QJsonObject> dataEnvelope(const QByteArray &body)
{
    const auto object = jsonObject(body);
    if (!object || !object->value(QStringLiteral("data")).isObject())
        return std::nullopt;
    return object->value(QStringLiteral("data")).toObject();
}

} // namespace ab::sandbox
