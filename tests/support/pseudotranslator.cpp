#include "support/pseudotranslator.h"

namespace ab::test {

QString PseudoTranslator::translate(const char *context, const char *sourceText,
                                    const char *disambiguation, int n) const
{
    Q_UNUSED(disambiguation)
    Q_UNUSED(n)
    if (!sourceText || !*sourceText)
        return {};
    // Qt's own classes (QDialogButtonBox, QLineEdit's context menu, ...) are translated by
    // Qt's catalogues, not ours.
    if (context && context[0] == 'Q' && context[1] >= 'A' && context[1] <= 'Z')
        return {};
    return open + QString::fromUtf8(sourceText) + close;
}

QString PseudoTranslator::untranslatedRemainder(const QString &text)
{
    QString rest;
    rest.reserve(text.size());
    int depth = 0;
    for (const QChar c : text) {
        if (c == open) {
            ++depth;
        } else if (c == close) {
            depth = qMax(0, depth - 1);
        } else if (depth == 0) {
            rest.append(c);
        }
    }
    return rest;
}

} // namespace ab::test
