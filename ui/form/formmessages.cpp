#include "form/formmessages.h"

namespace ab::ui {

using Code = form::ValidationIssue::Code;
using core::ErrorKind;

QString FormMessages::validation(Code code)
{
    switch (code) {
    case Code::Required:
        return tr("This field is required");
    case Code::NotANumber:
        return tr("Enter a number, like 12.5");
    case Code::NotAnInteger:
        return tr("Enter a whole number, like 42");
    case Code::NotABoolean:
        return tr("Choose Yes or No");
    case Code::NotAList:
        return tr("Enter a list: one item per row");
    case Code::NotAnObject:
        return tr("Enter key/value pairs, each with a key");
    }
    return tr("This value is not valid");
}

QString FormMessages::errorKind(const core::ApiError &error)
{
    switch (error.kind) {
    case ErrorKind::Network:
        return tr("Could not reach the server.");
    case ErrorKind::Timeout:
        return tr("The server took too long to answer.");
    case ErrorKind::RateLimited:
        return error.retryAfterSeconds ? tr("Too many requests: try again in %n second(s).",
                                            nullptr, *error.retryAfterSeconds)
                                       : tr("Too many requests: try again in a moment.");
    case ErrorKind::Unauthorized:
        return tr("The API token was refused.");
    case ErrorKind::Forbidden:
        return tr("This account may not do that.");
    case ErrorKind::NotFound:
        return tr("The action was not found; its id may have expired.");
    case ErrorKind::BadRequest:
        return tr("The server refused the request.");
    case ErrorKind::Conflict:
        return tr("The server reported a conflict.");
    case ErrorKind::PaymentRequired:
        return tr("The account has no tasks left.");
    case ErrorKind::Server:
        return tr("The server had an internal error.");
    case ErrorKind::Unavailable:
        return tr("The server is unavailable right now.");
    case ErrorKind::MalformedResponse:
        return tr("The server's answer could not be read.");
    case ErrorKind::TooLarge:
        return tr("The server's answer was too large.");
    case ErrorKind::Cancelled:
        return tr("The request was cancelled.");
    case ErrorKind::OutcomeUnknown:
        return tr("It is not known whether the request was applied.");
    case ErrorKind::Unknown:
        break;
    }
    return tr("Something went wrong.");
}

QString FormMessages::withDetail(const QString &headline, const core::ApiError &error)
{
    const QString detail = !error.detail.isEmpty() ? error.displayDetail() : error.displayTitle();
    //: %1 says what failed ("Could not load the choices."), %2 why, in a sentence.
    if (detail.isEmpty())
        return tr("%1 %2").arg(headline, errorKind(error));
    //: As "%1 %2", with %3 the server's own explanation, untranslated.
    return tr("%1 %2 (%3)").arg(headline, errorKind(error), detail);
}

QString FormMessages::formLoadFailed(const core::ApiError &error)
{
    return withDetail(tr("Could not load the form's fields."), error);
}

QString FormMessages::choicesFailed(const core::ApiError &error)
{
    return withDetail(tr("Could not load the choices."), error);
}

QString FormMessages::outputsFailed(const core::ApiError &error)
{
    return withDetail(tr("Could not load the outputs."), error);
}

QString FormMessages::gated(const QStringList &blockingTitles)
{
    // Joined here rather than with QLocale::createSeparatedList, which the C locale (tests,
    // some CI) renders without "and".
    QString list = blockingTitles.value(0);
    //: The last two of a list of field titles.
    if (blockingTitles.size() == 2) {
        list = tr("%1 and %2").arg(blockingTitles.at(0), blockingTitles.at(1));
    } else if (blockingTitles.size() > 2) {
        list = tr("%1 and %2")
                   .arg(blockingTitles.first(blockingTitles.size() - 1).join(tr(", ")),
                        blockingTitles.last());
    }
    //: Why a field is disabled; %1 names the fields it depends on.
    return tr("Choose %1 first").arg(list);
}

QString FormMessages::formChanged(const QStringList &addedTitles, const QStringList &removedTitles,
                                  int limit)
{
    const auto list = [limit](const QStringList &titles) {
        if (titles.size() <= limit)
            return titles.join(tr(", "));
        //: %1 lists the first field titles; %n counts the ones left out.
        return tr("%1 and %n more", nullptr, int(titles.size() - limit))
            .arg(titles.first(limit).join(tr(", ")));
    };
    QStringList parts;
    if (!addedTitles.isEmpty())
        parts.append(tr("Added: %1").arg(list(addedTitles)));
    if (!removedTitles.isEmpty())
        parts.append(tr("Removed: %1").arg(list(removedTitles)));
    //: Between "Added: …" and "Removed: …" in the note about changed fields.
    return parts.join(tr(" · "));
}

QString FormMessages::formCleared(const QString &changes)
{
    //: The note after Action › Clear form, beside its Undo button.
    const QString cleared = tr("Form cleared.");
    //: %1 is "Form cleared." (or "Form filled in from the run."), %2 what the form's refetch
    //: added or removed.
    return changes.isEmpty() ? cleared : tr("%1 %2").arg(cleared, changes);
}

QString FormMessages::formRestored(const QString &changes)
{
    //: The note after Restore into form put a past run's values in place of the form's own,
    //: beside its Undo button.
    const QString restored = tr("Form filled in from the run.");
    return changes.isEmpty() ? restored : tr("%1 %2").arg(restored, changes);
}

} // namespace ab::ui
