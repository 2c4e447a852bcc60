#include "form/formcontainers.h"

#include <QLayout>

namespace ab::ui {

QSize unwrappedSizeHint(const QWidget *widget)
{
    const QLayout *layout = widget->layout();
    if (!layout)
        return widget->QWidget::sizeHint();
    // As QLayout::totalSizeHint(), less the height for the hint's width.
    widget->ensurePolished();
    const QMargins margins = widget->contentsMargins();
    return layout->sizeHint() +
           QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
}

FormContent::FormContent(QWidget *parent)
    : QWidget(parent)
{}

QSize FormContent::sizeHint() const
{
    return unwrappedSizeHint(this);
}

FieldsetBox::FieldsetBox(QWidget *parent)
    : QGroupBox(parent)
{}

QSize FieldsetBox::sizeHint() const
{
    return unwrappedSizeHint(this);
}

} // namespace ab::ui
