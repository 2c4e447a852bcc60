#pragma once

#include "form/fieldeditor.h"

class QCalendarWidget;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimeEdit;
class QToolButton;

namespace ab::ui {

// DATETIME: free text, because Zapier also takes expressions like "tomorrow 9am", plus a
// "Pick…" button whose popup (calendar and time) writes an ISO 8601 time with its offset.
class DateTimeEditor final : public FieldEditor {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateTimeEditor)

public:
    DateTimeEditor(const core::FieldNode &field, QWidget *parent);
    void setValue(const QVariant &value, const QString &label = {}) override;
    QVariant value() const override;
    QLineEdit *lineEdit() const { return m_edit; }
    QToolButton *pickButton() const { return m_pick; }
    // The popup, created on first use (tests pick through it).
    QFrame *pickerPopup() const { return m_popup; }
    void openPicker();
    // What "Use" writes for a picked local date and time.
    static QString isoText(const QDateTime &local);

protected:
    void applyField() override;
    void applyGated(bool gated) override;
    void retranslateUi() override;

private:
    void usePicked();

    QLineEdit *m_edit;
    QToolButton *m_pick;
    QFrame *m_popup = nullptr;
    QCalendarWidget *m_calendar = nullptr;
    QTimeEdit *m_time = nullptr;
    QLabel *m_timeLabel = nullptr;
    QPushButton *m_use = nullptr;
};

} // namespace ab::ui
