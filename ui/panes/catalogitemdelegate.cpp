#include "panes/catalogitemdelegate.h"

#include <QApplication>
#include <QPainter>

namespace ab::ui {

namespace {

QColor blend(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() * (1 - amountOfB) + b.redF() * amountOfB,
                            a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB,
                            a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB);
}

} // namespace

CatalogItemDelegate::CatalogItemDelegate(int secondaryRole, int groupRole, int groupCountRole,
                                         QObject *parent)
    : QStyledItemDelegate(parent)
    , m_secondaryRole(secondaryRole)
    , m_groupRole(groupRole)
    , m_groupCountRole(groupCountRole)
{}

bool CatalogItemDelegate::isGroup(const QModelIndex &index) const
{
    return m_groupRole >= 0 && index.data(m_groupRole).toBool();
}

QSize CatalogItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    const int margin = metrics.height() / 4;
    if (isGroup(index))
        return {metrics.averageCharWidth() * 20, metrics.height() + 3 * margin};
    const int lines = m_secondaryRole >= 0 ? 2 : 1;
    const int textHeight = metrics.height() * lines + (lines - 1) * margin / 2;
    return {metrics.averageCharWidth() * 24, qMax(textHeight, m_iconSize) + 2 * margin};
}

void CatalogItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    if (isGroup(index)) {
        paintGroup(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The panel only (selection, hover, focus); text and icon are ours.
    opt.text.clear();
    opt.icon = QIcon();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const QFontMetrics metrics(option.font);
    const int margin = metrics.height() / 4;
    QRect area = option.rect.adjusted(margin * 2, margin, -margin * 2, -margin);
    painter->save();
    if (m_iconSize > 0) {
        const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
        const QRect iconRect(area.left(), area.top() + (area.height() - m_iconSize) / 2, m_iconSize,
                             m_iconSize);
        if (!icon.isNull())
            icon.paint(painter, iconRect);
        area.setLeft(iconRect.right() + margin * 3);
    }
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (option.state & QStyle::State_Active) ? QPalette::Active
                                                                               : QPalette::Inactive;
    const QColor ink =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor background =
        option.palette.color(group, selected ? QPalette::Highlight : QPalette::Base);
    const QString title = index.data(Qt::DisplayRole).toString();
    const QString secondary =
        m_secondaryRole >= 0 ? index.data(m_secondaryRole).toString() : QString();

    QFont titleFont = option.font;
    if (m_secondaryRole >= 0)
        titleFont.setWeight(QFont::DemiBold);
    painter->setFont(titleFont);
    painter->setPen(ink);
    const QFontMetrics titleMetrics(titleFont);
    const int lines = m_secondaryRole >= 0 ? 2 : 1;
    const int blockHeight = metrics.height() * lines + (lines - 1) * margin / 2;
    QRect line(area.left(), area.top() + (area.height() - blockHeight) / 2, area.width(),
               metrics.height());
    painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                      titleMetrics.elidedText(title, Qt::ElideRight, line.width()));
    if (m_secondaryRole >= 0) {
        // Muted, but derived from the palette so it keeps its contrast in dark mode.
        painter->setFont(option.font);
        painter->setPen(blend(ink, background, 0.35));
        line.translate(0, metrics.height() + margin / 2);
        const QString simplified = secondary.simplified();
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(simplified, Qt::ElideRight, line.width()));
    }
    painter->restore();
}

void CatalogItemDelegate::paintGroup(QPainter *painter, const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    const int margin = metrics.height() / 4;
    const QColor text = option.palette.color(QPalette::Active, QPalette::Text);
    const QColor base = option.palette.color(QPalette::Active, QPalette::Base);
    painter->save();
    QFont font = option.font;
    font.setBold(true);
    font.setCapitalization(QFont::AllUppercase);
    font.setLetterSpacing(QFont::PercentageSpacing, 106);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter->setFont(font);
    // Accent from the palette's highlight, dimmed towards the base so it reads as a label.
    painter->setPen(blend(option.palette.color(QPalette::Active, QPalette::Highlight), text, 0.35));
    const QRect area = option.rect.adjusted(margin * 2, margin * 2, -margin * 2, 0);
    QString label = index.data(Qt::DisplayRole).toString();
    if (m_groupCountRole >= 0)
        label =
            QStringLiteral("%1  \u00b7  %2").arg(label).arg(index.data(m_groupCountRole).toInt());
    painter->drawText(area, Qt::AlignLeft | Qt::AlignVCenter, label);
    painter->setPen(blend(base, text, 0.15));
    if (index.row() > 0)
        painter->drawLine(option.rect.left() + margin * 2, option.rect.top() + margin,
                          option.rect.right() - margin * 2, option.rect.top() + margin);
    painter->restore();
}

} // namespace ab::ui
