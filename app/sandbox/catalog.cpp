#include "sandbox/catalog.h"

#include "sandbox/formengine.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace ab::sandbox {

namespace {

const QSet<QString> &knownActionTypes()
{
    static const QSet<QString> types = {QStringLiteral("READ"),
                                        QStringLiteral("READ_BULK"),
                                        QStringLiteral("WRITE"),
                                        QStringLiteral("SEARCH"),
                                        QStringLiteral("SEARCH_OR_WRITE"),
                                        QStringLiteral("SEARCH_AND_WRITE"),
                                        QStringLiteral("FILTER")};
    return types;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

bool parseAction(const QJsonObject &object, CatalogAction *action, QString *error)
{
    action->key = object.value(QStringLiteral("key")).toString();
    action->actionType = object.value(QStringLiteral("action_type")).toString().toUpper();
    action->title = object.value(QStringLiteral("title")).toString();
    action->description = object.value(QStringLiteral("description")).toString();
    action->isInstant = object.value(QStringLiteral("is_instant")).toBool();
    action->fields = object.value(QStringLiteral("fields")).toArray();
    action->outputs = object.value(QStringLiteral("outputs")).toArray();
    action->run = object.value(QStringLiteral("run")).toObject();
    if (action->key.isEmpty() || action->title.isEmpty()) {
        *error = QStringLiteral("an action needs a key and a title");
        return false;
    }
    if (!knownActionTypes().contains(action->actionType)) {
        *error = QStringLiteral("action %1: unknown action_type \"%2\"")
                     .arg(action->key, action->actionType);
        return false;
    }
    const QString fieldError = FormEngine::validateSpec(action->fields);
    if (!fieldError.isEmpty()) {
        *error = QStringLiteral("action %1: %2").arg(action->key, fieldError);
        return false;
    }
    return true;
}

bool parseApp(const QJsonObject &object, CatalogApp *app, QString *error)
{
    app->id = object.value(QStringLiteral("id")).toString();
    app->slug = object.value(QStringLiteral("slug")).toString();
    app->implementation = object.value(QStringLiteral("implementation")).toString();
    app->title = object.value(QStringLiteral("title")).toString();
    app->titleLower = app->title.toLower();
    app->description = object.value(QStringLiteral("description")).toString();
    app->hexColor = object.value(QStringLiteral("hex_color")).toString().toLower();
    app->categories = stringList(object.value(QStringLiteral("categories")));
    app->needsAuth = object.value(QStringLiteral("needs_auth")).toBool(true);
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{6}$"));
    if (!uuid.match(app->id).hasMatch()) {
        *error = QStringLiteral("app \"%1\": id must be a lower-case uuid").arg(app->title);
        return false;
    }
    if (app->slug.isEmpty() || app->implementation.isEmpty() || app->title.isEmpty()) {
        *error = QStringLiteral("app %1: slug, implementation and title are required").arg(app->id);
        return false;
    }
    if (!hex.match(app->hexColor).hasMatch()) {
        *error = QStringLiteral("app %1: hex_color must be six hex digits").arg(app->title);
        return false;
    }
    const QJsonArray connections = object.value(QStringLiteral("connections")).toArray();
    for (const QJsonValue &value : connections) {
        const QJsonObject connection = value.toObject();
        app->connections.append({connection.value(QStringLiteral("id")).toString(),
                                 connection.value(QStringLiteral("title")).toString(),
                                 connection.value(QStringLiteral("is_expired")).toBool()});
    }
    // Many accounts of one app (to exercise paging) are generated rather than listed by hand.
    const QJsonObject generate = object.value(QStringLiteral("generate_connections")).toObject();
    const int generated = generate.value(QStringLiteral("count")).toInt();
    for (int n = 1; n <= generated; ++n) {
        app->connections.append(
            {FormEngine::expandCounter(generate.value(QStringLiteral("id")).toString(), n),
             FormEngine::expandCounter(generate.value(QStringLiteral("title")).toString(), n),
             false});
    }
    if (!app->needsAuth && !app->connections.isEmpty()) {
        *error =
            QStringLiteral("app %1 needs no authentication but lists connections").arg(app->title);
        return false;
    }
    const QJsonArray actions = object.value(QStringLiteral("actions")).toArray();
    QSet<QString> keys;
    for (const QJsonValue &value : actions) {
        CatalogAction action;
        if (!parseAction(value.toObject(), &action, error)) {
            *error = QStringLiteral("app %1: %2").arg(app->title, *error);
            return false;
        }
        if (keys.contains(action.key)) {
            *error = QStringLiteral("app %1: duplicate action key %2").arg(app->title, action.key);
            return false;
        }
        keys.insert(action.key);
        if (!app->actionTypes.contains(action.actionType))
            app->actionTypes.append(action.actionType);
        app->actions.append(action);
    }
    return true;
}

} // namespace

const CatalogAction *CatalogApp::action(const QString &key) const
{
    for (const CatalogAction &candidate : actions) {
        if (candidate.key == key)
            return &candidate;
    }
    return nullptr;
}

std::optional<Catalog> Catalog::fromJson(const QByteArray &json, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        message = QStringLiteral("catalog is not a JSON object: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    Catalog catalog;
    const QJsonArray apps = document.object().value(QStringLiteral("apps")).toArray();
    for (const QJsonValue &value : apps) {
        CatalogApp app;
        if (!parseApp(value.toObject(), &app, &message))
            return std::nullopt;
        if (catalog.indexOf(app.id) >= 0 || catalog.indexOf(app.implementation) >= 0) {
            message = QStringLiteral("duplicate app id or implementation: %1").arg(app.title);
            return std::nullopt;
        }
        for (const CatalogConnection &connection : std::as_const(app.connections)) {
            if (catalog.m_connectionOwner.contains(connection.id) || connection.id.isEmpty()) {
                message =
                    QStringLiteral("duplicate or empty connection id \"%1\"").arg(connection.id);
                return std::nullopt;
            }
            catalog.m_connectionOwner.insert(connection.id, int(catalog.m_apps.size()));
        }
        catalog.m_apps.append(app);
        catalog.index(int(catalog.m_apps.size()) - 1);
    }
    return catalog;
}

QByteArray Catalog::builtInJson()
{
    QFile file(QStringLiteral(":/sandbox/catalog.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

Catalog Catalog::builtIn(int extraApps)
{
    QString error;
    auto catalog = fromJson(builtInJson(), &error);
    // The asset ships inside the binary; a broken one is a build defect, not a user error.
    if (!catalog)
        qFatal("Built-in sandbox catalog is invalid: %s", qPrintable(error));
    catalog->addGeneratedApps(extraApps);
    return std::move(*catalog);
}

void Catalog::index(int position)
{
    const CatalogApp &app = m_apps.at(position);
    m_byKey.insert(app.id, position);
    m_byKey.insert(app.implementation.toLower(), position);
    m_byKey.insert(app.slug.toLower(), position); // icon URLs name apps by slug
}

int Catalog::indexOf(const QString &idOrImplementation) const
{
    QString key = idOrImplementation.toLower();
    // "SlackCLIAPI@1.21.1": the version picks nothing in the sandbox, every app has one version.
    const qsizetype at = key.indexOf(QLatin1Char('@'));
    if (at > 0)
        key.truncate(at);
    return m_byKey.value(key, -1);
}

const CatalogApp *Catalog::app(const QString &idOrImplementation) const
{
    const int position = indexOf(idOrImplementation);
    return position < 0 ? nullptr : &m_apps.at(position);
}

QList<int> Catalog::search(const QString &query, const QString &category,
                           const QStringList &ids) const
{
    QList<int> result;
    const QString needle = query.trimmed().toLower();
    if (!ids.isEmpty()) {
        // ids keep popularity order, not the order they were asked in, like a filtered list.
        QSet<int> wanted;
        for (const QString &id : ids) {
            const int position = m_byKey.value(id.trimmed().toLower(), -1);
            if (position >= 0)
                wanted.insert(position);
        }
        for (int i = 0; i < m_apps.size(); ++i) {
            if (wanted.contains(i) &&
                (needle.isEmpty() || m_apps.at(i).titleLower.contains(needle)))
                result.append(i);
        }
        return result;
    }
    for (int i = 0; i < m_apps.size(); ++i) {
        const CatalogApp &app = m_apps.at(i);
        if (!needle.isEmpty() && !app.titleLower.contains(needle))
            continue;
        if (!category.isEmpty() && !app.categories.contains(category, Qt::CaseInsensitive))
            continue;
        result.append(i);
    }
    return result;
}

int Catalog::appOfConnection(const QString &connectionId) const
{
    return m_connectionOwner.value(connectionId, -1);
}

} // namespace ab::sandbox
