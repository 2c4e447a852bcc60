#pragma once

#include <QHash>
#include <QLabel>

namespace ab::ui {

// A word-wrapped label that remembers its height for the last few widths. QLabel lays its
// text out again on every heightForWidth() call, and the form's nested layouts ask each label
// at several widths (the scroll area probes its content, box layouts keep one width each), so
// without this a 200-field form re-shapes thousands of lines whenever its height changes.
class WrapLabel final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WrapLabel)

public:
    explicit WrapLabel(QWidget *parent = nullptr);
    int heightForWidth(int width) const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    mutable QHash<int, int> m_heights;
    mutable QString m_measuredText;
};

} // namespace ab::ui
