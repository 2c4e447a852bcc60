#include "models/storedactionsmodel.h"

#include "core/zapierbackend.h"

#include <utility>

namespace ab::models {

StoredActionsModel::StoredActionsModel(core::ZapierBackend *backend, QObject *parent)
    : QAbstractListModel(parent)
    , m_backend(backend)
{}

StoredActionsModel::~StoredActionsModel() = default;

int StoredActionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QString StoredActionsModel::inputsSummary(const QVariantMap &inputs,
                                          const QStringList &secretInputs)
{
    QStringList parts;
    const QVariantMap shown = core::maskSecretInputs(inputs, secretInputs, core::secretInputMask());
    for (auto it = shown.cbegin(); it != shown.cend(); ++it) {
        const QVariant &value = it.value();
        QString text;
        if (value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QStringList)
            text = value.toList().size() == 1 ? tr("[1 item]")
                                              : tr("[%1 items]").arg(value.toList().size());
        else if (value.typeId() == QMetaType::QVariantMap)
            text = value.toMap().size() == 1 ? tr("{1 key}")
                                             : tr("{%1 keys}").arg(value.toMap().size());
        else
            text = value.toString();
        // A long value would push every other input out of sight.
        if (text.size() > 40)
            text = text.left(39) + QChar(0x2026);
        parts.append(it.key() + QLatin1Char('=') + text);
    }
    return parts.join(QStringLiteral(", "));
}

QVariant StoredActionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::StoredAction &item = m_items.at(index.row());
    const core::StoredActionNames names = m_names.value(item.id);
    // A saved name with the API's key beside it, or the key alone.
    const auto named = [](const QString &name, const QString &key) {
        return name.isEmpty() || name == key
                   ? key
                   : tr("%1 (%2)", "a name, then the key the API knows it by").arg(name, key);
    };
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        //: %1 is the action's title (or key), %2 its type ("write").
        return tr("%1 (%2)").arg(names.actionTitle.isEmpty() ? item.actionKey : names.actionTitle,
                                 item.actionType);
    case Qt::ToolTipRole:
        return tr("Stored action %1\nApp: %2\nAction: %3\nType: %4\nConnection: %5\nInputs: %6")
            .arg(item.id, named(names.appTitle, item.selectedApi),
                 named(names.actionTitle, item.actionKey), item.actionType,
                 item.connectionId.isEmpty() ? tr("none")
                                             : named(names.connectionTitle, item.connectionId),
                 item.inputs.isEmpty() ? tr("none")
                                       : inputsSummary(item.inputs, names.secretInputs));
    case Qt::DecorationRole:
        return m_iconProvider ? QVariant(m_iconProvider(item, names)) : QVariant();
    case StoredActionIdRole:
        return item.id;
    case SelectedApiRole:
        return item.selectedApi;
    case ActionKeyRole:
        return item.actionKey;
    case ActionTypeRole:
        return item.actionType;
    case ConnectionIdRole:
        return item.connectionId;
    case InputsSummaryRole:
        return inputsSummary(item.inputs, names.secretInputs);
    case DetailRole:
    case Qt::AccessibleDescriptionRole: {
        QStringList parts{names.appTitle.isEmpty() ? item.selectedApi : names.appTitle};
        if (item.connectionId.isEmpty())
            parts.append(tr("no connection"));
        else if (!names.connectionTitle.isEmpty())
            parts.append(names.connectionTitle);
        else
            parts.append(tr("connection %1").arg(item.connectionId));
        parts.append(item.inputs.isEmpty() ? tr("no inputs")
                                           : inputsSummary(item.inputs, names.secretInputs));
        return parts.join(QStringLiteral(" \u00b7 "));
    }
    default:
        return {};
    }
}

void StoredActionsModel::setIconProvider(IconProvider provider)
{
    m_iconProvider = std::move(provider);
    refreshIcons();
}

void StoredActionsModel::refreshIcons()
{
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1), {Qt::DecorationRole});
}

void StoredActionsModel::setNames(QHash<QString, core::StoredActionNames> names)
{
    m_names = std::move(names);
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1));
}

void StoredActionsModel::retranslate()
{
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1));
}

QHash<int, QByteArray> StoredActionsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(StoredActionIdRole, "storedActionId");
    names.insert(SelectedApiRole, "selectedApi");
    names.insert(ActionKeyRole, "actionKey");
    names.insert(ActionTypeRole, "actionType");
    names.insert(ConnectionIdRole, "connectionId");
    names.insert(InputsSummaryRole, "inputsSummary");
    names.insert(DetailRole, "detail");
    return names;
}

void StoredActionsModel::reload()
{
    if (!m_backend)
        return;
    delete m_requestContext;
    auto *context = new QObject(this);
    m_requestContext = context;
    m_error.reset();
    setLoading(true);
    m_backend->storedActions(context,
                             [this, context](core::ApiResult<QList<core::StoredAction>> result) {
                                 if (context != m_requestContext)
                                     return;
                                 context->deleteLater();
                                 if (!result.ok()) {
                                     m_error = result.error();
                                     setLoading(false);
                                     Q_EMIT failed(result.error());
                                     return;
                                 }
                                 beginResetModel();
                                 m_items = result.value();
                                 endResetModel();
                                 m_loaded = true;
                                 setLoading(false);
                                 Q_EMIT loaded();
                             });
}

void StoredActionsModel::remove(const QString &id)
{
    if (!m_backend || id.isEmpty() || m_removing.contains(id))
        return;
    m_removing.insert(id);
    m_backend->deleteStoredAction(id, this, [this, id](core::ApiResult<core::Empty> result) {
        m_removing.remove(id);
        // Already gone on the server is what the user wanted.
        if (!result.ok() && result.error().kind != core::ErrorKind::NotFound) {
            Q_EMIT removeFailed(id, result.error());
            return;
        }
        const int row = rowOf(id);
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_items.removeAt(row);
            endRemoveRows();
        }
        Q_EMIT removed(id);
    });
}

int StoredActionsModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).id == id)
            return row;
    }
    return -1;
}

void StoredActionsModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace ab::models
