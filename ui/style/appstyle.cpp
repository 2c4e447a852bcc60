#include "style/appstyle.h"

#include <QGuiApplication>
#include <QImageReader>
#include <QPixmap>
#include <QStyleOption>
#include <QWidget>

namespace ab::ui {

AppStyle::AppStyle(const QString &key)
    : QProxyStyle(key)
{}

bool AppStyle::themeIsFallbackOnly()
{
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    return false; // no freedesktop icon themes there: the native style draws its own icons
#else
    const QString theme = QIcon::themeName();
    return theme.isEmpty() || theme == QLatin1String("hicolor");
#endif
}

QIcon AppStyle::qtImages(const char *stem, std::initializer_list<int> sizes) const
{
    const QByteArray key(stem);
    const auto found = m_icons.constFind(key);
    if (found != m_icons.cend())
        return *found;
    // The images QCommonStyle itself shows for this icon, compiled into QtWidgets.
    QIcon icon;
    for (const int size : sizes) {
        QImageReader reader(QStringLiteral(":/qt-project.org/styles/commonstyle/images/%1-%2.png")
                                .arg(QLatin1String(stem))
                                .arg(size),
                            "png");
        reader.setAutoDetectImageFormat(false);
        const QImage image = reader.read();
        if (!image.isNull())
            icon.addPixmap(QPixmap::fromImage(image));
    }
    m_icons.insert(key, icon);
    return icon;
}

QIcon AppStyle::standardIcon(StandardPixmap which, const QStyleOption *option,
                             const QWidget *widget) const
{
    QIcon icon;
    if (themeIsFallbackOnly()) {
        switch (which) {
        case SP_LineEditClearButton:
            icon = qtImages("cleartext", {16, 32});
            break;
        case SP_ToolBarHorizontalExtensionButton: {
            // The arrows point the way the toolbar overflows.
            const Qt::LayoutDirection direction = option   ? option->direction
                                                  : widget ? widget->layoutDirection()
                                                           : QGuiApplication::layoutDirection();
            icon = direction == Qt::RightToLeft ? qtImages("toolbar-ext-h-rtl", {8, 16, 32})
                                                : qtImages("toolbar-ext-h", {8, 16, 32});
            break;
        }
        case SP_ToolBarVerticalExtensionButton:
            icon = qtImages("toolbar-ext-v", {5, 10, 20});
            break;
        default:
            break;
        }
    }
    // Any other icon, a real theme, or a Qt that keeps its images elsewhere: the platform's
    // style finds it its own way.
    return icon.isNull() ? QProxyStyle::standardIcon(which, option, widget) : icon;
}

} // namespace ab::ui
