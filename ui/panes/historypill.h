#pragma once

#include "models/historymodel.h"

#include <QColor>
#include <QWidget>

class QPainter;

namespace ab::ui {

using PillCategory = models::HistoryModel::PillCategory;

// Status pill colours, derived from the palette so they read in light and dark mode alike: the
// category's hue blended into Base for the fill and into Text for the label.
struct PillColors {
    QColor background;
    QColor foreground;
    QColor border;
};
PillColors pillColors(PillCategory category, const QPalette &palette);

// The size a pill needs for `text` in `font` (padding included).
QSize pillSize(const QString &text, const QFont &font);

// Paints a rounded pill with `text`, vertically centred in `rect` and left-aligned. For
// Waiting, `spinnerStep` (0..3) draws a quarter-turning arc before the text, so a row that
// ticks once a second visibly moves; -1 draws none.
void paintPill(QPainter *painter, const QRect &rect, const QString &text, PillCategory category,
               const QPalette &palette, const QFont &font, int spinnerStep = -1);

// A pill as a widget, for headers (the run detail view).
class HistoryPillLabel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPillLabel)

public:
    explicit HistoryPillLabel(QWidget *parent = nullptr);

    void setPill(const QString &text, PillCategory category, int spinnerStep = -1);
    QString text() const { return m_text; }
    PillCategory category() const { return m_category; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
    PillCategory m_category = PillCategory::Neutral;
    int m_spinnerStep = -1;
};

} // namespace ab::ui
