// AppStyle: the line edits' clear icon and the toolbars' extension icons without an icon-theme
// scan or image-plugin sniffing when the desktop has no theme of its own, and the theme's icon
// when it has one.
#include "style/appstyle.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QStyleOption>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using ab::ui::AppStyle;

namespace {

// The image plugins this process has mapped (Linux: /proc/self/maps).
int mappedImagePlugins()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return 0;
    return int(maps.readAll().count("/imageformats/"));
}

// A 16x16 PNG of one colour, written by hand (QImage::save would load the image plugins).
QByteArray greenPng16()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAFklEQVR4nGNg+E8h"
                                  "HDVg1IBRA4aLAQAxtf4QMNSIagAAAABJRU5ErkJggg==");
}

} // namespace

class TestAppStyle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(new AppStyle(QApplication::style()->name()));
        QIcon::setThemeName(QString());
    }

    // First, while nothing in this process has touched an image plugin.
    void clearIcon_isQtsOwnPngReadWithoutPlugins()
    {
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
        QSKIP("the native style draws its own clear icon");
#endif
        QVERIFY(AppStyle::themeIsFallbackOnly());
        const QIcon icon = QApplication::style()->standardIcon(QStyle::SP_LineEditClearButton);
        QVERIFY(!icon.isNull());
        QVERIFY(icon.availableSizes().contains(QSize(16, 16)));
        QLineEdit edit;
        edit.setClearButtonEnabled(true);
        edit.setText(QStringLiteral("text"));
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        // A toolbar too narrow for its actions shows its extension button.
        QToolBar toolbar;
        for (int i = 0; i < 8; ++i)
            toolbar.addAction(QStringLiteral("Action %1").arg(i));
        toolbar.resize(60, 30);
        toolbar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&toolbar));
        const auto *more =
            toolbar.findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
        QVERIFY(more);
        QTRY_VERIFY(more->isVisible());
        QVERIFY(!more->icon().isNull());
#ifdef Q_OS_LINUX
        QCOMPARE(mappedImagePlugins(), 0);
#endif
        // The same icon every time: read once.
        QCOMPARE(QApplication::style()->standardIcon(QStyle::SP_LineEditClearButton).cacheKey(),
                 icon.cacheKey());
    }

    void extensionIcons_areTheImagesThePlatformStyleShows()
    {
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
        QSKIP("the native style draws its own extension icons");
#endif
        QStyle *ours = QApplication::style();
        const QStyle *platform = qobject_cast<QProxyStyle *>(ours)->baseStyle();
        QStyleOption rtl;
        rtl.direction = Qt::RightToLeft;
        const struct {
            QStyle::StandardPixmap which;
            const QStyleOption *option;
        } icons[] = {{QStyle::SP_ToolBarHorizontalExtensionButton, nullptr},
                     {QStyle::SP_ToolBarHorizontalExtensionButton, &rtl},
                     {QStyle::SP_ToolBarVerticalExtensionButton, nullptr}};
        for (const auto &icon : icons) {
            const QIcon mine = ours->standardIcon(icon.which, icon.option);
            const QIcon theirs = platform->standardIcon(icon.which, icon.option);
            QCOMPARE(mine.availableSizes(), theirs.availableSizes());
            QVERIFY(!mine.availableSizes().isEmpty());
            for (const QSize size : theirs.availableSizes())
                QCOMPARE(mine.pixmap(size).toImage(), theirs.pixmap(size).toImage());
        }
        // Right to left, the arrows point the other way.
        const QSize size(16, 10);
        QVERIFY(
            ours->standardIcon(QStyle::SP_ToolBarHorizontalExtensionButton, &rtl)
                .pixmap(size)
                .toImage() !=
            ours->standardIcon(QStyle::SP_ToolBarHorizontalExtensionButton).pixmap(size).toImage());
    }

    void clearIcon_comesFromARealIconTheme()
    {
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
        QSKIP("the native style decides whether it uses an icon theme");
#endif
        // A theme with its own clear icon, in green: the platform's style must find it.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir root(dir.path());
        QVERIFY(root.mkpath(QStringLiteral("abtest/16x16/actions")));
        QFile index(root.filePath(QStringLiteral("abtest/index.theme")));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("[Icon Theme]\nName=abtest\nDirectories=16x16/actions\n\n"
                    "[16x16/actions]\nSize=16\nType=Fixed\n");
        index.close();
        for (const char *name :
             {"edit-clear", "edit-clear-locationbar-rtl", "edit-clear-locationbar-ltr"}) {
            QFile png(root.filePath(
                QStringLiteral("abtest/16x16/actions/%1.png").arg(QLatin1String(name))));
            QVERIFY(png.open(QIODevice::WriteOnly));
            png.write(greenPng16());
        }
        const QStringList paths = QIcon::themeSearchPaths();
        QIcon::setThemeSearchPaths({dir.path()});
        QIcon::setThemeName(QStringLiteral("abtest"));
        QVERIFY(!AppStyle::themeIsFallbackOnly());
        const QIcon icon = QApplication::style()->standardIcon(QStyle::SP_LineEditClearButton);
        const QImage image = icon.pixmap(QSize(16, 16)).toImage();
        QIcon::setThemeName(QString());
        QIcon::setThemeSearchPaths(paths);
        QCOMPARE(image.pixelColor(8, 8), QColor(Qt::green));
    }

    void otherIcons_comeFromThePlatformStyle()
    {
        QVERIFY(!QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning).isNull());
        QVERIFY(qobject_cast<QProxyStyle *>(QApplication::style())->baseStyle());
    }
};

QTEST_MAIN(TestAppStyle)
#include "tst_appstyle.moc"
