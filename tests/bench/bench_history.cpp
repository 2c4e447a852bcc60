// History store speed. Targets (issue 2): insert 100,000 runs under 5 s; load the newest 200
// under 20 ms. Prints numbers; never fails CI.
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace ab::runs;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    HistoryStore store(jsonRunCodec());
    if (!store.open(dir.filePath(QStringLiteral("history.sqlite")))) {
        std::fprintf(stderr, "cannot open the store\n");
        return 1;
    }
    constexpr int total = 100000;
    QList<RunRecord> records;
    records.reserve(total);
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-30);
    for (int i = 0; i < total; ++i) {
        RunRecord record;
        record.environment = QStringLiteral("sandbox");
        record.appId = QStringLiteral("app-%1").arg(i % 40);
        record.appTitle = QStringLiteral("App %1").arg(i % 40);
        record.actionKey = QStringLiteral("add_row");
        record.actionTitle = QStringLiteral("Create Spreadsheet Row");
        record.actionType = QStringLiteral("WRITE");
        record.connectionId = QStringLiteral("conn-%1").arg(i % 7);
        record.connectionTitle = QStringLiteral("Google Sheets ada@example.com");
        record.serverRunId = QStringLiteral("run-%1").arg(i);
        record.phase = i % 10 == 0 ? Phase::Error : Phase::Success;
        record.statusRaw = i % 10 == 0 ? QStringLiteral("error") : QStringLiteral("success");
        record.inputs = QVariantMap{{QStringLiteral("spreadsheet"), QStringLiteral("sheet_1")},
                                    {QStringLiteral("name"), QStringLiteral("Ada %1").arg(i)}};
        record.resultsJson =
            "[{\"id\":" + QByteArray::number(i) + ",\"row\":" + QByteArray::number(i % 500) + "}]";
        record.createdAt = start.addSecs(i * 20);
        record.submittedAt = record.createdAt.addMSecs(40);
        record.finishedAt = record.createdAt.addMSecs(900 + i % 300);
        records.append(record);
    }
    QElapsedTimer timer;
    timer.start();
    if (!store.insertMany(records)) {
        std::fprintf(stderr, "insertMany failed: %s\n", qPrintable(store.lastError().detail));
        return 1;
    }
    const double insertMs = timer.nsecsElapsed() / 1e6;

    QList<double> loads;
    qsizetype loaded = 0;
    for (int round = 0; round < 20; ++round) {
        timer.restart();
        loaded = store.list(RunFilter{}, 0, 200).size();
        loads.append(timer.nsecsElapsed() / 1e6);
    }
    std::sort(loads.begin(), loads.end());
    timer.restart();
    RunFilter filter;
    filter.text = QStringLiteral("App 7");
    const qsizetype filtered = store.list(filter, 0, 200).size();
    const double filterMs = timer.nsecsElapsed() / 1e6;
    std::printf("history: insert %d runs %.0f ms (target < 5000 ms); newest 200: median %.2f ms "
                "(target < 20 ms) [%lld rows]; "
                "text filter: %.1f ms [%lld rows]\n",
                total, insertMs, loads[loads.size() / 2], qlonglong(loaded), filterMs,
                qlonglong(filtered));
    return 0;
}
