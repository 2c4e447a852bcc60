#pragma once

#include <QColor>
#include <QPalette>

namespace ab::ui::formpalette {

// Colours the form derives from the current palette, so light, dark and high-contrast
// themes all work without a hard-coded colour.

// Secondary text (help, notes): the text colour moved towards the background.
QColor muted(const QPalette &palette);
// Error text: a red chosen for contrast against the window colour.
QColor errorText(const QPalette &palette);
// A faint tint of the palette's highlight over the base, for added or flashed fields.
QColor highlightTint(const QPalette &palette, qreal strength);
// A faint tint of the error colour over the window, for the error banner.
QColor errorTint(const QPalette &palette);

// Mixes `a` towards `b` by `amount` (0 = a, 1 = b).
QColor mix(const QColor &a, const QColor &b, qreal amount);

} // namespace ab::ui::formpalette
