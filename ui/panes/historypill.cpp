#include "panes/historypill.h"

#include <QCache>
#include <QCoreApplication>
#include <QFontMetrics>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QStaticText>

#include <cmath>
#include <memory>

namespace ab::ui {

namespace {

QColor blend(const QColor &a, const QColor &b, qreal amountOfA)
{
    const qreal t = qBound(0.0, amountOfA, 1.0);
    return QColor::fromRgbF(float(a.redF() * t + b.redF() * (1 - t)),
                            float(a.greenF() * t + b.greenF() * (1 - t)),
                            float(a.blueF() * t + b.blueF() * (1 - t)));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// Hues that mean the same on every platform; only their mix with the palette changes.
QColor hue(PillCategory category, const QPalette &palette)
{
    switch (category) {
    case PillCategory::Success:
        return QColor(0x2e, 0xa0, 0x43);
    case PillCategory::Error:
        return QColor(0xd7, 0x3a, 0x49);
    case PillCategory::Warning:
        return QColor(0xd9, 0x96, 0x00);
    case PillCategory::Waiting:
        return palette.color(QPalette::Highlight);
    case PillCategory::Neutral:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

int padding(const QFontMetrics &metrics)
{
    return metrics.height() / 2;
}

} // namespace

PillColors pillColors(PillCategory category, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor h = hue(category, palette);
    const bool dark = isDark(palette);
    PillColors colors;
    colors.background = blend(h, base, dark ? 0.32 : 0.16);
    // Pulled towards Text so the label keeps its contrast against the light fill (or dark one).
    colors.foreground = blend(h, text, dark ? 0.45 : 0.55);
    if (!dark)
        colors.foreground = colors.foreground.darker(125);
    colors.border = blend(h, base, dark ? 0.6 : 0.45);
    return colors;
}

QSize pillSize(const QString &text, const QFont &font)
{
    const QFontMetrics metrics(font);
    const int pad = padding(metrics);
    // Room for the spinner glyph too, so a pill does not change width when a run finishes.
    return QSize(metrics.horizontalAdvance(text) + 2 * pad + metrics.height(),
                 metrics.height() + pad / 2 + 2);
}

namespace {

// A history page step repaints a pill on every row, and laying a pill out (colours blended
// through HSV, an antialiased rounded outline, the label measured and shaped twice) was a
// quarter of the step. What does not change between rows is kept: the colours per palette, the
// outline as an image per size, position within a pixel, colours and pixel ratio, and the label
// laid out once per text, font and room.
struct PillLabel {
    qreal textWidth = 0;
    QStaticText shown;
};

struct PillCaches {
    QCache<QString, QPixmap> outlines{64};
    QCache<QString, PillLabel> labels{256};
    QHash<QPair<int, qint64>, PillColors> colors; // by category and palette
    QFont font;
    QString fontKey;
};

PillCaches &caches()
{
    static PillCaches instance;
    static const bool released = [] {
        // Images and laid-out text go while the application still exists, not at exit.
        qAddPostRoutine([] {
            caches().outlines.clear();
            caches().labels.clear();
        });
        return true;
    }();
    Q_UNUSED(released)
    return instance;
}

const PillColors &cachedColors(PillCategory category, const QPalette &palette)
{
    auto &known = caches().colors;
    const QPair<int, qint64> key(int(category), palette.cacheKey());
    auto found = known.find(key);
    if (found == known.end()) {
        if (known.size() > 32)
            known.clear(); // palettes come and go (dark mode, a style change)
        found = known.insert(key, pillColors(category, palette));
    }
    return *found;
}

// The outline drawn at a whole pixel, with `offsetY` (0 or 0.5) of the pill's own position
// within its first pixel kept, so the 1-pixel border lands on the same pixels as if drawn in
// place.
const QPixmap &outline(const QSizeF &size, qreal offsetY, const PillColors &colors,
                       qreal pixelRatio)
{
    const QString key = QStringLiteral("%1x%2+%3@%4/%5/%6")
                            .arg(size.width())
                            .arg(size.height())
                            .arg(offsetY)
                            .arg(pixelRatio)
                            .arg(colors.background.rgba())
                            .arg(colors.border.rgba());
    auto &outlines = caches().outlines;
    if (const QPixmap *known = outlines.object(key))
        return *known;
    const QSize pixels(int(std::ceil((size.width() + 2) * pixelRatio)),
                       int(std::ceil((size.height() + offsetY + 2) * pixelRatio)));
    auto image = std::make_unique<QPixmap>(pixels);
    image->setDevicePixelRatio(pixelRatio);
    image->fill(Qt::transparent);
    QPainter painter(image.get());
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colors.border, 1));
    painter.setBrush(colors.background);
    const QRectF pill(0.5, offsetY + 0.5, size.width(), size.height());
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    painter.end();
    QPixmap *made = image.get();
    outlines.insert(key, image.release());
    return *made;
}

// `room` < 0: the whole text, unelided.
const PillLabel &label(const QString &text, const QFont &font, const QFontMetricsF &metrics,
                       qreal room)
{
    PillCaches &cache = caches();
    if (cache.fontKey.isEmpty() || font != cache.font) {
        cache.font = font;
        cache.fontKey = font.key();
        cache.labels.clear();
    }
    const QString key = QString::number(room < 0 ? -1 : qRound(room * 4)) + u'\n' + text;
    if (const PillLabel *known = cache.labels.object(key))
        return *known;
    auto made = std::make_unique<PillLabel>();
    made->textWidth = metrics.horizontalAdvance(text);
    made->shown.setTextFormat(Qt::PlainText);
    made->shown.setText(room < 0 || room + 0.5 >= made->textWidth
                            ? text
                            : metrics.elidedText(text, Qt::ElideRight, room));
    made->shown.prepare(QTransform(), font);
    PillLabel *result = made.get();
    cache.labels.insert(key, made.release());
    return *result;
}

} // namespace

void paintPill(QPainter *painter, const QRect &rect, const QString &text, PillCategory category,
               const QPalette &palette, const QFont &font, int spinnerStep)
{
    const QFontMetricsF metrics(font);
    const qreal pad = std::floor(metrics.height() / 2);
    const qreal height = qMin<qreal>(rect.height(), metrics.height() + pad / 2 + 2);
    const bool spinner = spinnerStep >= 0;
    const qreal spinnerWidth = spinner ? metrics.height() * 0.55 + pad * 0.8 : 0;
    const qreal textWidth = label(text, font, metrics, -1).textWidth;
    const qreal width = qMin<qreal>(rect.width(), textWidth + 2 * pad + spinnerWidth);
    if (width < 2 || height < 2)
        return;
    // Half a pixel in, so the 1-pixel border is crisp.
    const qreal top = rect.top() + (rect.height() - height) / 2.0;
    const QRectF pill(rect.left() + 0.5, top + 0.5, width - 1.0, height - 1.0);
    const PillColors &colors = cachedColors(category, palette);
    const qreal pixelRatio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;

    painter->save();
    const qreal wholeTop = std::floor(top);
    painter->drawPixmap(QPointF(rect.left(), wholeTop),
                        outline(pill.size(), top - wholeTop, colors, pixelRatio));

    qreal textLeft = rect.left() + pad;
    if (spinner) {
        const qreal size = metrics.height() * 0.55;
        const QRectF arc(textLeft, pill.center().y() - size / 2, size, size);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(colors.foreground, qMax(1.5, size / 6), Qt::SolidLine, Qt::RoundCap));
        painter->setBrush(Qt::NoBrush);
        // Qt angles: 1/16 degree, counter-clockwise from 3 o'clock; each step turns a quarter.
        painter->drawArc(arc, (90 - 90 * (spinnerStep % 4)) * 16, -270 * 16);
        textLeft += spinnerWidth;
    }
    // Elided only when the cell is really too narrow (the pill was sized for the whole text).
    const qreal room = rect.left() + width - pad - textLeft;
    const PillLabel &shown = label(text, font, metrics, room);
    painter->setFont(font);
    painter->setPen(colors.foreground);
    // Centred on the pill as a one-line layout centres it.
    painter->drawStaticText(QPointF(textLeft, pill.top() + (pill.height() - metrics.height()) / 2),
                            shown.shown);
    painter->restore();
}

HistoryPillLabel::HistoryPillLabel(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void HistoryPillLabel::setPill(const QString &text, PillCategory category, int spinnerStep)
{
    const bool resized = text.size() != m_text.size() || (spinnerStep < 0) != (m_spinnerStep < 0);
    m_text = text;
    m_category = category;
    m_spinnerStep = spinnerStep;
    setAccessibleName(text);
    if (resized)
        updateGeometry();
    update();
}

QSize HistoryPillLabel::sizeHint() const
{
    return pillSize(m_text, font());
}

void HistoryPillLabel::paintEvent(QPaintEvent *)
{
    if (m_text.isEmpty())
        return;
    QPainter painter(this);
    paintPill(&painter, rect(), m_text, m_category, palette(), font(), m_spinnerStep);
}

} // namespace ab::ui
