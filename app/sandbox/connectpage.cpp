#include "sandbox/connectpage.h"

#include "sandbox/tokenendpoint.h"

#include <QUrl>

namespace ab::sandbox {

namespace {

struct Params {
    QString token;
    QString redirectUri;
    QString reconnectId;
    QString state;
};

// Sends the browser back to the partner with the result, or shows it when there is nowhere to go.
HttpReply finish(const Params &params, const QList<QPair<QString, QString>> &result)
{
    if (params.redirectUri.isEmpty()) {
        QString message;
        for (const auto &item : result)
            message += QStringLiteral("<p><code>%1=%2</code></p>")
                           .arg(item.first.toHtmlEscaped(), item.second.toHtmlEscaped());
        return HttpReply::page(QStringLiteral("Sandbox Connect"), message,
                               result.first().first == QLatin1String("error") ? 400 : 200);
    }
    QUrl target(params.redirectUri);
    QUrlQuery query(target);
    for (const auto &item : result)
        query.addQueryItem(item.first, item.second);
    if (!params.state.isEmpty())
        query.addQueryItem(QStringLiteral("state"), params.state);
    target.setQuery(query);
    return HttpReply::redirect(target.toString(QUrl::FullyEncoded));
}

HttpReply fail(const Params &params, const QString &error, const QString &description)
{
    return finish(params, {{QStringLiteral("error"), error},
                           {QStringLiteral("error_description"), description}});
}

QString linkTo(const SandboxContext &context, const QString &path, const Params &params,
               const QString &decision)
{
    QUrlQuery query{{QStringLiteral("session"), params.token},
                    {QStringLiteral("decision"), decision}};
    if (!params.redirectUri.isEmpty())
        query.addQueryItem(QStringLiteral("redirect_uri"), params.redirectUri);
    if (!params.reconnectId.isEmpty())
        query.addQueryItem(QStringLiteral("reconnect_id"), params.reconnectId);
    if (!params.state.isEmpty())
        query.addQueryItem(QStringLiteral("state"), params.state);
    return context.url(path, query).toHtmlEscaped();
}

} // namespace

HttpReply ConnectPage::handle(const HttpRequest &request, const SandboxContext &context)
{
    Params params;
    params.redirectUri = request.queryValue(QStringLiteral("redirect_uri"));
    params.reconnectId = request.queryValue(QStringLiteral("reconnect_id"));
    params.state = request.queryValue(QStringLiteral("state"));
    const QStringList &s = request.segments; // connect, to, {app}[, authorize]
    const CatalogApp *app = s.size() >= 3 ? context.catalog->app(s.at(2)) : nullptr;
    if (!app || s.size() > 4 || (s.size() == 4 && s.at(3) != QLatin1String("authorize")))
        return fail(params, QStringLiteral("invalid_request"), QStringLiteral("Invalid app"));

    if (s.size() == 3) {
        params.token = request.queryValue(QStringLiteral("token"));
        QString error;
        const auto record = context.state->tokens.value(params.token);
        const CatalogApp *target =
            context.catalog->app(QUrl(record.resource).path().section(QLatin1Char('/'), -1));
        if (record.kind == QLatin1String("connect") && target && target != app)
            return fail(params, QStringLiteral("invalid_request"), QStringLiteral("Invalid token"));
        if (!TokenEndpoint::consumeConnectToken(params.token, context, &error))
            return fail(params, QStringLiteral("invalid_request"), error);
        const QString verb =
            params.reconnectId.isEmpty() ? QStringLiteral("Connect") : QStringLiteral("Reconnect");
        const QString path = QStringLiteral("/connect/to/%1/authorize").arg(app->implementation);
        return HttpReply::page(
            QStringLiteral("%1 %2").arg(verb, app->title),
            QStringLiteral("<h1>%1 %2</h1><p>Actionbench Sandbox would like to access "
                           "your %2 account (a simulated account; nothing leaves this "
                           "machine).</p><p><a class=\"button\" id=\"allow\" href=\"%3\">"
                           "Allow</a><a class=\"button secondary\" id=\"deny\" "
                           "href=\"%4\">Deny</a></p>")
                .arg(verb, app->title.toHtmlEscaped(),
                     linkTo(context, path, params, QStringLiteral("allow")),
                     linkTo(context, path, params, QStringLiteral("deny"))));
    }

    params.token = request.queryValue(QStringLiteral("session"));
    const auto record = context.state->tokens.value(params.token);
    // The page consumed the token; only that page's links may finish the flow.
    if (record.kind != QLatin1String("connect") || !record.used)
        return fail(params, QStringLiteral("server_error"),
                    QStringLiteral("Session initialization failed"));
    if (request.queryValue(QStringLiteral("decision")) != QLatin1String("allow"))
        return fail(params, QStringLiteral("server_error"),
                    QStringLiteral("OAuth Failed: the user denied access"));
    QString connectionId = params.reconnectId;
    if (!connectionId.isEmpty() && context.connection(*app, connectionId)) {
        context.state->expiredOverrides.insert(connectionId, false);
    } else {
        const quint64 number = ++context.state->connectionCounter;
        connectionId = QStringLiteral("sb-conn-%1-new-%2").arg(app->slug).arg(number);
        context.state->addedConnections.append(
            {app->id,
             {connectionId, QStringLiteral("%1 new.user%2@example.com").arg(app->title).arg(number),
              false}});
    }
    context.state->dirty = true;
    if (params.redirectUri.isEmpty()) {
        // Popup pattern: tell the opener, as Connect UI does (contract §6.2).
        return HttpReply::page(
            QStringLiteral("Connected"),
            QStringLiteral("<p>Connected <code id=\"authentication_id\">%1</code>. You can "
                           "close this window.</p><script>if (window.opener) "
                           "window.opener.postMessage({type: \"authenticationSuccess\", "
                           "authId: \"%1\"}, \"*\");</script>")
                .arg(connectionId.toHtmlEscaped()));
    }
    return finish(params, {{QStringLiteral("authentication_id"), connectionId},
                           {QStringLiteral("service"), app->implementation}});
}

} // namespace ab::sandbox
