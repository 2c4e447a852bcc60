// The yardstick for start-up time: a bare Qt Widgets window, shown and painted, then exit.
// tests/bench/startup.sh times it and `actionbench --self-test` in the same run; both report
// through the same FirstPaintProbe, once the window system has exposed the window and its first
// frame is painted.
#include "widgets/firstpaintprobe.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

#include <chrono>
#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("Hello"), &window));
    window.resize(1200, 800);
    window.show();
    new ab::ui::FirstPaintProbe(
        &window, [] { return true; },
        [] {
            // As `actionbench --self-test` does: the wall clock at the paint, for startup.sh.
            std::printf("painted at %lld us\n",
                        qlonglong(std::chrono::duration_cast<std::chrono::microseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count()));
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    return app.exec();
}
