#pragma once

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace ab::test {

// A finished HTTP exchange with the sandbox, decoded for assertions.
struct HttpResult {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMs = 0;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray data() const { return json().value(QStringLiteral("data")).toArray(); }
    QJsonObject dataObject() const { return json().value(QStringLiteral("data")).toObject(); }
    QJsonObject firstError() const
    {
        return json().value(QStringLiteral("errors")).toArray().first().toObject();
    }
    QString errorCode() const { return firstError().value(QStringLiteral("code")).toString(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }
};

// Talks to a sandbox over real HTTP; every call waits on QNetworkReply::finished.
class SandboxClient {
public:
    explicit SandboxClient(QUrl base, QString token = QStringLiteral("sandbox-token"))
        : m_base(std::move(base))
        , m_token(std::move(token))
    {}

    void setToken(const QString &token) { m_token = token; }

    QUrl url(const QString &path, const QUrlQuery &query = {}) const
    {
        QUrl result = m_base;
        result.setPath(path);
        if (!query.isEmpty())
            result.setQuery(query);
        return result;
    }

    HttpResult get(const QString &path, const QUrlQuery &query = {})
    {
        return send("GET", url(path, query), {});
    }
    HttpResult post(const QString &path, const QJsonObject &body, const QUrlQuery &query = {})
    {
        return send("POST", url(path, query), QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    HttpResult postData(const QString &path, const QJsonObject &data, const QUrlQuery &query = {})
    {
        return post(path, QJsonObject{{QStringLiteral("data"), data}}, query);
    }
    HttpResult patchData(const QString &path, const QJsonObject &data)
    {
        return send("PATCH", url(path),
                    QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson());
    }
    HttpResult remove(const QString &path) { return send("DELETE", url(path), {}); }
    HttpResult form(const QString &path, const QUrlQuery &fields)
    {
        return send("POST", url(path), fields.toString(QUrl::FullyEncoded).toUtf8(),
                    "application/x-www-form-urlencoded");
    }

    HttpResult send(const QByteArray &verb, const QUrl &target, const QByteArray &body,
                    const QByteArray &contentType = "application/json",
                    const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {})
    {
        QNetworkRequest request(target);
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        for (const auto &header : extraHeaders)
            request.setRawHeader(header.first, header.second);
        request.setRawHeader("Accept", "application/json");
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(m_timeoutMs);
        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(m_timeoutMs + 5000);
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        result.elapsedMs = timer.elapsed();
        return result;
    }

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

private:
    QNetworkAccessManager m_network;
    QUrl m_base;
    QString m_token;
    int m_timeoutMs = 20000;
};

} // namespace ab::test
