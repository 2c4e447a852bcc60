// Scrolling a 100,000-run history (issue 3: no frame over 16 ms). Fills a history file, opens
// the history pane on it, then scrolls page by page to the end, timing each step on the UI
// thread: the scroll, any fetchMore it triggers, and a synchronous repaint.
#include "models/historymodel.h"
#include "models/iconcache.h"
#include "panes/historypane.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace ab;

// How busy the VM's CPUs were between two readings of /proc/stat, and the host's share (the
// `steal` column): a paint stretched by another process or by a descheduled vCPU is not the
// view's doing. This process alone keeps one CPU busy. Linux only; elsewhere nothing is printed.
struct CpuTimes {
    qint64 idle = 0; // idle and iowait
    qint64 steal = 0;
    qint64 total = 0;
};

static CpuTimes cpuTimes()
{
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> fields = stat.readLine().simplified().split(' ');
    CpuTimes times;
    for (qsizetype i = 1; i < fields.size() && i <= 8; ++i) // user .. steal
        times.total += fields.at(i).toLongLong();
    times.idle = fields.value(4).toLongLong() + fields.value(5).toLongLong();
    times.steal = fields.value(8).toLongLong();
    return times;
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    runs::HistoryStore store(runs::jsonRunCodec());
    if (!store.open(dir.filePath(QStringLiteral("history.sqlite"))))
        return 1;
    constexpr int total = 100000;
    QList<runs::RunRecord> records;
    records.reserve(total);
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-60);
    for (int i = 0; i < total; ++i) {
        runs::RunRecord record;
        record.environment = QStringLiteral("sandbox");
        record.appId = i % 3 ? QStringLiteral("app-sheets") : QStringLiteral("app-slack");
        record.appTitle = i % 3 ? QStringLiteral("Google Sheets") : QStringLiteral("Slack");
        record.actionTitle = i % 3 ? QStringLiteral("Create Spreadsheet Row")
                                   : QStringLiteral("Send Channel Message");
        record.connectionTitle = QStringLiteral("ada@example.com");
        record.phase = i % 11 == 0 ? runs::Phase::Error : runs::Phase::Success;
        record.createdAt = start.addSecs(i * 30);
        record.finishedAt = record.createdAt.addMSecs(700 + i % 900);
        records.append(record);
    }
    if (!store.insertMany(records))
        return 1;

    ui::HistoryPane pane(&store);
    // App icons as the window gives them: a lookup by app id into icons already made.
    const QHash<QString, QIcon> icons{
        {QStringLiteral("app-sheets"),
         models::IconCache::letterTile(QStringLiteral("Google Sheets"), QStringLiteral("0f9d58"))},
        {QStringLiteral("app-slack"),
         models::IconCache::letterTile(QStringLiteral("Slack"), QStringLiteral("4a154b"))}};
    pane.setIconProvider([&icons](const runs::RunSummary &run) { return icons.value(run.appId); });
    pane.resize(900, 700);
    pane.show();
    QTableView *view = pane.view();
    QList<double> frames;
    int fetched = 0;
    int slowShown = 0;
    // One page down per event-loop turn, until every row was fetched and shown.
    QTimer stepper;
    stepper.setInterval(0);
    QObject::connect(&stepper, &QTimer::timeout, &app, [&] {
        QScrollBar *bar = view->verticalScrollBar();
        QElapsedTimer timer;
        timer.start();
        bar->setValue(bar->value() + bar->pageStep());
        const qint64 scrolled = timer.nsecsElapsed();
        if (bar->value() == bar->maximum() && pane.model()->canFetchMore({}))
            pane.model()->fetchMore({});
        const qint64 fetchedAt = timer.nsecsElapsed();
        view->viewport()->repaint();
        const double frame = timer.nsecsElapsed() / 1e6;
        frames.append(frame);
        if (frame > 16.0 && ++slowShown <= 5) // where the time goes, for the first few
            std::fprintf(stderr,
                         "slow frame %.1f ms: scroll %.1f, fetch %.1f, paint %.1f (rows %d)\n",
                         frame, scrolled / 1e6, (fetchedAt - scrolled) / 1e6,
                         frame - fetchedAt / 1e6, pane.model()->rowCount());
        fetched = pane.model()->rowCount();
        if (fetched >= total && bar->value() == bar->maximum()) {
            stepper.stop();
            QCoreApplication::quit();
        }
    });
    const CpuTimes before = cpuTimes();
    stepper.start();
    app.exec();
    const CpuTimes after = cpuTimes();
    std::sort(frames.begin(), frames.end());
    const qsizetype over =
        std::count_if(frames.begin(), frames.end(), [](double ms) { return ms > 16.0; });
    std::printf("history scroll over %d runs: %lld page steps, median %.2f ms, worst %.2f ms, %lld "
                "over 16 ms\n",
                fetched, qlonglong(frames.size()), frames[frames.size() / 2], frames.last(),
                qlonglong(over));
    if (after.total > before.total) {
        const double total = double(after.total - before.total);
        std::printf("  during the run: CPUs %.0f%% busy, host steal %.0f%% of the VM's CPU time\n",
                    100.0 * (1.0 - double(after.idle - before.idle) / total),
                    100.0 * double(after.steal - before.steal) / total);
    }
    return 0;
}
