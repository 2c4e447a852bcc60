#include "panes/catalogmessages.h"

namespace ab::ui {

QString CatalogMessages::errorKind(const core::ApiError &error)
{
    using core::ErrorKind;
    switch (error.kind) {
    case ErrorKind::Network:
        return tr("The server could not be reached");
    case ErrorKind::Timeout:
        return tr("The server took too long to answer");
    case ErrorKind::RateLimited:
        if (error.retryAfterSeconds)
            return *error.retryAfterSeconds == 1 ? tr("Too many requests; try again in 1 second")
                                                 : tr("Too many requests; try again in %1 seconds")
                                                       .arg(*error.retryAfterSeconds);
        return tr("Too many requests; try again shortly");
    case ErrorKind::Unauthorized:
        return tr("The access token was refused (check the environment's credentials)");
    case ErrorKind::Forbidden:
        return tr("This account is not allowed to do that");
    case ErrorKind::NotFound:
        return tr("Not found on the server");
    case ErrorKind::BadRequest:
        return tr("The server rejected the request");
    case ErrorKind::Conflict:
        return tr("The server reported a conflict");
    case ErrorKind::PaymentRequired:
        return tr("The account has run out of tasks");
    case ErrorKind::Server:
        return tr("The server had an internal error");
    case ErrorKind::Unavailable:
        return tr("The server is temporarily unavailable");
    case ErrorKind::MalformedResponse:
        return tr("The server's answer was not understood");
    case ErrorKind::TooLarge:
        return tr("The server's answer was too large");
    case ErrorKind::Cancelled:
        return tr("The request was cancelled");
    case ErrorKind::OutcomeUnknown:
        return tr("The request may or may not have been applied");
    case ErrorKind::Unknown:
        break;
    }
    return tr("Something went wrong");
}

QString CatalogMessages::withDetail(const QString &headline, const core::ApiError &error)
{
    const QString detail = !error.detail.isEmpty() ? error.displayDetail() : error.displayTitle();
    QString text = tr("%1: %2.").arg(headline, errorKind(error));
    if (!detail.isEmpty())
        text += QLatin1Char(' ') + detail;
    return text;
}

QString CatalogMessages::appsFailed(const core::ApiError &error)
{
    return withDetail(tr("Could not load apps"), error);
}

QString CatalogMessages::actionsFailed(const core::ApiError &error)
{
    return withDetail(tr("Could not load actions"), error);
}

QString CatalogMessages::connectionsFailed(const core::ApiError &error)
{
    return withDetail(tr("Could not load connections"), error);
}

QString CatalogMessages::storedActionsFailed(const core::ApiError &error)
{
    return withDetail(tr("Could not load stored actions"), error);
}

QString CatalogMessages::storedActionSaveFailed(const core::ApiError &error)
{
    return withDetail(tr("Could not save the stored action"), error);
}

QString CatalogMessages::storedActionDeleteFailed(const core::ApiError &error)
{
    return withDetail(tr("Could not delete the stored action"), error);
}

QString CatalogMessages::categoryTitle(const QString &slug)
{
    // Zapier's slugs are lower case; initialisms read better restored.
    static const QStringList initialisms{
        QStringLiteral("crm"), QStringLiteral("sms"), QStringLiteral("hr"),  QStringLiteral("ai"),
        QStringLiteral("api"), QStringLiteral("it"),  QStringLiteral("seo"), QStringLiteral("erp")};
    QStringList words = slug.split(QLatin1Char('-'), Qt::SkipEmptyParts);
    for (QString &word : words) {
        if (initialisms.contains(word))
            word = word.toUpper();
    }
    QString text = words.join(QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

} // namespace ab::ui
