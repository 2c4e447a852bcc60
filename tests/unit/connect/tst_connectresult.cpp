#include "connect/connectresult.h"

#include <QTest>

using namespace ab::connect;
using Kind = ConnectResult::Kind;
using Code = ConnectResult::ErrorCode;

Q_DECLARE_METATYPE(ab::connect::ConnectProblem)
Q_DECLARE_METATYPE(ab::connect::ConnectNextStep)
Q_DECLARE_METATYPE(ab::connect::ConnectResult::ErrorCode)

class TestConnectResult final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fromRedirect_success()
    {
        const ConnectResult result = ConnectResult::fromRedirect(
            QUrl(QStringLiteral("https://your-app.com/callback?authentication_id=12345&"
                                "service=SlackAPI")));
        QCOMPARE(result.kind, Kind::Success);
        QCOMPARE(result.authenticationId, QStringLiteral("12345"));
        QCOMPARE(result.service, QStringLiteral("SlackAPI"));
        QVERIFY(result.isSuccess());
        QCOMPARE(explain(result).problem, ConnectProblem::None);
    }

    void fromRedirect_noResultIsNone()
    {
        QCOMPARE(ConnectResult::fromRedirect(QUrl(QStringLiteral("https://a.example/cb"))).kind,
                 Kind::None);
        QCOMPARE(ConnectResult::fromRedirect(
                     QUrl(QStringLiteral("https://a.example/cb?authentication_id=")))
                     .kind,
                 Kind::None);
    }

    // Every row of contract §6.3, as the redirect carries it.
    void fromRedirect_everyDocumentedError_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::addColumn<Code>("code");
        QTest::addColumn<ConnectProblem>("problem");
        QTest::addColumn<ConnectNextStep>("next");
        QTest::addColumn<QString>("detail");
        const QString ir = QStringLiteral("invalid_request");
        const QString ad = QStringLiteral("access_denied");
        const QString se = QStringLiteral("server_error");
        QTest::newRow("Invalid token")
            << ir << QStringLiteral("Invalid token") << Code::InvalidRequest
            << ConnectProblem::InvalidToken << ConnectNextStep::GetNewToken << QString();
        QTest::newRow("Token expired")
            << ir << QStringLiteral("Token expired") << Code::InvalidRequest
            << ConnectProblem::TokenExpired << ConnectNextStep::GetNewToken << QString();
        QTest::newRow("Invalid app")
            << ir << QStringLiteral("Invalid app") << Code::InvalidRequest
            << ConnectProblem::InvalidApp << ConnectNextStep::CheckAppId << QString();
        QTest::newRow("User not found")
            << ad << QStringLiteral("User not found") << Code::AccessDenied
            << ConnectProblem::UserNotFound << ConnectNextStep::StartAgain << QString();
        QTest::newRow("Session initialization failed")
            << se << QStringLiteral("Session initialization failed") << Code::ServerError
            << ConnectProblem::SessionInitializationFailed << ConnectNextStep::GetNewToken
            << QString();
        QTest::newRow("An unexpected error occurred")
            << se << QStringLiteral("An unexpected error occurred") << Code::ServerError
            << ConnectProblem::UnexpectedError << ConnectNextStep::RetryOrContactSupport
            << QString();
        QTest::newRow("OAuth Failed")
            << se << QStringLiteral("OAuth Failed: the user denied access") << Code::ServerError
            << ConnectProblem::OAuthFailed << ConnectNextStep::StartAgain
            << QStringLiteral("the user denied access");
        QTest::newRow("OAuth Failed, no detail")
            << se << QStringLiteral("OAuth Failed") << Code::ServerError
            << ConnectProblem::OAuthFailed << ConnectNextStep::StartAgain << QString();
        // Spelling drift: case, spaces, a trailing full stop.
        QTest::newRow("case and spaces")
            << ir << QStringLiteral("  token   EXPIRED. ") << Code::InvalidRequest
            << ConnectProblem::TokenExpired << ConnectNextStep::GetNewToken << QString();
        // The generic meanings when the description is not in the table.
        QTest::newRow("generic invalid_request")
            << ir << QStringLiteral("Missing data") << Code::InvalidRequest
            << ConnectProblem::MalformedRequest << ConnectNextStep::GetNewToken
            << QStringLiteral("Missing data");
        QTest::newRow("generic access_denied")
            << ad << QStringLiteral("Nope") << Code::AccessDenied << ConnectProblem::AccessDenied
            << ConnectNextStep::StartAgain << QStringLiteral("Nope");
        QTest::newRow("generic server_error")
            << se << QString() << Code::ServerError << ConnectProblem::ServerError
            << ConnectNextStep::Retry << QString();
        QTest::newRow("undocumented code")
            << QStringLiteral("temporarily_unavailable") << QStringLiteral("Later") << Code::Unknown
            << ConnectProblem::Unknown << ConnectNextStep::Retry << QStringLiteral("Later");
        // A documented description under another code is not that row.
        QTest::newRow("description under the wrong code")
            << se << QStringLiteral("Invalid app") << Code::ServerError
            << ConnectProblem::ServerError << ConnectNextStep::Retry
            << QStringLiteral("Invalid app");
    }

    void fromRedirect_everyDocumentedError()
    {
        QFETCH(QString, error);
        QFETCH(QString, description);
        QFETCH(Code, code);
        QFETCH(ConnectProblem, problem);
        QFETCH(ConnectNextStep, next);
        QFETCH(QString, detail);
        QUrl url(QStringLiteral("https://your-app.com/callback"));
        url.setQuery(QStringLiteral("error=%1&error_description=%2&state=st-9")
                         .arg(QString::fromLatin1(QUrl::toPercentEncoding(error)),
                              QString::fromLatin1(QUrl::toPercentEncoding(description))));
        const ConnectResult result = ConnectResult::fromRedirect(url);
        QCOMPARE(result.kind, Kind::Error);
        QCOMPARE(result.errorCode, code);
        QCOMPARE(result.rawError, error);
        QCOMPARE(result.description, description);
        QCOMPARE(result.state, QStringLiteral("st-9"));
        const ConnectErrorInfo info = explain(result);
        QCOMPARE(info.problem, problem);
        QCOMPARE(info.next, next);
        QCOMPARE(info.detail, detail);
        QVERIFY(!connectProblemName(info.problem).isEmpty());
        QVERIFY(!connectNextStepName(info.next).isEmpty());
    }

    void fromRedirect_plusStaysAPlus()
    {
        const ConnectResult result = ConnectResult::fromRedirect(QUrl(
            QStringLiteral("https://a/cb?error=server_error&error_description=OAuth%20Failed%3A"
                           "%20a%2Bb")));
        QCOMPARE(explain(result).detail, QStringLiteral("a+b"));
    }

    void fromPopupMessage_shapes_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("authId");
        QTest::addColumn<QString>("error");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<ConnectProblem>("problem");
        QTest::newRow("success") << QStringLiteral("authenticationSuccess") << QStringLiteral("42")
                                 << QString() << Kind::Success << ConnectProblem::None;
        QTest::newRow("success without id") << QStringLiteral("authenticationSuccess") << QString()
                                            << QString() << Kind::None << ConnectProblem::None;
        QTest::newRow("error, documented text")
            << QStringLiteral("authenticationError") << QString() << QStringLiteral("Token expired")
            << Kind::Error << ConnectProblem::TokenExpired;
        QTest::newRow("error, OAuth")
            << QStringLiteral("authenticationError") << QString()
            << QStringLiteral("OAuth Failed: denied") << Kind::Error << ConnectProblem::OAuthFailed;
        QTest::newRow("error, free text")
            << QStringLiteral("authenticationError") << QString() << QStringLiteral("boom")
            << Kind::Error << ConnectProblem::Unknown;
        QTest::newRow("other message") << QStringLiteral("zapier.popup.resize") << QString()
                                       << QString() << Kind::None << ConnectProblem::None;
    }

    void fromPopupMessage_shapes()
    {
        QFETCH(QString, type);
        QFETCH(QString, authId);
        QFETCH(QString, error);
        QFETCH(Kind, kind);
        QFETCH(ConnectProblem, problem);
        const ConnectResult result = ConnectResult::fromPopupMessage(type, authId, error);
        QCOMPARE(result.kind, kind);
        QCOMPARE(result.authenticationId, authId);
        QCOMPARE(explain(result).problem, problem);
    }

    void closed_isNeitherSuccessNorError()
    {
        const ConnectResult result = ConnectResult::closed();
        QCOMPARE(result.kind, Kind::Closed);
        QVERIFY(!result.isSuccess() && !result.isError());
        QCOMPARE(explain(result).next, ConnectNextStep::None);
    }
};

QTEST_GUILESS_MAIN(TestConnectResult)
#include "tst_connectresult.moc"
