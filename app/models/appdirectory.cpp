#include "models/appdirectory.h"

#include "core/zapierbackend.h"

#include <QTimer>

#include <climits>
#include <optional>

namespace ab::models {

AppDirectory::AppDirectory(core::ZapierBackend *backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_context(new QObject(this))
{}

AppDirectory::~AppDirectory() = default;

const core::App *AppDirectory::app(const QString &id)
{
    const auto found = m_apps.constFind(id);
    if (found != m_apps.constEnd())
        return &*found;
    if (id.isEmpty() || !m_backend || m_missing.contains(id) || m_asked.contains(id))
        return nullptr;
    if (const auto failed = m_failed.constFind(id); failed != m_failed.constEnd()) {
        if (!failed->hasExpired())
            return nullptr;
        m_failed.erase(failed);
    }
    m_asked.insert(id);
    m_queue.append(id);
    if (!m_fetchScheduled) {
        // Asked from a view's paint: the request leaves once the paint is over, with every id
        // the paint asked for.
        m_fetchScheduled = true;
        QTimer::singleShot(0, m_context, [this] { fetchPending(); });
    }
    return nullptr;
}

void AppDirectory::remember(const QList<core::App> &apps)
{
    for (const core::App &app : apps) {
        m_apps.insert(app.id, app);
        m_missing.remove(app.id);
        m_failed.remove(app.id);
    }
}

void AppDirectory::clear()
{
    delete m_context;
    m_context = new QObject(this);
    m_apps.clear();
    m_missing.clear();
    m_failed.clear();
    m_asked.clear();
    m_queue.clear();
    m_fetchScheduled = false;
}

void AppDirectory::fetchPending()
{
    m_fetchScheduled = false;
    while (!m_queue.isEmpty()) {
        core::AppQuery query;
        query.ids = m_queue.mid(0, batchSize);
        m_queue.remove(0, query.ids.size());
        query.limit = int(query.ids.size());
        QObject *context = m_context;
        m_backend->apps(
            query, context,
            [this, context, ids = query.ids](core::ApiResult<core::Page<core::App>> result) {
                if (context != m_context)
                    return; // the server changed meanwhile
                if (result.ok())
                    remember(result.value().items);
                // Not a retry loop: a failed request's ids wait, then views are told to ask.
                const std::optional<int> retryAfter =
                    result.ok() ? std::nullopt : result.error().retryAfterSeconds;
                const qint64 delay = retryAfter ? qint64(*retryAfter) * 1000 : m_retryDelayMs;
                for (const QString &id : ids) {
                    m_asked.remove(id);
                    if (m_apps.contains(id))
                        continue;
                    if (result.ok())
                        m_missing.insert(id);
                    else
                        m_failed.insert(id, QDeadlineTimer(delay));
                }
                if (!result.ok())
                    QTimer::singleShot(int(qMin<qint64>(delay, INT_MAX)), context,
                                       [this] { Q_EMIT resolved(); });
                Q_EMIT resolved();
            });
    }
}

} // namespace ab::models
