#pragma once

// The Partner API driven the way a client drives it, shared by the sandbox's HTTP tests: a
// sandbox on a free loopback port, a client, and the calls most tests need.
#include "sandboxclient.h"

#include "sandbox/sandboxserver.h"

#include <QObject>

#include <memory>

namespace ab::test {

inline QJsonObject formBody(const QJsonValue &authentication, const QJsonObject &inputs = {})
{
    return QJsonObject{{QStringLiteral("authentication"), authentication},
                       {QStringLiteral("inputs"), inputs}};
}

class PartnerApiTestBase : public QObject {
protected:
    // A client without a token (`token` empty) sends no Authorization header.
    void startSandbox(sandbox::SandboxOptions options = {},
                      const QString &token = QStringLiteral("sandbox-token"))
    {
        m_server = std::make_unique<sandbox::SandboxServer>(std::move(options));
        QVERIFY(m_server->listen());
        m_client = std::make_unique<SandboxClient>(m_server->baseUrl(), token);
    }
    void stopSandbox()
    {
        m_client.reset();
        m_server.reset();
    }

    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;

    QString appId(const char *slug) const
    {
        return m_server->catalog().app(QLatin1String(slug))->id;
    }

    // A fresh ephemeral id for an action key, as a client must fetch before every run.
    QString actionId(const char *slug, const char *key)
    {
        const HttpResult result = m_client->get(QStringLiteral("/v2/actions"),
                                                QUrlQuery{{QStringLiteral("app"), appId(slug)}});
        for (const QJsonValue &action : result.data()) {
            if (action.toObject().value(QStringLiteral("key")).toString() == QLatin1String(key))
                return action.toObject().value(QStringLiteral("id")).toString();
        }
        return {};
    }

    HttpResult inputs(const QString &action, const QJsonValue &auth, const QJsonObject &values = {})
    {
        return m_client->postData(QStringLiteral("/v2/actions/%1/inputs").arg(action),
                                  formBody(auth, values));
    }

    HttpResult startRun(const char *slug, const char *key, const QJsonValue &auth,
                        const QJsonObject &values)
    {
        return m_client->postData(QStringLiteral("/v2/action-runs"),
                                  QJsonObject{{QStringLiteral("action"), actionId(slug, key)},
                                              {QStringLiteral("authentication"), auth},
                                              {QStringLiteral("inputs"), values}});
    }

    HttpResult readRun(const QString &runId)
    {
        return m_client->get(QStringLiteral("/v2/action-runs/%1").arg(runId));
    }

    // Polls until the run leaves `waiting`; returns the final data and the waiting count.
    QJsonObject finishRun(const QString &runId, int *waits = nullptr)
    {
        for (int i = 0; i < 20; ++i) {
            const QJsonObject data = readRun(runId).dataObject();
            if (data.value(QStringLiteral("status")).toString() != QLatin1String("waiting"))
                return data;
            if (waits)
                ++*waits;
        }
        return {};
    }
};

} // namespace ab::test
