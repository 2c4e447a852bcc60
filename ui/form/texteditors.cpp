#include "form/texteditors.h"

#include "form/formvaluetext.h"

#include <QAbstractTextDocumentLayout>
#include <QComboBox>
#include <QDir>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QToolButton>

#include <cmath>

namespace ab::ui {

namespace {

// A control plus buttons on one line, without margins of its own (the row has them).
QWidget *compositeOf(QWidget *parent, std::initializer_list<QWidget *> parts)
{
    auto *box = new QWidget(parent);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *part : parts) {
        part->setParent(box);
        layout->addWidget(part, part == *parts.begin() ? 1 : 0);
    }
    return box;
}

QString unknownNote(const core::FieldNode &field)
{
    if (field.format == core::FieldFormat::Unknown)
        return FieldEditor::tr("Unknown format \u201c%1\u201d: edited as text")
            .arg(field.formatRaw);
    if (field.valueType == core::ValueType::Unknown)
        return FieldEditor::tr("Unknown value type \u201c%1\u201d: edited as text")
            .arg(field.valueTypeRaw);
    return {};
}

} // namespace

// --- GrowingTextEdit

GrowingTextEdit::GrowingTextEdit(int minimumLines, int maximumLines, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_minimumLines(minimumLines)
    , m_maximumLines(maximumLines)
    , m_lines(minimumLines)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &GrowingTextEdit::updateHeight);
}

int GrowingTextEdit::heightForLines(int lines) const
{
    const QMargins margins = contentsMargins();
    return lines * fontMetrics().lineSpacing() + int(2 * document()->documentMargin()) +
           margins.top() + margins.bottom();
}

QSize GrowingTextEdit::sizeHint() const
{
    return {QPlainTextEdit::sizeHint().width(), heightForLines(m_lines)};
}

QSize GrowingTextEdit::minimumSizeHint() const
{
    return {QPlainTextEdit::minimumSizeHint().width(), heightForLines(m_minimumLines)};
}

void GrowingTextEdit::updateHeight()
{
    // QPlainTextDocumentLayout measures its height in lines, wrapped lines included.
    const qreal lines = document()->documentLayout()->documentSize().height();
    const int wanted = qBound(m_minimumLines, int(std::ceil(lines)), m_maximumLines);
    if (wanted == m_lines)
        return;
    m_lines = wanted;
    updateGeometry();
}

void GrowingTextEdit::keyPressEvent(QKeyEvent *event)
{
    if (m_tabSpaces > 0) {
        const bool control = event->modifiers() & Qt::ControlModifier;
        if (event->key() == Qt::Key_Tab && event->modifiers() == Qt::NoModifier) {
            insertPlainText(QString(m_tabSpaces, QLatin1Char(' ')));
            return;
        }
        // Tab is taken by indentation, so Ctrl+Tab and Shift+Tab leave the editor: no trap.
        if (event->key() == Qt::Key_Backtab || (event->key() == Qt::Key_Tab && control)) {
            focusNextPrevChild(event->key() == Qt::Key_Tab &&
                               !(event->modifiers() & Qt::ShiftModifier));
            return;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
}

void GrowingTextEdit::focusOutEvent(QFocusEvent *event)
{
    QPlainTextEdit::focusOutEvent(event);
    if (event->reason() != Qt::PopupFocusReason)
        Q_EMIT focusLost();
}

// --- LineEditor

LineEditor::LineEditor(const core::FieldNode &field, EditorKind kind, QWidget *parent)
    : FieldEditor(field, kind, parent)
    , m_edit(new QLineEdit(widget()))
{
    if (kind == EditorKind::Number) {
        auto *validator = new QDoubleValidator(m_edit);
        QLocale c = QLocale::c();
        c.setNumberOptions(QLocale::RejectGroupSeparator);
        validator->setLocale(c);
        validator->setNotation(QDoubleValidator::ScientificNotation);
        m_edit->setValidator(validator);
        m_edit->setInputMethodHints(Qt::ImhFormattedNumbersOnly);
    } else if (kind == EditorKind::Integer) {
        // Zapier integers may pass 2^31, so no QIntValidator; coercion checks the range.
        m_edit->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[-+]?[0-9]*")), m_edit));
        m_edit->setInputMethodHints(Qt::ImhDigitsOnly);
    }
    m_edit->setClearButtonEnabled(kind == EditorKind::Text || kind == EditorKind::Unknown);
    connect(m_edit, &QLineEdit::textEdited, this, &FieldEditor::edited);
    connect(m_edit, &QLineEdit::editingFinished, this, &FieldEditor::editingFinished);
    setControl(m_edit, m_edit);
}

void LineEditor::applyField()
{
    m_edit->setPlaceholderText(placeholderText());
    setNote(unknownNote(field()));
}

void LineEditor::setValue(const QVariant &value, const QString &)
{
    const QString text = valueToText(value);
    if (text != m_edit->text())
        m_edit->setText(text);
}

QVariant LineEditor::value() const
{
    return m_edit->text();
}

// --- TextBlockEditor

TextBlockEditor::TextBlockEditor(const core::FieldNode &field, EditorKind kind, QWidget *parent)
    : FieldEditor(field, kind, parent)
    , m_edit(kind == EditorKind::Code ? new GrowingTextEdit(4, 16, widget())
                                      : new GrowingTextEdit(3, 10, widget()))
{
    if (kind == EditorKind::Code) {
        m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_edit->setTabSpaces(4);
    } else {
        m_edit->setTabChangesFocus(true);
    }
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_updating)
            Q_EMIT edited();
    });
    connect(m_edit, &GrowingTextEdit::focusLost, this, &FieldEditor::editingFinished);
    setControl(m_edit, m_edit);
    retranslateUi();
}

void TextBlockEditor::applyField()
{
    m_edit->setPlaceholderText(placeholderText());
}

void TextBlockEditor::retranslateUi()
{
    FieldEditor::retranslateUi();
    if (kind() == EditorKind::Code)
        m_edit->setToolTip(tr("Tab inserts spaces; Ctrl+Tab moves to the next field"));
}

void TextBlockEditor::setValue(const QVariant &value, const QString &)
{
    const QString text = valueToText(value, true);
    if (text == m_edit->toPlainText())
        return;
    m_updating = true;
    m_edit->setPlainText(text);
    m_updating = false;
}

QVariant TextBlockEditor::value() const
{
    return m_edit->toPlainText();
}

// --- PasswordEditor

PasswordEditor::PasswordEditor(const core::FieldNode &field, QWidget *parent)
    : FieldEditor(field, EditorKind::Password, parent)
    , m_edit(new QLineEdit)
    , m_reveal(new QToolButton)
{
    m_edit->setEchoMode(QLineEdit::Password);
    m_reveal->setCheckable(true);
    connect(m_reveal, &QToolButton::toggled, this, [this](bool shown) {
        m_edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        updateReveal();
    });
    connect(m_edit, &QLineEdit::textEdited, this, &FieldEditor::edited);
    connect(m_edit, &QLineEdit::editingFinished, this, &FieldEditor::editingFinished);
    setControl(compositeOf(widget(), {m_edit, m_reveal}), m_edit);
    retranslateUi();
}

void PasswordEditor::resetState()
{
    m_reveal->setChecked(false); // another field's secret is not shown because this one was
}

void PasswordEditor::retranslateUi()
{
    FieldEditor::retranslateUi();
    m_reveal->setToolTip(tr("Show or hide what was typed"));
    updateReveal();
}

void PasswordEditor::updateReveal()
{
    const bool shown = m_reveal->isChecked();
    //: A button that shows or hides the password typed.
    m_reveal->setText(shown ? tr("Hide") : tr("Show"));
    m_reveal->setAccessibleName(shown ? tr("Hide the password") : tr("Show the password"));
}

void PasswordEditor::applyField()
{
    m_edit->setPlaceholderText(placeholderText());
}

void PasswordEditor::applyGated(bool gated)
{
    m_edit->setEnabled(!gated);
    m_reveal->setEnabled(!gated);
}

void PasswordEditor::setValue(const QVariant &value, const QString &)
{
    const QString text = valueToText(value);
    if (text != m_edit->text())
        m_edit->setText(text);
}

QVariant PasswordEditor::value() const
{
    return m_edit->text();
}

// --- FileEditor

FileEditor::FileEditor(const core::FieldNode &field, QWidget *parent)
    : FieldEditor(field, EditorKind::File, parent)
    , m_edit(new QLineEdit)
    , m_browse(new QToolButton)
{
    connect(m_browse, &QToolButton::clicked, this, &FileEditor::browse);
    connect(m_edit, &QLineEdit::textEdited, this, &FieldEditor::edited);
    connect(m_edit, &QLineEdit::editingFinished, this, &FieldEditor::editingFinished);
    setControl(compositeOf(widget(), {m_edit, m_browse}), m_edit);
    retranslateUi();
}

void FileEditor::retranslateUi()
{
    FieldEditor::retranslateUi();
    m_browse->setText(tr("Browse\u2026"));
    m_browse->setAccessibleName(tr("Browse for a file"));
    if (m_dialog) // open, non-modal: it follows the language too
        m_dialog->setWindowTitle(dialogTitle());
}

QString FileEditor::dialogTitle() const
{
    return tr("Choose a file for %1").arg(field().title);
}

void FileEditor::applyField()
{
    const QString placeholder = placeholderText();
    m_edit->setPlaceholderText(placeholder.isEmpty() ? tr("A file path or URL") : placeholder);
}

void FileEditor::browse()
{
    // open(), not exec(): the dialog must not spin a nested event loop.
    auto *dialog = new QFileDialog(widget(), dialogTitle());
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        m_edit->setText(QDir::toNativeSeparators(path));
        Q_EMIT edited();
        Q_EMIT editingFinished();
    });
    dialog->open();
}

void FileEditor::setValue(const QVariant &value, const QString &)
{
    const QString text = valueToText(value);
    if (text != m_edit->text())
        m_edit->setText(text);
}

QVariant FileEditor::value() const
{
    return m_edit->text();
}

// --- ReadonlyEditor

ReadonlyEditor::ReadonlyEditor(const core::FieldNode &field, QWidget *parent)
    : FieldEditor(field, EditorKind::Readonly, parent)
    , m_text(new QLabel(widget()))
{
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setFocusPolicy(Qt::StrongFocus);
    setControl(m_text, m_text);
}

void ReadonlyEditor::applyField()
{
    showValue(); // the default, or "(no value)", may have changed
}

void ReadonlyEditor::setValue(const QVariant &value, const QString &label)
{
    m_value = value;
    m_label = label;
    showValue();
}

void ReadonlyEditor::showValue()
{
    QString text = m_label.isEmpty() ? valueToText(m_value, true) : m_label;
    if (text.isEmpty())
        text = field().defaultValue;
    m_text->setText(text.isEmpty() ? tr("(no value)") : text);
    m_text->setEnabled(!text.isEmpty());
}

// --- BooleanEditor

BooleanEditor::BooleanEditor(const core::FieldNode &field, QWidget *parent)
    : FieldEditor(field, EditorKind::Boolean, parent)
    , m_combo(new QComboBox(widget()))
{
    m_combo->addItems({QString(), QString(), QString()}); // not set, Yes, No: retranslateUi()
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_combo, &QComboBox::activated, this, [this] {
        Q_EMIT edited();
        Q_EMIT editingFinished();
    });
    auto *box = new QWidget(widget());
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    layout->addStretch(1);
    setControl(box, m_combo);
    retranslateUi();
}

void BooleanEditor::retranslateUi()
{
    m_combo->setItemText(1, tr("Yes"));
    m_combo->setItemText(2, tr("No"));
    FieldEditor::retranslateUi(); // item 0, "Not set", comes from the default: applyField()
}

void BooleanEditor::applyField()
{
    const QString fallback = field().defaultValue.trimmed().toLower();
    QString unset = tr("Not set");
    if (!fallback.isEmpty()) {
        const bool yes = fallback == QLatin1String("true") || fallback == QLatin1String("yes") ||
                         fallback == QLatin1String("1") || fallback == QLatin1String("on");
        const bool no = fallback == QLatin1String("false") || fallback == QLatin1String("no") ||
                        fallback == QLatin1String("0") || fallback == QLatin1String("off");
        const QString shown = yes ? tr("Yes") : (no ? tr("No") : field().defaultValue);
        unset = tr("Not set (default: %1)").arg(shown);
    }
    m_combo->setItemText(0, unset);
}

void BooleanEditor::setValue(const QVariant &value, const QString &)
{
    int index = 0;
    if (value.typeId() == QMetaType::Bool) {
        index = value.toBool() ? 1 : 2;
    } else if (value.isValid()) {
        const QString text = value.toString().trimmed().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("yes"))
            index = 1;
        else if (text == QLatin1String("false") || text == QLatin1String("no"))
            index = 2;
    }
    m_combo->setCurrentIndex(index);
}

QVariant BooleanEditor::value() const
{
    switch (m_combo->currentIndex()) {
    case 1:
        return true;
    case 2:
        return false;
    default:
        return {};
    }
}

} // namespace ab::ui
