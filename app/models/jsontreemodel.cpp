#include "models/jsontreemodel.h"

namespace ab::models {

using api::JsonTree;

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

bool JsonTreeModel::setJson(const QByteArray &json, const QString &rootName, QString *error)
{
    std::optional<JsonTree> tree = JsonTree::parse(json, error);
    if (tree)
        tree->setRootName(rootName);
    setTree(std::move(tree));
    return m_tree.has_value();
}

void JsonTreeModel::setTree(std::optional<JsonTree> tree)
{
    beginResetModel();
    m_tree = std::move(tree);
    endResetModel();
}

void JsonTreeModel::clear()
{
    setTree(std::nullopt);
}

bool JsonTreeModel::rootIsHidden() const
{
    return m_tree && m_tree->isContainer(m_tree->root());
}

JsonTree::Node JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return JsonTree::Node(index.internalId());
}

QModelIndex JsonTreeModel::indexOfNode(JsonTree::Node node, int column) const
{
    if (!m_tree || (node == m_tree->root() && rootIsHidden()))
        return {};
    return createIndex(m_tree->row(node), column, quintptr(node));
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid()) {
        if (!rootIsHidden())
            return createIndex(row, column, quintptr(m_tree->root()));
        return createIndex(row, column, quintptr(m_tree->child(m_tree->root(), row)));
    }
    return createIndex(row, column, quintptr(m_tree->child(nodeOf(parent), row)));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !m_tree)
        return {};
    const std::optional<JsonTree::Node> up = m_tree->parent(nodeOf(child));
    return up ? indexOfNode(*up) : QModelIndex();
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_tree)
        return 0;
    if (!parent.isValid())
        return rootIsHidden() ? m_tree->childCount(m_tree->root()) : 1;
    if (parent.column() != KeyColumn)
        return 0;
    return m_tree->childCount(nodeOf(parent));
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QString JsonTreeModel::kindName(JsonTree::Kind kind)
{
    switch (kind) {
    case JsonTree::Kind::Object:
        return tr("object");
    case JsonTree::Kind::Array:
        return tr("array");
    case JsonTree::Kind::String:
        return tr("string");
    case JsonTree::Kind::Number:
        return tr("number");
    case JsonTree::Kind::Bool:
        return tr("boolean");
    case JsonTree::Kind::Null:
        return tr("null");
    }
    return {};
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!m_tree || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const JsonTree::Node node = nodeOf(index);
    const JsonTree::Kind kind = m_tree->kind(node);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case KeyColumn:
            if (node == m_tree->root())
                return m_tree->rootName().isEmpty() ? tr("value") : m_tree->rootName();
            if (m_tree->index(node) >= 0)
                return QStringLiteral("[%1]").arg(m_tree->index(node));
            return m_tree->key(node);
        case ValueColumn:
            if (kind == JsonTree::Kind::Object) {
                const int count = m_tree->childCount(node);
                return count == 1 ? tr("1 key") : tr("%1 keys").arg(count);
            }
            if (kind == JsonTree::Kind::Array) {
                const int count = m_tree->childCount(node);
                return count == 1 ? tr("1 item") : tr("%1 items").arg(count);
            }
            return m_tree->displayValue(node);
        case TypeColumn:
            return kindName(kind);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == KeyColumn)
            return m_tree->path(node);
        if (index.column() == ValueColumn && kind == JsonTree::Kind::String) {
            // The full text of long values, within reason for a tooltip.
            const QString text = m_tree->valueText(node);
            return text.size() > 2000 ? text.left(2000) + QChar(0x2026) : text;
        }
        return {};
    case PathRole:
        return m_tree->path(node);
    case KindRole:
        return int(kind);
    case CopyTextRole:
        return copyTextAt(index);
    default:
        return {};
    }
}

void JsonTreeModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_tree)
        return;
    // The texts sit at every depth of a lazy tree; a layout change with every row in place has
    // views ask again for all they show, at the cost of one signal, and keeps what is expanded.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::NoLayoutChangeHint);
    Q_EMIT layoutChanged({}, QAbstractItemModel::NoLayoutChangeHint);
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

QString JsonTreeModel::pathAt(const QModelIndex &index) const
{
    if (!m_tree || !index.isValid())
        return {};
    return m_tree->path(nodeOf(index));
}

QString JsonTreeModel::copyTextAt(const QModelIndex &index) const
{
    if (!m_tree || !index.isValid())
        return {};
    const JsonTree::Node node = nodeOf(index);
    return m_tree->kind(node) == JsonTree::Kind::String ? m_tree->valueText(node)
                                                        : m_tree->copyText(node);
}

QModelIndex JsonTreeModel::indexForPath(const QString &path) const
{
    if (!m_tree)
        return {};
    const std::optional<JsonTree::Node> node = m_tree->nodeForPath(path);
    return node ? indexOfNode(*node) : QModelIndex();
}

QModelIndexList JsonTreeModel::search(const QString &text, int limit) const
{
    QModelIndexList out;
    if (!m_tree)
        return out;
    const QList<JsonTree::Match> matches = m_tree->search(text, limit);
    out.reserve(matches.size());
    for (const JsonTree::Match &match : matches) {
        const QModelIndex index = indexOfNode(match.node);
        if (index.isValid())
            out.append(index);
    }
    return out;
}

} // namespace ab::models
