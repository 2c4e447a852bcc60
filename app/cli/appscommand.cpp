#include "cli/appscommand.h"

#include "api/apiclient.h"
#include "cli/environment.h"
#include "cli/jsonview.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace ab::cli {

using namespace ab::core;

void AppsCommand::start()
{
    AppQuery query;
    query.query = options().value(QStringLiteral("query"));
    query.category = options().value(QStringLiteral("category"));
    bool ok = true;
    query.limit = options().isSet(QStringLiteral("limit"))
                      ? options().value(QStringLiteral("limit")).toInt(&ok)
                      : 20;
    if (!ok || query.limit < 1)
        return fail(QStringLiteral("--limit needs a positive number"), ExitUsage);
    query.offset = options().value(QStringLiteral("offset")).toInt();
    env()->client()->apps(query, this, [this, query](ApiResult<Page<App>> result) {
        if (!result.ok())
            return failApi(result.error(), QStringLiteral("could not list apps"));
        const Page<App> &page = result.value();
        QJsonArray apps;
        QList<QStringList> rows;
        for (const App &app : page.items) {
            apps.append(view::app(app));
            rows.append({app.title, app.id, app.categories.join(QLatin1Char(',')),
                         app.needsAuthentication ? QString() : QStringLiteral("no auth")});
        }
        QJsonObject document{{QStringLiteral("apps"), apps},
                             {QStringLiteral("count"), page.count},
                             {QStringLiteral("offset"), query.offset},
                             {QStringLiteral("has_next"), page.hasNext()}};
        QString text;
        if (rows.isEmpty() && page.count > 0) {
            text = QStringLiteral("No apps at offset %1 (there are %2).")
                       .arg(query.offset)
                       .arg(page.count);
        } else if (rows.isEmpty()) {
            text = query.query.isEmpty() ? QStringLiteral("No apps.")
                                         : QStringLiteral("No apps match \"%1\".").arg(query.query);
        } else {
            text = Output::table({QStringLiteral("TITLE"), QStringLiteral("ID"),
                                  QStringLiteral("CATEGORIES"), QString()},
                                 rows);
            text += QStringLiteral("%1 of %2 apps").arg(page.items.size()).arg(page.count);
            if (page.hasNext())
                text += QStringLiteral(" (more with --offset %1)")
                            .arg(query.offset + page.items.size());
        }
        out().result(document, text);
        finish(ExitOk);
    });
}

} // namespace ab::cli
