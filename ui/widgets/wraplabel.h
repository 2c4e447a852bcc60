#pragma once

#include <QHash>
#include <QLabel>

#include <optional>

namespace ab::ui {

// A word-wrapped label that remembers its height for the last few widths, and works out its
// size hints from one text layout. QLabel lays its text out again on every heightForWidth()
// call, and nested layouts ask each label at several widths (a scroll area probes its content,
// box layouts keep one width each, a stacked layout asks every page), so without this a
// 200-field form re-shapes thousands of lines whenever its height changes, and the window's
// first layout re-shaped its empty-state notes over a hundred times. QLabel's own hints take
// three layouts (six for Markdown or rich text). Markdown and rich text are measured by the
// words they show, in bold, so never narrower than shown.
class WrapLabel final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WrapLabel)

public:
    explicit WrapLabel(QWidget *parent = nullptr);
    int heightForWidth(int width) const override;
    // The widest word wide and a line high (Markdown or rich text is measured in its bold face,
    // so never narrower than shown); heights come from heightForWidth() in the layouts.
    QSize minimumSizeHint() const override;
    // About 80 characters wide at most, a short text its own width; a line high per line.
    QSize sizeHint() const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Hints {
        QString text;
        Qt::TextFormat format;
        int margin;
        int indent;
        QSize minimum;
        QSize preferred;
    };
    const Hints &hints() const;

    mutable QHash<int, int> m_heights;
    mutable QString m_measuredText;
    mutable std::optional<Hints> m_hints;
};

} // namespace ab::ui
