#pragma once

#include <QString>
#include <QUrl>

class QMainWindow;
class QSettings;
class QSplitter;

namespace ab::ui {

// What the main window keeps between sessions, in QSettings: its geometry, its docks and tool
// bar, the three splitters, whether the API inspector was open, the custom server's URL, and
// the app and action last chosen. Ids and layout only, never a token or an input value (the
// form's values are kept in the history file, without its passwords).
class WindowSettings final {
public:
    // The window and its splitters, as saved and restored together.
    struct Layout {
        QMainWindow *window = nullptr;
        QSplitter *main = nullptr;    // catalog | work
        QSplitter *work = nullptr;    // form over history
        QSplitter *history = nullptr; // history list | run detail
    };
    struct Selection {
        QString appId;
        QString actionKey;
    };

    // With no settings (tests, a build without them) nothing is kept and nothing comes back.
    explicit WindowSettings(QSettings *settings)
        : m_settings(settings)
    {}

    // Puts the saved layout back. A window with no saved geometry (the first run, or none
    // readable) is sized by sizeForFirstRun(); a splitter with no saved state keeps its sizes.
    void restoreLayout(const Layout &layout) const;
    void saveLayout(const Layout &layout, bool inspectorOpen) const;
    // Whether the inspector was open. Settings written before this was kept say it was open
    // whenever a window state was saved; the dock's own saved state then decides.
    bool inspectorWasOpen() const;

    QUrl customServerUrl() const;
    void saveCustomServerUrl(const QUrl &url) const;

    Selection selection() const; // empty when nothing was chosen yet
    void saveSelection(const Selection &selection) const;

    // Most of the screen's available space, never less than the panes need side by side; the
    // catalog a quarter of the width, the history two fifths of the height.
    static void sizeForFirstRun(const Layout &layout);

private:
    QSettings *m_settings;
};

} // namespace ab::ui
