#include "api/errormapping.h"

#include <QTest>
#include <QTimeZone>

using namespace ab;
using namespace ab::api;
using core::ErrorKind;

// 2026-01-01T12:00:00Z, a fixed "now" for date arithmetic.
static QDateTime fixedNow()
{
    return QDateTime::fromSecsSinceEpoch(1767268800, QTimeZone::utc());
}

class TestErrorMapping final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void kind_data()
    {
        QTest::addColumn<int>("http");
        QTest::addColumn<QNetworkReply::NetworkError>("network");
        QTest::addColumn<bool>("timedOut");
        QTest::addColumn<ErrorKind>("kind");
        using N = QNetworkReply;
        QTest::newRow("400") << 400 << N::ProtocolInvalidOperationError << false
                             << ErrorKind::BadRequest;
        QTest::newRow("401") << 401 << N::AuthenticationRequiredError << false
                             << ErrorKind::Unauthorized;
        QTest::newRow("402 insufficient tasks")
            << 402 << N::UnknownContentError << false << ErrorKind::PaymentRequired;
        QTest::newRow("403") << 403 << N::ContentAccessDenied << false << ErrorKind::Forbidden;
        QTest::newRow("404") << 404 << N::ContentNotFoundError << false << ErrorKind::NotFound;
        QTest::newRow("408") << 408 << N::UnknownContentError << false << ErrorKind::Timeout;
        QTest::newRow("409") << 409 << N::ContentConflictError << false << ErrorKind::Conflict;
        QTest::newRow("410") << 410 << N::ContentGoneError << false << ErrorKind::NotFound;
        QTest::newRow("413") << 413 << N::UnknownContentError << false << ErrorKind::TooLarge;
        QTest::newRow("418 other 4xx")
            << 418 << N::UnknownContentError << false << ErrorKind::BadRequest;
        QTest::newRow("422") << 422 << N::UnknownContentError << false << ErrorKind::BadRequest;
        QTest::newRow("429") << 429 << N::UnknownContentError << false << ErrorKind::RateLimited;
        QTest::newRow("500") << 500 << N::InternalServerError << false << ErrorKind::Server;
        QTest::newRow("501") << 501 << N::OperationNotImplementedError << false
                             << ErrorKind::Server;
        QTest::newRow("502") << 502 << N::UnknownServerError << false << ErrorKind::Server;
        QTest::newRow("503") << 503 << N::ServiceUnavailableError << false
                             << ErrorKind::Unavailable;
        QTest::newRow("504") << 504 << N::UnknownServerError << false << ErrorKind::Unavailable;
        QTest::newRow("599") << 599 << N::UnknownServerError << false << ErrorKind::Server;
        QTest::newRow("302 is not followed") << 302 << N::NoError << false << ErrorKind::Unknown;
        QTest::newRow("refused") << 0 << N::ConnectionRefusedError << false << ErrorKind::Network;
        QTest::newRow("closed") << 0 << N::RemoteHostClosedError << false << ErrorKind::Network;
        QTest::newRow("dns") << 0 << N::HostNotFoundError << false << ErrorKind::Network;
        QTest::newRow("tls") << 0 << N::SslHandshakeFailedError << false << ErrorKind::Network;
        QTest::newRow("socket timeout") << 0 << N::TimeoutError << false << ErrorKind::Timeout;
        QTest::newRow("transfer timeout (Qt: cancelled)")
            << 0 << N::OperationCanceledError << true << ErrorKind::Timeout;
        QTest::newRow("cancelled")
            << 0 << N::OperationCanceledError << false << ErrorKind::Cancelled;
        QTest::newRow("timeout after headers")
            << 200 << N::OperationCanceledError << true << ErrorKind::Timeout;
        QTest::newRow("nothing at all") << 0 << N::NoError << false << ErrorKind::Unknown;
    }
    void kind()
    {
        QFETCH(int, http);
        QFETCH(QNetworkReply::NetworkError, network);
        QFETCH(bool, timedOut);
        QFETCH(ErrorKind, kind);
        QCOMPARE(errorKindFor(http, network, timedOut), kind);
    }

    void failedBeforeSending_onlyForConnectFailures()
    {
        QVERIFY(failedBeforeSending(QNetworkReply::ConnectionRefusedError));
        QVERIFY(failedBeforeSending(QNetworkReply::HostNotFoundError));
        QVERIFY(!failedBeforeSending(QNetworkReply::RemoteHostClosedError));
        QVERIFY(!failedBeforeSending(QNetworkReply::OperationCanceledError));
        QVERIFY(!failedBeforeSending(QNetworkReply::TimeoutError));
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("seconds"); // -1: none
        QTest::newRow("delta seconds") << QByteArray("120") << 120;
        QTest::newRow("spaces") << QByteArray(" 7 ") << 7;
        QTest::newRow("zero") << QByteArray("0") << 0;
        QTest::newRow("IMF-fixdate") << QByteArray("Thu, 01 Jan 2026 12:01:30 GMT") << 90;
        QTest::newRow("RFC 850 date") << QByteArray("Thursday, 01-Jan-26 12:00:45 GMT") << 45;
        QTest::newRow("asctime date") << QByteArray("Thu Jan  1 12:00:10 2026") << 10;
        QTest::newRow("date in the past") << QByteArray("Wed, 31 Dec 2025 12:00:00 GMT") << 0;
        QTest::newRow("negative delta") << QByteArray("-5") << 0;
        QTest::newRow("garbage") << QByteArray("soon") << -1;
        QTest::newRow("empty") << QByteArray() << -1;
    }
    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, seconds);
        QCOMPARE(parseRetryAfter(value, fixedNow()).value_or(-1), seconds);
    }

    void rateLimitReset_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("seconds");
        const qint64 now = fixedNow().toSecsSinceEpoch();
        QTest::newRow("epoch seconds (>= 1e9)") << QByteArray::number(now + 30) << 30;
        QTest::newRow("epoch in the past") << QByteArray::number(now - 30) << 0;
        QTest::newRow("delta seconds (< 1e9)") << QByteArray("45") << 45;
        QTest::newRow("fractional epoch") << QByteArray::number(now + 12) + ".5" << 12;
        QTest::newRow("date-time (Actions API typing)")
            << QByteArray("2026-01-01T12:05:00Z") << 300;
        QTest::newRow("garbage") << QByteArray("later") << -1;
    }
    void rateLimitReset()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, seconds);
        QCOMPARE(parseRateLimitReset(value, fixedNow()).value_or(-1), seconds);
    }

    void retryAfterSeconds_prefersRetryAfterThenReset()
    {
        const QByteArray reset = QByteArray::number(fixedNow().toSecsSinceEpoch() + 50);
        QCOMPARE(retryAfterSeconds("3", reset, fixedNow()).value_or(-1), 3);
        QCOMPARE(retryAfterSeconds({}, reset, fixedNow()).value_or(-1), 50);
        QCOMPARE(retryAfterSeconds("junk", "8", fixedNow()).value_or(-1), 8);
        QVERIFY(!retryAfterSeconds({}, {}, fixedNow()));
    }
};

QTEST_GUILESS_MAIN(TestErrorMapping)
#include "tst_errormapping.moc"
