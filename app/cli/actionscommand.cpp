#include "cli/actionscommand.h"

#include "api/apiclient.h"
#include "cli/environment.h"
#include "cli/jsonview.h"
#include "cli/resolver.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <algorithm>

namespace ab::cli {

using namespace ab::core;

void ActionsCommand::start()
{
    const QString appText = options().value(QStringLiteral("app"));
    if (appText.isEmpty())
        return fail(QStringLiteral("actions needs --app (an app id or title)"), ExitUsage);
    auto *resolver = new Resolver(env()->client(), this);
    resolver->app(appText, [this](std::optional<App> app, ResolveFailure failure) {
        if (!app)
            return failure.apiError ? failApi(*failure.apiError, failure.message)
                                    : fail(failure.message, ExitUsage);
        const QString type = options().value(QStringLiteral("type")).toUpper();
        env()->client()->actions(app->id, type, this, [this, app](ApiResult<QList<Action>> result) {
            if (!result.ok())
                return failApi(result.error(),
                               QStringLiteral("could not list the actions of %1").arg(app->title));
            QList<Action> actions = result.value();
            // Grouped by type, as the desktop app shows them; stable within a group.
            std::stable_sort(actions.begin(), actions.end(), [](const Action &a, const Action &b) {
                return int(a.actionType) < int(b.actionType);
            });
            QJsonArray array;
            QList<QStringList> rows;
            for (const Action &action : actions) {
                array.append(view::action(action));
                rows.append({action.actionType == ActionType::Unknown
                                 ? action.actionTypeRaw
                                 : actionTypeToString(action.actionType),
                             action.key, action.title});
            }
            out().result(QJsonObject{{QStringLiteral("app"), view::app(*app)},
                                     {QStringLiteral("actions"), array}},
                         Output::table({QStringLiteral("TYPE"), QStringLiteral("KEY"),
                                        QStringLiteral("TITLE")},
                                       rows));
            finish(ExitOk);
        });
    });
}

} // namespace ab::cli
