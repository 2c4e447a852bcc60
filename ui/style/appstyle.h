#pragma once

#include <QHash>
#include <QIcon>
#include <QProxyStyle>

namespace ab::ui {

// The platform's style, with a few of Qt's own icons read more cheaply: a line edit's clear
// button and a toolbar's extension ("more") button, both of which every window here shows.
// Qt's common style finds the clear icon by looking it up in the icon theme, which the first
// time reads the theme's whole directory index (12–16 ms under X with only "hicolor"), and it
// reads Qt's own PNGs for both without naming their format, which loads every image plugin to
// sniff them (gif, ico, jpeg with libjpeg, svg with QtSvg). When the desktop has no icon theme
// of its own this style reads the same PNGs as PNG instead; with a real theme (GNOME, KDE) it
// leaves the icons to the platform's style, so the theme's icons still show.
class AppStyle final : public QProxyStyle {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppStyle)

public:
    // `key` names the style to wrap (QStyleFactory), e.g. QApplication::style()->name().
    explicit AppStyle(const QString &key);

    QIcon standardIcon(StandardPixmap which, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;

    // Whether the icon theme in use is only the freedesktop fallback (or none), so these icons
    // come from Qt's own images. Always false on Windows and macOS, whose native styles draw
    // their own.
    static bool themeIsFallbackOnly();

private:
    // Qt's own images of one icon, read as PNG once; null when this Qt keeps them elsewhere.
    QIcon qtImages(const char *stem, std::initializer_list<int> sizes) const;

    mutable QHash<QByteArray, QIcon> m_icons; // by image stem
};

} // namespace ab::ui
