#include "models/actionlistmodel.h"

#include "core/zapierbackend.h"

#include <algorithm>

namespace ab::models {

namespace {

// Where a type's group sits: what users run most first.
int groupOrder(core::ActionType type)
{
    switch (type) {
    case core::ActionType::Write:
        return 0;
    case core::ActionType::Search:
        return 1;
    case core::ActionType::SearchOrWrite:
        return 2;
    case core::ActionType::SearchAndWrite:
        return 3;
    case core::ActionType::Read:
        return 4;
    case core::ActionType::ReadBulk:
        return 5;
    case core::ActionType::Filter:
        return 6;
    case core::ActionType::Unknown:
        break;
    }
    return 7;
}

// Group rows carry internal id 0; an action row carries its group's row + 1.
constexpr quintptr groupId = 0;

} // namespace

ActionListModel::ActionListModel(core::ZapierBackend *backend, QObject *parent)
    : QAbstractItemModel(parent)
    , m_backend(backend)
{}

ActionListModel::~ActionListModel() = default;

QString ActionListModel::groupTitle(core::ActionType type, const QString &raw)
{
    switch (type) {
    case core::ActionType::Write:
        return tr("Write");
    case core::ActionType::Search:
        return tr("Search");
    case core::ActionType::SearchOrWrite:
        return tr("Search or write");
    case core::ActionType::SearchAndWrite:
        return tr("Search and write");
    case core::ActionType::Read:
        return tr("Read");
    case core::ActionType::ReadBulk:
        return tr("Read (bulk)");
    case core::ActionType::Filter:
        return tr("Filter");
    case core::ActionType::Unknown:
        break;
    }
    return raw.isEmpty() ? tr("Other") : raw;
}

QModelIndex ActionListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, 0, groupId) : QModelIndex();
    if (parent.internalId() != groupId || parent.row() >= m_groups.size())
        return {};
    if (row >= m_groups.at(parent.row()).actions.size())
        return {};
    return createIndex(row, 0, quintptr(parent.row() + 1));
}

QModelIndex ActionListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == groupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, groupId);
}

int ActionListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != groupId)
        return 0;
    return int(m_groups.at(parent.row()).actions.size());
}

int ActionListModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant ActionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == groupId) {
        const Group &group = m_groups.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            return groupTitle(group.type, group.raw);
        case IsGroupRole:
            return true;
        case ActionTypeRole:
            return group.type == core::ActionType::Unknown ? group.raw
                                                           : core::actionTypeToString(group.type);
        case GroupCountRole:
            return int(group.actions.size());
        default:
            return {};
        }
    }
    const core::Action *item = action(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return item->title.isEmpty() ? item->key : item->title;
    case Qt::ToolTipRole:
        return item->description.isEmpty()
                   ? item->key
                   : QStringLiteral("%1\n(%2)").arg(item->description, item->key);
    case DescriptionRole:
    case Qt::AccessibleDescriptionRole:
        return item->description;
    case IsGroupRole:
        return false;
    case KeyRole:
        return item->key;
    case ActionTypeRole:
        return item->actionTypeRaw.isEmpty() ? core::actionTypeToString(item->actionType)
                                             : item->actionTypeRaw;
    default:
        return {};
    }
}

Qt::ItemFlags ActionListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Headers are neither selectable nor enabled, so arrow keys step over them.
    if (index.internalId() == groupId)
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

void ActionListModel::setApp(const core::App &app)
{
    delete m_requestContext;
    beginResetModel();
    m_app = app;
    m_actions.clear();
    m_groups.clear();
    m_loaded = false;
    m_error.reset();
    endResetModel();
    if (!m_backend || app.id.isEmpty()) {
        setLoading(false);
        return;
    }
    auto *context = new QObject(this);
    m_requestContext = context;
    setLoading(true);
    const QString appId = app.id;
    m_backend->actions(appId, QString(), context,
                       [this, context, appId](core::ApiResult<QList<core::Action>> result) {
                           if (context != m_requestContext || appId != m_app.id)
                               return;
                           context->deleteLater();
                           if (!result.ok()) {
                               m_error = result.error();
                               setLoading(false);
                               Q_EMIT failed(result.error());
                               return;
                           }
                           beginResetModel();
                           m_actions = result.value();
                           m_loaded = true;
                           rebuild();
                           endResetModel();
                           setLoading(false);
                           Q_EMIT loaded();
                       });
}

void ActionListModel::clear()
{
    setApp(core::App{});
}

void ActionListModel::reload()
{
    setApp(core::App(m_app));
}

void ActionListModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter)
        return;
    beginResetModel();
    m_filter = trimmed;
    rebuild();
    endResetModel();
}

const core::Action *ActionListModel::action(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == groupId)
        return nullptr;
    const int group = int(index.internalId() - 1);
    if (group >= m_groups.size() || index.row() >= m_groups.at(group).actions.size())
        return nullptr;
    return &m_actions.at(m_groups.at(group).actions.at(index.row()));
}

QModelIndex ActionListModel::indexOfKey(const QString &key) const
{
    for (int group = 0; group < m_groups.size(); ++group) {
        const QList<int> &rows = m_groups.at(group).actions;
        for (int row = 0; row < rows.size(); ++row) {
            if (m_actions.at(rows.at(row)).key == key)
                return createIndex(row, 0, quintptr(group + 1));
        }
    }
    return {};
}

QModelIndex ActionListModel::firstAction() const
{
    return m_groups.isEmpty() ? QModelIndex() : index(0, 0, index(0, 0));
}

int ActionListModel::visibleActionCount() const
{
    int count = 0;
    for (const Group &group : m_groups)
        count += int(group.actions.size());
    return count;
}

bool ActionListModel::matches(const core::Action &action) const
{
    if (m_filter.isEmpty())
        return true;
    return action.title.contains(m_filter, Qt::CaseInsensitive) ||
           action.key.contains(m_filter, Qt::CaseInsensitive) ||
           action.description.contains(m_filter, Qt::CaseInsensitive);
}

void ActionListModel::rebuild()
{
    m_groups.clear();
    for (int i = 0; i < m_actions.size(); ++i) {
        const core::Action &action = m_actions.at(i);
        if (!matches(action))
            continue;
        // Unknown types are grouped by their raw name so nothing new is lumped together.
        const QString raw = action.actionType == core::ActionType::Unknown
                                ? action.actionTypeRaw.toUpper()
                                : QString();
        auto it = std::find_if(m_groups.begin(), m_groups.end(), [&](const Group &group) {
            return group.type == action.actionType && group.raw == raw;
        });
        if (it == m_groups.end()) {
            m_groups.append(Group{action.actionType, raw, {}});
            it = m_groups.end() - 1;
        }
        it->actions.append(i);
    }
    std::stable_sort(m_groups.begin(), m_groups.end(), [](const Group &a, const Group &b) {
        const int left = groupOrder(a.type);
        const int right = groupOrder(b.type);
        return left != right ? left < right : a.raw < b.raw;
    });
}

void ActionListModel::retranslate()
{
    if (m_groups.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, 0), index(int(m_groups.size()) - 1, 0));
    for (int group = 0; group < m_groups.size(); ++group) {
        const QModelIndex parent = index(group, 0);
        const int rows = rowCount(parent);
        if (rows > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(rows - 1, 0, parent));
    }
}

void ActionListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace ab::models
