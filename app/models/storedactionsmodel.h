#pragma once

#include "core/apierror.h"
#include "core/storedaction.h"

#include <QAbstractListModel>
#include <QHash>
#include <QIcon>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

namespace ab::core {
class ZapierBackend;
}

namespace ab::models {

// The stored actions of the Actions API (GET /actions/v1/stored-actions, every page).
class StoredActionsModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoredActionsModel)

public:
    enum Role {
        StoredActionIdRole = Qt::UserRole + 1,
        SelectedApiRole,
        ActionKeyRole,
        ActionTypeRole, // lower case, as the Actions API sends it
        ConnectionIdRole,
        InputsSummaryRole, // "email=ada@example.com, rows=[2 items]"
        DetailRole,        // one line: app · connection · inputs, for a second text line
    };

    StoredActionsModel(core::ZapierBackend *backend, QObject *parent);
    ~StoredActionsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void reload();
    // Deletes on the server, then drops the row; removed() or failed() tells how it went.
    void remove(const QString &id);

    const core::StoredAction &storedAction(int row) const { return m_items.at(row); }
    // The names the actions were saved with (by stored action id), shown instead of their keys
    // where known; the rows' texts change at once.
    void setNames(QHash<QString, core::StoredActionNames> names);
    core::StoredActionNames names(const QString &id) const { return m_names.value(id); }
    // Optional icons for the rows (Qt::DecorationRole); asked for in data(), so it must be cheap.
    using IconProvider = std::function<QIcon(const core::StoredAction &action,
                                             const core::StoredActionNames &names)>;
    void setIconProvider(IconProvider provider);
    // Repaints the icons, e.g. after the provider's finished downloading.
    void refreshIcons();
    int rowOf(const QString &id) const;
    bool loading() const { return m_loading; }
    bool isLoaded() const { return m_loaded; }
    bool isRemoving(const QString &id) const { return m_removing.contains(id); }
    std::optional<core::ApiError> lastError() const { return m_error; }

    // "key=value, ..." with the value of each of `secretInputs` (password fields) as dots.
    static QString inputsSummary(const QVariantMap &inputs, const QStringList &secretInputs = {});

    // After a language change: tells views the rows' texts ("no inputs", tooltips) are new.
    void retranslate();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loaded();
    void failed(const ab::core::ApiError &error);
    void removed(const QString &id);
    void removeFailed(const QString &id, const ab::core::ApiError &error);

private:
    void setLoading(bool loading);

    core::ZapierBackend *m_backend;
    QList<core::StoredAction> m_items;
    QHash<QString, core::StoredActionNames> m_names;
    IconProvider m_iconProvider;
    QSet<QString> m_removing;
    bool m_loading = false;
    bool m_loaded = false;
    std::optional<core::ApiError> m_error;
    QPointer<QObject> m_requestContext;
};

} // namespace ab::models
