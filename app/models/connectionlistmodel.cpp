#include "models/connectionlistmodel.h"

#include "core/zapierbackend.h"

namespace ab::models {

ConnectionListModel::ConnectionListModel(core::ZapierBackend *backend, QObject *parent)
    : QAbstractListModel(parent)
    , m_backend(backend)
{}

ConnectionListModel::~ConnectionListModel() = default;

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_connections.size());
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::Connection &connection = m_connections.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return connection.title.isEmpty() ? connection.id : connection.title;
    case Qt::ToolTipRole:
        return connection.isExpired
                   ? tr("%1\nThis connection has expired: reconnect it before running.")
                         .arg(connection.title)
                   : connection.title;
    case ConnectionIdRole:
        return connection.id;
    case ExpiredRole:
        return connection.isExpired;
    default:
        return {};
    }
}

void ConnectionListModel::retranslate()
{
    if (!m_connections.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_connections.size()) - 1));
}

QHash<int, QByteArray> ConnectionListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ConnectionIdRole, "connectionId");
    names.insert(ExpiredRole, "expired");
    return names;
}

void ConnectionListModel::setApp(const core::App &app)
{
    delete m_requestContext;
    beginResetModel();
    m_app = app;
    m_connections.clear();
    m_loaded = false;
    m_error.reset();
    endResetModel();
    if (!m_backend || app.id.isEmpty() || !app.needsAuthentication) {
        // Nothing to list: an app without authentication has no connections by definition.
        m_loaded = !app.id.isEmpty();
        setLoading(false);
        if (m_loaded)
            Q_EMIT loaded();
        return;
    }
    auto *context = new QObject(this);
    m_requestContext = context;
    setLoading(true);
    const QString appId = app.id;
    m_backend->connections(appId, context,
                           [this, context, appId](core::ApiResult<QList<core::Connection>> result) {
                               if (context != m_requestContext || appId != m_app.id)
                                   return;
                               context->deleteLater();
                               if (!result.ok()) {
                                   m_error = result.error();
                                   setLoading(false);
                                   Q_EMIT failed(result.error());
                                   return;
                               }
                               if (!result.value().isEmpty()) {
                                   beginInsertRows({}, 0, int(result.value().size()) - 1);
                                   m_connections = result.value();
                                   endInsertRows();
                               }
                               m_loaded = true;
                               setLoading(false);
                               Q_EMIT loaded();
                           });
}

void ConnectionListModel::reload()
{
    setApp(core::App(m_app));
}

int ConnectionListModel::rowOfConnection(const QString &id) const
{
    for (int row = 0; row < m_connections.size(); ++row) {
        if (m_connections.at(row).id == id)
            return row;
    }
    return -1;
}

int ConnectionListModel::firstUsableRow() const
{
    for (int row = 0; row < m_connections.size(); ++row) {
        if (!m_connections.at(row).isExpired)
            return row;
    }
    return -1;
}

void ConnectionListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace ab::models
