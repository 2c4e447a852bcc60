#pragma once

#include <QGroupBox>
#include <QWidget>

namespace ab::ui {

// The size hint of a container of word-wrapped labels: its layout's hint plus its margins.
// QWidget::sizeHint() also asks the layout for the height at the hint's width, and so every
// label below it lays its text out at a width it is never shown at: one such width for each
// level of nesting (row, fieldset, content), for every new label of a rebuilt form. Only the
// width of a hint matters in the form (heights come from heightForWidth at the real width).
QSize unwrappedSizeHint(const QWidget *widget);

// The widget inside the form's scroll area that holds the fieldsets and fields.
class FormContent final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormContent)

public:
    explicit FormContent(QWidget *parent = nullptr);
    QSize sizeHint() const override;
};

// The titled box of a fieldset.
class FieldsetBox final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldsetBox)

public:
    explicit FieldsetBox(QWidget *parent = nullptr);
    QSize sizeHint() const override;
};

} // namespace ab::ui
