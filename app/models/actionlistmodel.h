#pragma once

#include "core/action.h"
#include "core/apierror.h"
#include "core/app.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <optional>

namespace ab::core {
class ZapierBackend;
}

namespace ab::models {

// The actions of one app (GET /v2/actions) as a two-level tree: a group row per action type
// (Write, Search, Read, ...; in that order) holding the actions of that type. Group rows are
// headers: not selectable, not enabled, so keyboard navigation skips them. A text filter keeps
// the actions whose title, key or description contains it; empty groups disappear.
class ActionListModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionListModel)

public:
    enum Role {
        IsGroupRole = Qt::UserRole + 1,
        DescriptionRole,
        KeyRole,
        ActionTypeRole, // as sent ("WRITE"); the group's type on group rows
        GroupCountRole, // group rows: how many actions it shows
    };

    ActionListModel(core::ZapierBackend *backend, QObject *parent);
    ~ActionListModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Loads the app's actions of every type; the previous app's late reply is dropped.
    void setApp(const core::App &app);
    void clear();
    void reload();
    const core::App &app() const { return m_app; }

    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }

    // Null for group rows and invalid indexes.
    const core::Action *action(const QModelIndex &index) const;
    QModelIndex indexOfKey(const QString &key) const; // invalid when filtered out or absent
    QModelIndex firstAction() const;
    int actionCount() const { return int(m_actions.size()); } // loaded, before filtering
    int visibleActionCount() const;

    bool loading() const { return m_loading; }
    bool isLoaded() const { return m_loaded; }
    std::optional<core::ApiError> lastError() const { return m_error; }

    static QString groupTitle(core::ActionType type, const QString &raw);

    // After a language change: tells views the group titles are new.
    void retranslate();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void failed(const ab::core::ApiError &error);
    void loaded(); // the app's actions arrived (the model was reset with them)

private:
    struct Group {
        core::ActionType type = core::ActionType::Unknown;
        QString raw;
        QList<int> actions; // indexes into m_actions
    };

    void rebuild();
    void setLoading(bool loading);
    bool matches(const core::Action &action) const;

    core::ZapierBackend *m_backend;
    core::App m_app;
    QList<core::Action> m_actions;
    QList<Group> m_groups;
    QString m_filter;
    bool m_loading = false;
    bool m_loaded = false;
    std::optional<core::ApiError> m_error;
    QPointer<QObject> m_requestContext;
};

} // namespace ab::models
