#pragma once

#include <QHash>
#include <QIcon>
#include <QObject>

namespace ab::core {
class ZapierBackend;
}

namespace ab::models {

class AppDirectory;
class IconCache;

// App icons for rows that know their app only by id and title (history runs, stored actions),
// the same ones the catalog shows: the app is found by id (AppDirectory) and its icon taken
// from the IconCache. While the app is being looked up the icon is IconCache::placeholder();
// an app the server does not list, or a row from another server, gets a grey tile with the
// title's initial. Cheap enough to be asked in a model's data().
class AppIcons final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppIcons)

public:
    // `icons` may be null (no icons: every row gets its tile).
    AppIcons(core::ZapierBackend *backend, IconCache *icons, QObject *parent);
    ~AppIcons() override;

    // `onThisServer`: the row was made on the server `backend` talks to; ids of another server
    // are never asked about.
    QIcon icon(const QString &appId, const QString &title, bool onThisServer);
    // The server changed: forget every app (ids are the server's).
    void clear();

    AppDirectory *directory() const { return m_directory; }

    static constexpr const char *standInColor = "8a8a8a";

Q_SIGNALS:
    // Icons asked for earlier may have changed: views repaint them.
    void changed();

private:
    AppDirectory *m_directory;
    IconCache *m_icons;
    QHash<QString, QIcon> m_standIns; // by title
};

} // namespace ab::models
