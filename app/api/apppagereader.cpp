#include "api/apppagereader.h"

#include "api/jsoncursor.h"

#include <cstring>

namespace ab::api::detail {

namespace {

using Kind = JsonCursor::Kind;

// Marks `bit` as seen; false when it was seen already. QJsonDocument keeps the last of
// duplicate keys; a page that has any is left to it rather than mirrored.
bool once(quint32 *seen, quint32 bit)
{
    if (*seen & bit)
        return false;
    *seen |= bit;
    return true;
}

// Compared inline: the size first, then a memcmp of a known length.
template <size_t N> bool is(QByteArrayView key, const char (&name)[N])
{
    return key.size() == qsizetype(N - 1) && std::memcmp(key.data(), name, N - 1) == 0;
}

// Room for the usual few entries at the first one, instead of a reallocation per append.
void append(QStringList *list, QString text)
{
    if (list->capacity() == 0)
        list->reserve(4);
    list->append(std::move(text));
}

bool readStrings(JsonCursor &cursor, QStringList *out)
{
    if (cursor.peek() == Kind::Null)
        return cursor.readNull();
    if (!cursor.beginArray())
        return false;
    for (bool more = cursor.firstElement(); more; more = cursor.nextElement()) {
        QString text;
        if (!cursor.readString(&text))
            return false;
        append(out, std::move(text));
    }
    return cursor.ok();
}

// `{slug}` objects per the schema; bare strings are accepted too.
bool readCategories(JsonCursor &cursor, QStringList *out)
{
    if (cursor.peek() == Kind::Null)
        return cursor.readNull();
    if (!cursor.beginArray())
        return false;
    for (bool more = cursor.firstElement(); more; more = cursor.nextElement()) {
        QString slug;
        if (cursor.peek() == Kind::String) {
            if (!cursor.readString(&slug))
                return false;
            append(out, std::move(slug));
            continue;
        }
        if (!cursor.beginObject())
            return false;
        quint32 seen = 0;
        QByteArrayView key;
        for (bool member = cursor.firstKey(&key); member; member = cursor.nextKey(&key)) {
            const bool ok =
                is(key, "slug") ? once(&seen, 1) && cursor.readString(&slug) : cursor.skipValue();
            if (!ok)
                return false;
        }
        if (!cursor.ok() || !seen)
            return false;
        append(out, std::move(slug));
    }
    return cursor.ok();
}

bool readImages(JsonCursor &cursor, core::AppImages *images)
{
    if (cursor.peek() == Kind::Null)
        return cursor.readNull();
    if (!cursor.beginObject())
        return false;
    quint32 seen = 0;
    QByteArrayView key;
    for (bool more = cursor.firstKey(&key); more; more = cursor.nextKey(&key)) {
        const int index = is(key, "url_16x16")     ? 0
                          : is(key, "url_32x32")   ? 1
                          : is(key, "url_64x64")   ? 2
                          : is(key, "url_128x128") ? 3
                                                   : -1;
        QString *const targets[] = {&images->url16, &images->url32, &images->url64,
                                    &images->url128};
        const bool ok = index >= 0
                            ? once(&seen, 1u << index) && cursor.readStringOrNull(targets[index])
                            : cursor.skipValue();
        if (!ok)
            return false;
    }
    return cursor.ok();
}

// Only links.connect_new_authentication matters; links that are not an object say nothing.
bool readAppLinks(JsonCursor &cursor, core::App *app)
{
    if (cursor.peek() != Kind::Object)
        return cursor.skipValue();
    if (!cursor.beginObject())
        return false;
    quint32 seen = 0;
    QByteArrayView key;
    for (bool more = cursor.firstKey(&key); more; more = cursor.nextKey(&key)) {
        if (!is(key, "connect_new_authentication")) {
            if (!cursor.skipValue())
                return false;
            continue;
        }
        if (!once(&seen, 1))
            return false;
        // An explicit null means the app needs no authentication; absent tells nothing.
        if (cursor.peek() == Kind::Null) {
            app->needsAuthentication = false;
            if (!cursor.readNull())
                return false;
        } else if (!cursor.readString(&app->connectUrl)) {
            return false;
        }
    }
    return cursor.ok();
}

enum AppField : quint32 {
    Id = 1u << 0,
    Title = 1u << 1,
    Description = 1u << 2,
    Image = 1u << 3,
    Images = 1u << 4,
    HexColor = 1u << 5,
    Categories = 1u << 6,
    ActionTypes = 1u << 7,
    Links = 1u << 8,
};

bool readApp(JsonCursor &cursor, core::App *app)
{
    if (!cursor.beginObject())
        return false;
    quint32 seen = 0;
    QByteArrayView key;
    for (bool more = cursor.firstKey(&key); more; more = cursor.nextKey(&key)) {
        bool ok = true;
        if (is(key, "id"))
            ok = once(&seen, Id) && cursor.readString(&app->id) && !app->id.isEmpty();
        else if (is(key, "title"))
            ok = once(&seen, Title) && cursor.readString(&app->title);
        else if (is(key, "description"))
            ok = once(&seen, Description) && cursor.readStringOrNull(&app->description);
        else if (is(key, "image"))
            ok = once(&seen, Image) && cursor.readStringOrNull(&app->image);
        else if (is(key, "images"))
            ok = once(&seen, Images) && readImages(cursor, &app->images);
        else if (is(key, "hex_color"))
            ok = once(&seen, HexColor) && cursor.readStringOrNull(&app->hexColor);
        else if (is(key, "categories"))
            ok = once(&seen, Categories) && readCategories(cursor, &app->categories);
        else if (is(key, "action_types"))
            ok = once(&seen, ActionTypes) && readStrings(cursor, &app->actionTypes);
        else if (is(key, "links"))
            ok = once(&seen, Links) && readAppLinks(cursor, app);
        else
            ok = cursor.skipValue();
        if (!ok)
            return false;
    }
    return cursor.ok() && (seen & Id) && (seen & Title);
}

// meta.count/limit/offset: an integer or null.
bool readMetaNumber(JsonCursor &cursor, std::optional<qint64> *out)
{
    if (cursor.peek() == Kind::Null)
        return cursor.readNull();
    qint64 value = 0;
    if (!cursor.readInteger(&value))
        return false;
    *out = value;
    return true;
}

struct PageMeta {
    std::optional<qint64> count, limit, offset;
};

bool readMeta(JsonCursor &cursor, PageMeta *meta)
{
    if (cursor.peek() == Kind::Null)
        return cursor.readNull();
    if (!cursor.beginObject())
        return false;
    quint32 seen = 0;
    QByteArrayView key;
    for (bool more = cursor.firstKey(&key); more; more = cursor.nextKey(&key)) {
        const int index = is(key, "count") ? 0 : is(key, "limit") ? 1 : is(key, "offset") ? 2 : -1;
        std::optional<qint64> *const targets[] = {&meta->count, &meta->limit, &meta->offset};
        const bool ok = index >= 0
                            ? once(&seen, 1u << index) && readMetaNumber(cursor, targets[index])
                            : cursor.skipValue();
        if (!ok)
            return false;
    }
    return cursor.ok();
}

struct PageLinks {
    QString next, prev, previous;
};

bool readPageLinks(JsonCursor &cursor, PageLinks *links)
{
    if (cursor.peek() == Kind::Null)
        return cursor.readNull();
    if (!cursor.beginObject())
        return false;
    quint32 seen = 0;
    QByteArrayView key;
    for (bool more = cursor.firstKey(&key); more; more = cursor.nextKey(&key)) {
        const int index = is(key, "next") ? 0 : is(key, "prev") ? 1 : is(key, "previous") ? 2 : -1;
        QString *const targets[] = {&links->next, &links->prev, &links->previous};
        const bool ok = index >= 0
                            ? once(&seen, 1u << index) && cursor.readStringOrNull(targets[index])
                            : cursor.skipValue();
        if (!ok)
            return false;
    }
    return cursor.ok();
}

bool readData(JsonCursor &cursor, QList<core::App> *apps)
{
    if (!cursor.beginArray())
        return false;
    for (bool more = cursor.firstElement(); more; more = cursor.nextElement()) {
        if (!readApp(cursor, &apps->emplace_back()))
            return false;
    }
    return cursor.ok();
}

} // namespace

std::optional<core::Page<core::App>> readAppPage(QByteArrayView body)
{
    JsonCursor cursor(body);
    core::Page<core::App> page;
    PageMeta meta;
    PageLinks links;
    enum : quint32 { Data = 1, MetaKey = 2, LinksKey = 4 };
    quint32 seen = 0;
    if (!cursor.beginObject())
        return std::nullopt;
    QByteArrayView key;
    for (bool more = cursor.firstKey(&key); more; more = cursor.nextKey(&key)) {
        const bool ok = is(key, "data")    ? once(&seen, Data) && readData(cursor, &page.items)
                        : is(key, "meta")  ? once(&seen, MetaKey) && readMeta(cursor, &meta)
                        : is(key, "links") ? once(&seen, LinksKey) && readPageLinks(cursor, &links)
                                           : cursor.skipValue();
        if (!ok)
            return std::nullopt;
    }
    if (!cursor.ok() || !(seen & Data) || !cursor.atEnd())
        return std::nullopt;
    page.count = int(meta.count.value_or(page.items.size()));
    page.limit = int(meta.limit.value_or(0));
    page.offset = int(meta.offset.value_or(0));
    page.next = std::move(links.next);
    // The /v2/apps example says `previous`, the schema says `prev` (contract §12.4).
    page.previous = links.prev.isEmpty() ? std::move(links.previous) : std::move(links.prev);
    return page;
}

} // namespace ab::api::detail
