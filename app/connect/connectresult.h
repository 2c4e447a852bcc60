#pragma once

#include <QString>
#include <QUrl>

namespace ab::connect {

// How a Connect UI session ended (contract §6.2): by the redirect to redirect_uri, by the
// popup message, or by the user closing the window.
struct ConnectResult {
    enum class Kind {
        None,    // the URL or message carried no result
        Success, // authenticationId (and, from the redirect, service)
        Error,   // error + description (+ state)
        Closed,  // the window closed first: re-list the connections to find a new one
    };
    // The `error` values Zapier documents (§6.3); anything else is Unknown with rawError kept.
    enum class ErrorCode { None, InvalidRequest, AccessDenied, ServerError, Unknown };

    Kind kind = Kind::None;
    QString authenticationId; // opaque: numeric, "example_…" or a uuid (§12.8)
    QString service;          // e.g. "SlackAPI"; empty from the popup message
    ErrorCode errorCode = ErrorCode::None;
    QString rawError;    // the `error` value as received
    QString description; // error_description, e.g. "Token expired"
    QString state;

    bool isSuccess() const { return kind == Kind::Success; }
    bool isError() const { return kind == Kind::Error; }

    // Reads ?authentication_id=&service= or ?error=&error_description=&state= .
    static ConnectResult fromRedirect(const QUrl &redirect);
    // The popup shapes: {type:"authenticationSuccess", authId} and
    // {type:"authenticationError", error}. Other types give Kind::None.
    static ConnectResult fromPopupMessage(const QString &type, const QString &authId,
                                          const QString &error);
    static ConnectResult closed();
    static ErrorCode errorCodeFromString(const QString &error);
};

// Codes, not prose: the UI maps them to tr() text and the CLI to its own words.
enum class ConnectProblem {
    None,
    InvalidToken,                // invalid_request "Invalid token"
    TokenExpired,                // invalid_request "Token expired"
    InvalidApp,                  // invalid_request "Invalid app"
    UserNotFound,                // access_denied "User not found"
    SessionInitializationFailed, // server_error "Session initialization failed"
    UnexpectedError,             // server_error "An unexpected error occurred"
    OAuthFailed,                 // server_error "OAuth Failed: {detail}" (e.g. the user denied)
    MalformedRequest,            // another invalid_request
    AccessDenied,                // another access_denied
    ServerError,                 // another server_error
    Unknown,                     // an undocumented error value
};

enum class ConnectNextStep {
    None,
    GetNewToken,           // open Connect again: a fresh connect token
    CheckAppId,            // the app id is wrong: check it against the apps API
    StartAgain,            // start the flow again from the beginning
    Retry,                 // try again
    RetryOrContactSupport, // try again; if it persists, contact Zapier support
};

struct ConnectErrorInfo {
    ConnectProblem problem = ConnectProblem::None;
    ConnectNextStep next = ConnectNextStep::None;
    QString detail; // the {detail} of "OAuth Failed: {detail}", else the raw description
};

QString connectProblemName(ConnectProblem problem); // "token_expired", ...
QString connectNextStepName(ConnectNextStep step);  // "get_new_token", ...

// The documented table (contract §6.3). Descriptions are matched ignoring case and spacing;
// a popup error (no code) is matched by its description alone.
ConnectErrorInfo explain(const ConnectResult &result);

} // namespace ab::connect
