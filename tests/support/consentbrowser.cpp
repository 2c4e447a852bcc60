#include "support/consentbrowser.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUrlQuery>

#include <memory>

namespace ab::test {

namespace {

// The body of a finished reply (empty on an error); waits on the reply's own signal.
QByteArray bodyOf(QNetworkReply *reply)
{
    std::unique_ptr<QNetworkReply> owned(reply);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(20000))
        return {};
    return reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
}

} // namespace

QByteArray answerConsentPage(const QUrl &authorizeUrl, const QString &decision)
{
    QNetworkAccessManager browser;
    const QString page = QString::fromUtf8(bodyOf(browser.get(QNetworkRequest(authorizeUrl))));
    const QString action =
        QRegularExpression(QStringLiteral("<form method=\"post\" action=\"([^\"]+)\""))
            .match(page)
            .captured(1)
            .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    const QString request =
        QRegularExpression(QStringLiteral("name=\"request\" value=\"([^\"]+)\""))
            .match(page)
            .captured(1);
    if (action.isEmpty() || request.isEmpty()) {
        qWarning("not a consent page: %s", qPrintable(page.left(500)));
        return {};
    }
    QNetworkRequest post{QUrl(action)};
    post.setHeader(QNetworkRequest::ContentTypeHeader,
                   QByteArray("application/x-www-form-urlencoded"));
    const QUrlQuery form{{QStringLiteral("request"), request},
                         {QStringLiteral("decision"), decision}};
    const QByteArray answer =
        bodyOf(browser.post(post, form.toString(QUrl::FullyEncoded).toUtf8()));
    if (answer.isEmpty())
        qWarning("the consent page's answer led to no page");
    return answer;
}

} // namespace ab::test
