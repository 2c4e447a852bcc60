#pragma once

#include <QStyledItemDelegate>

namespace ab::ui {

// Two-line rows for the catalog lists: an optional icon, the title, and a muted second line
// (an app's description, an action's description, a stored action's details). Rows whose
// `groupRole` is true are painted as section headers (an action type with its count).
// Colours come from the view's palette, so light and dark themes both read well.
class CatalogItemDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogItemDelegate)

public:
    // `secondaryRole` < 0: one line only. `groupRole` < 0: no header rows.
    CatalogItemDelegate(int secondaryRole, int groupRole, int groupCountRole, QObject *parent);

    void setIconSize(int logicalPixels) { m_iconSize = logicalPixels; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    bool isGroup(const QModelIndex &index) const;
    void paintGroup(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;

    int m_secondaryRole;
    int m_groupRole;
    int m_groupCountRole;
    int m_iconSize = 0;
};

} // namespace ab::ui
