#include "models/appicons.h"

#include "models/appdirectory.h"
#include "models/iconcache.h"

namespace ab::models {

AppIcons::AppIcons(core::ZapierBackend *backend, IconCache *icons, QObject *parent)
    : QObject(parent)
    , m_directory(new AppDirectory(backend, this))
    , m_icons(icons)
{
    connect(m_directory, &AppDirectory::resolved, this, &AppIcons::changed);
    if (m_icons)
        connect(m_icons, &IconCache::iconReady, this, &AppIcons::changed);
}

AppIcons::~AppIcons() = default;

QIcon AppIcons::icon(const QString &appId, const QString &title, bool onThisServer)
{
    if (onThisServer && !appId.isEmpty() && m_icons) {
        if (const core::App *app = m_directory->app(appId))
            return m_icons->icon(*app);
        if (!m_directory->isMissing(appId))
            return IconCache::placeholder();
    }
    auto tile = m_standIns.constFind(title);
    if (tile == m_standIns.constEnd())
        tile = m_standIns.insert(title,
                                 IconCache::letterTile(title, QString::fromLatin1(standInColor)));
    return *tile;
}

void AppIcons::clear()
{
    m_directory->clear();
    Q_EMIT changed();
}

} // namespace ab::models
