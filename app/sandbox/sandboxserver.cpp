#include "sandbox/sandboxserver.h"

#include "core/clock.h"
#include "core/version.h"
#include "sandbox/actionsapi.h"
#include "sandbox/authorizepage.h"
#include "sandbox/connectpage.h"
#include "sandbox/faultinjector.h"
#include "sandbox/httpfrontend.h"
#include "sandbox/partnerapi.h"
#include "sandbox/ratelimiter.h"
#include "sandbox/sandboxstate.h"
#include "sandbox/tokenendpoint.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTcpServer>
#include <QTimer>

#include <mutex>

Q_LOGGING_CATEGORY(lcSandbox, "ab.sandbox")

namespace ab::sandbox {

namespace {
constexpr qsizetype kMaxLoggedRequests = 10000;

// Identifies one version of the state file: modification and birth time (every save renames
// a fresh file into place) plus the size, so two saves within a millisecond still differ.
QString stateStamp(const QString &path)
{
    const QFileInfo info(path);
    return QStringLiteral("%1/%2/%3")
        .arg(info.lastModified().toMSecsSinceEpoch())
        .arg(info.birthTime().toMSecsSinceEpoch())
        .arg(info.size());
}

// QHttpServer prints every request with all of its headers at debug level ("qt.httpserver"),
// the client's "Authorization: Bearer <token>" included. The sandbox runs inside the desktop
// app and the CLI, so QT_LOGGING_RULES=*.debug=true would put access tokens in their logs:
// that category's debug and info output stays off whatever the rules say. (Its warnings stay.)
QLoggingCategory::CategoryFilter previousCategoryFilter = nullptr;

void withoutHttpServerDebug(QLoggingCategory *category)
{
    if (previousCategoryFilter)
        previousCategoryFilter(category);
    if (qstrncmp(category->categoryName(), "qt.httpserver", 13) == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

void silenceHttpServerDebug()
{
    static std::once_flag once;
    std::call_once(once, [] {
        previousCategoryFilter = QLoggingCategory::installFilter(withoutHttpServerDebug);
    });
}
} // namespace

QByteArray SandboxRequest::header(const QByteArray &name) const
{
    for (const auto &pair : requestHeaders) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

SandboxServer::SandboxServer(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_catalog(Catalog::builtIn(m_options.extraApps))
    , m_state(std::make_unique<SandboxState>())
    , m_partnerLimiter(std::make_unique<RateLimiter>(m_options.rateLimitPerMinute,
                                                     m_options.rateLimitWindowSeconds,
                                                     m_options.rateLimitCooldownSeconds))
    , m_actionsLimiter(std::make_unique<RateLimiter>(m_options.actionsRateLimitPer300s,
                                                     m_options.actionsRateLimitWindowSeconds, 0))
{
    qRegisterMetaType<ab::sandbox::SandboxRequest>();
    silenceHttpServerDebug();
    if (m_options.clock) {
        m_clock = m_options.clock;
    } else {
        m_ownClock = std::make_unique<core::SystemClock>();
        m_clock = m_ownClock.get();
    }
    m_frontend = new HttpFrontend(
        [this](HttpRequest request, std::shared_ptr<PendingResponse> response) {
            onRequest(std::move(request), std::move(response));
        },
        this);
    loadState();
}

SandboxServer::~SandboxServer() = default;

bool SandboxServer::listen(const QHostAddress &address, quint16 port)
{
    auto listening = std::make_unique<QTcpServer>();
    if (!listening->listen(address, port)) {
        qCWarning(lcSandbox, "Sandbox could not listen on %s:%u: %s",
                  qPrintable(address.toString()), unsigned(port),
                  qPrintable(listening->errorString()));
        return false;
    }
    return serve(listening.release());
}

bool SandboxServer::serve(QTcpServer *listening)
{
    const QHostAddress address = listening->serverAddress();
    if (!m_frontend->serve(listening))
        return false;
    m_baseUrl = urlFor(address, m_frontend->port());
    qCInfo(lcSandbox, "Sandbox listening on %s (%lld apps)", qPrintable(m_baseUrl.toString()),
           qint64(m_catalog.apps().size()));
    return true;
}

QUrl SandboxServer::urlFor(const QHostAddress &address, quint16 port)
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    // Clients connect to a concrete address; "any" addresses are reached through loopback.
    const QHostAddress host = (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
                                  ? QHostAddress(QHostAddress::LocalHost)
                              : address == QHostAddress::AnyIPv6
                                  ? QHostAddress(QHostAddress::LocalHostIPv6)
                                  : address;
    url.setHost(host.toString());
    url.setPort(port);
    return url;
}

bool SandboxServer::isListening() const
{
    return m_frontend->port() != 0;
}

quint16 SandboxServer::port() const
{
    return m_frontend->port();
}

QUrl SandboxServer::baseUrl() const
{
    return m_baseUrl;
}

void SandboxServer::setFaultPlan(const FaultPlan &plan)
{
    m_faultPlan = plan;
    m_faultHits = QList<int>(plan.rules.size(), 0);
}

SandboxContext SandboxServer::context() const
{
    SandboxContext context;
    context.catalog = &m_catalog;
    context.state = m_state.get();
    context.options = &m_options;
    context.clock = m_clock;
    context.baseUrl = m_baseUrl;
    return context;
}

const FaultRule *SandboxServer::pickFault(const HttpRequest &request)
{
    for (qsizetype i = 0; i < m_faultPlan.rules.size(); ++i) {
        const FaultRule &rule = m_faultPlan.rules.at(i);
        if (!rule.matches(request.method, request.path))
            continue;
        const int seen = m_faultHits[i]++;
        if (seen < rule.skip)
            continue;
        if (rule.times >= 0 && seen >= rule.skip + rule.times)
            continue;
        return &rule;
    }
    return nullptr;
}

void SandboxServer::onRequest(HttpRequest request, std::shared_ptr<PendingResponse> response)
{
    SandboxRequest record;
    record.sequence = ++m_sequence;
    record.receivedAt = m_clock->now();
    record.method = request.method;
    record.path = request.rawPath;
    record.query = request.queryString;
    record.requestHeaders = request.headers;
    record.requestBody = request.body;

    reloadStateIfChanged();
    const bool adminRoute = request.path == QLatin1String("/sandbox/faults");
    const FaultRule *fault = adminRoute ? nullptr : pickFault(request);
    HttpReply reply;
    if (!fault || fault->runsHandler())
        reply = adminRoute ? admin(request) : route(request);
    bool drop = false;
    if (fault) {
        record.faulted = true;
        record.delayMs = fault->delayMs;
        drop = fault->dropConnection;
        if (!drop)
            reply = faults::apply(*fault, reply);
    }
    saveStateIfDirty();
    if (record.delayMs > 0) {
        // Asynchronous on purpose: the server keeps answering other requests meanwhile.
        QTimer::singleShot(record.delayMs, this, [this, response, reply, record, drop] {
            deliver(response, reply, record, drop);
        });
    } else {
        deliver(response, reply, record, drop);
    }
}

void SandboxServer::deliver(const std::shared_ptr<PendingResponse> &response,
                            const HttpReply &reply, SandboxRequest record, bool drop)
{
    if (drop) {
        response->drop();
        record.dropped = true;
    } else {
        response->send(reply);
        record.status = reply.status;
        record.bodySize = reply.body.size();
    }
    qCDebug(lcSandbox, "%s %s -> %d%s", qPrintable(record.method), qPrintable(record.path),
            record.status, record.faulted ? " (fault)" : "");
    m_requests.append(record);
    if (m_requests.size() > kMaxLoggedRequests)
        m_requests.remove(0, m_requests.size() - kMaxLoggedRequests);
    Q_EMIT requestHandled(record);
}

HttpReply SandboxServer::route(const HttpRequest &request)
{
    const QStringList &s = request.segments;
    const QString first = s.value(0);
    // The browser's sign-in page: no bearer token yet, and not the API's rate budget.
    if (first == QLatin1String("v2") && s.value(1) == QLatin1String("authorize") && s.size() == 2)
        return AuthorizePage::handle(request, context());
    if (first == QLatin1String("v2"))
        return guarded(request, *m_partnerLimiter, false);
    if (first == QLatin1String("actions"))
        return guarded(request, *m_actionsLimiter, true);
    if (first == QLatin1String("oauth") && s.value(1) == QLatin1String("token") && s.size() == 2)
        return TokenEndpoint::handle(request, context());
    if (first == QLatin1String("connect") && s.value(1) == QLatin1String("to"))
        return ConnectPage::handle(request, context());
    if (first == QLatin1String("sandbox") && s.value(1) == QLatin1String("icons") &&
        s.size() == 3) {
        QString slug = s.at(2);
        slug.remove(QRegularExpression(QStringLiteral("\\.svg$")));
        const CatalogApp *app = m_catalog.app(slug);
        if (!app)
            return envelope::notFound(QStringLiteral("No icon \"%1\".").arg(s.at(2)));
        HttpReply icon;
        icon.contentType = "image/svg+xml";
        icon.body = Catalog::iconSvg(*app, request.queryValue(QStringLiteral("size")).toInt());
        icon.setHeader("Cache-Control", "max-age=86400");
        return icon;
    }
    if (s.size() <= 1 && (first.isEmpty() || first == QLatin1String("sandbox")))
        return HttpReply::json(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("Actionbench sandbox")},
                        {QStringLiteral("version"), core::applicationVersion()},
                        {QStringLiteral("apps"), int(m_catalog.apps().size())}});
    return envelope::notFound();
}

HttpReply SandboxServer::guarded(const HttpRequest &request, RateLimiter &limiter, bool actionsApi)
{
    const QString token = request.bearerToken();
    if (token.isEmpty() || !TokenEndpoint::acceptsBearer(token, context())) {
        HttpReply reply =
            token.isEmpty()
                ? envelope::error(401, QStringLiteral("not_authenticated"),
                                  QStringLiteral("NotAuthenticated"),
                                  QStringLiteral("Authentication credentials were not provided."))
                : envelope::error(401, QStringLiteral("authentication_failed"),
                                  QStringLiteral("AuthenticationFailed"),
                                  QStringLiteral("Invalid token."));
        reply.setHeader("WWW-Authenticate", "Bearer realm=\"api\"");
        return reply;
    }
    std::optional<RateLimiter::Decision> decision;
    if (limiter.isEnabled()) {
        const QString client = token.isEmpty() ? request.remoteAddress.toString() : token;
        decision = limiter.take(client, m_clock->monotonicMs(), m_clock->now().toSecsSinceEpoch());
        if (!decision->allowed) {
            HttpReply reply =
                actionsApi
                    ? envelope::error(429, QStringLiteral("too_many_requests"),
                                      QStringLiteral("Too Many Requests"),
                                      QStringLiteral("Rate limit exceeded. Too many "
                                                     "requests."))
                    : envelope::error(429, QStringLiteral("throttled"), QStringLiteral("Throttled"),
                                      QStringLiteral("Request was throttled. Expected "
                                                     "available in %1 seconds.")
                                          .arg(decision->retryAfterSeconds));
            reply.headers.append(decision->headers());
            return reply;
        }
    }
    HttpReply reply =
        actionsApi ? ActionsApi(context()).handle(request) : PartnerApi(context()).handle(request);
    if (decision)
        reply.headers.append(decision->headers());
    return reply;
}

HttpReply SandboxServer::admin(const HttpRequest &request)
{
    if (request.method == QLatin1String("GET"))
        return HttpReply::json(QJsonDocument::fromJson(m_faultPlan.toJson()).object());
    if (request.method == QLatin1String("DELETE")) {
        setFaultPlan({});
        return HttpReply::noContent();
    }
    if (request.method == QLatin1String("PUT") || request.method == QLatin1String("POST")) {
        QString error;
        const auto plan = FaultPlan::fromJson(request.body, &error);
        if (!plan)
            return envelope::error(400, QStringLiteral("invalid_fault_plan"),
                                   QStringLiteral("ValidationError"), error);
        setFaultPlan(*plan);
        qCInfo(lcSandbox, "Fault plan set: %lld rule(s)", qint64(plan->rules.size()));
        return HttpReply::json(QJsonDocument::fromJson(m_faultPlan.toJson()).object());
    }
    return envelope::methodNotAllowed(request.method);
}

void SandboxServer::loadState()
{
    if (m_options.statePath.isEmpty())
        return;
    QFile file(m_options.statePath);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_stateError = file.errorString();
        qCWarning(lcSandbox, "Cannot read sandbox state %s: %s", qPrintable(m_options.statePath),
                  qPrintable(m_stateError));
        return;
    }
    const auto object = jsonObject(file.readAll());
    if (!object) {
        m_stateError = QStringLiteral("the state file is not a JSON object");
        qCWarning(lcSandbox, "Ignoring sandbox state %s: not JSON",
                  qPrintable(m_options.statePath));
        return;
    }
    m_state->loadJson(*object);
    m_stateStamp = stateStamp(m_options.statePath);
    m_stateError.clear();
}

void SandboxServer::reloadStateIfChanged()
{
    if (m_options.statePath.isEmpty())
        return;
    // Another process sharing the file may have written since; its changes win over ours only
    // when we have nothing unsaved (we save after every request, so that is always the case).
    if (QFileInfo::exists(m_options.statePath) && stateStamp(m_options.statePath) != m_stateStamp)
        loadState();
}

void SandboxServer::saveStateIfDirty()
{
    if (!m_state->dirty || m_options.statePath.isEmpty())
        return;
    QSaveFile file(m_options.statePath);
    if (!file.open(QIODevice::WriteOnly)) {
        m_stateError = file.errorString();
        qCWarning(lcSandbox, "Cannot write sandbox state %s: %s", qPrintable(m_options.statePath),
                  qPrintable(m_stateError));
        return;
    }
    file.write(QJsonDocument(m_state->toJson()).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        m_stateError = file.errorString();
        return;
    }
    m_state->dirty = false;
    m_stateStamp = stateStamp(m_options.statePath);
    m_stateError.clear();
}

} // namespace ab::sandbox
