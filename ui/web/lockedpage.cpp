#include "web/lockedpage.h"

#include "connect/connecturl.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QWebEngineFileSystemAccessRequest>
#include <QWebEngineFullScreenRequest>
#include <QWebEngineRegisterProtocolHandlerRequest>

namespace ab::ui {

namespace {

Q_LOGGING_CATEGORY(lcLocked, "ab.connectview")

bool isWebScheme(const QUrl &url)
{
    return url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http");
}

} // namespace

bool ConnectRules::isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool ConnectRules::isConnectOrigin(const QUrl &url) const
{
    return url.isValid() && connectUrl.isValid() &&
           url.scheme().compare(connectUrl.scheme(), Qt::CaseInsensitive) == 0 &&
           url.host().compare(connectUrl.host(), Qt::CaseInsensitive) == 0 &&
           url.port(url.scheme() == QLatin1String("https") ? 443 : 80) ==
               connectUrl.port(connectUrl.scheme() == QLatin1String("https") ? 443 : 80);
}

bool ConnectRules::mayLoadInside(const QUrl &url) const
{
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() == QLatin1String("http"))
        return isLoopback(url.host()) && isConnectOrigin(url);
    return url == QUrl(QStringLiteral("about:blank"));
}

LockedPage::LockedPage(const ConnectRules *rules, QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
    , m_rules(rules)
{
    denyPermissions();
}

bool LockedPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    // The result arrives as a navigation (a link or the server's redirect): read it, load
    // nothing, whatever frame it is in.
    if (connect::ConnectUrl::isRedirect(url, m_rules->redirectUri)) {
        Q_EMIT redirectReached(url);
        return false;
    }
    if (m_rules->mayLoadInside(url))
        return true;
    // setHtml()/load() from this process, never from page content: content cannot type.
    if (type == NavigationTypeTyped && isMainFrame && url.scheme() == QLatin1String("data"))
        return true;
    // A plain link out of the flow (help, privacy policy) belongs in the user's browser. Script
    // navigations look like link clicks too; without a click or key press they stay refused.
    if (type == NavigationTypeLinkClicked && isMainFrame && isWebScheme(url) && m_userActive &&
        m_userActive()) {
        Q_EMIT externalLinkRequested(url);
        return false;
    }
    qCInfo(lcLocked).noquote() << "refused navigation to" << url.scheme() << url.host();
    Q_EMIT refused(ConnectRefusal::Navigation, url);
    return false;
}

QWebEnginePage *LockedPage::createWindow(WebWindowType type)
{
    return m_windowFactory ? m_windowFactory(this, type) : nullptr;
}

QStringList LockedPage::chooseFiles(FileSelectionMode, const QStringList &, const QStringList &)
{
    // No file ever leaves the machine through this window.
    Q_EMIT refused(ConnectRefusal::Permission, url());
    return {};
}

void LockedPage::denyPermissions()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    connect(this, &QWebEnginePage::permissionRequested, this,
            [this](QWebEnginePermission permission) {
                Q_EMIT refused(ConnectRefusal::Permission, permission.origin());
                permission.deny();
            });
#else
    connect(this, &QWebEnginePage::featurePermissionRequested, this,
            [this](const QUrl &origin, Feature feature) {
                Q_EMIT refused(ConnectRefusal::Permission, origin);
                setFeaturePermission(origin, feature, PermissionDeniedByUser);
            });
#endif
    connect(this, &QWebEnginePage::fileSystemAccessRequested, this,
            [this](QWebEngineFileSystemAccessRequest request) {
                Q_EMIT refused(ConnectRefusal::Permission, request.origin());
                request.reject();
            });
    connect(this, &QWebEnginePage::registerProtocolHandlerRequested, this,
            [this](QWebEngineRegisterProtocolHandlerRequest request) {
                Q_EMIT refused(ConnectRefusal::Permission, request.origin());
                request.reject();
            });
    connect(this, &QWebEnginePage::fullScreenRequested, this,
            [](QWebEngineFullScreenRequest request) { request.reject(); });
}

ExternalLinkPage::ExternalLinkPage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
{}

bool ExternalLinkPage::acceptNavigationRequest(const QUrl &url, NavigationType, bool isMainFrame)
{
    if (!isMainFrame || url == QUrl(QStringLiteral("about:blank")))
        return false;
    if (isWebScheme(url) && m_userActive && m_userActive())
        Q_EMIT externalLinkRequested(url);
    else
        Q_EMIT refused(ConnectRefusal::Navigation, url);
    deleteLater();
    return false;
}

} // namespace ab::ui
