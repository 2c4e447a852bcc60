#include "form/wraplabel.h"

#include <QEvent>

namespace ab::ui {

WrapLabel::WrapLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
}

int WrapLabel::heightForWidth(int width) const
{
    // setText() is not virtual: a changed text is noticed here instead.
    if (text() != m_measuredText) {
        m_heights.clear();
        m_measuredText = text();
    }
    if (const auto known = m_heights.constFind(width); known != m_heights.cend())
        return known.value();
    if (m_heights.size() >= 8)
        m_heights.clear();
    const int height = QLabel::heightForWidth(width);
    m_heights.insert(width, height);
    return height;
}

void WrapLabel::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::ContentsRectChange:
        m_heights.clear();
        break;
    default:
        break;
    }
    QLabel::changeEvent(event);
}

} // namespace ab::ui
