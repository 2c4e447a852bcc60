#include "widgets/wraplabel.h"

#include <QEvent>
#include <QRegularExpression>
#include <QTextDocumentFragment>
#include <QTextLayout>

#include <cmath>

namespace ab::ui {

namespace {

// The words a Markdown text shows: links by their text, without emphasis and code marks.
QString markdownWords(const QString &markdown)
{
    static const QRegularExpression link(QStringLiteral(R"(\[([^\]]*)\]\([^)]*\))"));
    QString words = markdown;
    words.replace(link, QStringLiteral("\\1"));
    for (const QChar mark : {u'*', u'_', u'`', u'#', u'>'})
        words.remove(mark);
    return words;
}

} // namespace

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

const WrapLabel::Hints &WrapLabel::hints() const
{
    if (m_hints && m_hints->text == text() && m_hints->format == textFormat() &&
        m_hints->margin == margin() && m_hints->indent == indent())
        return *m_hints;
    Qt::TextFormat format = textFormat();
    if (format == Qt::AutoText)
        format = Qt::mightBeRichText(text()) ? Qt::RichText : Qt::PlainText;
    QFont face = font();
    if (format != Qt::PlainText)
        face.setWeight(QFont::Bold);
    const QFontMetrics metrics(face);
    QString shown = format == Qt::MarkdownText ? markdownWords(text())
                    : format == Qt::RichText ? QTextDocumentFragment::fromHtml(text()).toPlainText()
                                             : text();
    shown.replace(u'\n', QChar::LineSeparator);

    // One layout, a line per word: the widest line is the widest word, and the words' widths
    // add up to the text's width on one line.
    QTextLayout layout(shown, face);
    QTextOption option;
    option.setWrapMode(QTextOption::WordWrap);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal widest = 0;
    qreal total = 0;
    int words = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(0);
        widest = qMax(widest, line.naturalTextWidth());
        total += line.naturalTextWidth();
        ++words;
    }
    layout.endLayout();
    total += metrics.horizontalAdvance(u' ') * qMax(0, words - 1);

    // What QLabel adds around the text: margins, the frame, and the indent a frame implies.
    const QMargins around = contentsMargins();
    int horizontal = 2 * margin() + around.left() + around.right();
    int vertical = 2 * margin() + around.top() + around.bottom();
    int indentation = indent();
    if (indentation < 0 && frameWidth() > 0)
        indentation = metrics.horizontalAdvance(u'x') - 2 * margin();
    horizontal += qMax(0, indentation);
    vertical += qMax(0, indentation);

    // Preferred: the text on one line up to about 80 characters, then wrapped to a shape
    // no wider than a golden rectangle, as QLabel does.
    const int lineHeight = metrics.height();
    const qreal longest = metrics.averageCharWidth() * 80.0;
    qreal width = qMin(total, longest);
    if (total > longest) {
        const qreal lines = std::ceil(total / longest);
        width = qMin(longest, std::sqrt(5.0 * lines * lineHeight * longest / 3.0));
    }
    const int lines = width > 0 ? int(std::ceil(total / width)) : 1;

    Hints hints;
    hints.text = text();
    hints.format = textFormat();
    hints.margin = margin();
    hints.indent = indent();
    hints.minimum =
        QSize(int(std::ceil(widest)) + horizontal, lineHeight + vertical).expandedTo(minimumSize());
    hints.preferred = QSize(int(std::ceil(qMax(width, widest))) + horizontal,
                            qMax(1, lines) * metrics.lineSpacing() + vertical)
                          .expandedTo(minimumSize());
    m_hints = hints;
    return *m_hints;
}

QSize WrapLabel::minimumSizeHint() const
{
    if (!pixmap().isNull() || !wordWrap())
        return QLabel::minimumSizeHint();
    return hints().minimum;
}

QSize WrapLabel::sizeHint() const
{
    if (!pixmap().isNull() || !wordWrap())
        return QLabel::sizeHint();
    return hints().preferred;
}

void WrapLabel::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::ContentsRectChange:
        m_heights.clear();
        m_hints.reset();
        break;
    default:
        break;
    }
    QLabel::changeEvent(event);
}

} // namespace ab::ui
