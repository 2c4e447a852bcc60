// FirstPaintProbe: "painted" means a frame was painted while the condition held, never a
// repaint() that the window system had not exposed yet.
#include "widgets/firstpaintprobe.h"

#include <QLabel>
#include <QMainWindow>
#include <QPaintEvent>
#include <QTest>

using ab::ui::FirstPaintProbe;

namespace {

// Counts its paints, and remembers the text it showed in the latest one.
class CountingLabel final : public QLabel {
public:
    using QLabel::QLabel;
    int paints = 0;
    QString paintedText;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QLabel::paintEvent(event);
        ++paints;
        paintedText = text();
    }
};

struct Window {
    QMainWindow window;
    CountingLabel *label = new CountingLabel(QStringLiteral("loading"), &window);
    Window()
    {
        window.setCentralWidget(label);
        window.resize(400, 300);
    }
};

} // namespace

class TestFirstPaintProbe final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readyBeforeTheExposeReportsAfterItsPaint()
    {
        Window w;
        w.label->setText(QStringLiteral("listed"));
        w.window.show();
        QVERIFY(!w.window.windowHandle()->isExposed()); // the expose comes through the event loop
        int paintsWhenReported = -1;
        QString textWhenReported;
        auto *probe = new FirstPaintProbe(
            &w.window, [] { return true; },
            [&] {
                paintsWhenReported = w.label->paints;
                textWhenReported = w.label->paintedText;
            });
        QVERIFY(!probe->isDone());
        probe->check(); // not exposed yet: a repaint now would paint nothing
        QCOMPARE(paintsWhenReported, -1);
        QTRY_VERIFY(probe->isDone());
        QCOMPARE(paintsWhenReported, 1);
        QCOMPARE(textWhenReported, QStringLiteral("listed"));
    }

    void readyAfterTheExposePaintsThenReports()
    {
        Window w;
        bool listed = false;
        int paintsWhenReported = -1;
        QString textWhenReported;
        w.window.show();
        auto *probe = new FirstPaintProbe(
            &w.window, [&listed] { return listed; },
            [&] {
                paintsWhenReported = w.label->paints;
                textWhenReported = w.label->paintedText;
            });
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QTRY_COMPARE(w.label->paints, 1); // the first frame, without the condition
        QVERIFY(!probe->isDone());
        QCOMPARE(w.label->paintedText, QStringLiteral("loading"));

        listed = true;
        w.label->setText(QStringLiteral("listed"));
        probe->check();
        QVERIFY(probe->isDone()); // exposed: it paints at once
        QCOMPARE(paintsWhenReported, 2);
        QCOMPARE(textWhenReported, QStringLiteral("listed"));
    }

    void reportsOnce()
    {
        Window w;
        int reports = 0;
        w.window.show();
        auto *probe = new FirstPaintProbe(
            &w.window, [] { return true; }, [&reports] { ++reports; });
        QTRY_VERIFY(probe->isDone());
        probe->check();
        w.window.repaint();
        QCOMPARE(reports, 1);
    }
};

QTEST_MAIN(TestFirstPaintProbe)
#include "tst_firstpaintprobe.moc"
