#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace ab::sandbox {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// A request as the route handlers see it: copied out of QHttpServerRequest, whose lifetime ends
// with the handler call while some answers are sent later (delays).
struct HttpRequest {
    QString method;  // upper case
    QString rawPath; // as received
    QString path;    // decoded, without trailing slash ("/" stays "/")
    QStringList segments;
    QUrlQuery query;
    QString queryString;
    HeaderList headers; // names as received
    QByteArray body;
    QHostAddress remoteAddress;

    QByteArray header(const QByteArray &name) const; // case-insensitive
    QString queryValue(const QString &key) const;    // fully decoded
    bool hasQuery(const QString &key) const { return query.hasQueryItem(key); }
    QString bearerToken() const; // empty when there is no "Bearer" authorization
};

struct HttpReply {
    int status = 200;
    QByteArray contentType = "application/json";
    HeaderList headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value); // replaces, case-insensitive
    QByteArray header(const QByteArray &name) const;

    static HttpReply json(const QJsonObject &object, int status = 200);
    static HttpReply noContent();
    static HttpReply html(const QByteArray &html, int status = 200);
    // A small HTML page in the sandbox's look (Connect, sign-in); `bodyHtml` is already escaped.
    static HttpReply page(const QString &title, const QString &bodyHtml, int status = 200);
    static HttpReply redirect(const QString &location, int status = 302);
};

// Builders for the documented envelopes (contract §2). They are the only place the shapes are
// spelled out, so every route answers the same way.
namespace envelope {

struct ErrorItem {
    int status = 400;
    QString code;
    QString title;
    QString detail;
    QString pointer;   // source.pointer, e.g. "/data/inputs/email"
    QString parameter; // source.parameter, e.g. "limit"
    QJsonObject meta;  // extra meta merged next to source/full_details
};

// JSON:API error envelope: {errors:[{status, code, title, detail, source, meta}]}.
HttpReply errors(const QList<ErrorItem> &items);
HttpReply error(int status, const QString &code, const QString &title, const QString &detail,
                const QString &pointer = {}, const QString &parameter = {});
HttpReply parseError(const QString &detail = QStringLiteral("Malformed request."),
                     const QString &pointer = {});
HttpReply notFound(const QString &detail = QStringLiteral("Not found."));
HttpReply methodNotAllowed(const QString &method);

// {links:{next,prev}, meta:{count,limit,offset}, data}. `limit`/`offset` < 0 are sent as null,
// as the real /v2/actions and /inputs do.
QJsonObject list(const QJsonArray &data, qint64 count, int limit, int offset, const QString &next,
                 const QString &prev);
// {data, links:{next,prev}, meta:{page}} for /choices.
QJsonObject choices(const QJsonArray &data, int page, const QString &next, const QString &prev);

} // namespace envelope

// Parses an integer query parameter; std::nullopt when absent, an error reply when malformed.
struct IntParam {
    std::optional<int> value;
    std::optional<HttpReply> error;
};
IntParam intQueryParam(const HttpRequest &request, const QString &key, int minimum, int maximum);

// Reads `{data:{...}}`; std::nullopt when the body is not JSON or has no object `data`.
std::optional<QJsonObject> dataEnvelope(const QByteArray &body);
std::optional<QJsonObject> jsonObject(const QByteArray &body);

} // namespace ab::sandbox
