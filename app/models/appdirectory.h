#pragma once

#include "core/app.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace ab::core {
class ZapierBackend;
}

namespace ab::models {

// Apps by id, for views that know only an app's id and title (the history's rows): app() answers
// from what it has, and asks the server for the ids it has not seen, all those of one event-loop
// turn in one request (GET /v2/apps?ids=...). An id the server does not know (an app gone, or a
// run from another server) is asked once and then reported missing. An id whose request failed
// (the server unreachable, a 429 storm) is missing for a while, then asked again.
class AppDirectory final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppDirectory)

public:
    AppDirectory(core::ZapierBackend *backend, QObject *parent);
    ~AppDirectory() override;

    // The app, or nullptr while it is not known; an unseen id is asked for (see above).
    const core::App *app(const QString &id);
    // Asked and not found (for good), or its request failed (until the retry delay is over):
    // a view shows its stand-in.
    bool isMissing(const QString &id) const
    {
        return m_missing.contains(id) || m_failed.contains(id);
    }
    // How long ids of a failed request wait before they are asked again, unless the server
    // said (Retry-After). A minute: the Partner API's cooldown after a 429.
    void setRetryDelayMs(qint64 ms) { m_retryDelayMs = ms; }
    // Apps the caller already has (a catalog page, say).
    void remember(const QList<core::App> &apps);
    // Forgets everything and drops the answers on their way (the server changed).
    void clear();

    // Ids per request: GET /v2/apps pages are small on Zapier.
    static constexpr int batchSize = 50;

Q_SIGNALS:
    // Some apps asked for are now known or missing: views ask app() again.
    void resolved();

private:
    void fetchPending();

    core::ZapierBackend *m_backend;
    QHash<QString, core::App> m_apps;
    QSet<QString> m_missing;
    QHash<QString, QDeadlineTimer> m_failed; // until they may be asked again
    qint64 m_retryDelayMs = 60000;
    QSet<QString> m_asked; // queued or in flight
    QStringList m_queue;
    bool m_fetchScheduled = false;
    QPointer<QObject> m_context; // the requests of the current server
};

} // namespace ab::models
