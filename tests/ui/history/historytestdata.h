#pragma once

// Runs for the history tests: records written straight into a HistoryStore in a temporary
// directory, as RunService would leave them.

#include "core/requestrecord.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"

#include <QTemporaryDir>
#include <QTimeZone>

#include <memory>

namespace ab::test {

inline QDateTime historyEpoch()
{
    return QDateTime(QDate(2026, 1, 5), QTime(9, 0), QTimeZone::utc());
}

inline runs::RunRecord sampleRun(int n, runs::Phase phase = runs::Phase::Success)
{
    runs::RunRecord run;
    run.environment = QStringLiteral("http://127.0.0.1:9");
    run.appId = QStringLiteral("app-slack");
    run.appTitle = n % 2 ? QStringLiteral("Slack") : QStringLiteral("Google Sheets");
    run.actionKey = QStringLiteral("send_channel_message");
    run.actionTitle = QStringLiteral("Send Channel Message");
    run.actionType = QStringLiteral("WRITE");
    run.actionId = QStringLiteral("core:action-%1").arg(n);
    run.connectionId = QStringLiteral("conn-1");
    run.connectionTitle = QStringLiteral("team@example.com");
    run.serverRunId = QStringLiteral("run-%1").arg(n);
    run.phase = phase;
    run.statusRaw =
        runs::isFinalPhase(phase) ? QStringLiteral("success") : QStringLiteral("waiting");
    run.inputs = {{QStringLiteral("channel"), QStringLiteral("C1")},
                  {QStringLiteral("message"), QStringLiteral("Hello %1").arg(n)}};
    run.inputLabels = {{QStringLiteral("channel"), QStringLiteral("#general")}};
    run.resultsJson = R"([{"ok":true,"ts":"1700000000.000100"}])";
    run.createdAt = historyEpoch().addSecs(n);
    run.submittedAt = run.createdAt.addMSecs(100);
    if (runs::isFinalPhase(phase))
        run.finishedAt = run.submittedAt.addMSecs(1500);
    run.events = {runs::RunEvent{run.createdAt, runs::Phase::Preparing, QString(), QString()},
                  runs::RunEvent{run.submittedAt, runs::Phase::Waiting, QStringLiteral("waiting"),
                                 QStringLiteral("Created on the server")}};
    if (runs::isFinalPhase(phase))
        run.events.append(runs::RunEvent{run.finishedAt, phase, run.statusRaw, QString()});
    return run;
}

// One API call of `run`, as its API calls tab lists it.
inline core::RequestRecord sampleCall(const runs::RunRecord &run, const QString &method,
                                      const QString &url, int httpStatus)
{
    core::RequestRecord call;
    call.id = 1;
    call.method = method;
    call.url = url;
    call.startedAt = run.createdAt;
    call.httpStatus = httpStatus;
    return call;
}

// A store in its own temporary directory, closed and removed with it.
class TempHistory {
public:
    TempHistory()
        : m_store(std::make_unique<runs::HistoryStore>(runs::jsonRunCodec()))
    {}
    bool open() { return m_dir.isValid() && m_store->open(m_dir.filePath(QStringLiteral("h.db"))); }
    runs::HistoryStore *store() { return m_store.get(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<runs::HistoryStore> m_store;
};

} // namespace ab::test
