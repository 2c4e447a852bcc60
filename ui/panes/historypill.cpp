#include "panes/historypill.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

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

void paintPill(QPainter *painter, const QRect &rect, const QString &text, PillCategory category,
               const QPalette &palette, const QFont &font, int spinnerStep)
{
    const QFontMetricsF metrics(font);
    const qreal pad = std::floor(metrics.height() / 2);
    const qreal height = qMin<qreal>(rect.height(), metrics.height() + pad / 2 + 2);
    const bool spinner = spinnerStep >= 0;
    const qreal spinnerWidth = spinner ? metrics.height() * 0.55 + pad * 0.8 : 0;
    const qreal textWidth = metrics.horizontalAdvance(text);
    const qreal width = qMin<qreal>(rect.width(), textWidth + 2 * pad + spinnerWidth);
    const QRectF pill(rect.left() + 0.5, rect.top() + (rect.height() - height) / 2.0 + 0.5,
                      width - 1.0, height - 1.0);
    const PillColors colors = pillColors(category, palette);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(colors.border, 1));
    painter->setBrush(colors.background);
    painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);

    qreal textLeft = rect.left() + pad;
    if (spinner) {
        const qreal size = metrics.height() * 0.55;
        const QRectF arc(textLeft, pill.center().y() - size / 2, size, size);
        painter->setPen(QPen(colors.foreground, qMax(1.5, size / 6), Qt::SolidLine, Qt::RoundCap));
        painter->setBrush(Qt::NoBrush);
        // Qt angles: 1/16 degree, counter-clockwise from 3 o'clock; each step turns a quarter.
        painter->drawArc(arc, (90 - 90 * (spinnerStep % 4)) * 16, -270 * 16);
        textLeft += spinnerWidth;
    }
    // Elide only when the cell is really too narrow (the pill was sized for the whole text).
    const qreal room = rect.left() + width - pad - textLeft;
    const QString shown =
        room + 0.5 >= textWidth ? text : metrics.elidedText(text, Qt::ElideRight, room);
    painter->setFont(font);
    painter->setPen(colors.foreground);
    painter->drawText(QRectF(textLeft, pill.top(), qMax(room, textWidth) + 1, pill.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, shown);
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
