#include "runs/runtracker.h"
#include "support/fakebackend.h"
#include "support/manualclock.h"

#include <QSignalSpy>
#include <QTest>

using namespace ab::runs;
using ab::core::ApiError;
using ab::core::ApiResult;
using ab::core::ErrorKind;
using ab::core::RunState;
using ab::core::RunStatus;
using ab::test::FakeBackend;
using ab::test::FakeCall;
using ab::test::ManualClock;

namespace {

ApiError retryAfter(ErrorKind kind, int httpStatus, int seconds)
{
    ApiError error = FakeBackend::error(kind, httpStatus);
    error.retryAfterSeconds = seconds;
    return error;
}

// Replies in order, one per poll; the last one repeats.
FakeBackend::Handler<RunState> script(QList<ApiResult<RunState>> replies)
{
    auto index = std::make_shared<int>(0);
    return [replies, index](const FakeCall &) -> std::optional<ApiResult<RunState>> {
        const int at = qMin(*index, int(replies.size()) - 1);
        ++*index;
        return replies.at(at);
    };
}

} // namespace

class TestRunTracker final : public QObject {
    Q_OBJECT

private:
    FakeBackend *m_backend = nullptr;
    ManualClock *m_clock = nullptr;
    RunTracker *m_tracker = nullptr;

private Q_SLOTS:
    void init()
    {
        m_backend = new FakeBackend(this);
        m_clock = new ManualClock;
        m_tracker = new RunTracker(m_backend, m_clock, this);
        // The SDK's shape with milliseconds instead of seconds, so tests never wait long.
        m_tracker->setSchedule(PollSchedule(1, {{1000000, 5}}, 5, 180000));
        m_tracker->setErrorBackoffMs(1);
    }

    void cleanup()
    {
        delete m_tracker;
        delete m_backend;
        delete m_clock;
    }

    void waitingThenSuccess_finishesWithResults()
    {
        ApiResult<RunState> waiting(FakeBackend::runState(QStringLiteral("waiting")));
        waiting.calls = {ab::core::RequestRecord{}};
        m_backend->onGetRun =
            script({waiting, waiting,
                    FakeBackend::runState(QStringLiteral("success"), R"([{"id":123}])")});
        QSignalSpy changed(m_tracker, &RunTracker::statusChanged);
        QSignalSpy calls(m_tracker, &RunTracker::callsMade);
        QSignalSpy finished(m_tracker, &RunTracker::finished);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(finished.wait());
        QCOMPARE(changed.size(), 1); // "waiting" twice is one change
        QCOMPARE(calls.size(), 2);
        const RunState done = finished.first().first().value<RunState>();
        QCOMPARE(done.status, RunStatus::Success);
        QCOMPARE(done.resultsJson, QByteArray(R"([{"id":123}])"));
        QVERIFY(!m_tracker->isActive());
        const QList<FakeCall> polls = m_backend->callsOf(QStringLiteral("getRun"));
        QCOMPARE(polls.size(), 3);
        QCOMPARE(polls.first().args.first(), QStringLiteral("run-1"));
        QCOMPARE(polls.first().priority, ab::core::Priority::Background);
    }

    void storedRun_pollsTheStoredActionRun()
    {
        m_backend->onStoredActionRun = script({FakeBackend::runState(QStringLiteral("success"))});
        QSignalSpy finished(m_tracker, &RunTracker::finished);
        m_tracker->start(QStringLiteral("run-9"), QStringLiteral("sa-1"));
        QVERIFY(finished.wait());
        QCOMPARE(m_backend->callCount(QStringLiteral("getRun")), 0);
        const FakeCall call = m_backend->callsOf(QStringLiteral("storedActionRun")).first();
        QCOMPARE(call.args, (QStringList{QStringLiteral("sa-1"), QStringLiteral("run-9")}));
        QCOMPARE(call.priority, ab::core::Priority::Background);
    }

    void statusChanged_reportsEachNewPendingStatus()
    {
        m_backend->onGetRun = script({FakeBackend::runState(QStringLiteral("queued")),
                                      FakeBackend::runState(QStringLiteral("running")),
                                      FakeBackend::runState(QStringLiteral("running")),
                                      FakeBackend::runState(QStringLiteral("error"))});
        QSignalSpy changed(m_tracker, &RunTracker::statusChanged);
        QSignalSpy finished(m_tracker, &RunTracker::finished);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(finished.wait());
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).first().value<RunState>().statusRaw, QStringLiteral("running"));
        QCOMPARE(finished.first().first().value<RunState>().status, RunStatus::Error);
    }

    void transientErrors_backOffThenSucceed()
    {
        m_backend->onGetRun = script({FakeBackend::error(ErrorKind::Unavailable, 503),
                                      FakeBackend::error(ErrorKind::Network),
                                      FakeBackend::error(ErrorKind::MalformedResponse, 200),
                                      FakeBackend::runState(QStringLiteral("success"))});
        QSignalSpy pollFailed(m_tracker, &RunTracker::pollFailed);
        QSignalSpy finished(m_tracker, &RunTracker::finished);
        QSignalSpy failed(m_tracker, &RunTracker::failed);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(finished.wait());
        QCOMPARE(pollFailed.size(), 3);
        QCOMPARE(pollFailed.at(2).at(1).toInt(), 3);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(m_tracker->consecutiveErrors(), 0);
    }

    void tooManyErrorsInARow_fail()
    {
        m_tracker->setMaxConsecutiveErrors(3);
        m_backend->onGetRun = script({FakeBackend::error(ErrorKind::Server, 500)});
        QSignalSpy failed(m_tracker, &RunTracker::failed);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(failed.wait());
        QCOMPARE(failed.first().first().value<ApiError>().kind, ErrorKind::Server);
        QCOMPARE(m_backend->callCount(QStringLiteral("getRun")), 3);
        QVERIFY(!m_tracker->isActive());
        QCOMPARE(m_tracker->scheduledDelayMs(), -1);
    }

    void lastingError_failsAtOnce()
    {
        m_backend->onGetRun = script({FakeBackend::error(ErrorKind::NotFound, 404)});
        QSignalSpy failed(m_tracker, &RunTracker::failed);
        QSignalSpy pollFailed(m_tracker, &RunTracker::pollFailed);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(failed.wait());
        QCOMPARE(m_backend->callCount(QStringLiteral("getRun")), 1);
        QCOMPARE(pollFailed.size(), 0);
    }

    void rateLimitedPoll_waitsForRetryAfter()
    {
        m_backend->onGetRun = script({retryAfter(ErrorKind::RateLimited, 429, 30)});
        QSignalSpy pollFailed(m_tracker, &RunTracker::pollFailed);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(pollFailed.wait());
        QVERIFY(m_tracker->isActive());
        QVERIFY(m_tracker->scheduledDelayMs() >= 30000);
    }

    void minimumIntervalHook_slowsPolling()
    {
        qint64 floorMs = 5000;
        m_tracker->setMinimumIntervalHook([&floorMs] { return floorMs; });
        QCOMPARE(m_tracker->scheduledDelayMs(), -1);
        m_tracker->start(QStringLiteral("run-1"));
        QCOMPARE(m_tracker->scheduledDelayMs(), 5000); // even the first poll
        m_tracker->stop();

        floorMs = 0;
        QSignalSpy called(m_backend, &FakeBackend::called);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(called.wait());
        floorMs = 7000; // e.g. the scheduler reports the budget low
        m_backend->pendingGetRun.takeFirst().reply(
            FakeBackend::runState(QStringLiteral("waiting")));
        QCOMPARE(m_tracker->scheduledDelayMs(), 7000);
        m_tracker->stop();
    }

    void timeout_afterClockPassesIt()
    {
        // No handler: the test answers each poll itself, moving the clock in between.
        QSignalSpy called(m_backend, &FakeBackend::called);
        QSignalSpy timedOut(m_tracker, &RunTracker::timedOut);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(called.wait());
        m_clock->advance(60000);
        m_backend->pendingGetRun.takeFirst().reply(
            FakeBackend::runState(QStringLiteral("waiting")));
        QCOMPARE(timedOut.size(), 0);
        QVERIFY(called.wait());
        m_clock->advance(121000);
        m_backend->pendingGetRun.takeFirst().reply(
            FakeBackend::runState(QStringLiteral("waiting")));
        QCOMPARE(timedOut.size(), 1);
        QVERIFY(!m_tracker->isActive());
        QCOMPARE(m_tracker->scheduledDelayMs(), -1);
    }

    void throttledThirdPartyError_endsTheRun()
    {
        RunState throttled = FakeBackend::runState(QStringLiteral("error"));
        ab::core::RunError error;
        error.code = ab::core::RunErrorCode::Throttled;
        error.codeRaw = QStringLiteral("throttled");
        error.delaySeconds = 30;
        throttled.errors = {error};
        m_backend->onGetRun = script({FakeBackend::runState(QStringLiteral("waiting")), throttled});
        QSignalSpy finished(m_tracker, &RunTracker::finished);
        QSignalSpy pollFailed(m_tracker, &RunTracker::pollFailed);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(finished.wait());
        const RunState done = finished.first().first().value<RunState>();
        QVERIFY(done.isFailure());
        QCOMPARE(done.errors.first().delaySeconds, std::optional<int>(30));
        QCOMPARE(pollFailed.size(), 0);
        QVERIFY(!m_tracker->isActive());
        QCOMPARE(m_tracker->scheduledDelayMs(), -1);
        QCOMPARE(m_backend->callCount(QStringLiteral("getRun")), 2);
    }

    void stop_ignoresReplyStillInFlight()
    {
        QSignalSpy called(m_backend, &FakeBackend::called);
        QSignalSpy finished(m_tracker, &RunTracker::finished);
        m_tracker->start(QStringLiteral("run-1"));
        QVERIFY(called.wait());
        m_tracker->stop();
        m_backend->pendingGetRun.takeFirst().reply(
            FakeBackend::runState(QStringLiteral("success")));
        QCOMPARE(finished.size(), 0);
        QVERIFY(!m_tracker->isActive());
    }
};

QTEST_GUILESS_MAIN(TestRunTracker)
#include "tst_runtracker.moc"
