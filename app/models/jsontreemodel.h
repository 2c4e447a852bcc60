#pragma once

#include "api/jsontree.h"

#include <QAbstractItemModel>

#include <optional>

namespace ab::models {

// A JSON document as a tree (Key | Value | Type) over api::JsonTree. Lazy: a row's children are
// counted from the document and created only when the view asks for one of them, so a 1 MB
// result opens in the time it takes to parse it. The top-level rows are the members (or
// elements) of the document's root; a scalar document shows as a single row.
class JsonTreeModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString "results[0].fields.Name"
        KindRole,                    // int(api::JsonTree::Kind)
        CopyTextRole,                // what "Copy value" puts on the clipboard
    };

    explicit JsonTreeModel(QObject *parent = nullptr);

    // Parses and shows `json`; on failure shows nothing and returns false with the parser's
    // message in `error`. `rootName` starts every path ("results").
    bool setJson(const QByteArray &json, const QString &rootName = {}, QString *error = nullptr);
    void setTree(std::optional<api::JsonTree> tree);
    void clear();
    bool isEmpty() const { return !m_tree.has_value(); }
    const std::optional<api::JsonTree> &tree() const { return m_tree; }

    QString pathAt(const QModelIndex &index) const;
    // Strings as their text (what a user pastes), everything else as JSON text.
    QString copyTextAt(const QModelIndex &index) const;
    // The row a path names (column 0), or an invalid index; creates the rows on the way.
    QModelIndex indexForPath(const QString &path) const;
    // Rows whose key or value contains `text` (case-insensitive), in document order.
    QModelIndexList search(const QString &text, int limit = 1000) const;

    static QString kindName(api::JsonTree::Kind kind);

    // After a language change: tells views the headers, kinds and counts ("3 keys") are new.
    void retranslate();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool rootIsHidden() const; // a container root is not a row: its children are the top level
    QModelIndex indexOfNode(api::JsonTree::Node node, int column = 0) const;
    api::JsonTree::Node nodeOf(const QModelIndex &index) const;

    std::optional<api::JsonTree> m_tree;
};

} // namespace ab::models
