#include "sandbox/partnerapi.h"

#include "sandbox/formengine.h"

namespace ab::sandbox {

namespace {

constexpr int kDefaultLimit = 10;
constexpr int kMaxLimit = 100;

HttpReply validationError(const QString &detail, const QString &parameter)
{
    return envelope::error(400, QStringLiteral("invalid"), QStringLiteral("ValidationError"),
                           detail, {}, parameter);
}

struct Paging {
    int limit = kDefaultLimit;
    int offset = 0;
    std::optional<HttpReply> error;
};

Paging paging(const HttpRequest &request)
{
    Paging result;
    const IntParam limit = intQueryParam(request, QStringLiteral("limit"), 1, 100000);
    const IntParam offset = intQueryParam(request, QStringLiteral("offset"), 0, 1 << 30);
    if (limit.error || offset.error) {
        result.error = limit.error ? limit.error : offset.error;
        return result;
    }
    // Larger pages are capped, as list endpoints do, rather than refused.
    result.limit = qMin(limit.value.value_or(kDefaultLimit), kMaxLimit);
    result.offset = offset.value.value_or(0);
    return result;
}

} // namespace

HttpReply PartnerApi::handle(const HttpRequest &request)
{
    const QStringList &s = request.segments;
    const QString &method = request.method;
    const auto expect = [&method](const char *wanted) {
        return method == QLatin1String(wanted);
    };
    if (s.size() == 2 && s.at(1) == QLatin1String("apps"))
        return expect("GET") ? apps(request) : envelope::methodNotAllowed(method);
    if (s.size() == 2 && s.at(1) == QLatin1String("actions"))
        return expect("GET") ? actions(request) : envelope::methodNotAllowed(method);
    if (s.size() == 2 && s.at(1) == QLatin1String("authentications"))
        return expect("GET") ? authentications(request) : envelope::methodNotAllowed(method);
    if (s.size() == 4 && s.at(1) == QLatin1String("actions") && s.at(3) == QLatin1String("inputs"))
        return expect("POST") ? inputs(request, s.at(2)) : envelope::methodNotAllowed(method);
    if (s.size() == 6 && s.at(1) == QLatin1String("actions") &&
        s.at(3) == QLatin1String("inputs") && s.at(5) == QLatin1String("choices"))
        return expect("POST") ? choices(request, s.at(2), s.at(4))
                              : envelope::methodNotAllowed(method);
    if (s.size() == 4 && s.at(1) == QLatin1String("actions") && s.at(3) == QLatin1String("outputs"))
        return expect("POST") ? outputs(request, s.at(2)) : envelope::methodNotAllowed(method);
    if (s.size() == 2 && s.at(1) == QLatin1String("action-runs"))
        return expect("POST") ? createRun(request) : envelope::methodNotAllowed(method);
    if (s.size() == 3 && s.at(1) == QLatin1String("action-runs"))
        return expect("GET") ? run(s.at(2)) : envelope::methodNotAllowed(method);
    return envelope::notFound();
}

QString PartnerApi::pageUrl(const HttpRequest &request, int offset, int limit) const
{
    QUrlQuery query;
    for (const auto &item : request.query.queryItems(QUrl::FullyDecoded)) {
        if (item.first != QLatin1String("offset") && item.first != QLatin1String("limit"))
            query.addQueryItem(item.first, item.second);
    }
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    return m_context.url(request.path, query);
}

QJsonObject PartnerApi::appJson(const CatalogApp &app) const
{
    const QString icon = QStringLiteral("/sandbox/icons/%1.svg").arg(app.slug);
    const auto sized = [this, &icon](int size) {
        return m_context.url(icon, QUrlQuery{{QStringLiteral("size"), QString::number(size)}});
    };
    QJsonArray categories;
    for (const QString &slug : app.categories)
        categories.append(QJsonObject{{QStringLiteral("slug"), slug}});
    const QJsonValue connect =
        app.needsAuth
            ? QJsonValue(m_context.url(QStringLiteral("/connect/to/") + app.implementation))
            : QJsonValue(QJsonValue::Null);
    return QJsonObject{
        {QStringLiteral("id"), app.id},
        {QStringLiteral("type"), QStringLiteral("app")},
        {QStringLiteral("title"), app.title},
        {QStringLiteral("description"), app.description},
        {QStringLiteral("image"), sized(128)},
        {QStringLiteral("images"), QJsonObject{{QStringLiteral("url_16x16"), sized(16)},
                                               {QStringLiteral("url_32x32"), sized(32)},
                                               {QStringLiteral("url_64x64"), sized(64)},
                                               {QStringLiteral("url_128x128"), sized(128)}}},
        {QStringLiteral("hex_color"), app.hexColor},
        {QStringLiteral("categories"), categories},
        {QStringLiteral("action_types"), QJsonArray::fromStringList(app.actionTypes)},
        {QStringLiteral("links"),
         QJsonObject{{QStringLiteral("connect_new_authentication"), connect}}}};
}

HttpReply PartnerApi::apps(const HttpRequest &request)
{
    const QString category = request.queryValue(QStringLiteral("category"));
    const QString idList = request.queryValue(QStringLiteral("ids"));
    if (!category.isEmpty() && !idList.isEmpty())
        return validationError(QStringLiteral("\"category\" cannot be combined with \"ids\"."),
                               QStringLiteral("category"));
    const Paging page = paging(request);
    if (page.error)
        return *page.error;
    const QStringList ids = idList.split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QList<int> matches =
        m_context.catalog->search(request.queryValue(QStringLiteral("query")), category, ids);
    QJsonArray data;
    const int end = qMin(int(matches.size()), page.offset + page.limit);
    for (int i = page.offset; i < end; ++i)
        data.append(appJson(m_context.catalog->apps().at(matches.at(i))));
    const QString next =
        end < matches.size() ? pageUrl(request, page.offset + page.limit, page.limit) : QString();
    const QString prev = page.offset > 0
                             ? pageUrl(request, qMax(0, page.offset - page.limit), page.limit)
                             : QString();
    return HttpReply::json(
        envelope::list(data, matches.size(), page.limit, page.offset, next, prev));
}

HttpReply PartnerApi::actions(const HttpRequest &request)
{
    const QString appId = request.queryValue(QStringLiteral("app"));
    if (appId.isEmpty())
        return validationError(QStringLiteral("\"app\" is required: an app id from GET /v2/apps."),
                               QStringLiteral("app"));
    const CatalogApp *app = m_context.catalog->app(appId);
    if (!app)
        return validationError(QStringLiteral("Unknown app \"%1\".").arg(appId),
                               QStringLiteral("app"));
    const QString type = request.queryValue(QStringLiteral("action_type")).toUpper();
    static const QStringList types = {QStringLiteral("READ"),
                                      QStringLiteral("READ_BULK"),
                                      QStringLiteral("WRITE"),
                                      QStringLiteral("SEARCH"),
                                      QStringLiteral("SEARCH_OR_WRITE"),
                                      QStringLiteral("SEARCH_AND_WRITE"),
                                      QStringLiteral("FILTER")};
    if (!type.isEmpty() && !types.contains(type))
        return validationError(QStringLiteral("Unknown action_type \"%1\".").arg(type),
                               QStringLiteral("action_type"));
    QJsonArray data;
    for (const CatalogAction &action : app->actions) {
        if (!type.isEmpty() && action.actionType != type)
            continue;
        // A new id on every lookup, as Zapier's are "unique per lookup" (contract §8.1).
        const IssuedAction issued{QStringLiteral("core:sb%1").arg(++m_context.state->actionCounter),
                                  app->id, action.key, false};
        m_context.state->rememberIssued(issued);
        data.append(QJsonObject{{QStringLiteral("id"), issued.id},
                                {QStringLiteral("key"), action.key},
                                {QStringLiteral("app"), app->id},
                                {QStringLiteral("type"), QStringLiteral("action")},
                                {QStringLiteral("action_type"), action.actionType},
                                {QStringLiteral("is_instant"), action.isInstant},
                                {QStringLiteral("title"), action.title},
                                {QStringLiteral("description"), action.description}});
    }
    return HttpReply::json(envelope::list(data, data.size(), -1, -1, {}, {}));
}

HttpReply PartnerApi::authentications(const HttpRequest &request)
{
    const QString appId = request.queryValue(QStringLiteral("app"));
    if (appId.isEmpty())
        return validationError(QStringLiteral("\"app\" is required: an app id from GET /v2/apps."),
                               QStringLiteral("app"));
    const CatalogApp *app = m_context.catalog->app(appId);
    if (!app)
        return validationError(QStringLiteral("Unknown app \"%1\".").arg(appId),
                               QStringLiteral("app"));
    const Paging page = paging(request);
    if (page.error)
        return *page.error;
    const QList<CatalogConnection> all = m_context.connections(*app);
    QJsonArray data;
    const int end = qMin(int(all.size()), page.offset + page.limit);
    for (int i = page.offset; i < end; ++i) {
        const CatalogConnection &connection = all.at(i);
        data.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("authentication")},
                                {QStringLiteral("id"), connection.id},
                                {QStringLiteral("app"), app->id},
                                {QStringLiteral("is_expired"), connection.isExpired},
                                {QStringLiteral("title"), connection.title}});
    }
    const QString next =
        end < all.size() ? pageUrl(request, page.offset + page.limit, page.limit) : QString();
    const QString prev = page.offset > 0
                             ? pageUrl(request, qMax(0, page.offset - page.limit), page.limit)
                             : QString();
    return HttpReply::json(envelope::list(data, all.size(), page.limit, page.offset, next, prev));
}

std::optional<HttpReply> PartnerApi::checkAuthentication(const CatalogApp &app,
                                                         const QJsonValue &value,
                                                         const QString &pointer, bool allowExpired,
                                                         QString *connectionId) const
{
    const QString id = FormEngine::valueText(value);
    *connectionId = id;
    if (!app.needsAuth)
        return std::nullopt; // apps without authentication ignore it (null is the norm)
    if (id.isEmpty())
        return envelope::error(400, QStringLiteral("missing_authentication"),
                               QStringLiteral("ValidationError"),
                               QStringLiteral("%1 needs a connection: pass an authentication id "
                                              "from GET /v2/authentications?app=%2.")
                                   .arg(app.title, app.id),
                               pointer);
    const auto connection = m_context.connection(app, id);
    if (!connection)
        return envelope::error(
            400, QStringLiteral("invalid_authentication"), QStringLiteral("ValidationError"),
            QStringLiteral("Authentication \"%1\" is not a connection of %2.").arg(id, app.title),
            pointer);
    if (connection->isExpired && !allowExpired)
        return envelope::error(400, QStringLiteral("expired_authentication"),
                               QStringLiteral("ExpiredAuthentication"),
                               QStringLiteral("The connection \"%1\" has expired. Reconnect it "
                                              "(Connect UI with reconnect_id=%2) and try again.")
                                   .arg(connection->title, id),
                               pointer);
    return std::nullopt;
}

PartnerApi::FormRequest PartnerApi::formRequest(const HttpRequest &request, const QString &actionId)
{
    FormRequest result;
    const auto issued = m_context.state->issuedActions.constFind(actionId);
    if (issued == m_context.state->issuedActions.constEnd()) {
        result.error = envelope::notFound(
            QStringLiteral("Action \"%1\" not found. Action ids are ephemeral: fetch a fresh one "
                           "from GET /v2/actions.")
                .arg(actionId));
        return result;
    }
    result.app = m_context.catalog->app(issued->appId);
    result.action = result.app ? result.app->action(issued->actionKey) : nullptr;
    if (!result.action) {
        result.error = envelope::notFound();
        return result;
    }
    const auto data = dataEnvelope(request.body);
    if (!data) {
        result.error = envelope::parseError(
            QStringLiteral("Expected a JSON body {\"data\": {\"authentication\": ..., \"inputs\": "
                           "{...}}}."));
        return result;
    }
    const QJsonValue inputs = data->value(QStringLiteral("inputs"));
    if (!inputs.isObject() && !inputs.isNull() && !inputs.isUndefined()) {
        result.error = envelope::parseError(QStringLiteral("\"inputs\" must be an object."),
                                            QStringLiteral("/data/inputs"));
        return result;
    }
    result.inputs = inputs.toObject();
    if (auto error = checkAuthentication(*result.app, data->value(QStringLiteral("authentication")),
                                         QStringLiteral("/data/authentication"), false,
                                         &result.connectionId))
        result.error = error;
    return result;
}

HttpReply PartnerApi::inputs(const HttpRequest &request, const QString &actionId)
{
    const FormRequest form = formRequest(request, actionId);
    if (form.error)
        return *form.error;
    const QJsonArray fields = FormEngine::fields(*form.action, form.inputs);
    return HttpReply::json(envelope::list(fields, fields.size(), -1, -1, {}, {}));
}

HttpReply PartnerApi::choices(const HttpRequest &request, const QString &actionId,
                              const QString &inputId)
{
    const IntParam pageParam = intQueryParam(request, QStringLiteral("page"), 1, 1 << 20);
    if (pageParam.error)
        return *pageParam.error;
    const int page = pageParam.value.value_or(1);
    const FormRequest form = formRequest(request, actionId);
    if (form.error)
        return *form.error;
    const FormEngine::ChoiceResult result = FormEngine::choices(*form.action, inputId, form.inputs);
    if (!result.found)
        return envelope::notFound(
            QStringLiteral("Input field \"%1\" does not exist for these inputs.").arg(inputId));
    if (result.error)
        return envelope::errors({*result.error});
    QJsonArray data;
    const int start = (page - 1) * result.pageSize;
    const int end = qMin(int(result.choices.size()), start + result.pageSize);
    for (int i = start; i < end; ++i)
        data.append(result.choices.at(i));
    const auto pageLink = [&](int number) {
        return m_context.url(request.path,
                             QUrlQuery{{QStringLiteral("page"), QString::number(number)}});
    };
    const QString next = end < result.choices.size() ? pageLink(page + 1) : QString();
    const QString prev = page > 1 ? pageLink(page - 1) : QString();
    return HttpReply::json(envelope::choices(data, page, next, prev));
}

HttpReply PartnerApi::outputs(const HttpRequest &request, const QString &actionId)
{
    const FormRequest form = formRequest(request, actionId);
    if (form.error)
        return *form.error;
    const QJsonArray fields = FormEngine::outputs(*form.action, form.inputs);
    return HttpReply::json(envelope::list(fields, fields.size(), -1, -1, {}, {}));
}

} // namespace ab::sandbox
