#include "panes/historycelldelegate.h"

#include <QApplication>

namespace ab::ui {

QString HistoryCellDelegate::paintBackground(QPainter *painter, QStyleOptionViewItem &option,
                                             const QModelIndex &index) const
{
    initStyleOption(&option, index);
    const QString text = option.text;
    option.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);
    return text;
}

} // namespace ab::ui
