#include "cli/connectionscommand.h"

#include "api/apiclient.h"
#include "cli/environment.h"
#include "cli/jsonview.h"
#include "cli/resolver.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace ab::cli {

using namespace ab::core;

void ConnectionsCommand::start()
{
    const QString appText = options().value(QStringLiteral("app"));
    if (appText.isEmpty())
        return fail(QStringLiteral("connections needs --app (an app id or title)"), ExitUsage);
    auto *resolver = new Resolver(env()->client(), this);
    resolver->app(appText, [this](std::optional<App> app, ResolveFailure failure) {
        if (!app)
            return failure.apiError ? failApi(*failure.apiError, failure.message)
                                    : fail(failure.message, ExitUsage);
        if (!app->needsAuthentication) {
            out().result(
                QJsonObject{{QStringLiteral("app"), view::app(*app)},
                            {QStringLiteral("needs_authentication"), false},
                            {QStringLiteral("connections"), QJsonArray()}},
                QStringLiteral("%1 needs no authentication: run its actions without --connection.")
                    .arg(app->title));
            return finish(ExitOk);
        }
        env()->client()->connections(
            app->id, this, [this, app](ApiResult<QList<Connection>> result) {
                if (!result.ok())
                    return failApi(
                        result.error(),
                        QStringLiteral("could not list the connections of %1").arg(app->title));
                QJsonArray array;
                QList<QStringList> rows;
                for (const Connection &connection : result.value()) {
                    array.append(view::connection(connection));
                    rows.append({connection.id, connection.title,
                                 connection.isExpired ? QStringLiteral("EXPIRED (reconnect)")
                                                      : QStringLiteral("ok")});
                }
                QString text = rows.isEmpty()
                                   ? QStringLiteral("%1 has no connections yet.").arg(app->title)
                                   : Output::table({QStringLiteral("ID"), QStringLiteral("TITLE"),
                                                    QStringLiteral("STATE")},
                                                   rows);
                out().result(QJsonObject{{QStringLiteral("app"), view::app(*app)},
                                         {QStringLiteral("needs_authentication"), true},
                                         {QStringLiteral("connections"), array}},
                             text);
                finish(ExitOk);
            });
    });
}

} // namespace ab::cli
