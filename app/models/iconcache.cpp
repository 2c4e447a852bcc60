#include "models/iconcache.h"

#include <QBuffer>
#include <QDir>
#include <QIconEngine>
#include <QImageReader>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPainter>
#include <QPainterPath>
#include <QStandardPaths>
#include <QTimer>

namespace ab::models {

namespace {

// Paints a tile at whatever size and device pixel ratio is asked for, so icons stay crisp at
// 200% without a pixmap per scale factor.
class TileEngine final : public QIconEngine {
public:
    TileEngine(QColor fill, QString letter, QColor ink)
        : m_fill(fill)
        , m_letter(std::move(letter))
        , m_ink(ink)
    {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = qMin(rect.width(), rect.height());
        const QRectF tile(rect.x() + (rect.width() - side) / 2.0,
                          rect.y() + (rect.height() - side) / 2.0, side, side);
        QColor fill = m_fill;
        if (mode == QIcon::Disabled)
            fill.setAlphaF(fill.alphaF() * 0.4);
        QPainterPath path;
        path.addRoundedRect(tile, side * 0.2, side * 0.2);
        painter->fillPath(path, fill);
        if (!m_letter.isEmpty()) {
            QFont font = painter->font();
            font.setBold(true);
            font.setPixelSize(qMax(1, int(side * 0.55)));
            painter->setFont(font);
            painter->setPen(m_ink);
            painter->drawText(tile, Qt::AlignCenter, m_letter);
        }
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        QPixmap pixmap(size * scale);
        pixmap.fill(Qt::transparent);
        pixmap.setDevicePixelRatio(scale);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QIconEngine *clone() const override { return new TileEngine(m_fill, m_letter, m_ink); }
    QString key() const override { return QStringLiteral("ab.tile"); }

private:
    QColor m_fill;
    QString m_letter;
    QColor m_ink;
};

} // namespace

IconCache::IconCache(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    // Only when the manager has no cache yet: the caller may share one on purpose.
    if (m_network && !m_network->cache()) {
        auto *cache = new QNetworkDiskCache(m_network);
        cache->setCacheDirectory(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                                 QStringLiteral("/icons"));
        cache->setMaximumCacheSize(20 * 1024 * 1024);
        m_network->setCache(cache);
    }
}

IconCache::~IconCache() = default;

QByteArray IconCache::imageFormatFor(const QByteArray &contentType, const QUrl &url)
{
    QByteArray type = contentType.split(';').constFirst().trimmed().toLower();
    if (type.startsWith("image/")) {
        type = type.mid(6);
        if (type == "svg+xml")
            return "svg";
        if (type == "jpg" || type == "pjpeg")
            return "jpeg";
        if (type == "x-icon" || type == "vnd.microsoft.icon")
            return "ico";
        if (!type.isEmpty() && !type.startsWith("x-") && !type.contains('+'))
            return type; // png, gif, jpeg, webp, bmp: Qt names its readers after the subtype
    }
    const QString path = url.path();
    const QString suffix = path.mid(path.lastIndexOf(QLatin1Char('.')) + 1).toLower();
    if (suffix == QLatin1String("jpg"))
        return "jpeg";
    for (const char *known : {"svg", "png", "jpeg", "gif", "webp", "ico", "bmp"}) {
        if (suffix == QLatin1String(known))
            return known;
    }
    return {};
}

QIcon IconCache::decode(const QByteArray &data, const QUrl &url, const QByteArray &contentType)
{
    const QByteArray format = imageFormatFor(contentType, url);
    const auto read = [&data](const QByteArray &as, int size) {
        QByteArray copy = data;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer, as);
        // A named format is tried alone; sniffing (every plugin) is the fallback below.
        reader.setAutoDetectImageFormat(as.isEmpty());
        if (size > 0)
            reader.setScaledSize(QSize(size, size));
        return reader.read();
    };
    QIcon icon;
    if (format == "svg") {
        // Vector icons are rendered at several sizes; QIcon picks the closest for each scale.
        for (int size : {16, 32, 64, 128}) {
            const QImage image = read(format, size);
            if (image.isNull())
                return {};
            icon.addPixmap(QPixmap::fromImage(image));
        }
        return icon;
    }
    QImage image = format.isEmpty() ? QImage() : read(format, 0);
    if (image.isNull())
        image = read(QByteArray(), 0);
    if (!image.isNull())
        icon.addPixmap(QPixmap::fromImage(image));
    return icon;
}

QIcon IconCache::placeholder()
{
    // Mid grey at low opacity reads as "empty slot" on light and dark palettes alike.
    static const QIcon icon(new TileEngine(QColor(128, 128, 128, 56), QString(), QColor()));
    return icon;
}

QIcon IconCache::letterTile(const QString &title, const QString &hexColor)
{
    QColor fill(QLatin1Char('#') + hexColor);
    if (!fill.isValid())
        fill = QColor(128, 128, 128);
    const QString letter =
        title.trimmed().isEmpty() ? QString() : title.trimmed().left(1).toUpper();
    // Dark ink on light tiles, white on dark ones (perceived luminance).
    const qreal luminance = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF();
    return QIcon(new TileEngine(fill, letter,
                                luminance > 0.6 ? QColor(0x20, 0x20, 0x20) : QColor(Qt::white)));
}

QUrl IconCache::iconUrl(const core::App &app)
{
    for (const QString *candidate :
         {&app.images.url64, &app.images.url128, &app.image, &app.images.url32}) {
        if (!candidate->isEmpty())
            return QUrl(*candidate);
    }
    return {};
}

QIcon IconCache::icon(const QUrl &url) const
{
    if (url.isEmpty() || !url.isValid())
        return placeholder();
    const auto it = m_entries.constFind(url);
    if (it == m_entries.constEnd()) {
        enqueue(url);
        return placeholder();
    }
    switch (it->state) {
    case State::Ready:
        return it->icon;
    case State::Failed:
        return letterTile(it->title, it->hexColor);
    case State::Queued:
    case State::Loading:
        break;
    }
    return placeholder();
}

QIcon IconCache::icon(const core::App &app) const
{
    const QUrl url = iconUrl(app);
    if (url.isEmpty())
        return letterTile(app.title, app.hexColor);
    auto it = m_entries.find(url);
    if (it == m_entries.end()) {
        it = m_entries.insert(url, Entry{});
        it->title = app.title;
        it->hexColor = app.hexColor;
        m_queue.enqueue(url);
        enqueue(QUrl()); // schedules the start
        return placeholder();
    }
    if (it->title.isEmpty()) {
        it->title = app.title;
        it->hexColor = app.hexColor;
    }
    return icon(url);
}

void IconCache::enqueue(const QUrl &url) const
{
    if (!url.isEmpty()) {
        m_entries.insert(url, Entry{});
        m_queue.enqueue(url);
    }
    // Loads start on the next event-loop turn: icon() is called from paint and data().
    if (!m_startScheduled) {
        m_startScheduled = true;
        QTimer::singleShot(0, const_cast<IconCache *>(this), &IconCache::startLoads);
    }
}

void IconCache::startLoads()
{
    m_startScheduled = false;
    while (m_inFlight < maxConcurrentLoads && !m_queue.isEmpty()) {
        const QUrl url = m_queue.dequeue();
        auto it = m_entries.find(url);
        if (it == m_entries.end() || it->state != State::Queued)
            continue;
        if (!m_network) {
            settle(url, {}, State::Failed);
            continue;
        }
        it->state = State::Loading;
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                             QNetworkRequest::PreferCache);
        request.setTransferTimeout(15000);
        QNetworkReply *reply = m_network->get(request);
        ++m_inFlight;
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    }
}

void IconCache::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    --m_inFlight;
    const QUrl url = reply->request().url();
    QIcon icon;
    if (reply->error() == QNetworkReply::NoError) {
        icon = decode(reply->readAll(), url,
                      reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
    }
    // A failure is final for this session: no retry storm while the user scrolls.
    settle(url, icon, icon.isNull() ? State::Failed : State::Ready);
    startLoads();
}

void IconCache::settle(const QUrl &url, const QIcon &icon, State state)
{
    Entry &entry = m_entries[url];
    entry.state = state;
    entry.icon = icon;
    Q_EMIT iconReady(url);
}

} // namespace ab::models
