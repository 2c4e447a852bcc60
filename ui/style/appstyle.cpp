#include "style/appstyle.h"

#include <QImageReader>
#include <QPixmap>

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

QIcon AppStyle::standardIcon(StandardPixmap which, const QStyleOption *option,
                             const QWidget *widget) const
{
    if (which != SP_LineEditClearButton || !themeIsFallbackOnly())
        return QProxyStyle::standardIcon(which, option, widget);
    if (m_clear.isNull()) {
        // The images QCommonStyle itself shows for this icon, compiled into QtWidgets.
        for (const char *size : {"16", "32"}) {
            QImageReader reader(
                QStringLiteral(":/qt-project.org/styles/commonstyle/images/cleartext-%1.png")
                    .arg(QLatin1String(size)),
                "png");
            reader.setAutoDetectImageFormat(false);
            const QImage image = reader.read();
            if (!image.isNull())
                m_clear.addPixmap(QPixmap::fromImage(image));
        }
    }
    // A Qt that keeps its images elsewhere: the common style finds them its own way.
    return m_clear.isNull() ? QProxyStyle::standardIcon(which, option, widget) : m_clear;
}

} // namespace ab::ui
