#include "form/datetimeeditor.h"

#include "form/formvaluetext.h"

#include <QCalendarWidget>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QTimeEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace ab::ui {

DateTimeEditor::DateTimeEditor(const core::FieldNode &field, QWidget *parent)
    : FieldEditor(field, EditorKind::DateTime, parent)
    , m_edit(new QLineEdit)
    , m_pick(new QToolButton)
{
    connect(m_pick, &QToolButton::clicked, this, &DateTimeEditor::openPicker);
    connect(m_edit, &QLineEdit::textEdited, this, &FieldEditor::edited);
    connect(m_edit, &QLineEdit::editingFinished, this, &FieldEditor::editingFinished);

    auto *box = new QWidget(widget());
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit->setParent(box);
    m_pick->setParent(box);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_pick);
    setControl(box, m_edit);
    retranslateUi();
}

void DateTimeEditor::retranslateUi()
{
    FieldEditor::retranslateUi();
    m_pick->setText(tr("Pick\u2026"));
    m_pick->setAccessibleName(tr("Pick a date and time"));
    m_pick->setToolTip(tr("Pick a date and time from a calendar"));
    if (!m_popup)
        return; // made on first use
    m_popup->setAccessibleName(tr("Date and time picker"));
    m_calendar->setAccessibleName(tr("Date"));
    m_time->setAccessibleName(tr("Time"));
    m_timeLabel->setText(tr("&Time:"));
    //: Writes the date and time picked into the field.
    m_use->setText(tr("Use"));
    m_use->setAccessibleName(tr("Use this date and time"));
}

void DateTimeEditor::applyField()
{
    const QString placeholder = placeholderText();
    m_edit->setPlaceholderText(placeholder.isEmpty()
                                   ? tr("e.g. 2026-03-31T09:00:00 or \u201ctomorrow 9am\u201d")
                                   : placeholder);
}

void DateTimeEditor::applyGated(bool gated)
{
    m_edit->setEnabled(!gated);
    m_pick->setEnabled(!gated);
}

QString DateTimeEditor::isoText(const QDateTime &local)
{
    // With the offset, so the server doesn't read a local time as UTC.
    return local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODate);
}

void DateTimeEditor::openPicker()
{
    if (!m_popup) {
        m_popup = new QFrame(widget(), Qt::Popup);
        m_popup->setFrameShape(QFrame::StyledPanel);
        m_calendar = new QCalendarWidget(m_popup);
        m_calendar->setGridVisible(false);
        m_time = new QTimeEdit(m_popup);
        m_time->setDisplayFormat(QStringLiteral("HH:mm"));
        m_use = new QPushButton(m_popup);
        m_use->setDefault(true);
        auto *timeRow = new QHBoxLayout;
        m_timeLabel = new QLabel(m_popup);
        m_timeLabel->setBuddy(m_time);
        timeRow->addWidget(m_timeLabel);
        timeRow->addWidget(m_time, 1);
        timeRow->addWidget(m_use);
        auto *layout = new QVBoxLayout(m_popup);
        layout->addWidget(m_calendar);
        layout->addLayout(timeRow);
        connect(m_use, &QPushButton::clicked, this, &DateTimeEditor::usePicked);
        connect(m_calendar, &QCalendarWidget::activated, this, &DateTimeEditor::usePicked);
        auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_popup);
        connect(escape, &QShortcut::activated, m_popup, &QWidget::close);
        retranslateUi(); // the popup's texts
    }
    QDateTime current = QDateTime::fromString(m_edit->text().trimmed(), Qt::ISODate);
    if (!current.isValid())
        current = QDateTime(QDate::currentDate(), QTime(9, 0));
    current = current.toLocalTime();
    m_calendar->setSelectedDate(current.date());
    m_time->setTime(current.time());

    m_popup->adjustSize();
    QPoint at = m_pick->mapToGlobal(QPoint(m_pick->width(), m_pick->height()));
    at.rx() -= m_popup->width();
    if (const QScreen *screen = m_pick->screen()) {
        const QRect area = screen->availableGeometry();
        at.setX(qBound(area.left(), at.x(), area.right() - m_popup->width()));
        if (at.y() + m_popup->height() > area.bottom())
            at.setY(m_pick->mapToGlobal(QPoint(0, 0)).y() - m_popup->height());
    }
    m_popup->move(at);
    m_popup->show();
    m_calendar->setFocus(Qt::PopupFocusReason);
}

void DateTimeEditor::usePicked()
{
    const QDateTime picked(m_calendar->selectedDate(), m_time->time());
    m_edit->setText(isoText(picked));
    m_popup->close();
    m_edit->setFocus(Qt::OtherFocusReason);
    Q_EMIT edited();
    Q_EMIT editingFinished();
}

void DateTimeEditor::setValue(const QVariant &value, const QString &)
{
    const QString text = valueToText(value);
    if (text != m_edit->text())
        m_edit->setText(text);
}

QVariant DateTimeEditor::value() const
{
    return m_edit->text();
}

} // namespace ab::ui
