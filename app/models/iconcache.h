#pragma once

#include "core/app.h"

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QQueue>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace ab::models {

// App icons for every view, loaded once through a QNetworkDiskCache (CacheLocation/icons) so a
// restart paints the catalog without the network. Until an icon arrives, icon() returns a
// neutral placeholder and iconReady() announces the real one. A load that fails, or an SVG when
// Qt's SVG image plugin (Debian: libqt6svg6) is missing, becomes a letter tile in the app's
// colour: the list never shows a hole, and a failed URL is never asked for again.
class IconCache final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IconCache)

public:
    IconCache(QNetworkAccessManager *network, QObject *parent);
    ~IconCache() override;

    // The icon at `url` when loaded, else a placeholder (and a load is started). An empty URL
    // gives the placeholder and loads nothing.
    QIcon icon(const QUrl &url) const;
    // The app's best icon URL; its letter tile stands in when the load fails.
    QIcon icon(const core::App &app) const;
    static QUrl iconUrl(const core::App &app);

    // A rounded tile in `hexColor` ("ff4a00") with the title's initial; painted at any size.
    static QIcon letterTile(const QString &title, const QString &hexColor);
    static QIcon placeholder();
    // The image format to read a reply as ("png", "svg", ...), from its Content-Type or else
    // its URL's suffix; empty when neither says. Naming the format makes QImageReader load only
    // that plugin: without one it loads every installed image plugin to sniff the bytes.
    static QByteArray imageFormatFor(const QByteArray &contentType, const QUrl &url);
    // The icon in `data`: read as imageFormatFor() says, or sniffed when that fails (a server
    // may label a PNG as something else). Vector icons are rendered at 16 to 128 px. Null when
    // the data is no image this Qt can read (an SVG without the qsvg plugin, Debian
    // libqt6svg6).
    static QIcon decode(const QByteArray &data, const QUrl &url, const QByteArray &contentType);

    int loadsInFlight() const { return m_inFlight; }
    // At most this many downloads at once; the rest wait their turn (a fast scroll through
    // 10,000 apps must not open 10,000 sockets).
    static constexpr int maxConcurrentLoads = 6;

Q_SIGNALS:
    void iconReady(const QUrl &url);

private:
    enum class State { Queued, Loading, Ready, Failed };
    struct Entry {
        State state = State::Queued;
        QIcon icon;
        QString title; // for the letter tile
        QString hexColor;
    };

    void enqueue(const QUrl &url) const;
    void startLoads();
    void onFinished(QNetworkReply *reply);
    void settle(const QUrl &url, const QIcon &icon, State state);

    QNetworkAccessManager *m_network;
    mutable QHash<QUrl, Entry> m_entries;
    mutable QQueue<QUrl> m_queue;
    mutable bool m_startScheduled = false;
    int m_inFlight = 0;
};

} // namespace ab::models
