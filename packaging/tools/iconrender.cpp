// ab_iconrender: renders the one application icon SVG into everything packaging needs, at build
// time and on every OS with the project's own Qt (no external converter):
//   ab_iconrender <icon.svg> <output dir> <size>...
// writes <output dir>/hicolor/<size>x<size>/apps/<name>.png for every size (freedesktop icon
// theme layout), <name>.ico (Windows: PNG-compressed entries, Vista and later) and <name>.icns
// (macOS: PNG-compressed entries, 10.7 and later), where <name> is the SVG's base name.
#include <QBuffer>
#include <QByteArray>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QList>
#include <QPainter>
#include <QSaveFile>
#include <QString>
#include <QSvgRenderer>
#include <QtEndian>

#include <cstdio>
#include <utility>

namespace {

QByteArray renderPng(QSvgRenderer &renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter, QRectF(0, 0, size, size));
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        std::fprintf(stderr, "ab_iconrender: cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

void appendLe16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void appendLe32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

void appendBe32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

// ICONDIR, then one ICONDIRENTRY per image, then the PNG streams.
QByteArray icoFile(const QList<std::pair<int, QByteArray>> &images)
{
    QByteArray out;
    appendLe16(out, 0);
    appendLe16(out, 1);
    appendLe16(out, quint16(images.size()));
    quint32 offset = quint32(6 + 16 * images.size());
    for (const auto &[size, png] : images) {
        out.append(char(size >= 256 ? 0 : size)); // 0 means 256
        out.append(char(size >= 256 ? 0 : size));
        out.append(char(0)); // no palette
        out.append(char(0)); // reserved
        appendLe16(out, 1);  // colour planes
        appendLe16(out, 32); // bits per pixel
        appendLe32(out, quint32(png.size()));
        appendLe32(out, offset);
        offset += quint32(png.size());
    }
    for (const auto &image : images)
        out.append(image.second);
    return out;
}

// 'icns' + total length, then (OSType, length including its 8-byte header, PNG) per entry.
QByteArray icnsFile(const QList<std::pair<QByteArray, QByteArray>> &entries)
{
    QByteArray body;
    for (const auto &[type, png] : entries) {
        body.append(type);
        appendBe32(body, quint32(8 + png.size()));
        body.append(png);
    }
    QByteArray out("icns");
    appendBe32(out, quint32(8 + body.size()));
    out.append(body);
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: ab_iconrender <icon.svg> <output dir> <size>...\n");
        return 2;
    }
    const QString svgPath = QString::fromLocal8Bit(argv[1]);
    const QString outDir = QString::fromLocal8Bit(argv[2]);
    const QString name = QFileInfo(svgPath).completeBaseName();
    QSvgRenderer renderer(svgPath);
    if (!renderer.isValid()) {
        std::fprintf(stderr, "ab_iconrender: %s is not a valid SVG\n", qPrintable(svgPath));
        return 1;
    }

    for (int i = 3; i < argc; ++i) {
        bool ok = false;
        const int size = QString::fromLocal8Bit(argv[i]).toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            std::fprintf(stderr, "ab_iconrender: bad size %s\n", argv[i]);
            return 2;
        }
        const QString path = QStringLiteral("%1/hicolor/%2x%2/apps/%3.png").arg(outDir).arg(size).arg(name);
        if (!writeFile(path, renderPng(renderer, size)))
            return 1;
    }

    QList<std::pair<int, QByteArray>> icoImages;
    for (const int size : {16, 24, 32, 48, 64, 256})
        icoImages.append({size, renderPng(renderer, size)});
    if (!writeFile(QStringLiteral("%1/%2.ico").arg(outDir, name), icoFile(icoImages)))
        return 1;

    const QList<std::pair<QByteArray, int>> icnsTypes = {
        {"icp4", 16},  {"icp5", 32},  {"icp6", 64},  {"ic07", 128}, {"ic08", 256}, {"ic09", 512},
        {"ic10", 1024}, {"ic11", 32}, {"ic12", 64},  {"ic13", 256}, {"ic14", 512},
    };
    QList<std::pair<QByteArray, QByteArray>> icnsEntries;
    for (const auto &[type, size] : icnsTypes)
        icnsEntries.append({type, renderPng(renderer, size)});
    if (!writeFile(QStringLiteral("%1/%2.icns").arg(outDir, name), icnsFile(icnsEntries)))
        return 1;
    return 0;
}
