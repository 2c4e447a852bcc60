#include "cli/resolver.h"

#include <QRegularExpression>

#include <memory>

namespace ab::cli {

using namespace ab::core;

static bool looksLikeUuid(const QString &text)
{
    static const QRegularExpression uuid(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return uuid.match(text).hasMatch();
}

static ResolveFailure apiFailure(const ApiError &error, const QString &message)
{
    return ResolveFailure{message, error};
}

Resolver::Resolver(ZapierBackend *backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
{}

void Resolver::app(const QString &idOrTitle, Done<App> done)
{
    AppQuery query;
    if (looksLikeUuid(idOrTitle)) {
        query.ids = QStringList{idOrTitle};
    } else {
        query.query = idOrTitle;
        query.limit = 100;
    }
    m_backend->apps(query, this, [idOrTitle, done](ApiResult<Page<App>> result) {
        if (!result.ok()) {
            done(std::nullopt,
                 apiFailure(result.error(),
                            QStringLiteral("could not look up app \"%1\"").arg(idOrTitle)));
            return;
        }
        const QList<App> &apps = result.value().items;
        for (const App &app : apps) {
            if (app.id == idOrTitle || app.title.compare(idOrTitle, Qt::CaseInsensitive) == 0) {
                done(app, {});
                return;
            }
        }
        if (apps.size() == 1) {
            done(apps.first(), {});
            return;
        }
        QStringList titles;
        for (qsizetype i = 0; i < apps.size() && i < 8; ++i)
            titles << apps[i].title;
        const QString hint =
            titles.isEmpty()
                ? QStringLiteral("no app matches")
                : QStringLiteral("did you mean: %1").arg(titles.join(QStringLiteral(", ")));
        done(std::nullopt,
             ResolveFailure{QStringLiteral("unknown app \"%1\" (%2)").arg(idOrTitle, hint),
                            std::nullopt});
    });
}

void Resolver::action(const App &app, const QString &key, Done<Action> done)
{
    m_backend->actions(app.id, QString(), this, [app, key, done](ApiResult<QList<Action>> result) {
        if (!result.ok()) {
            done(std::nullopt,
                 apiFailure(result.error(),
                            QStringLiteral("could not list the actions of %1").arg(app.title)));
            return;
        }
        QStringList keys;
        for (const Action &action : result.value()) {
            if (action.key == key) {
                done(action, {});
                return;
            }
            keys << action.key;
        }
        done(std::nullopt, ResolveFailure{QStringLiteral("%1 has no action \"%2\" (actions: %3)")
                                              .arg(app.title, key, keys.join(QStringLiteral(", "))),
                                          std::nullopt});
    });
}

void Resolver::connection(const App &app, const QString &connectionId, Done<Connection> done)
{
    if (!app.needsAuthentication && connectionId.isEmpty()) {
        done(Connection{}, {});
        return;
    }
    m_backend->connections(
        app.id, this, [app, connectionId, done](ApiResult<QList<Connection>> result) {
            if (!result.ok()) {
                done(std::nullopt,
                     apiFailure(
                         result.error(),
                         QStringLiteral("could not list the connections of %1").arg(app.title)));
                return;
            }
            for (const Connection &connection : result.value()) {
                if (connectionId.isEmpty() ? !connection.isExpired
                                           : connection.id == connectionId) {
                    done(connection, {});
                    return;
                }
            }
            if (!connectionId.isEmpty()) {
                // Not listed (e.g. shared with the user, which the API does not list): use it as
                // given.
                Connection connection;
                connection.id = connectionId;
                connection.appId = app.id;
                done(connection, {});
                return;
            }
            done(std::nullopt,
                 ResolveFailure{QStringLiteral("%1 has no usable connection; connect an account "
                                               "first (or pass --connection)")
                                    .arg(app.title),
                                std::nullopt});
        });
}

void Resolver::target(const QString &appText, const QString &actionKey, const QString &connectionId,
                      Done<Target> done)
{
    app(appText, [this, actionKey, connectionId, done](std::optional<App> app,
                                                       ResolveFailure failure) {
        if (!app) {
            done(std::nullopt, failure);
            return;
        }
        // The action and the connection need only the app: both are asked at once, and the
        // answer waits for the two (an unknown action is reported before a connection
        // problem, as when they were asked one after the other).
        struct Pending {
            int waiting = 2;
            std::optional<Action> action;
            ResolveFailure actionFailure;
            std::optional<Connection> connection;
            ResolveFailure connectionFailure;
        };
        auto pending = std::make_shared<Pending>();
        const auto settle = [app = *app, pending, done] {
            if (--pending->waiting > 0)
                return;
            if (!pending->action)
                done(std::nullopt, pending->actionFailure);
            else if (!pending->connection)
                done(std::nullopt, pending->connectionFailure);
            else
                done(Target{app, *pending->action, *pending->connection}, {});
        };
        action(*app, actionKey,
               [pending, settle](std::optional<Action> action, ResolveFailure failure) {
                   pending->action = std::move(action);
                   pending->actionFailure = std::move(failure);
                   settle();
               });
        connection(*app, connectionId,
                   [pending, settle](std::optional<Connection> connection, ResolveFailure failure) {
                       pending->connection = std::move(connection);
                       pending->connectionFailure = std::move(failure);
                       settle();
                   });
    });
}

} // namespace ab::cli
