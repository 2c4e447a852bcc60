#include "form/fieldeditor.h"

#include "form/formcontainers.h"
#include "form/formmessages.h"
#include "form/formpalette.h"
#include "widgets/wraplabel.h"

#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QStyle>
#include <QVariantAnimation>
#include <QVBoxLayout>

namespace ab::ui {

// The row of one field. It paints the added/flash tint itself, so the colour is taken from the
// palette at paint time and follows a theme switch without bookkeeping.
class FieldRow final : public QWidget {
public:
    explicit FieldRow(QWidget *parent)
        : QWidget(parent)
    {}

    void setTint(qreal strength)
    {
        if (qFuzzyCompare(m_tint, strength))
            return;
        m_tint = strength;
        update();
    }
    qreal tint() const { return m_tint; }
    QSize sizeHint() const override { return unwrappedSizeHint(this); }

    // Labels whose text colour is derived (help, notes, errors) are re-coloured here when the
    // palette changes, because an explicitly set palette role does not follow the parent's.
    std::function<void()> onPaletteChange;
    // The editor is a QObject, not a widget: it hears of a new language through its row.
    std::function<void()> onLanguageChange;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        if (m_tint > 0.0) {
            QPainter painter(this);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(Qt::NoPen);
            painter.setBrush(formpalette::highlightTint(palette(), m_tint));
            const qreal radius = fontMetrics().height() / 4.0;
            painter.drawRoundedRect(QRectF(rect()), radius, radius);
            QColor accent = palette().color(QPalette::Highlight);
            accent.setAlphaF(float(m_tint));
            painter.setBrush(accent);
            painter.drawRect(QRectF(0, radius, qMax(2.0, radius), height() - 2 * radius));
        }
        QWidget::paintEvent(event);
    }
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange && onPaletteChange)
            onPaletteChange();
        if (event->type() == QEvent::LanguageChange && onLanguageChange)
            onLanguageChange();
        QWidget::changeEvent(event);
    }

private:
    qreal m_tint = 0.0;
};

namespace {

void colourLabel(QLabel *label, const QColor &colour)
{
    if (!label)
        return;
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}

// Markdown help may hold links and emphasis; the accessible description wants plain words.
QString plainText(const QString &markdown)
{
    QString text = markdown;
    text.remove(QLatin1Char('*'));
    text.remove(QLatin1Char('`'));
    return text.simplified();
}

} // namespace

FieldEditor::FieldEditor(const core::FieldNode &field, EditorKind kind, QWidget *parent)
    : QObject(nullptr)
    , m_field(field)
    , m_kind(kind)
    , m_row(new FieldRow(parent))
    , m_layout(new QVBoxLayout(m_row))
    , m_title(new WrapLabel(m_row))
{
    setParent(m_row);
    const int unit = spacing(m_row);
    m_layout->setContentsMargins(unit, unit * 2 / 3, unit, unit * 2 / 3);
    m_layout->setSpacing(unit / 2);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    insertAt(Slot::Title, m_title);
    m_row->onPaletteChange = [this] {
        const QPalette palette = m_row->palette();
        colourLabel(m_help, formpalette::muted(palette));
        colourLabel(m_gate, formpalette::muted(palette));
        colourLabel(m_note, formpalette::muted(palette));
        colourLabel(m_errorLabel, formpalette::errorText(palette));
    };
    m_row->onLanguageChange = [this] {
        retranslateUi();
    };
    updateTitle();
    updateHelp();
}

FieldEditor::~FieldEditor() = default;

QWidget *FieldEditor::widget() const
{
    return m_row;
}

int FieldEditor::layoutUnit(const QWidget *widget)
{
    const int fromStyle = widget->style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing);
    return qMax(fromStyle, widget->fontMetrics().height() / 3);
}

Qt::TextInteractionFlags FieldEditor::markdownInteraction(const QString &markdown)
{
    // Text with a link is reachable by keyboard, or the link would be mouse-only.
    const bool hasLink =
        markdown.contains(QLatin1String("](")) || markdown.contains(QLatin1String("://"));
    return Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse |
           (hasLink ? Qt::LinksAccessibleByKeyboard : Qt::TextInteractionFlags());
}

void FieldEditor::insertAt(Slot slot, QWidget *widget)
{
    int index = 0;
    for (auto it = m_slots.cbegin(); it != m_slots.cend() && it.key() < slot; ++it)
        ++index;
    m_slots.insert(slot, widget);
    m_layout->insertWidget(index, widget);
}

QLabel *FieldEditor::ensureLabel(QPointer<QLabel> &label, Slot slot)
{
    if (label)
        return label;
    label = new WrapLabel(m_row);
    // Mouse only: 200 help texts as Tab stops would bury the fields.
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    const QPalette palette = m_row->palette();
    colourLabel(label, slot == Slot::Error ? formpalette::errorText(palette)
                                           : formpalette::muted(palette));
    insertAt(slot, label);
    return label;
}

void FieldEditor::setControl(QWidget *control, QWidget *focusTarget)
{
    Q_ASSERT(!m_control);
    m_control = control;
    m_focusTarget = focusTarget ? focusTarget : control;
    insertAt(Slot::Control, control);
    m_title->setBuddy(m_focusTarget);
    updateAccessibleName();
    updateAccessibleDescription();
    applyField();
}

void FieldEditor::setField(const core::FieldNode &field)
{
    m_field = field;
    updateTitle();
    updateHelp();
    updateAccessibleName();
    updateAccessibleDescription();
    applyField();
}

void FieldEditor::reuseFor(const core::FieldNode &field)
{
    if (m_flash)
        m_flash->stop();
    setHighlighted(false);
    setTint(0.0);
    setError({});
    setGated(false);
    setNote({});
    resetState();
    setField(field);
}

void FieldEditor::retranslateUi()
{
    // The error and the gate reason belong to the FormView, which sets them again itself.
    updateTitle();
    updateAccessibleName();
    updateAccessibleDescription();
    applyField();
}

void FieldEditor::updateAccessibleName()
{
    if (!m_focusTarget)
        return;
    m_focusTarget->setAccessibleName(accessibleTitle());
    // A searchable SELECT is an editable combo box whose line edit screen readers list as a text
    // object of its own (with only the placeholder as its description): it carries the name too.
    if (auto *combo = qobject_cast<QComboBox *>(m_focusTarget); combo && combo->lineEdit())
        combo->lineEdit()->setAccessibleName(accessibleTitle());
}

QString FieldEditor::accessibleTitle() const
{
    const QString title = m_field.title.isEmpty() ? m_field.id : m_field.title;
    //: Spoken name of a required field; %1 is the field's title.
    return m_field.isRequired ? tr("%1, required").arg(title) : title;
}

void FieldEditor::updateTitle()
{
    const QString title = m_field.title.isEmpty() ? m_field.id : m_field.title;
    // The marker is decoration; screen readers get "required" from the accessible name.
    //: The title of a required field with its marker; %1 is the field's title.
    m_title->setText(m_field.isRequired ? tr("%1 *").arg(title) : title);
    m_title->setAccessibleName(accessibleTitle());
}

void FieldEditor::updateHelp()
{
    if (m_field.description.isEmpty()) {
        if (m_help)
            m_help->hide();
        return;
    }
    QLabel *help = ensureLabel(m_help, Slot::Help);
    help->setTextFormat(Qt::MarkdownText);
    help->setOpenExternalLinks(true);
    help->setTextInteractionFlags(markdownInteraction(m_field.description));
    help->setText(m_field.description);
    help->show();
}

QString FieldEditor::placeholderText() const
{
    const QString &placeholder = m_field.placeholder;
    const QString &fallback = m_field.defaultValue;
    if (fallback.isEmpty())
        return placeholder;
    if (placeholder.isEmpty())
        return tr("Default: %1").arg(fallback);
    //: A field's placeholder; %1 is its hint, %2 the value the server uses when none is sent.
    return tr("%1 (default: %2)").arg(placeholder, fallback);
}

void FieldEditor::focus()
{
    if (m_focusTarget)
        m_focusTarget->setFocus(Qt::OtherFocusReason);
}

void FieldEditor::setError(const QString &text)
{
    if (text == m_error)
        return;
    m_error = text;
    if (text.isEmpty()) {
        if (m_errorLabel)
            m_errorLabel->hide();
    } else {
        QLabel *label = ensureLabel(m_errorLabel, Slot::Error);
        label->setTextFormat(Qt::PlainText);
        label->setText(text);
        label->show();
    }
    updateAccessibleDescription();
}

void FieldEditor::setGated(bool gated, const QString &reason)
{
    const QString shown = gated ? reason : QString();
    if (gated == m_gated && shown == m_gateReason)
        return;
    m_gated = gated;
    m_gateReason = shown;
    if (shown.isEmpty()) {
        if (m_gate)
            m_gate->hide();
    } else {
        QLabel *label = ensureLabel(m_gate, Slot::Gate);
        label->setTextFormat(Qt::PlainText);
        label->setText(shown);
        label->show();
    }
    applyGated(gated);
    updateAccessibleDescription();
}

void FieldEditor::applyGated(bool gated)
{
    if (m_control)
        m_control->setEnabled(!gated);
}

void FieldEditor::setNote(const QString &text)
{
    if (text == m_noteText)
        return;
    m_noteText = text;
    if (text.isEmpty()) {
        if (m_note)
            m_note->hide();
    } else {
        QLabel *label = ensureLabel(m_note, Slot::Note);
        label->setTextFormat(Qt::PlainText);
        label->setText(text);
        label->show();
    }
    updateAccessibleDescription();
}

void FieldEditor::updateAccessibleDescription()
{
    if (!m_focusTarget)
        return;
    QStringList parts;
    for (const QString &part : {m_error, m_gateReason, m_noteText}) {
        if (!part.isEmpty())
            parts.append(part);
    }
    if (m_highlighted)
        parts.append(tr("New field"));
    if (!m_field.description.isEmpty())
        parts.append(plainText(m_field.description));
    //: Joins the parts of a field's spoken description: its error, why it is disabled, a note
    //: and its help text.
    m_focusTarget->setAccessibleDescription(parts.join(tr(". ")));
}

void FieldEditor::setHighlighted(bool highlighted)
{
    if (highlighted == m_highlighted)
        return;
    m_highlighted = highlighted;
    if (!m_flash || m_flash->state() != QAbstractAnimation::Running)
        setTint(highlighted ? 1.0 : 0.0);
    updateAccessibleDescription();
}

void FieldEditor::flash()
{
    if (!m_flash) {
        m_flash = new QVariantAnimation(this);
        m_flash->setDuration(1600);
        m_flash->setEasingCurve(QEasingCurve::InQuad);
        connect(m_flash, &QVariantAnimation::valueChanged, this,
                [this](const QVariant &value) { setTint(value.toReal()); });
        connect(m_flash, &QVariantAnimation::finished, this,
                [this] { setTint(m_highlighted ? 1.0 : 0.0); });
    }
    m_flash->stop();
    m_flash->setStartValue(1.0);
    m_flash->setEndValue(m_highlighted ? 1.0 : 0.0);
    m_flash->start();
}

void FieldEditor::setTint(qreal strength)
{
    m_row->setTint(strength);
}

} // namespace ab::ui
