#pragma once

#include "panes/historycelldelegate.h"

namespace ab::ui {

// Paints HistoryModel's Status column as a pill coloured by PillCategoryRole; a waiting run's
// pill carries a small arc that turns with each second of ElapsedMsRole.
class HistoryStatusDelegate final : public HistoryCellDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryStatusDelegate)

public:
    explicit HistoryStatusDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace ab::ui
