#include "connect/connectresult.h"

#include <QUrlQuery>

namespace ab::connect {

ConnectResult::ErrorCode ConnectResult::errorCodeFromString(const QString &error)
{
    const QString code = error.trimmed().toLower();
    if (code.isEmpty())
        return ErrorCode::None;
    if (code == QLatin1String("invalid_request"))
        return ErrorCode::InvalidRequest;
    if (code == QLatin1String("access_denied"))
        return ErrorCode::AccessDenied;
    if (code == QLatin1String("server_error"))
        return ErrorCode::ServerError;
    return ErrorCode::Unknown;
}

ConnectResult ConnectResult::fromRedirect(const QUrl &redirect)
{
    const QUrlQuery query(redirect);
    const auto value = [&query](const char *key) {
        // FullyDecoded: '+' stays '+', as Zapier percent-encodes spaces in the description.
        return query.queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
    };
    ConnectResult result;
    result.state = value("state");
    if (query.hasQueryItem(QStringLiteral("error"))) {
        result.kind = Kind::Error;
        result.rawError = value("error");
        result.errorCode = errorCodeFromString(result.rawError);
        if (result.errorCode == ErrorCode::None)
            result.errorCode = ErrorCode::Unknown; // "error=" with no value is still an error
        result.description = value("error_description");
        return result;
    }
    result.authenticationId = value("authentication_id");
    if (!result.authenticationId.isEmpty()) {
        result.kind = Kind::Success;
        result.service = value("service");
    }
    return result;
}

ConnectResult ConnectResult::fromPopupMessage(const QString &type, const QString &authId,
                                              const QString &error)
{
    ConnectResult result;
    if (type == QLatin1String("authenticationSuccess") && !authId.isEmpty()) {
        result.kind = Kind::Success;
        result.authenticationId = authId;
    } else if (type == QLatin1String("authenticationError")) {
        // The message carries no error code, only a text (§6.2).
        result.kind = Kind::Error;
        result.errorCode = ErrorCode::Unknown;
        result.description = error;
    }
    return result;
}

ConnectResult ConnectResult::closed()
{
    ConnectResult result;
    result.kind = Kind::Closed;
    return result;
}

namespace {

struct Row {
    ConnectResult::ErrorCode code;
    const char *description; // lower case, single spaces
    ConnectProblem problem;
    ConnectNextStep next;
};

using Code = ConnectResult::ErrorCode;

// Contract §6.3, one row per documented error.
constexpr Row documented[] = {
    {Code::InvalidRequest, "invalid token", ConnectProblem::InvalidToken,
     ConnectNextStep::GetNewToken},
    {Code::InvalidRequest, "token expired", ConnectProblem::TokenExpired,
     ConnectNextStep::GetNewToken},
    {Code::InvalidRequest, "invalid app", ConnectProblem::InvalidApp, ConnectNextStep::CheckAppId},
    {Code::AccessDenied, "user not found", ConnectProblem::UserNotFound,
     ConnectNextStep::StartAgain},
    {Code::ServerError, "session initialization failed",
     ConnectProblem::SessionInitializationFailed, ConnectNextStep::GetNewToken},
    {Code::ServerError, "an unexpected error occurred", ConnectProblem::UnexpectedError,
     ConnectNextStep::RetryOrContactSupport},
};

constexpr char oauthFailedPrefix[] = "oauth failed";

QString normalised(const QString &text)
{
    QString simple = text.simplified().toLower();
    while (simple.endsWith(QLatin1Char('.')))
        simple.chop(1);
    return simple;
}

} // namespace

ConnectErrorInfo explain(const ConnectResult &result)
{
    ConnectErrorInfo info;
    if (!result.isError())
        return info;
    const QString description = normalised(result.description);
    const bool known = result.errorCode != Code::Unknown;
    for (const Row &row : documented) {
        if (description == QLatin1String(row.description) &&
            (!known || row.code == result.errorCode)) {
            info.problem = row.problem;
            info.next = row.next;
            return info;
        }
    }
    if (description.startsWith(QLatin1String(oauthFailedPrefix)) &&
        (!known || result.errorCode == Code::ServerError)) {
        info.problem = ConnectProblem::OAuthFailed;
        // The third-party step failed, often because the user said no: they may try again.
        info.next = ConnectNextStep::StartAgain;
        const QString raw = result.description.simplified();
        const qsizetype colon = raw.indexOf(QLatin1Char(':'));
        info.detail = colon < 0 ? QString() : raw.mid(colon + 1).trimmed();
        return info;
    }
    info.detail = result.description;
    // The generic meanings of the three codes (§6.3).
    switch (result.errorCode) {
    case Code::InvalidRequest:
        info.problem = ConnectProblem::MalformedRequest;
        info.next = ConnectNextStep::GetNewToken;
        break;
    case Code::AccessDenied:
        info.problem = ConnectProblem::AccessDenied;
        info.next = ConnectNextStep::StartAgain;
        break;
    case Code::ServerError:
        info.problem = ConnectProblem::ServerError;
        info.next = ConnectNextStep::Retry;
        break;
    case Code::None:
    case Code::Unknown:
        info.problem = ConnectProblem::Unknown;
        info.next = ConnectNextStep::Retry;
        break;
    }
    return info;
}

QString connectProblemName(ConnectProblem problem)
{
    switch (problem) {
    case ConnectProblem::None:
        return QStringLiteral("none");
    case ConnectProblem::InvalidToken:
        return QStringLiteral("invalid_token");
    case ConnectProblem::TokenExpired:
        return QStringLiteral("token_expired");
    case ConnectProblem::InvalidApp:
        return QStringLiteral("invalid_app");
    case ConnectProblem::UserNotFound:
        return QStringLiteral("user_not_found");
    case ConnectProblem::SessionInitializationFailed:
        return QStringLiteral("session_initialization_failed");
    case ConnectProblem::UnexpectedError:
        return QStringLiteral("unexpected_error");
    case ConnectProblem::OAuthFailed:
        return QStringLiteral("oauth_failed");
    case ConnectProblem::MalformedRequest:
        return QStringLiteral("malformed_request");
    case ConnectProblem::AccessDenied:
        return QStringLiteral("access_denied");
    case ConnectProblem::ServerError:
        return QStringLiteral("server_error");
    case ConnectProblem::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString connectNextStepName(ConnectNextStep step)
{
    switch (step) {
    case ConnectNextStep::None:
        return QStringLiteral("none");
    case ConnectNextStep::GetNewToken:
        return QStringLiteral("get_new_token");
    case ConnectNextStep::CheckAppId:
        return QStringLiteral("check_app_id");
    case ConnectNextStep::StartAgain:
        return QStringLiteral("start_again");
    case ConnectNextStep::Retry:
        return QStringLiteral("retry");
    case ConnectNextStep::RetryOrContactSupport:
        break;
    }
    return QStringLiteral("retry_or_contact_support");
}

} // namespace ab::connect
