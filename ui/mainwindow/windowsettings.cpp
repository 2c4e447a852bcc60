#include "mainwindow/windowsettings.h"

#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSplitter>

namespace ab::ui {

namespace {

const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString inspectorOpenKey = QStringLiteral("window/inspectorOpen");
const QString mainSplitterKey = QStringLiteral("window/mainSplitter");
const QString workSplitterKey = QStringLiteral("window/workSplitter");
const QString historySplitterKey = QStringLiteral("window/historySplitter");
const QString customUrlKey = QStringLiteral("environment/customUrl");
const QString appKey = QStringLiteral("selection/app");
const QString actionKey = QStringLiteral("selection/action");

} // namespace

void WindowSettings::restoreLayout(const Layout &layout) const
{
    if (!m_settings ||
        !layout.window->restoreGeometry(m_settings->value(geometryKey).toByteArray()))
        sizeForFirstRun(layout);
    if (!m_settings)
        return;
    layout.window->restoreState(m_settings->value(stateKey).toByteArray());
    layout.main->restoreState(m_settings->value(mainSplitterKey).toByteArray());
    layout.work->restoreState(m_settings->value(workSplitterKey).toByteArray());
    layout.history->restoreState(m_settings->value(historySplitterKey).toByteArray());
}

void WindowSettings::saveLayout(const Layout &layout, bool inspectorOpen) const
{
    if (!m_settings)
        return;
    m_settings->setValue(geometryKey, layout.window->saveGeometry());
    m_settings->setValue(stateKey, layout.window->saveState());
    m_settings->setValue(inspectorOpenKey, inspectorOpen);
    m_settings->setValue(mainSplitterKey, layout.main->saveState());
    m_settings->setValue(workSplitterKey, layout.work->saveState());
    m_settings->setValue(historySplitterKey, layout.history->saveState());
}

bool WindowSettings::inspectorWasOpen() const
{
    if (!m_settings)
        return false;
    return m_settings->value(inspectorOpenKey, !m_settings->value(stateKey).toByteArray().isEmpty())
        .toBool();
}

QUrl WindowSettings::customServerUrl() const
{
    return m_settings ? m_settings->value(customUrlKey).toUrl() : QUrl();
}

void WindowSettings::saveCustomServerUrl(const QUrl &url) const
{
    if (m_settings)
        m_settings->setValue(customUrlKey, url);
}

WindowSettings::Selection WindowSettings::selection() const
{
    if (!m_settings)
        return {};
    return {m_settings->value(appKey).toString(), m_settings->value(actionKey).toString()};
}

void WindowSettings::saveSelection(const Selection &selection) const
{
    if (!m_settings || selection.appId.isEmpty())
        return;
    m_settings->setValue(appKey, selection.appId);
    m_settings->setValue(actionKey, selection.actionKey);
}

void WindowSettings::sizeForFirstRun(const Layout &layout)
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    const QSize available = screen ? screen->availableGeometry().size() : QSize(1440, 900);
    QMainWindow *window = layout.window;
    window->resize(QSize(available.width() * 85 / 100, available.height() * 85 / 100)
                       .expandedTo(QSize(1100, 720))
                       .boundedTo(available));
    layout.main->setSizes({window->width() / 4, window->width() * 3 / 4});
    layout.work->setSizes({window->height() * 3 / 5, window->height() * 2 / 5});
}

} // namespace ab::ui
