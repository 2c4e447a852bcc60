#include "form/formpalette.h"

namespace ab::ui::formpalette {

QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    const qreal keep = 1.0 - amount;
    return QColor::fromRgbF(float(a.redF() * keep + b.redF() * amount),
                            float(a.greenF() * keep + b.greenF() * amount),
                            float(a.blueF() * keep + b.blueF() * amount));
}

QColor muted(const QPalette &palette)
{
    // 35% towards the window keeps help text readable (above 4.5:1 on common themes).
    return mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.35);
}

QColor errorText(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightnessF() < 0.5;
    return dark ? QColor::fromRgb(0xff, 0x8a, 0x80) : QColor::fromRgb(0xb3, 0x26, 0x1e);
}

QColor highlightTint(const QPalette &palette, qreal strength)
{
    return mix(palette.color(QPalette::Window), palette.color(QPalette::Highlight),
               0.22 * qBound(0.0, strength, 1.0));
}

QColor errorTint(const QPalette &palette)
{
    return mix(palette.color(QPalette::Window), errorText(palette), 0.14);
}

} // namespace ab::ui::formpalette
