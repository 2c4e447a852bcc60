// IconCache's decoding: which image format a reply is read as, and that naming it keeps Qt from
// loading every image plugin (the loads through the network are in tst_catalogmodels).
#include "models/iconcache.h"

#include <QFile>
#include <QImage>
#include <QtTest>

using ab::models::IconCache;

namespace {

// 8x8 PNGs of one colour, written by hand: QImage::save would load every image plugin that
// can write, and the first test needs a process that has loaded none.
QByteArray redPng()
{
    return QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAEklEQVR4nGP4z8DwHx9m"
        "GBkKAMLXf4EvceABAAAAAElFTkSuQmCC");
}

QByteArray greenPng()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAD0lEQVR4nGNg+E8A"
                                  "jgwFAIMXf4H6lHc8AAAAAElFTkSuQmCC");
}

QColor centre(const QIcon &icon)
{
    const QImage image = icon.pixmap(QSize(8, 8)).toImage();
    return image.isNull() ? QColor() : image.pixelColor(4, 4);
}

// The image plugins this process has mapped, by file name (Linux: /proc/self/maps).
QStringList mappedImagePlugins()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return {};
    QStringList plugins;
    for (const QByteArray &line : maps.readAll().split('\n')) {
        const qsizetype at = line.indexOf("/imageformats/");
        if (at >= 0) {
            const QString name = QString::fromUtf8(line.mid(at + 14));
            if (!plugins.contains(name))
                plugins.append(name);
        }
    }
    return plugins;
}

} // namespace

class TestIconCache : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // First, while nothing has touched an image plugin in this process.
    void decode_namedFormatLoadsNoOtherImagePlugin()
    {
#ifndef Q_OS_LINUX
        QSKIP("reads /proc/self/maps");
#endif
        QVERIFY(mappedImagePlugins().isEmpty());
        const QIcon png =
            IconCache::decode(redPng(), QUrl(QStringLiteral("https://cdn.example/a")), "image/png");
        QCOMPARE(centre(png), QColor(Qt::red));
        // PNG is built into QtGui: no plugin at all.
        QCOMPARE(mappedImagePlugins(), QStringList());

        const QByteArray svg = R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">)"
                               R"(<rect width="8" height="8" fill="#0000ff"/></svg>)";
        const QIcon vector = IconCache::decode(
            svg, QUrl(QStringLiteral("http://127.0.0.1/sandbox/icons/a.svg")), QByteArray());
        if (vector.isNull())
            QSKIP("Qt's SVG image plugin is not installed");
        QCOMPARE(centre(vector), QColor(Qt::blue));
        const QStringList plugins = mappedImagePlugins();
        QCOMPARE(plugins.size(), 1);
        QVERIFY2(plugins.first().contains(QLatin1String("svg")), qPrintable(plugins.first()));
    }

    void imageFormatFor_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("format");
        const QString plain = QStringLiteral("https://cdn.example/icon");
        QTest::newRow("png") << QByteArray("image/png") << plain << QByteArray("png");
        QTest::newRow("parameters and case")
            << QByteArray("Image/PNG; charset=binary") << plain << QByteArray("png");
        QTest::newRow("svg") << QByteArray("image/svg+xml") << plain << QByteArray("svg");
        QTest::newRow("jpg alias") << QByteArray("image/jpg") << plain << QByteArray("jpeg");
        QTest::newRow("ico") << QByteArray("image/vnd.microsoft.icon") << plain
                             << QByteArray("ico");
        QTest::newRow("webp") << QByteArray("image/webp") << plain << QByteArray("webp");
        QTest::newRow("suffix when the type says nothing")
            << QByteArray("application/octet-stream")
            << QStringLiteral("http://127.0.0.1/sandbox/icons/slack.SVG") << QByteArray("svg");
        QTest::newRow("jpg suffix")
            << QByteArray() << QStringLiteral("https://x/a.jpg?w=64") << QByteArray("jpeg");
        QTest::newRow("imgix query is not a suffix")
            << QByteArray() << QStringLiteral("https://x/storage/1.png?auto=format&w=64")
            << QByteArray("png");
        QTest::newRow("nothing to go by") << QByteArray("text/html") << plain << QByteArray();
        QTest::newRow("unknown x- subtype")
            << QByteArray("image/x-portable-thing") << plain << QByteArray();
    }
    void imageFormatFor()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QString, url);
        QFETCH(QByteArray, format);
        QCOMPARE(IconCache::imageFormatFor(contentType, QUrl(url)), format);
    }

    void decode_mislabelledImageIsSniffed()
    {
        const QIcon icon =
            IconCache::decode(greenPng(), QUrl(QStringLiteral("https://x/a.gif")), "image/gif");
        QCOMPARE(centre(icon), QColor(Qt::green));
    }

    void decode_garbageIsNull()
    {
        QVERIFY(IconCache::decode("<html>not found</html>", QUrl(QStringLiteral("https://x/a.png")),
                                  "image/png")
                    .isNull());
        QVERIFY(IconCache::decode("<svg", QUrl(QStringLiteral("https://x/a.svg")), "image/svg+xml")
                    .isNull());
    }
};

QTEST_MAIN(TestIconCache)
#include "tst_iconcache.moc"
