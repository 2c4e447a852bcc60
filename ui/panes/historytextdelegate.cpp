#include "panes/historytextdelegate.h"

#include <QApplication>
#include <QPainter>

#include <memory>

namespace ab::ui {

HistoryTextDelegate::HistoryTextDelegate(QObject *parent)
    : HistoryCellDelegate(parent)
{}

void HistoryTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    const QString text = paintBackground(painter, opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    if (text.isEmpty())
        return;

    // Where and how QCommonStyle draws an item's text: its margins, colours and alignment.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                           .adjusted(margin, 0, -margin, 0);
    if (area.width() <= 0)
        return;
    if (opt.font != m_font) {
        m_texts.clear();
        m_font = opt.font;
    }
    const Key key{text, area.width()};
    QStaticText *shown = m_texts.object(key);
    if (!shown) {
        auto made = std::make_unique<QStaticText>(
            QFontMetrics(opt.font).elidedText(text, opt.textElideMode, area.width()));
        made->setTextFormat(Qt::PlainText);
        made->prepare(painter->transform(), opt.font);
        shown = made.get();
        m_texts.insert(key, made.release());
    }
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                                            : QPalette::Inactive;
    const QSize size(qCeil(shown->size().width()), QFontMetrics(opt.font).height());
    const QRect at = QStyle::alignedRect(opt.direction, opt.displayAlignment, size, area);
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(
        group, (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text));
    painter->drawStaticText(at.topLeft(), *shown);
    painter->restore();
}

QStringList HistoryTextDelegate::shownTexts() const
{
    QStringList texts;
    for (const Key &key : m_texts.keys())
        texts.append(m_texts.object(key)->text());
    return texts;
}

} // namespace ab::ui
