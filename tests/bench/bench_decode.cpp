// Decoding speed of the app catalog: 10,000 apps in 100 pages of 100, as GET /v2/apps returns
// them. Target (issue 2): the whole page set under 50 ms. Prints numbers; never fails CI.
#include "api/decoders.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <ctime>

static QByteArray appJson(int index)
{
    const QByteArray n = QByteArray::number(index);
    const QByteArray image =
        "https://zapier-images.imgix.net/storage/services/" + n + ".png?auto=format";
    return "{\"id\":\"00000000-0000-4000-8000-" + n.rightJustified(12, '0') +
           "\",\"type\":\"app\",\"title\":\"App " + n +
           "\",\"description\":\"Generated app number " + n +
           " with a description about as long as the real catalog's ones are.\",\"image\":\"" +
           image + "\",\"images\":{\"url_16x16\":\"" + image + "&w=16\",\"url_32x32\":\"" + image +
           "&w=32\",\"url_64x64\":\"" + image + "&w=64\",\"url_128x128\":\"" + image +
           "&w=128\"},\"hex_color\":\"ff4a00\",\"categories\":[{\"slug\":\"productivity\"},{"
           "\"slug\":\"crm\"}],"
           "\"action_types\":[\"READ\",\"WRITE\",\"SEARCH\"],\"links\":{\"connect_new_"
           "authentication\":"
           "\"https://zapier.com/engine/auth/start/App" +
           n + "API@1.0.0\"}}";
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    constexpr int pages = 100;
    constexpr int perPage = 100;
    QList<QByteArray> bodies;
    qint64 bytes = 0;
    for (int page = 0; page < pages; ++page) {
        QByteArray body =
            "{\"links\":{\"next\":\"https://api.zapier.com/v2/apps?offset=" +
            QByteArray::number((page + 1) * perPage) +
            "&limit=100\",\"previous\":null},\"meta\":{\"count\":10000,\"limit\":100,\"offset\":" +
            QByteArray::number(page * perPage) + "},\"data\":[";
        for (int i = 0; i < perPage; ++i) {
            if (i)
                body += ',';
            body += appJson(page * perPage + i);
        }
        body += "]}";
        bytes += body.size();
        bodies.append(body);
    }
    QList<double> runs;
    QList<double> cpuRuns; // process CPU time: what a loaded machine stretches least
    int decoded = 0;
    for (int round = 0; round < 15; ++round) {
        QElapsedTimer timer;
        const std::clock_t cpuStart = std::clock();
        timer.start();
        decoded = 0;
        for (const QByteArray &body : bodies) {
            const auto result = ab::api::decodeApps(body);
            if (!result.ok()) {
                std::fprintf(stderr, "decode failed: %s\n", qPrintable(result.error().summary()));
                return 1;
            }
            decoded += int(result.value().items.size());
        }
        runs.append(timer.nsecsElapsed() / 1e6);
        cpuRuns.append(double(std::clock() - cpuStart) * 1000.0 / CLOCKS_PER_SEC);
    }
    // The floor under any decoder built on Qt's JSON parser: QJsonDocument::fromJson alone on the
    // same page set, timed the same way, so the README can show how much of the time is ours.
    QList<double> parseRuns;
    for (int round = 0; round < 15; ++round) {
        QElapsedTimer timer;
        timer.start();
        qsizetype keys = 0;
        for (const QByteArray &body : bodies)
            keys += QJsonDocument::fromJson(body).object().size();
        parseRuns.append(timer.nsecsElapsed() / 1e6);
        if (keys != 3 * pages) {
            std::fprintf(stderr, "parse failed\n");
            return 1;
        }
    }
    std::sort(parseRuns.begin(), parseRuns.end());
    std::sort(runs.begin(), runs.end());
    std::sort(cpuRuns.begin(), cpuRuns.end());
    std::printf("decode 10,000 apps (%d pages, %.1f MB): median %.1f ms, best %.1f ms (target < 50 "
                "ms); CPU time median %.1f ms [%d apps]\n",
                pages, bytes / 1e6, runs[runs.size() / 2], runs.first(),
                cpuRuns[cpuRuns.size() / 2], decoded);
    std::printf(
        "  of which Qt's parser alone (QJsonDocument::fromJson, same pages): median %.1f ms, "
        "best %.1f ms\n",
        parseRuns[parseRuns.size() / 2], parseRuns.first());
    return 0;
}
