#include "connect/connecturl.h"

#include <QUrlQuery>

namespace ab::connect {

QUrl ConnectUrl::sandboxBase(const QUrl &sandboxBaseUrl)
{
    QUrl url = sandboxBaseUrl;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/connect/to/"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl ConnectUrl::resource(const ConnectRequest &request)
{
    QUrl url = request.base;
    QString path = url.path(QUrl::FullyEncoded);
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    // One path segment whatever the id holds: a '/' or '?' in it must not change the route.
    url.setPath(path + QString::fromLatin1(QUrl::toPercentEncoding(request.app)), QUrl::StrictMode);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl ConnectUrl::build(const ConnectRequest &request, const QString &connectToken)
{
    QUrl url = resource(request);
    // Encoded by hand: QUrlQuery would leave '+' and '&' inside redirect_uri half-encoded.
    QStringList pairs;
    const auto add = [&pairs](const char *key, const QString &value) {
        if (!value.isEmpty())
            pairs.append(QLatin1String(key) + QLatin1Char('=') +
                         QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("token", connectToken);
    add("redirect_uri", request.redirectUri.toString(QUrl::FullyEncoded));
    add("reconnect_id", request.reconnectId);
    add("state", request.state);
    add("theme", request.theme);
    url.setQuery(pairs.join(QLatin1Char('&')), QUrl::StrictMode);
    return url;
}

bool ConnectUrl::isRedirect(const QUrl &url, const QUrl &redirectUri)
{
    if (!url.isValid() || !redirectUri.isValid())
        return false;
    const auto trimmed = [](QString path) {
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        return path;
    };
    return url.scheme().compare(redirectUri.scheme(), Qt::CaseInsensitive) == 0 &&
           url.host().compare(redirectUri.host(), Qt::CaseInsensitive) == 0 &&
           url.port(-1) == redirectUri.port(-1) &&
           trimmed(url.path()) == trimmed(redirectUri.path());
}

} // namespace ab::connect
