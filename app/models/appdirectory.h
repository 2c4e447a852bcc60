#pragma once

#include "core/app.h"

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
// run from another server) is asked once and then reported missing.
class AppDirectory final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppDirectory)

public:
    AppDirectory(core::ZapierBackend *backend, QObject *parent);
    ~AppDirectory() override;

    // The app, or nullptr while it is not known; an unseen id is asked for (see above).
    const core::App *app(const QString &id);
    // Asked and not found, or the request failed: a view shows its stand-in for good.
    bool isMissing(const QString &id) const { return m_missing.contains(id); }
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
    QSet<QString> m_asked; // queued or in flight
    QStringList m_queue;
    bool m_fetchScheduled = false;
    QPointer<QObject> m_context; // the requests of the current server
};

} // namespace ab::models
