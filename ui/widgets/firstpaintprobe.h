#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QPointer>
#include <QWidget>
#include <QWindow>

#include <functional>
#include <utility>

namespace ab::ui {

// Tells when a top-level window has painted its first frame in which a condition holds (for
// `actionbench --self-test`: the catalog is listed), so start-up can be timed to what a user
// sees. A widget's repaint() does nothing until the window system has exposed the window, so
// "repainted" alone can mean nothing was painted yet; this waits for the expose when needed.
//
// Header-only on purpose: bench_barewindow, the yardstick the start-up benchmark compares the
// app with, uses the same probe without linking anything beyond Qt Widgets.
class FirstPaintProbe final : public QObject {
public:
    // `window` must be shown (it has its QWindow). `painted` runs once, right after a paint of
    // the whole window during which `ready()` held.
    FirstPaintProbe(QWidget *window, std::function<bool()> ready, std::function<void()> painted)
        : QObject(window)
        , m_window(window)
        , m_ready(std::move(ready))
        , m_painted(std::move(painted))
    {
        Q_ASSERT(window->isWindow() && window->windowHandle());
        if (window->windowHandle()->isExposed())
            check();
        else
            window->windowHandle()->installEventFilter(this);
    }

    // Call whenever ready() may have become true. Once the window is exposed, it paints now.
    void check()
    {
        if (m_done || !m_window || !m_window->windowHandle()->isExposed() || !m_ready())
            return;
        m_window->repaint();
        finish();
    }

    bool isDone() const { return m_done; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Expose || m_done)
            return false;
        // Deliver the expose here, which paints the window, so the time is taken after the paint.
        watched->removeEventFilter(this);
        QCoreApplication::sendEvent(watched, event);
        if (!m_window->windowHandle()->isExposed())
            watched->installEventFilter(this); // e.g. minimized: wait for the next one
        else if (m_ready())
            finish();
        return true;
    }

private:
    void finish()
    {
        m_done = true;
        m_painted();
    }

    QPointer<QWidget> m_window;
    std::function<bool()> m_ready;
    std::function<void()> m_painted;
    bool m_done = false;
};

} // namespace ab::ui
