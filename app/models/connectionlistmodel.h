#pragma once

#include "core/apierror.h"
#include "core/app.h"
#include "core/connection.h"

#include <QAbstractListModel>
#include <QPointer>

#include <optional>

namespace ab::core {
class ZapierBackend;
}

namespace ab::models {

// The connected accounts of one app (GET /v2/authentications, every page). Apps that need no
// authentication load nothing and say so through needsAuthentication().
class ConnectionListModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionListModel)

public:
    enum Role {
        ConnectionIdRole = Qt::UserRole + 1,
        ExpiredRole,
    };

    ConnectionListModel(core::ZapierBackend *backend, QObject *parent);
    ~ConnectionListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setApp(const core::App &app);
    void reload();
    const core::App &app() const { return m_app; }
    bool needsAuthentication() const { return m_app.needsAuthentication; }

    const core::Connection &connection(int row) const { return m_connections.at(row); }
    int rowOfConnection(const QString &id) const;
    int firstUsableRow() const; // the first not expired; -1 when none

    // After a language change: tells views the expired ones' tooltips are new.
    void retranslate();

    bool loading() const { return m_loading; }
    bool isLoaded() const { return m_loaded; }
    std::optional<core::ApiError> lastError() const { return m_error; }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void failed(const ab::core::ApiError &error);
    void loaded();

private:
    void setLoading(bool loading);

    core::ZapierBackend *m_backend;
    core::App m_app;
    QList<core::Connection> m_connections;
    bool m_loading = false;
    bool m_loaded = false;
    std::optional<core::ApiError> m_error;
    QPointer<QObject> m_requestContext;
};

} // namespace ab::models
