#include "core/apierror.h"
#include "core/apiresult.h"

#include <QSet>
#include <QTest>

using namespace ab::core;

class TestApiError final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void kindNames_areStableAndDistinct()
    {
        QSet<QString> names;
        for (int kind = 0; kind <= int(ErrorKind::Unknown); ++kind)
            names.insert(errorKindName(ErrorKind(kind)));
        QCOMPARE(names.size(), int(ErrorKind::Unknown) + 1);
        QCOMPARE(errorKindName(ErrorKind::RateLimited), QStringLiteral("rate_limited"));
    }

    void summary_namesKindStatusDetailAndRetry()
    {
        ApiError error;
        error.kind = ErrorKind::RateLimited;
        error.httpStatus = 429;
        error.title = QStringLiteral("Too Many Requests");
        error.retryAfterSeconds = 60;
        QCOMPARE(error.summary(),
                 QStringLiteral("rate_limited (HTTP 429): Too Many Requests [retry after 60 s]"));
        error.detail = QStringLiteral("Rate limit exceeded.");
        QVERIFY(error.summary().contains(QStringLiteral("Rate limit exceeded.")));
    }

    void apiResult_holdsValueOrError()
    {
        ApiResult<int> good(42);
        QVERIFY(good.ok());
        QCOMPARE(good.value(), 42);
        ApiResult<int> bad(ApiError{ErrorKind::Timeout, 0, {}, {}, {}, {}, {}, {}});
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind, ErrorKind::Timeout);
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
