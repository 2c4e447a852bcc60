#pragma once

#include <QIcon>
#include <QProxyStyle>

namespace ab::ui {

// The platform's style, with one thing done more cheaply: the clear button of a line edit.
// Qt's common style finds that icon by looking it up in the icon theme, which the first time
// reads the theme's whole directory index (12–16 ms under X with only "hicolor"), and then
// reads Qt's own PNG without naming its format, which loads every image plugin to sniff it
// (gif, ico, jpeg with libjpeg, svg with QtSvg). When the desktop has no icon theme of its own
// this style reads the same PNGs as PNG instead; with a real theme (GNOME, KDE) it leaves the
// icon to the platform's style, so the theme's icon still shows.
class AppStyle final : public QProxyStyle {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppStyle)

public:
    // `key` names the style to wrap (QStyleFactory), e.g. QApplication::style()->name().
    explicit AppStyle(const QString &key);

    QIcon standardIcon(StandardPixmap which, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;

    // Whether the icon theme in use is only the freedesktop fallback (or none), so the clear
    // icon comes from Qt's own images. Always false on Windows and macOS, whose native styles
    // draw their own.
    static bool themeIsFallbackOnly();

private:
    mutable QIcon m_clear;
};

} // namespace ab::ui
