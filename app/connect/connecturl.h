#pragma once

#include <QString>
#include <QUrl>

namespace ab::connect {

// What opens Zapier's Connect UI for one app (contract §6.1):
//   <base>/{app}?token=<connect token>&redirect_uri=<uri>[&reconnect_id=<id>][&state=][&theme=]
// The base is https://connect.zapier.com/to/ for Zapier and <sandbox>/connect/to/ for the
// sandbox, configured per environment. {app} is opaque (an app uuid or an implementation key).
struct ConnectRequest {
    QUrl base = defaultBase();
    QString app;
    QUrl redirectUri;    // where the page sends the result; the web view intercepts it
    QString reconnectId; // an expired connection to re-authorize instead of adding one
    QString state;       // echoed back on errors; the window checks it
    QString theme;       // optional partner branding

    static QUrl defaultBase() { return QUrl(QStringLiteral("https://connect.zapier.com/to/")); }
};

class ConnectUrl {
public:
    // The base of the sandbox's Connect page: <sandboxBaseUrl>/connect/to/.
    static QUrl sandboxBase(const QUrl &sandboxBaseUrl);
    // <base>/{app}, no query: the exact URL the connect token's `resource` must name.
    static QUrl resource(const ConnectRequest &request);
    // The URL the Connect window opens. The token is single use and lives six minutes.
    static QUrl build(const ConnectRequest &request, const QString &connectToken);
    // Whether `url` is a navigation to `redirectUri` (same scheme, host, port and path),
    // i.e. the moment the window must read the result and stop loading.
    static bool isRedirect(const QUrl &url, const QUrl &redirectUri);
};

} // namespace ab::connect
