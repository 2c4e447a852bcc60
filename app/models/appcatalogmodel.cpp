#include "models/appcatalogmodel.h"

#include "core/zapierbackend.h"
#include "models/iconcache.h"

#include <algorithm>

namespace ab::models {

AppCatalogModel::AppCatalogModel(core::ZapierBackend *backend, IconCache *icons, QObject *parent)
    : QAbstractListModel(parent)
    , m_backend(backend)
    , m_icons(icons)
{
    if (m_icons)
        connect(m_icons, &IconCache::iconReady, this, &AppCatalogModel::onIconReady);
}

AppCatalogModel::~AppCatalogModel() = default;

int AppCatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_apps.size());
}

QVariant AppCatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::App &app = m_apps.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return app.title;
    case Qt::DecorationRole:
        return m_icons ? QVariant(m_icons->icon(app))
                       : QVariant(IconCache::letterTile(app.title, app.hexColor));
    case Qt::ToolTipRole:
    case DescriptionRole:
    case Qt::AccessibleDescriptionRole:
        return app.description;
    case AppIdRole:
        return app.id;
    case HexColorRole:
        return app.hexColor;
    case CategoriesRole:
        return app.categories;
    case NeedsAuthenticationRole:
        return app.needsAuthentication;
    case ActionTypesRole:
        return app.actionTypes;
    default:
        return {};
    }
}

QHash<int, QByteArray> AppCatalogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(AppIdRole, "appId");
    names.insert(DescriptionRole, "description");
    names.insert(HexColorRole, "hexColor");
    names.insert(CategoriesRole, "categories");
    names.insert(NeedsAuthenticationRole, "needsAuthentication");
    names.insert(ActionTypesRole, "actionTypes");
    return names;
}

bool AppCatalogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_backend && m_hasMore && !m_loading && !m_error;
}

void AppCatalogModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        request();
}

void AppCatalogModel::setQuery(const QString &query)
{
    if (query == m_query && (m_loadedOnce || m_loading))
        return;
    m_query = query;
    reset();
    request();
}

void AppCatalogModel::setCategory(const QString &categorySlug)
{
    if (categorySlug == m_category && (m_loadedOnce || m_loading))
        return;
    m_category = categorySlug;
    reset();
    request();
}

void AppCatalogModel::reload()
{
    m_categories.clear();
    Q_EMIT categoriesChanged();
    reset();
    request();
}

void AppCatalogModel::retry()
{
    if (m_loading)
        return;
    m_error.reset();
    m_hasMore = true;
    request();
}

int AppCatalogModel::rowOfApp(const QString &appId) const
{
    for (int row = 0; row < m_apps.size(); ++row) {
        if (m_apps.at(row).id == appId)
            return row;
    }
    return -1;
}

QStringList AppCatalogModel::categories() const
{
    QStringList list(m_categories.cbegin(), m_categories.cend());
    std::sort(list.begin(), list.end());
    return list;
}

void AppCatalogModel::reset()
{
    // Deleting the context drops the reply of the previous query, whenever it lands.
    delete m_requestContext;
    beginResetModel();
    m_apps.clear();
    m_rowsByIcon.clear();
    m_hasMore = true;
    m_loadedOnce = false;
    m_error.reset();
    endResetModel();
    if (m_total != 0) {
        m_total = 0;
        Q_EMIT totalCountChanged(0);
    }
    setLoading(false);
}

void AppCatalogModel::request()
{
    if (!m_backend || m_loading)
        return;
    core::AppQuery query;
    query.query = m_query;
    query.category = m_category;
    query.offset = int(m_apps.size());
    query.limit = pageSize;
    auto *context = new QObject(this);
    m_requestContext = context;
    m_error.reset();
    setLoading(true);
    m_backend->apps(query, context, [this, context](core::ApiResult<core::Page<core::App>> result) {
        // Belt and braces: a stale reply is dropped even if the backend ignored the context.
        if (context != m_requestContext)
            return;
        context->deleteLater();
        if (!result.ok()) {
            m_error = result.error();
            setLoading(false);
            Q_EMIT failed(result.error());
            return;
        }
        const core::Page<core::App> &page = result.value();
        m_loadedOnce = true;
        if (!page.items.isEmpty()) {
            const int first = int(m_apps.size());
            beginInsertRows({}, first, first + int(page.items.size()) - 1);
            m_apps.append(page.items);
            endInsertRows();
            bool newCategory = false;
            for (int row = first; row < m_apps.size(); ++row) {
                const core::App &app = m_apps.at(row);
                m_rowsByIcon.insert(IconCache::iconUrl(app), row);
                for (const QString &slug : app.categories) {
                    if (!m_categories.contains(slug)) {
                        m_categories.insert(slug);
                        newCategory = true;
                    }
                }
            }
            if (newCategory)
                Q_EMIT categoriesChanged();
        }
        // Either signal of the end is enough: some servers omit links.next, others meta.count.
        m_hasMore = !page.items.isEmpty() &&
                    (page.hasNext() || (page.count > 0 && m_apps.size() < page.count));
        if (page.count != m_total) {
            m_total = page.count;
            Q_EMIT totalCountChanged(m_total);
        }
        setLoading(false);
        Q_EMIT pageLoaded();
    });
}

void AppCatalogModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void AppCatalogModel::onIconReady(const QUrl &url)
{
    const QList<int> rows = m_rowsByIcon.values(url);
    for (int row : rows) {
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed, {Qt::DecorationRole});
    }
}

} // namespace ab::models
