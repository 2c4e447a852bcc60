// The yardstick for start-up time: a bare Qt Widgets window, shown and painted, then exit.
// tests/bench/startup.sh times it and `actionbench --self-test` in the same run.
#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("Hello"), &window));
    window.resize(1200, 800);
    window.show();
    QTimer::singleShot(0, &window, [&window] {
        window.repaint();
        QCoreApplication::quit();
    });
    return app.exec();
}
