#include "runs/pollschedule.h"

#include <QTest>

using ab::runs::PollSchedule;

class TestPollSchedule final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults_followZapierSdk()
    {
        const PollSchedule schedule;
        QCOMPARE(schedule.firstDelayMs(), 50);
        QCOMPARE(schedule.timeoutMs(), 180000);
    }

    void stageInterval_data()
    {
        QTest::addColumn<qint64>("elapsedMs");
        QTest::addColumn<qint64>("intervalMs");
        QTest::newRow("start") << qint64(0) << qint64(125);
        QTest::newRow("first poll") << qint64(50) << qint64(125);
        QTest::newRow("125 ms") << qint64(125) << qint64(250);
        QTest::newRow("374 ms") << qint64(374) << qint64(250);
        QTest::newRow("375 ms") << qint64(375) << qint64(500);
        QTest::newRow("874 ms") << qint64(874) << qint64(500);
        QTest::newRow("875 ms") << qint64(875) << qint64(1000);
        QTest::newRow("9.999 s") << qint64(9999) << qint64(1000);
        QTest::newRow("10 s") << qint64(10000) << qint64(2500);
        QTest::newRow("29 s") << qint64(29000) << qint64(2500);
        QTest::newRow("30 s") << qint64(30000) << qint64(5000);
        QTest::newRow("59 s") << qint64(59000) << qint64(5000);
        QTest::newRow("60 s") << qint64(60000) << qint64(10000);
        QTest::newRow("179 s") << qint64(179999) << qint64(10000);
        QTest::newRow("3 min") << qint64(180000) << qint64(60000);
        QTest::newRow("1 h") << qint64(3600000) << qint64(60000);
    }

    void stageInterval()
    {
        QFETCH(qint64, elapsedMs);
        QFETCH(qint64, intervalMs);
        PollSchedule schedule;
        QCOMPARE(schedule.stageIntervalMs(elapsedMs), intervalMs);
        // With a timeout far away, the next delay is the stage interval.
        schedule.setTimeoutMs(24 * 3600 * 1000);
        QCOMPARE(schedule.nextDelayMs(elapsedMs), intervalMs);
    }

    void nextDelay_landsLastPollOnTheTimeout()
    {
        const PollSchedule schedule;
        QCOMPARE(schedule.nextDelayMs(175000), 5000); // not 10 s: the run is due at 180 s
        QCOMPARE(schedule.nextDelayMs(179990), 10);
        QCOMPARE(schedule.nextDelayMs(180000), 60000); // past the timeout: the table again
    }

    void nextDelay_neverBeatsTheMinimumInterval_data()
    {
        QTest::addColumn<qint64>("elapsedMs");
        QTest::addColumn<qint64>("minimumMs");
        QTest::addColumn<qint64>("delayMs");
        QTest::newRow("no floor") << qint64(200) << qint64(0) << qint64(250);
        QTest::newRow("floor above stage") << qint64(200) << qint64(1000) << qint64(1000);
        QTest::newRow("floor below stage") << qint64(20000) << qint64(1000) << qint64(2500);
        QTest::newRow("floor beats timeout clamp")
            << qint64(179990) << qint64(2000) << qint64(2000);
        QTest::newRow("negative floor ignored") << qint64(200) << qint64(-5) << qint64(250);
    }

    void nextDelay_neverBeatsTheMinimumInterval()
    {
        QFETCH(qint64, elapsedMs);
        QFETCH(qint64, minimumMs);
        QFETCH(qint64, delayMs);
        QCOMPARE(PollSchedule().nextDelayMs(elapsedMs, minimumMs), delayMs);
    }

    void timeout_isConfigurable()
    {
        PollSchedule schedule;
        QVERIFY(!schedule.isTimedOut(179999));
        QVERIFY(schedule.isTimedOut(180000));
        schedule.setTimeoutMs(30000);
        QVERIFY(schedule.isTimedOut(30000));
        QCOMPARE(schedule.nextDelayMs(29000), 1000);
    }

    void customSchedule_usesItsOwnStages()
    {
        const PollSchedule schedule(5, {{100, 10}, {1000, 50}}, 200, 5000);
        QCOMPARE(schedule.firstDelayMs(), 5);
        QCOMPARE(schedule.nextDelayMs(0), 10);
        QCOMPARE(schedule.nextDelayMs(500), 50);
        QCOMPARE(schedule.nextDelayMs(2000), 200);
    }
};

QTEST_GUILESS_MAIN(TestPollSchedule)
#include "tst_pollschedule.moc"
