#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ab::sandbox {

struct CatalogConnection {
    QString id;
    QString title;
    bool isExpired = false;
};

// One action of an app. The form (`fields`), the output preview (`outputs`) and the run
// behaviour (`run`) stay declarative JSON: FormEngine and RunEngine interpret them per request.
struct CatalogAction {
    QString key;
    QString actionType; // upper case, as /v2/actions sends it ("WRITE", "READ_BULK", ...)
    QString title;
    QString description;
    bool isInstant = false;
    QJsonArray fields;
    QJsonArray outputs;
    QJsonObject run;
};

struct CatalogApp {
    QString id;             // canonical app id (uuid)
    QString slug;           // used for icons and connection ids
    QString implementation; // Actions API selected_api, e.g. "GoogleSheetsV2API"
    QString title;
    QString titleLower; // precomputed for search
    QString description;
    QString hexColor;
    QStringList categories;
    QStringList actionTypes; // distinct, in catalog order
    bool needsAuth = true;
    QList<CatalogConnection> connections;
    QList<CatalogAction> actions; // implicitly shared between generated apps

    const CatalogAction *action(const QString &key) const;
};

// The apps the sandbox serves: the built-in catalog (resources/sandbox/catalog.json) plus any
// generated apps for scale tests. Immutable once built; lookups are hashed.
class Catalog {
public:
    // Parses a catalog document; std::nullopt and `error` when it is not valid.
    static std::optional<Catalog> fromJson(const QByteArray &json, QString *error);
    // The compiled-in catalog plus `extraApps` generated apps. Aborts loudly if the built-in
    // asset is broken (a build error, caught by tst_catalog).
    static Catalog builtIn(int extraApps = 0);
    static QByteArray builtInJson();

    // Appends "Generated App 0001"... with deterministic ids and two simple actions each.
    void addGeneratedApps(int count);

    const QList<CatalogApp> &apps() const { return m_apps; }
    // By uuid, implementation key or slug (case-insensitive, "@version" ignored); -1 if unknown.
    int indexOf(const QString &idOrImplementation) const;
    const CatalogApp *app(const QString &idOrImplementation) const;
    // Apps matching a title search (case-insensitive substring), a category slug and/or ids,
    // in popularity (catalog) order.
    QList<int> search(const QString &query, const QString &category, const QStringList &ids) const;
    // Which app owns a catalog connection id; -1 when none.
    int appOfConnection(const QString &connectionId) const;

    // A small generated SVG icon: a rounded square in the app's colour with its initial.
    static QByteArray iconSvg(const CatalogApp &app, int size);

private:
    void index(int position);

    QList<CatalogApp> m_apps;
    QHash<QString, int> m_byKey; // uuid, lower-case implementation key and slug
    QHash<QString, int> m_connectionOwner;
};

} // namespace ab::sandbox
