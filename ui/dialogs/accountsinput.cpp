#include "dialogs/accountsinput.h"

#include <QRegularExpression>

namespace ab::ui::accountsinput {

namespace {

const QRegularExpression &pemPattern()
{
    // BEGIN line, body, END line, whatever whitespace separates them.
    static const QRegularExpression re(
        QStringLiteral("(-----BEGIN [A-Z0-9 ]+-----)\\s*([A-Za-z0-9+/=\\s:,-]*?)\\s*"
                       "(-----END [A-Z0-9 ]+-----)"));
    return re;
}

} // namespace

QString normalisePem(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QRegularExpressionMatch match = pemPattern().match(trimmed);
    if (!match.hasMatch())
        return trimmed;
    QString body = match.captured(2);
    // Encrypted legacy keys carry "Proc-Type:" headers; those are left for the signer to refuse
    // with its own message rather than guessed at here.
    if (body.contains(QLatin1Char(':')))
        return trimmed;
    body.remove(QRegularExpression(QStringLiteral("\\s")));
    QString out = match.captured(1) + QLatin1Char('\n');
    for (qsizetype at = 0; at < body.size(); at += 64)
        out += body.mid(at, 64) + QLatin1Char('\n');
    return out + match.captured(3) + QLatin1Char('\n');
}

bool looksLikeJwt(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"));
    return re.match(text.trimmed()).hasMatch();
}

bool looksLikePrivateKey(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]+-----END "
                       "(?:[A-Z0-9]+ )*PRIVATE KEY-----"));
    return re.match(text).hasMatch();
}

QString normaliseScopes(const QString &text)
{
    return text.simplified();
}

} // namespace ab::ui::accountsinput
