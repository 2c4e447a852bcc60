// Decoders for runs, stored actions and error envelopes (the catalog ones are in decoders.cpp).
#include "api/decoders.h"

#include "api/errormapping.h"
#include "api/jsonreader.h"

namespace ab::api {

using namespace detail;

// Where a run error names the input it is about. Nothing documents this (contract §2.5 says
// only "meta: object or null"), so several spellings are read, in this order:
// errors[i].source.pointer (JSON:API), meta.source_pointer, meta.pointer, then a bare field id
// in meta.field / meta.input / meta.input_id / meta.field_key, turned into "/data/inputs/<id>"
// so it matches the pointers of HTTP errors.
static QString runErrorPointer(const QJsonObject &item)
{
    const QJsonObject source = item.value(QLatin1String("source")).toObject();
    if (source.value(QLatin1String("pointer")).isString())
        return source.value(QLatin1String("pointer")).toString();
    const QJsonObject meta = item.value(QLatin1String("meta")).toObject();
    // The JSON:API object again, inside meta (meta.source is also a plain "ZAPIER" at times).
    const QJsonObject metaSource = meta.value(QLatin1String("source")).toObject();
    if (metaSource.value(QLatin1String("pointer")).isString())
        return metaSource.value(QLatin1String("pointer")).toString();
    for (const char *key : {"source_pointer", "pointer"}) {
        if (meta.value(QLatin1String(key)).isString())
            return meta.value(QLatin1String(key)).toString();
    }
    for (const char *key : {"field", "input", "input_field", "input_id", "field_key"}) {
        const QString name = meta.value(QLatin1String(key)).toString();
        if (!name.isEmpty())
            return name.startsWith(QLatin1Char('/')) ? name
                                                     : QStringLiteral("/data/inputs/") + name;
    }
    return {};
}

namespace detail {

QList<core::RunError> readRunErrors(const QJsonArray &items, const QString &path,
                                    JsonReader &reader)
{
    QList<core::RunError> errors;
    for (qsizetype i = 0; i < items.size() && !reader.failed(); ++i) {
        const QString itemPath = indexPath(path, i);
        const QJsonObject item = reader.object(items.at(i), itemPath);
        core::RunError error;
        error.codeRaw = reader.text(item, itemPath, "code");
        error.code = core::runErrorCodeFromString(error.codeRaw);
        error.title = reader.text(item, itemPath, "title");
        error.detail = reader.text(item, itemPath, "detail");
        if (const auto delay = reader.integer(item, itemPath, "delay"))
            error.delaySeconds = int(*delay);
        error.sourcePointer = runErrorPointer(item);
        errors.append(error);
    }
    return errors;
}

} // namespace detail

core::ApiResult<QString> decodeCreatedId(const QByteArray &body)
{
    QJsonObject root;
    QString problem;
    if (!envelope(body, &root, &problem))
        return malformed(problem, body);
    JsonReader reader;
    const bool wrapped = root.value(QLatin1String("data")).isObject();
    const QJsonObject object = wrapped ? root.value(QLatin1String("data")).toObject() : root;
    const QString path = wrapped ? QStringLiteral("data") : QString();
    // The old guide names the run id `run_id` (contract §12.2).
    const char *key =
        !object.contains(QLatin1String("id")) && object.contains(QLatin1String("run_id")) ? "run_id"
                                                                                          : "id";
    // `type` ("run", "stored_action") is not needed, but one of another type means the body
    // is not the documented shape, whatever the id looks like (ids may be numbers).
    reader.string(object, path, "type");
    const QString id = reader.id(object, path, key);
    if (reader.failed())
        return malformed(reader.error(), body);
    return id;
}

core::ApiResult<core::RunState> decodeRun(const QByteArray &body, int httpStatus)
{
    core::RunState state;
    state.httpStatus = httpStatus;
    state.resultsJson = QByteArrayLiteral("[]");
    // 202 means "still running" for the Actions API (§11.4), possibly with no body at all.
    const bool pending = httpStatus == 202;
    if (pending && body.trimmed().isEmpty())
        return state;
    QJsonObject root;
    QString problem;
    if (!envelope(body, &root, &problem))
        return malformed(problem, body);
    JsonReader reader;
    const bool wrapped = root.value(QLatin1String("data")).isObject();
    const QJsonObject run = wrapped ? root.value(QLatin1String("data")).toObject() : root;
    const QString path = wrapped ? QStringLiteral("data") : QString();

    const char *idKey = run.contains(QLatin1String("id")) ? "id" : "run_id";
    if (run.contains(QLatin1String(idKey)))
        state.id = reader.id(run, path, idKey);
    state.statusRaw = reader.string(run, path, "status");
    if (pending)
        state.status = core::RunStatus::Waiting;
    else if (state.statusRaw.isEmpty())
        reader.fail(childPath(path, "status"), QStringLiteral("is missing"));
    else
        state.status = core::runStatusFromString(state.statusRaw); // beyond the enum: Unknown

    // Kept exactly as received: an array per the schema, an object per the old guide (§10.2).
    const QJsonValue results = run.value(QLatin1String("results"));
    if (!results.isUndefined() && !results.isNull())
        state.resultsJson = compactJson(results);
    state.errors =
        readRunErrors(reader.array(run, path, "errors"), childPath(path, "errors"), reader);
    // A string in the docs, a number at times: the SDK normalises it to a string (§11.4).
    state.nextPage = reader.text(run, path, "next_page");
    if (reader.failed())
        return malformed(reader.error(), body);
    return state;
}

static core::StoredAction readStoredAction(const QJsonObject &item, const QString &path,
                                           JsonReader &reader)
{
    core::StoredAction action;
    action.id = reader.id(item, path, "id");
    // "Other Zapier APIs may expose the same identifier as authentication_id" (§11).
    action.connectionId = reader.text(item, path, "connection_id");
    if (action.connectionId.isEmpty())
        action.connectionId = reader.text(item, path, "authentication_id");
    action.selectedApi = reader.string(item, path, "selected_api");
    action.actionKey = reader.string(item, path, "action_key");
    action.actionType = reader.string(item, path, "action_type");
    action.inputs = reader.objectField(item, path, "inputs").toVariantMap();
    return action;
}

core::ApiResult<QList<core::StoredAction>> decodeStoredActions(const QByteArray &body)
{
    QJsonValue root;
    QString problem;
    if (!parseJson(body, &root, &problem))
        return malformed(problem, body);
    // The list's paging is undocumented (§12.14): `results` per the schema name, `data` as in
    // every other list, or a bare array of records.
    QJsonArray items;
    QString path;
    if (root.isArray() && root.toArray().size() == 1 && root.toArray().at(0).isObject() &&
        !root.toArray().at(0).toObject().contains(QLatin1String("id")))
        root = root.toArray().at(0);
    if (root.isArray()) {
        items = root.toArray();
    } else if (root.isObject()) {
        QJsonObject object = root.toObject();
        if (object.value(QLatin1String("data")).isObject())
            object = object.value(QLatin1String("data")).toObject();
        for (const char *key : {"results", "data"}) {
            if (object.value(QLatin1String(key)).isArray()) {
                items = object.value(QLatin1String(key)).toArray();
                path = QString::fromLatin1(key);
                break;
            }
        }
        if (path.isEmpty())
            return malformed(QStringLiteral("results is missing"), body);
    } else {
        return malformed(QStringLiteral("the body is not a JSON object but ") + typeName(root),
                         body);
    }
    JsonReader reader;
    QList<core::StoredAction> actions;
    for (qsizetype i = 0; i < items.size() && !reader.failed(); ++i) {
        const QString itemPath = indexPath(path, i);
        actions.append(readStoredAction(reader.object(items.at(i), itemPath), itemPath, reader));
    }
    if (reader.failed())
        return malformed(reader.error(), body);
    return actions;
}

core::ApiResult<core::StoredAction> decodeStoredAction(const QByteArray &body)
{
    QJsonObject root;
    QString problem;
    if (!envelope(body, &root, &problem))
        return malformed(problem, body);
    JsonReader reader;
    const bool wrapped = root.value(QLatin1String("data")).isObject();
    const core::StoredAction action =
        readStoredAction(wrapped ? root.value(QLatin1String("data")).toObject() : root,
                         wrapped ? QStringLiteral("data") : QString(), reader);
    if (reader.failed())
        return malformed(reader.error(), body);
    return action;
}

core::ApiError decodeError(int httpStatus, const QByteArray &body, const QString &reasonPhrase)
{
    core::ApiError error;
    error.kind = errorKindFor(httpStatus, QNetworkReply::NoError, false);
    error.httpStatus = httpStatus;
    error.rawSample = sampleOf(body);

    QJsonValue root;
    QString problem;
    if (parseJson(body, &root, &problem)) {
        if (root.isArray() && root.toArray().size() == 1)
            root = root.toArray().at(0);
        const QJsonObject object = root.toObject();
        JsonReader reader; // lenient: every field is read as text, nothing fails
        const QJsonArray errors = object.value(QLatin1String("errors")).toArray();
        if (!errors.isEmpty() && errors.at(0).isObject()) {
            const QJsonObject first = errors.at(0).toObject();
            // `status` is an int per the schema, a string in JSON:API (§2.4); the HTTP status
            // decides the kind either way.
            error.code = reader.text(first, QString(), "code");
            error.title = reader.text(first, QString(), "title");
            error.detail = reader.text(first, QString(), "detail");
            const QJsonObject source = first.value(QLatin1String("source")).toObject();
            error.sourcePointer = reader.text(source, QString(), "pointer");
            if (error.sourcePointer.isEmpty())
                error.sourcePointer = reader.text(source, QString(), "parameter");
        } else if (object.value(QLatin1String("error")).isString()) {
            // OAuth token endpoint: {error, error_description} (RFC 6749 §5.2).
            error.code = object.value(QLatin1String("error")).toString();
            error.title = error.code;
            error.detail = reader.text(object, QString(), "error_description");
        } else {
            error.detail = reader.text(object, QString(), "detail");
            if (error.detail.isEmpty())
                error.detail = reader.text(object, QString(), "message");
        }
    } else if (!body.trimmed().isEmpty()) {
        error.detail = QStringLiteral("the error body is not JSON");
    }
    if (error.title.isEmpty())
        error.title = reasonPhrase;
    return error;
}

} // namespace ab::api
