#pragma once

#include "core/apierror.h"
#include "core/app.h"

#include <QAbstractListModel>
#include <QMultiHash>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <optional>

namespace ab::core {
class ZapierBackend;
}

namespace ab::models {

class IconCache;

// The app catalog (GET /v2/apps) for a search text and a category, paged in 50 at a time through
// canFetchMore()/fetchMore() as a view scrolls. One request is in flight at a time; a new query
// drops the reply of the old one. After a failure nothing more is fetched until reload() or
// a new query, so a broken server is not hammered by a scrolling view.
class AppCatalogModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppCatalogModel)

public:
    enum Role {
        AppIdRole = Qt::UserRole + 1,
        DescriptionRole,
        HexColorRole,
        CategoriesRole, // QStringList of slugs
        NeedsAuthenticationRole,
        ActionTypesRole, // QStringList as sent ("WRITE", ...)
    };
    static constexpr int pageSize = 50;

    AppCatalogModel(core::ZapierBackend *backend, IconCache *icons, QObject *parent);
    ~AppCatalogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Each resets the list and fetches page 1 (nothing happens when the value is unchanged).
    void setQuery(const QString &query);
    void setCategory(const QString &categorySlug);
    QString query() const { return m_query; }
    QString category() const { return m_category; }
    // Drops everything (categories seen included) and fetches page 1 again, e.g. after the
    // environment changed or a failure.
    void reload();
    // After a failure: asks again for the page that failed, keeping the rows already loaded.
    void retry();

    const core::App &app(int row) const { return m_apps.at(row); }
    int rowOfApp(const QString &appId) const; // -1 when not loaded
    bool loading() const { return m_loading; }
    bool hasError() const { return m_error.has_value(); }
    std::optional<core::ApiError> lastError() const { return m_error; }
    bool hasLoadedOnce() const { return m_loadedOnce; } // a page for this query arrived
    int totalCount() const { return m_total; }          // meta.count of the current query
    // Every category slug seen in any page since the last reload(), sorted.
    QStringList categories() const;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void failed(const ab::core::ApiError &error);
    void pageLoaded(); // after rows of a page were inserted (also for an empty page)
    void categoriesChanged();
    void totalCountChanged(int count);

private:
    void reset();
    void request();
    void setLoading(bool loading);
    void onIconReady(const QUrl &url);

    core::ZapierBackend *m_backend;
    IconCache *m_icons;
    QList<core::App> m_apps;
    QMultiHash<QUrl, int> m_rowsByIcon;
    QSet<QString> m_categories;
    QString m_query;
    QString m_category;
    int m_total = 0;
    bool m_hasMore = true;
    bool m_loading = false;
    bool m_loadedOnce = false;
    std::optional<core::ApiError> m_error;
    // Replies are bound to this; deleting it on a reset drops the stale callback.
    QPointer<QObject> m_requestContext;
};

} // namespace ab::models
