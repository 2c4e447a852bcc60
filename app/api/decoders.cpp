#include "api/decoders.h"

#include "api/jsonreader.h"
#include "api/redactor.h"

namespace ab::api {

using namespace detail;
using core::ApiError;
using core::ErrorKind;

QByteArray sampleOf(const QByteArray &body)
{
    return Redactor().redactAndTruncate(body, 512);
}

namespace detail {

ApiError malformed(const QString &detail, const QByteArray &body)
{
    ApiError error;
    error.kind = ErrorKind::MalformedResponse;
    error.title = QStringLiteral(QT_TRANSLATE_NOOP("ab::core::ApiError", "Malformed response"));
    error.detail = detail;
    error.rawSample = sampleOf(body);
    return error;
}

// The top-level object of a reply. The OpenAPI types some list bodies as an array of
// envelopes while every real reply is one object (contract §2.2): a one-element array is
// unwrapped.
bool envelope(const QByteArray &body, QJsonObject *out, QString *problem)
{
    QJsonValue root;
    if (!parseJson(body, &root, problem))
        return false;
    if (root.isArray() && root.toArray().size() == 1 && root.toArray().at(0).isObject())
        root = root.toArray().at(0);
    if (!root.isObject()) {
        *problem = QStringLiteral("the body is not a JSON object but ") + typeName(root);
        return false;
    }
    *out = root.toObject();
    return true;
}

template <typename T> struct ListEnvelope {
    QList<T> items;
    QJsonObject root;
};

// Reads `data` (an array) of a list envelope with `readItem(object, path, reader)`.
template <typename T, typename ReadItem>
core::ApiResult<ListEnvelope<T>> readList(const QByteArray &body, ReadItem readItem)
{
    ListEnvelope<T> out;
    QString problem;
    if (!envelope(body, &out.root, &problem))
        return malformed(problem, body);
    JsonReader reader;
    const QJsonValue data = out.root.value(QLatin1String("data"));
    if (!data.isArray())
        return malformed(QStringLiteral("data is not an array but ") + typeName(data), body);
    const QJsonArray items = data.toArray();
    out.items.reserve(items.size());
    for (qsizetype i = 0; i < items.size() && !reader.failed(); ++i) {
        const QString path = indexPath(QStringLiteral("data"), i);
        const QJsonObject item = reader.object(items.at(i), path);
        if (!reader.failed())
            out.items.append(readItem(item, path, reader));
    }
    if (reader.failed())
        return malformed(reader.error(), body);
    return out;
}

template <typename T> core::Page<T> toPage(ListEnvelope<T> list, JsonReader &reader)
{
    core::Page<T> page;
    const QJsonObject meta = reader.objectField(list.root, QString(), "meta");
    const QJsonObject links = reader.objectField(list.root, QString(), "links");
    page.count =
        int(reader.integer(meta, QStringLiteral("meta"), "count").value_or(list.items.size()));
    page.limit = int(reader.integer(meta, QStringLiteral("meta"), "limit").value_or(0));
    page.offset = int(reader.integer(meta, QStringLiteral("meta"), "offset").value_or(0));
    page.next = reader.string(links, QStringLiteral("links"), "next");
    // The /v2/apps example says `previous`, the schema says `prev` (contract §12.4).
    page.previous = reader.string(links, QStringLiteral("links"), "prev");
    if (page.previous.isEmpty())
        page.previous = reader.string(links, QStringLiteral("links"), "previous");
    page.items = std::move(list.items);
    return page;
}

template <typename T>
core::ApiResult<core::Page<T>> pageResult(core::ApiResult<ListEnvelope<T>> list,
                                          const QByteArray &body)
{
    if (!list.ok())
        return list.error();
    JsonReader reader;
    core::Page<T> page = toPage(std::move(list.value()), reader);
    if (reader.failed())
        return malformed(reader.error(), body);
    return page;
}

QList<core::FieldNode> readFieldNodes(const QJsonArray &items, const QString &path,
                                      JsonReader &reader);

static core::FieldNode readFieldNode(const QJsonObject &item, const QString &path,
                                     JsonReader &reader)
{
    core::FieldNode node;
    const QString type = reader.string(item, path, "type").toLower();
    // Types seen: input_field, info_field, fieldset. Anything else with an id is read as an
    // input, so that a new kind shows up as a field rather than vanishing.
    if (type == QLatin1String("fieldset"))
        node.kind = core::FieldNode::Kind::Fieldset;
    else if (type.startsWith(QLatin1String("info")))
        node.kind = core::FieldNode::Kind::Info;
    node.id = reader.id(item, path, "id");
    node.title = reader.string(item, path, "title");
    node.description = reader.string(item, path, "description");
    if (node.kind == core::FieldNode::Kind::Fieldset) {
        node.children =
            readFieldNodes(reader.array(item, path, "fields"), childPath(path, "fields"), reader);
        return node;
    }
    node.defaultValue = reader.text(item, path, "default_value");
    node.placeholder = reader.string(item, path, "placeholder");
    node.isRequired = reader.boolean(item, path, "is_required");
    node.formatRaw = reader.string(item, path, "format");
    node.format = core::fieldFormatFromString(node.formatRaw);
    node.valueTypeRaw = reader.string(item, path, "value_type");
    node.valueType = core::valueTypeFromString(node.valueTypeRaw);
    node.dependsOn = reader.stringList(item, path, "depends_on");
    node.invalidatesInputFields = reader.boolean(item, path, "invalidates_input_fields");
    const QJsonValue items = item.value(QLatin1String("items"));
    if (items.isObject()) {
        const QJsonObject map = items.toObject();
        for (auto it = map.begin(); it != map.end(); ++it)
            node.items.insert(it.key(), reader.text(map, QString(), it.key().toUtf8().constData()));
    } else if (!items.isUndefined() && !items.isNull()) {
        reader.fail(childPath(path, "items"),
                    QStringLiteral("is not an object but ") + typeName(items));
    }
    return node;
}

QList<core::FieldNode> readFieldNodes(const QJsonArray &items, const QString &path,
                                      JsonReader &reader)
{
    QList<core::FieldNode> nodes;
    for (qsizetype i = 0; i < items.size() && !reader.failed(); ++i) {
        const QString itemPath = indexPath(path, i);
        const QJsonObject item = reader.object(items.at(i), itemPath);
        if (!reader.failed())
            nodes.append(readFieldNode(item, itemPath, reader));
    }
    return nodes;
}

} // namespace detail

core::ApiResult<core::Page<core::App>> decodeApps(const QByteArray &body)
{
    // Catalog pages are the hot path (thousands of apps): nested values are read directly and
    // the error path strings are only built when a value is of the wrong type.
    const auto nestedString = [](const QJsonObject &object, const QString &path, const char *parent,
                                 const char *key, JsonReader &reader) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isString())
            return value.toString();
        return reader.string(object, childPath(path, parent), key);
    };
    auto list = readList<core::App>(body, [&nestedString](const QJsonObject &item,
                                                          const QString &path, JsonReader &reader) {
        core::App app;
        app.id = reader.id(item, path, "id");
        app.title = reader.requiredString(item, path, "title");
        app.description = reader.string(item, path, "description");
        app.image = reader.string(item, path, "image");
        const QJsonValue imagesValue = item.value(QLatin1String("images"));
        if (imagesValue.isObject()) {
            const QJsonObject images = imagesValue.toObject();
            app.images.url16 = nestedString(images, path, "images", "url_16x16", reader);
            app.images.url32 = nestedString(images, path, "images", "url_32x32", reader);
            app.images.url64 = nestedString(images, path, "images", "url_64x64", reader);
            app.images.url128 = nestedString(images, path, "images", "url_128x128", reader);
        } else if (!imagesValue.isUndefined() && !imagesValue.isNull()) {
            reader.object(imagesValue, childPath(path, "images"));
        }
        app.hexColor = reader.string(item, path, "hex_color");
        const QJsonArray categories = reader.array(item, path, "categories");
        for (qsizetype i = 0; i < categories.size(); ++i) {
            // `{slug}` objects per the schema; bare strings are accepted too.
            const QJsonValue category = categories.at(i);
            if (category.isString()) {
                app.categories.append(category.toString());
                continue;
            }
            const QJsonValue slug = category.toObject().value(QLatin1String("slug"));
            if (category.isObject() && slug.isString()) {
                app.categories.append(slug.toString());
                continue;
            }
            const QString categoryPath = indexPath(childPath(path, "categories"), i);
            app.categories.append(
                reader.string(reader.object(category, categoryPath), categoryPath, "slug"));
        }
        app.actionTypes = reader.stringList(item, path, "action_types");
        const QJsonValue links = item.value(QLatin1String("links"));
        if (links.isObject()) {
            const QJsonObject linkObject = links.toObject();
            const QJsonValue connect =
                linkObject.value(QLatin1String("connect_new_authentication"));
            app.connectUrl =
                connect.isString()
                    ? connect.toString()
                    : nestedString(linkObject, path, "links", "connect_new_authentication", reader);
            // An explicit null means the app needs no authentication; an absent key (Client
            // ID requests never populate links) tells nothing.
            app.needsAuthentication = !connect.isNull();
        }
        return app;
    });
    return pageResult(std::move(list), body);
}

core::ApiResult<QList<core::Action>> decodeActions(const QByteArray &body)
{
    auto list = readList<core::Action>(
        body, [](const QJsonObject &item, const QString &path, JsonReader &reader) {
            core::Action action;
            action.id = reader.id(item, path, "id");
            action.key = reader.requiredString(item, path, "key");
            action.appId = reader.appId(item, path, "app");
            // Compared case-insensitively; the schema example even says "action" (§8.1).
            action.actionTypeRaw = reader.string(item, path, "action_type");
            action.actionType = core::actionTypeFromString(action.actionTypeRaw);
            action.isInstant = reader.boolean(item, path, "is_instant");
            action.title = reader.string(item, path, "title");
            action.description = reader.string(item, path, "description");
            return action;
        });
    if (!list.ok())
        return list.error();
    return list.value().items;
}

core::ApiResult<QList<core::FieldNode>> decodeInputs(const QByteArray &body)
{
    QJsonObject root;
    QString problem;
    if (!envelope(body, &root, &problem))
        return malformed(problem, body);
    const QJsonValue data = root.value(QLatin1String("data"));
    if (!data.isArray())
        return malformed(QStringLiteral("data is not an array but ") + typeName(data), body);
    JsonReader reader;
    QList<core::FieldNode> nodes = readFieldNodes(data.toArray(), QStringLiteral("data"), reader);
    if (reader.failed())
        return malformed(reader.error(), body);
    return nodes;
}

core::ApiResult<core::ChoicePage> decodeChoices(const QByteArray &body, int requestedPage)
{
    auto list = readList<core::Choice>(
        body, [](const QJsonObject &item, const QString &path, JsonReader &reader) {
            core::Choice choice;
            choice.id = reader.id(item, path, "id");
            choice.label = reader.string(item, path, "label"); // null: show the value
            choice.value = reader.text(item, path, "value");
            return choice;
        });
    if (!list.ok())
        return list.error();
    JsonReader reader;
    core::ChoicePage page;
    page.choices = list.value().items;
    const QJsonObject &root = list.value().root;
    const QJsonObject meta = reader.objectField(root, QString(), "meta");
    page.page = int(reader.integer(meta, QStringLiteral("meta"), "page").value_or(requestedPage));
    const QJsonObject links = reader.objectField(root, QString(), "links");
    page.hasNext = !reader.string(links, QStringLiteral("links"), "next").isEmpty();
    if (reader.failed())
        return malformed(reader.error(), body);
    return page;
}

core::ApiResult<QList<core::OutputField>> decodeOutputs(const QByteArray &body)
{
    // `type` is not checked: one example says "output_fields" (§8.4).
    auto list = readList<core::OutputField>(
        body, [](const QJsonObject &item, const QString &path, JsonReader &reader) {
            core::OutputField field;
            field.id = reader.id(item, path, "id");
            field.title = reader.string(item, path, "title");
            field.sample = reader.text(item, path, "sample");
            return field;
        });
    if (!list.ok())
        return list.error();
    return list.value().items;
}

core::ApiResult<core::Page<core::Connection>> decodeConnections(const QByteArray &body)
{
    auto list = readList<core::Connection>(
        body, [](const QJsonObject &item, const QString &path, JsonReader &reader) {
            core::Connection connection;
            connection.id = reader.id(item, path, "id");
            connection.appId = reader.appId(item, path, "app");
            connection.title = reader.string(item, path, "title");
            connection.isExpired = reader.boolean(item, path, "is_expired");
            return connection;
        });
    return pageResult(std::move(list), body);
}

} // namespace ab::api
