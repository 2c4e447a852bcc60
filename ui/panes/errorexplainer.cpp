#include "panes/errorexplainer.h"

#include <QStringList>

namespace ab::ui {

using core::ErrorKind;
using core::RunErrorCode;

namespace {

// The server's title and detail, when they say more than our own title.
QString serverWords(const QString &title, const QString &detail)
{
    QStringList parts;
    if (!title.trimmed().isEmpty())
        parts.append(title.trimmed());
    if (!detail.trimmed().isEmpty() && detail.trimmed() != title.trimmed())
        parts.append(detail.trimmed());
    return parts.join(QStringLiteral(" — "));
}

} // namespace

QString ErrorExplainer::fieldIdFromPointer(const QString &pointer)
{
    QStringList parts = pointer.split(u'/');
    if (parts.size() < 2 || !parts.first().isEmpty())
        return {};
    parts.removeFirst();
    if (parts.first() == QLatin1String("data"))
        parts.removeFirst();
    if (parts.size() < 2 ||
        (parts.first() != QLatin1String("inputs") && parts.first() != QLatin1String("input")))
        return {};
    QString id = parts.at(1);
    // RFC 6901: "~1" is "/", "~0" is "~" (in that order).
    id.replace(QStringLiteral("~1"), QStringLiteral("/"));
    id.replace(QStringLiteral("~0"), QStringLiteral("~"));
    return id;
}

QString ErrorExplainer::runErrorCodeTitle(RunErrorCode code)
{
    switch (code) {
    case RunErrorCode::User:
        return tr("The app rejected the input");
    case RunErrorCode::Authentication:
        return tr("The app refused the connected account");
    case RunErrorCode::Partner:
        return tr("The app's integration failed");
    case RunErrorCode::System:
        return tr("Zapier had an internal problem");
    case RunErrorCode::Throttled:
        return tr("The app asked Zapier to slow down");
    case RunErrorCode::SystemThrottled:
        return tr("Zapier is limiting runs right now");
    case RunErrorCode::Hydration:
        return tr("A file or stored value could not be fetched");
    case RunErrorCode::Unknown:
        break;
    }
    return tr("The run reported an error");
}

Explanation ErrorExplainer::explain(const core::RunError &error)
{
    Explanation out;
    out.title = runErrorCodeTitle(error.code);
    out.details = serverWords(error.title, error.detail);
    out.fieldId = fieldIdFromPointer(error.sourcePointer);
    switch (error.code) {
    case RunErrorCode::User:
        out.explanation = tr("The app says something in the input is wrong or missing.");
        out.nextStep = out.fieldId.isEmpty()
                           ? tr("Correct the input described below and run again.")
                           : tr("Correct the field “%1” and run again.").arg(out.fieldId);
        break;
    case RunErrorCode::Authentication:
        out.explanation = tr("The connected account was not accepted: it may have expired, "
                             "been revoked, or lack the permission this action needs.");
        out.nextStep = tr("Reconnect the account (or pick another connection), then run again.");
        break;
    case RunErrorCode::Partner:
        out.explanation = tr("The app's Zapier integration reported a problem on its side; "
                             "your input is probably not the cause.");
        out.nextStep = tr("Try again later. If it keeps failing, report it to the "
                          "integration's developer with the run id.");
        break;
    case RunErrorCode::System:
        out.explanation = tr("Zapier could not complete the run because of a problem on "
                             "Zapier's side.");
        out.nextStep = tr("Running it again in a little while usually works.");
        break;
    case RunErrorCode::Throttled:
        out.explanation = error.delaySeconds
                              ? tr("The app asked Zapier to slow down. Wait %1 s before running "
                                   "again; re-running now will likely fail the same way.")
                                    .arg(*error.delaySeconds)
                              : tr("The app asked Zapier to slow down. Wait a minute before "
                                   "running again; re-running now will likely fail the same way.");
        out.nextStep = tr("Wait, then re-run.");
        break;
    case RunErrorCode::SystemThrottled:
        out.explanation = tr("Zapier is throttling runs for this account at the moment.");
        out.nextStep = error.delaySeconds
                           ? tr("Wait %1 s before running again.").arg(*error.delaySeconds)
                           : tr("Wait a little before running again.");
        break;
    case RunErrorCode::Hydration:
        out.explanation = tr("Zapier could not fetch a file or a stored value the action "
                             "needed (for example a file URL that is no longer reachable).");
        out.nextStep = tr("Check the file inputs and their URLs, then run again.");
        break;
    case RunErrorCode::Unknown:
        out.title = error.codeRaw.isEmpty()
                        ? runErrorCodeTitle(error.code)
                        : tr("The run reported an error (%1)").arg(error.codeRaw);
        out.explanation = tr("Zapier reported an error this version of Actionbench does not "
                             "recognise. The app's own words are below.");
        out.nextStep = tr("Check the details, fix what they name and run again.");
        break;
    }
    return out;
}

Explanation ErrorExplainer::explain(const core::ApiError &error, runs::Phase phase)
{
    Explanation out;
    out.details = serverWords(error.title, error.detail);
    if (error.httpStatus > 0)
        out.details = out.details.isEmpty()
                          ? tr("HTTP %1").arg(error.httpStatus)
                          : tr("HTTP %1: %2").arg(error.httpStatus).arg(out.details);
    out.fieldId = fieldIdFromPointer(error.sourcePointer);
    if (phase == runs::Phase::OutcomeUnknown || error.kind == ErrorKind::OutcomeUnknown) {
        out.title = tr("Outcome unknown");
        out.explanation = tr("The request may have reached Zapier, but no answer came back. It "
                             "was not sent again, to avoid running the action twice.");
        out.nextStep = tr("Check the app (was the message sent, the row added?) before "
                          "re-running.");
        return out;
    }
    switch (error.kind) {
    case ErrorKind::Network:
        out.title = tr("Could not reach Zapier");
        out.explanation = tr("The connection failed before a reply arrived. The run was not "
                             "created.");
        out.nextStep = tr("Check the network and the environment's address, then re-run.");
        break;
    case ErrorKind::Timeout:
        out.title = tr("Zapier did not answer in time");
        out.explanation = tr("No complete reply arrived within the time limit.");
        out.nextStep = tr("Re-run; if it keeps happening, check the network or Zapier's status.");
        break;
    case ErrorKind::RateLimited:
        out.title = tr("Too many requests");
        out.explanation = tr("Zapier refused the request because the rate limit was reached "
                             "(60 requests a minute for the Partner API).");
        out.nextStep = error.retryAfterSeconds
                           ? tr("Wait %1 s before running again.").arg(*error.retryAfterSeconds)
                           : tr("Wait a minute before running again.");
        break;
    case ErrorKind::Unauthorized:
        out.title = tr("The access token was refused");
        out.explanation = tr("Zapier did not accept the token: it is missing, wrong or expired.");
        out.nextStep = tr("Check the credentials for this environment, then re-run.");
        break;
    case ErrorKind::Forbidden:
        out.title = tr("Not allowed");
        out.explanation = tr("The token is valid but may not run this action or use this "
                             "connection.");
        out.nextStep = tr("Check the account's permissions and the connection's owner.");
        break;
    case ErrorKind::NotFound:
        out.title = tr("Not found");
        out.explanation = tr("The action, connection or stored action no longer exists. Action "
                             "ids are single-use; a re-run fetches a fresh one.");
        out.nextStep = tr("Re-run, or pick the action and connection again.");
        break;
    case ErrorKind::BadRequest:
        out.title = tr("Zapier rejected the request");
        out.explanation = tr("Something in the request was not acceptable to Zapier.");
        out.nextStep = out.fieldId.isEmpty()
                           ? tr("Read the details below, correct the input and re-run.")
                           : tr("Correct the field “%1” and re-run.").arg(out.fieldId);
        break;
    case ErrorKind::Conflict:
        out.title = tr("Conflict");
        out.explanation = tr("Zapier reports a conflict with the current state (a repeated "
                             "idempotency id with different inputs, say).");
        out.nextStep = tr("Read the details below before re-running.");
        break;
    case ErrorKind::PaymentRequired:
        out.title = tr("No tasks left");
        out.explanation = tr("The Zapier account has no tasks left to run actions with.");
        out.nextStep = tr("Upgrade the plan or wait for the task allowance to reset.");
        break;
    case ErrorKind::Server:
    case ErrorKind::Unavailable:
        out.title = tr("Zapier had a problem");
        out.explanation = tr("Zapier answered with a server error; the run was not created.");
        out.nextStep = tr("Re-run in a little while.");
        break;
    case ErrorKind::MalformedResponse:
        out.title = tr("Unexpected answer from Zapier");
        out.explanation = tr("The reply did not have the documented shape (an HTML error page "
                             "or broken JSON, for example).");
        out.nextStep = tr("Check the environment's address; the API calls tab shows the reply.");
        break;
    case ErrorKind::TooLarge:
        out.title = tr("Reply too large");
        out.explanation = tr("The reply was larger than Actionbench accepts.");
        out.nextStep = tr("Narrow the action's inputs so it returns less.");
        break;
    case ErrorKind::Cancelled:
        out.title = tr("Cancelled");
        out.explanation = tr("The request was cancelled before it finished.");
        out.nextStep = tr("Re-run when ready.");
        break;
    case ErrorKind::OutcomeUnknown: // handled above
    case ErrorKind::Unknown:
        out.title = tr("The request failed");
        out.explanation = tr("The request failed for a reason Actionbench does not recognise.");
        out.nextStep = tr("Read the details below and the API calls tab.");
        break;
    }
    if (phase == runs::Phase::TimedOut) {
        out.title = tr("Stopped waiting for the result");
        out.explanation = tr("Actionbench stopped checking the run's status (it took too long, "
                             "or the checks kept failing). The run may still finish on Zapier.");
    }
    return out;
}

QList<Explanation> ErrorExplainer::explainRun(const QList<core::RunError> &errors,
                                              const std::optional<core::ApiError> &apiError,
                                              runs::Phase phase)
{
    QList<Explanation> explanations;
    for (const core::RunError &error : errors)
        explanations.append(explain(error));
    if (apiError)
        explanations.append(explain(*apiError, phase));
    else if (explanations.isEmpty() && runs::isFinalPhase(phase) && phase != runs::Phase::Success &&
             phase != runs::Phase::Error)
        explanations.append(explainPhase(phase));
    return explanations;
}

Explanation ErrorExplainer::explainPhase(runs::Phase phase)
{
    Explanation out;
    switch (phase) {
    case runs::Phase::TimedOut:
        out.title = tr("Stopped waiting for the result");
        out.explanation = tr("The run did not finish within the time Actionbench waits. It may "
                             "still finish on Zapier.");
        out.nextStep = tr("Check the app, or re-run.");
        break;
    case runs::Phase::OutcomeUnknown:
        return explain(
            core::ApiError{ErrorKind::OutcomeUnknown, 0, {}, {}, {}, {}, std::nullopt, {}}, phase);
    case runs::Phase::Cancelled:
        out.title = tr("Cancelled");
        out.explanation = tr("Tracking of this run was stopped.");
        out.nextStep = tr("Re-run to try again.");
        break;
    case runs::Phase::Failed:
        out.title = tr("The run could not be started");
        out.explanation = tr("The run failed before Zapier ran the action.");
        out.nextStep = tr("The API calls tab shows what was sent and answered.");
        break;
    default:
        break;
    }
    return out;
}

} // namespace ab::ui
