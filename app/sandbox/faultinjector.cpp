#include "sandbox/faultinjector.h"

#include <QJsonDocument>

namespace ab::sandbox::faults {

namespace {

QJsonValue distort(const QJsonValue &value, int depth)
{
    switch (value.type()) {
    case QJsonValue::Array:
        return QStringLiteral("not-a-list");
    case QJsonValue::Object: {
        if (depth >= 2)
            return QStringLiteral("not-an-object");
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = distort(it.value(), depth + 1);
        return object;
    }
    case QJsonValue::String:
        return 12345;
    case QJsonValue::Double:
        return QStringLiteral("x");
    case QJsonValue::Bool:
        return QStringLiteral("yes");
    case QJsonValue::Null:
        return 42; // links.next: null -> 42, a URL slot holding a number
    case QJsonValue::Undefined:
        break;
    }
    return value;
}

QByteArray htmlPage(int status)
{
    // What a misconfigured proxy or a maintenance page sends: the client must not try JSON.
    return QStringLiteral("<!DOCTYPE html>\n<html><head><title>%1 Error</title></head>"
                          "<body><h1>%1 Error</h1><p>The server encountered a temporary error "
                          "and could not complete your request.</p></body></html>\n")
        .arg(status)
        .toUtf8();
}

} // namespace

HttpReply statusReply(int status)
{
    struct Known {
        int status;
        const char *code;
        const char *title;
        const char *detail;
    };
    static constexpr Known known[] = {
        {400, "parse_error", "ParseError", "Malformed request."},
        {401, "not_authenticated", "NotAuthenticated",
         "Authentication credentials were not provided."},
        {402, "payment_required", "Payment Required", "Insufficient tasks on account"},
        {403, "permission_denied", "PermissionDenied",
         "You do not have permission to perform this action."},
        {404, "not_found", "NotFound", "Not found."},
        {409, "conflict", "Conflict", "The request conflicts with the current state."},
        {429, "throttled", "Throttled", "Request was throttled."},
        {500, "error", "APIException", "A server error occurred."},
        {502, "bad_gateway", "BadGateway", "Bad gateway."},
        {503, "service_unavailable", "ServiceUnavailable", "Service temporarily unavailable."},
        {504, "gateway_timeout", "GatewayTimeout", "Gateway timeout."},
    };
    for (const Known &entry : known) {
        if (entry.status == status)
            return envelope::error(status, QLatin1String(entry.code), QLatin1String(entry.title),
                                   QLatin1String(entry.detail));
    }
    return envelope::error(status, QStringLiteral("error"), QStringLiteral("Error"),
                           QStringLiteral("Simulated HTTP %1.").arg(status));
}

HttpReply apply(const FaultRule &rule, HttpReply reply)
{
    if (rule.status >= 400 && rule.status != reply.status)
        reply = statusReply(rule.status);
    else if (rule.status != 0)
        reply.status = rule.status;
    switch (rule.body) {
    case FaultRule::Body::Normal:
        break;
    case FaultRule::Body::MalformedJson:
        // Truncated JSON: the shape of a connection cut mid-body behind a buffering proxy.
        reply.contentType = "application/json";
        reply.body = reply.body.left(qMax<qsizetype>(1, reply.body.size() / 2));
        if (reply.body.size() < 2)
            reply.body = "{\"data\": [";
        break;
    case FaultRule::Body::Html:
        reply.contentType = "text/html; charset=utf-8";
        reply.body = htmlPage(reply.status);
        break;
    case FaultRule::Body::Empty:
        reply.body.clear();
        break;
    case FaultRule::Body::Huge: {
        // Valid JSON, the documented keys plus a giant padding string, so only a size cap
        // (not a parse error) can protect the client.
        QByteArray body = reply.body.trimmed();
        if (!body.startsWith('{') || !body.endsWith('}'))
            body = "{}";
        body.chop(1);
        if (body.size() > 1)
            body.append(',');
        body.append("\"padding\":\"");
        const qint64 padding = qMax<qint64>(0, rule.hugeBytes - body.size() - 2);
        body.append(QByteArray(padding, 'x'));
        body.append("\"}");
        reply.contentType = "application/json";
        reply.body = body;
        break;
    }
    case FaultRule::Body::WrongTypes:
        reply.contentType = "application/json";
        reply.body = wrongTypes(reply.body);
        break;
    }
    for (const auto &header : rule.headers)
        reply.setHeader(header.first, header.second);
    return reply;
}

QByteArray wrongTypes(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (document.isArray())
        return "\"not-a-list\"";
    if (!document.isObject())
        return "{\"data\":\"not-a-list\",\"meta\":{\"count\":\"x\"}}";
    return QJsonDocument(distort(document.object(), 0).toObject()).toJson(QJsonDocument::Compact);
}

} // namespace ab::sandbox::faults
