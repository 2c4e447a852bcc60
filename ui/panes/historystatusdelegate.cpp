#include "panes/historystatusdelegate.h"

#include "models/historymodel.h"
#include "panes/historypill.h"

#include <QPainter>

namespace ab::ui {

using models::HistoryModel;

HistoryStatusDelegate::HistoryStatusDelegate(QObject *parent)
    : HistoryCellDelegate(parent)
{}

void HistoryStatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    const QString text = paintBackground(painter, opt, index);

    const auto category = PillCategory(index.data(HistoryModel::PillCategoryRole).toInt());
    const bool running = !index.data(HistoryModel::FinishedRole).toBool();
    const int step =
        running ? int(index.data(HistoryModel::ElapsedMsRole).toLongLong() / 1000) : -1;
    const int margin = opt.fontMetrics.height() / 4;
    const QRect area = opt.rect.adjusted(margin, 1, -margin, -1);
    paintPill(painter, area, text, category, opt.palette, opt.font, step);
}

QSize HistoryStatusDelegate::sizeHint(const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QSize pill = pillSize(opt.text, opt.font);
    return QSize(pill.width() + opt.fontMetrics.height() / 2, pill.height() + 4);
}

} // namespace ab::ui
