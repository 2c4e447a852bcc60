// Generated apps for scale tests, and the generated app icons.
#include "sandbox/catalog.h"

#include <QUuid>

namespace ab::sandbox {

namespace {

// Every generated app shares these two actions (QList is implicitly shared, so 10,000 apps
// cost one copy).
QList<CatalogAction> generatedActions()
{
    const auto field = [](const char *id, const char *title, bool required, const char *format) {
        QJsonObject object{{QStringLiteral("type"), QStringLiteral("input_field")},
                           {QStringLiteral("id"), QLatin1String(id)},
                           {QStringLiteral("title"), QLatin1String(title)},
                           {QStringLiteral("is_required"), required},
                           {QStringLiteral("value_type"), QStringLiteral("STRING")}};
        if (*format)
            object.insert(QStringLiteral("format"), QLatin1String(format));
        return object;
    };
    CatalogAction create;
    create.key = QStringLiteral("create_item");
    create.actionType = QStringLiteral("WRITE");
    create.title = QStringLiteral("Create Item");
    create.description = QStringLiteral("Creates a new item.");
    create.fields = {field("name", "Name", true, ""), field("notes", "Notes", false, "MULTILINE")};
    create.outputs = {QJsonObject{{QStringLiteral("id"), QStringLiteral("id")},
                                  {QStringLiteral("title"), QStringLiteral("Item ID")},
                                  {QStringLiteral("sample"), QStringLiteral("item_1")}}};
    create.run = QJsonObject{
        {QStringLiteral("polls"), 1},
        {QStringLiteral("results"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("item_{{run_number}}")},
                                {QStringLiteral("name"), QStringLiteral("{{inputs.name}}")}}}}};
    CatalogAction find;
    find.key = QStringLiteral("find_item");
    find.actionType = QStringLiteral("SEARCH");
    find.title = QStringLiteral("Find Item");
    find.description = QStringLiteral("Finds an item by name.");
    find.fields = {field("query", "Name", true, "")};
    find.run = QJsonObject{
        {QStringLiteral("polls"), 0},
        {QStringLiteral("results"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("item_1")},
                                {QStringLiteral("name"), QStringLiteral("{{inputs.query}}")}}}}};
    return {create, find};
}

} // namespace

void Catalog::addGeneratedApps(int count)
{
    if (count <= 0)
        return;
    static const QStringList categories = {
        QStringLiteral("productivity"), QStringLiteral("crm"), QStringLiteral("marketing"),
        QStringLiteral("developer-tools"), QStringLiteral("support")};
    static const QStringList colors = {QStringLiteral("5b6ee1"), QStringLiteral("e1735b"),
                                       QStringLiteral("3fae7a"), QStringLiteral("b05be1"),
                                       QStringLiteral("e1b85b")};
    // Name-based uuids keep generated ids stable across runs and machines.
    static const QUuid ns(QStringLiteral("{6f1d6c1e-9a3b-4c55-8d1e-5a6b0c7d8e9f}"));
    const QList<CatalogAction> actions = generatedActions();
    const QStringList actionTypes = {QStringLiteral("WRITE"), QStringLiteral("SEARCH")};
    m_apps.reserve(m_apps.size() + count);
    for (int n = 1; n <= count; ++n) {
        const QString number = QStringLiteral("%1").arg(n, 4, 10, QLatin1Char('0'));
        CatalogApp app;
        app.id = QUuid::createUuidV5(ns, QStringLiteral("generated-app-") + number)
                     .toString(QUuid::WithoutBraces);
        app.slug = QStringLiteral("generated-") + number;
        app.implementation = QStringLiteral("GeneratedApp%1API").arg(number);
        app.title = QStringLiteral("Generated App ") + number;
        app.titleLower = app.title.toLower();
        app.description = QStringLiteral("Generated app number %1 for scale tests.").arg(n);
        app.hexColor = colors.at(n % colors.size());
        app.categories = {categories.at(n % categories.size())};
        app.actionTypes = actionTypes;
        app.connections = {{QStringLiteral("sb-conn-gen-%1-1").arg(number),
                            QStringLiteral("%1 demo@example.com").arg(app.title), false}};
        app.actions = actions;
        m_apps.append(app);
        const int position = int(m_apps.size()) - 1;
        index(position);
        m_connectionOwner.insert(app.connections.first().id, position);
    }
}

QByteArray Catalog::iconSvg(const CatalogApp &app, int size)
{
    const int clamped = qBound(16, size, 512);
    const QString initial = app.title.isEmpty() ? QStringLiteral("?") : app.title.left(1).toUpper();
    const QString svg =
        QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%1\" "
                       "viewBox=\"0 0 64 64\"><rect width=\"64\" height=\"64\" rx=\"14\" "
                       "fill=\"#%2\"/><text x=\"32\" y=\"43\" font-family=\"sans-serif\" "
                       "font-size=\"32\" font-weight=\"bold\" text-anchor=\"middle\" "
                       "fill=\"#ffffff\">%3</text></svg>\n")
            .arg(clamped)
            .arg(app.hexColor, initial.toHtmlEscaped());
    return svg.toUtf8();
}

} // namespace ab::sandbox
