#pragma once

#include <QStyledItemDelegate>

namespace ab::ui {

// What the history's delegates share: a cell's background (selection, hover, alternate colour),
// icon and focus drawn by the style as QStyledItemDelegate does, leaving the text to them.
class HistoryCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryCellDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    // Fills `option` for `index`, draws everything but the text, and returns the text.
    QString paintBackground(QPainter *painter, QStyleOptionViewItem &option,
                            const QModelIndex &index) const;
};

} // namespace ab::ui
