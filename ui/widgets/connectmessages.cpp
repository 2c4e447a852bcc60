#include "widgets/connectmessages.h"

namespace ab::ui {

using connect::ConnectNextStep;
using connect::ConnectProblem;

QString ConnectMessages::meaning(const connect::ConnectErrorInfo &info)
{
    switch (info.problem) {
    case ConnectProblem::None:
        return {};
    case ConnectProblem::InvalidToken:
        return tr("Zapier did not accept the connect token (each one opens Connect once).");
    case ConnectProblem::TokenExpired:
        return tr("The connect token expired before the Connect page opened.");
    case ConnectProblem::InvalidApp:
        return tr("Zapier does not recognise this app for connecting accounts.");
    case ConnectProblem::UserNotFound:
        return tr("Zapier has no user or account provisioned for these credentials.");
    case ConnectProblem::SessionInitializationFailed:
        return tr("Zapier could not start the Connect session: the token could not be "
                  "validated.");
    case ConnectProblem::UnexpectedError:
        return tr("Zapier had an unexpected error.");
    case ConnectProblem::OAuthFailed:
        return info.detail.isEmpty() ? tr("Signing in to the app failed, or access was denied.")
                                     : tr("Signing in to the app failed: %1.").arg(info.detail);
    case ConnectProblem::MalformedRequest:
        return tr("Zapier found the request malformed or incomplete (%1).").arg(info.detail);
    case ConnectProblem::AccessDenied:
        return tr("Zapier denied access (%1).").arg(info.detail);
    case ConnectProblem::ServerError:
        return tr("Zapier had an internal error (%1).").arg(info.detail);
    case ConnectProblem::Unknown:
        break;
    }
    return tr("Zapier reported an error this version does not know: %1.").arg(info.detail);
}

QString ConnectMessages::nextStep(ConnectNextStep step)
{
    switch (step) {
    case ConnectNextStep::None:
        return {};
    case ConnectNextStep::GetNewToken:
        return tr("Try again: every attempt gets a new token.");
    case ConnectNextStep::CheckAppId:
        return tr("Check the app's id against Zapier's apps list, or choose the app again in "
                  "the catalog.");
    case ConnectNextStep::StartAgain:
        return tr("Start the connection again from the beginning.");
    case ConnectNextStep::Retry:
        return tr("Try again.");
    case ConnectNextStep::RetryOrContactSupport:
        break;
    }
    return tr("Try again; if it keeps happening, contact Zapier support.");
}

QString ConnectMessages::resultFailed(const QString &appTitle, const connect::ConnectResult &result)
{
    const connect::ConnectErrorInfo info = connect::explain(result);
    return tr("%1 could not be connected. %2 %3")
        .arg(appTitle, meaning(info), nextStep(info.next))
        .trimmed();
}

QString ConnectMessages::tokenFailed(const QString &appTitle, const connect::TokenError &error)
{
    using connect::TokenErrorKind;
    QString why;
    switch (error.kind) {
    case TokenErrorKind::None:
        return {};
    case TokenErrorKind::NotConfigured:
        why = tr("this environment has no account credentials that can make a connect token "
                 "(a White Label client id and secret).");
        break;
    case TokenErrorKind::SignInRequired:
        why = tr("the stored sign-in was refused. Sign in again in the account settings.");
        break;
    case TokenErrorKind::Keychain:
        why = error.keychain == secrets::SecretErrorKind::NoBackend
                  ? tr("no keychain is available to read the stored credentials.")
                  : tr("the keychain refused to give the stored credentials.");
        break;
    case TokenErrorKind::Signing:
        why = tr("the partner token could not be signed with the stored key.");
        break;
    case TokenErrorKind::Exchange:
        why = tr("the token endpoint refused: %1.").arg(error.detail);
        break;
    case TokenErrorKind::Authorization:
        why = tr("signing in through the browser failed or was cancelled.");
        break;
    case TokenErrorKind::TokenCheck:
        why = tr("the server refused the access token. Sign in again in the account settings.");
        break;
    }
    return tr("Cannot connect a %1 account: %2").arg(appTitle, why);
}

QString ConnectMessages::notSignedIn()
{
    return tr("Connecting accounts needs account credentials for this environment.");
}

QString ConnectMessages::timedOut(const QString &appTitle)
{
    return tr("The Connect window for %1 closed: its connect token lasts six minutes. Try again "
              "to get a new one.")
        .arg(appTitle);
}

QString ConnectMessages::gettingToken(const QString &appTitle)
{
    return tr("Preparing to connect %1\u2026").arg(appTitle);
}

QString ConnectMessages::waitingForWindow(const QString &appTitle)
{
    return tr("Finish connecting %1 in the Connect window.").arg(appTitle);
}

QString ConnectMessages::listingConnections()
{
    return tr("Looking for the new connection\u2026");
}

QString ConnectMessages::connected(const QString &connectionTitle)
{
    return tr("Connected %1.").arg(connectionTitle);
}

QString ConnectMessages::reconnected(const QString &connectionTitle)
{
    return tr("Reconnected %1: it can run actions again.").arg(connectionTitle);
}

QString ConnectMessages::closedWithoutConnecting(const QString &appTitle)
{
    return tr("The Connect window closed; no %1 account was connected.").arg(appTitle);
}

} // namespace ab::ui
