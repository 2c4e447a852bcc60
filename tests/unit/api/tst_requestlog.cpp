#include "api/requestlog.h"

#include <QSignalSpy>
#include <QTest>

using namespace ab;
using namespace ab::api;

static RawExchange exchange(const QByteArray &path)
{
    RawExchange raw;
    raw.method = "POST";
    raw.url = QUrl(QStringLiteral("https://api.zapier.com") + QString::fromLatin1(path));
    raw.startedAt = QDateTime::fromSecsSinceEpoch(1767268800);
    raw.durationMs = 12;
    raw.httpStatus = 200;
    return raw;
}

class TestRequestLog final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void add_redactsUrlBodiesAndFiltersHeaders()
    {
        RequestLog log;
        log.redactor().addSecret(QStringLiteral("bearer-token-xyz"));
        QSignalSpy added(&log, &RequestLog::recordAdded);
        RawExchange raw = exchange("/v2/apps?token=ct-secret-1");
        raw.requestBody = R"({"data":{"inputs":{"password":"pw-secret-2"}}})";
        raw.responseBody = R"({"access_token":"at-secret-3","echo":"bearer-token-xyz"})";
        raw.responseHeaders = {{"Authorization", "Bearer bearer-token-xyz"},
                               {"Set-Cookie", "session=abc"},
                               {"X-RateLimit-Remaining", "59"},
                               {"Retry-After", "3"},
                               {"Content-Type", "application/json"}};
        raw.errorText = QStringLiteral("Error transferring https://x/?token=ct-secret-1");
        const core::RequestRecord record = log.add(raw);

        QCOMPARE(added.count(), 1);
        QCOMPARE(record.id, quint64(1));
        QCOMPARE(record.method, QStringLiteral("POST"));
        QVERIFY(!record.url.contains(QLatin1String("ct-secret-1")));
        QVERIFY(!record.errorText.contains(QLatin1String("ct-secret-1")));
        QVERIFY(!record.requestBody.contains("pw-secret-2"));
        QVERIFY(!record.responseBody.contains("at-secret-3"));
        QVERIFY(!record.responseBody.contains("bearer-token-xyz"));
        QCOMPARE(record.responseSize, raw.responseBody.size());
        QCOMPARE(record.responseHeaders.size(), 3);
        for (const auto &header : record.responseHeaders) {
            QVERIFY(header.first.compare("Authorization", Qt::CaseInsensitive) != 0);
            QVERIFY(header.first.compare("Set-Cookie", Qt::CaseInsensitive) != 0);
        }
    }

    void add_truncatesBodies()
    {
        RequestLog log;
        log.setMaxBodyBytes(16);
        RawExchange raw = exchange("/v2/actions");
        raw.responseBody = QByteArray(1000, 'r');
        raw.responseSize = 5000; // announced by Content-Length, reading stopped early
        const core::RequestRecord record = log.add(raw);
        QVERIFY(record.responseBody.startsWith(QByteArray(16, 'r') + "\xE2\x80\xA6"));
        QVERIFY(record.responseBody.size() < 100);
        QCOMPARE(record.responseSize, 5000);
    }

    void ring_keepsTheLastN_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("added");
        QTest::newRow("under") << 5 << 3;
        QTest::newRow("exactly") << 5 << 5;
        QTest::newRow("over") << 5 << 12;
        QTest::newRow("one") << 1 << 4;
    }
    void ring_keepsTheLastN()
    {
        QFETCH(int, capacity);
        QFETCH(int, added);
        RequestLog log;
        log.setCapacity(capacity);
        for (int i = 0; i < added; ++i)
            log.add(exchange("/v2/apps?n=" + QByteArray::number(i)));
        const QList<core::RequestRecord> records = log.records();
        QCOMPARE(records.size(), qMin(capacity, added));
        QCOMPARE(records.last().id, quint64(added));
        QCOMPARE(records.first().id, quint64(added - records.size() + 1));
        QVERIFY(log.find(quint64(added)).has_value());
        QVERIFY(!log.find(quint64(added + 1)).has_value());
    }

    void capacity_defaultAndShrink()
    {
        RequestLog log;
        QCOMPARE(log.capacity(), 2000);
        for (int i = 0; i < 10; ++i)
            log.add(exchange("/v2/apps"));
        log.setCapacity(4);
        QCOMPARE(log.size(), 4);
        QCOMPARE(log.records().first().id, quint64(7));
        log.clear();
        QCOMPARE(log.size(), 0);
        QCOMPARE(log.add(exchange("/v2/apps")).id, quint64(11)); // ids never repeat
    }
};

QTEST_GUILESS_MAIN(TestRequestLog)
#include "tst_requestlog.moc"
