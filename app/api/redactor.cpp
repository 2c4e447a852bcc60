#include "api/redactor.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace ab::api {

// JSON keys whose values are secrets. "code" is not one of them: it names error codes there.
static const QString kJsonKeys = QStringLiteral(
    "access_token|refresh_token|token|client_secret|subject_token|actor_token|password|secret|"
    "api_key|apikey|authorization|id_token|connect_token|client_assertion");
// Query and form parameters: the same, plus the OAuth authorization `code`.
static const QString kParamKeys = kJsonKeys + QStringLiteral("|code");

// "key" : "value" for any of `keys` (an alternation); the closing quote may be missing when the
// body was cut short.
static QString jsonValuePatternOf(const QString &keys)
{
    return QStringLiteral("(\"(?:%1)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|\\\\?$)").arg(keys);
}

static const QRegularExpression &jsonValuePattern()
{
    static const QRegularExpression re(jsonValuePatternOf(kJsonKeys),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

static const QRegularExpression &paramPattern()
{
    static const QRegularExpression re(
        QStringLiteral("(^|[?&#\\s])((?:%1)=)[^&#\\s\"]*").arg(kParamKeys),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

static const QRegularExpression &bearerPattern()
{
    // Only "Bearer": Zapier's SDK also knows a "JWT <token>" scheme, but "JWT expired" is prose.
    static const QRegularExpression re(QStringLiteral("\\b(Bearer)\\s+[A-Za-z0-9._~+/=-]+"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Every match contains one of the keys, followed by the quote that ends a JSON key or the "="
// of a parameter, or "Bearer" followed by white space. A text without any of them cannot
// match, so the patterns are neither run nor, in a process that never meets one, compiled
// (PCRE2's JIT: ~4 M instructions). Ordinary prose ("Code by Zapier", "reset your password",
// "token_type": "Bearer") passes without them.
static bool mayMatchPatterns(QByteArrayView text)
{
    // A key that contains another ("access_token", "token") needs no search of its own.
    static const QList<QByteArray> words = [] {
        QList<QByteArray> keys = kParamKeys.toLatin1().split('|');
        keys.append("bearer");
        QList<QByteArray> list;
        for (const QByteArray &key : std::as_const(keys)) {
            if (std::none_of(keys.begin(), keys.end(), [&key](const QByteArray &other) {
                    return other != key && key.contains(other);
                }))
                list.append(key);
        }
        return list;
    }();
    // The bytes a match can start with: the first letter of a word in either case, and the
    // lead bytes of U+212A KELVIN SIGN (E2 84 AA) and U+017F LATIN SMALL LETTER LONG S (C5 BF).
    // Of all non-ASCII characters, caseless matching folds exactly these two onto ASCII letters
    // (every code point was tried against each letter), so text holding either runs the
    // patterns; other non-ASCII text (any accented title in a catalog) cannot spell a key.
    static const std::array<bool, 256> starts = [] {
        std::array<bool, 256> table{};
        for (const QByteArray &word : std::as_const(words)) {
            table[uchar(word.front())] = true;
            table[uchar(QChar::toUpper(char16_t(uchar(word.front()))))] = true;
        }
        table[0xE2] = table[0xC5] = true;
        return table;
    }();
    // One pass over the body, comparing only where a word could begin: a response of a few
    // hundred kilobytes is checked at the speed of a scan, not once per word after a lowered copy.
    const char *const data = text.data();
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const uchar c = uchar(data[i]);
        if (!starts[c])
            continue;
        const QByteArrayView rest(data + i, size - i);
        if (c >= 0x80) {
            if (rest.startsWith("\xE2\x84\xAA") || rest.startsWith("\xC5\xBF"))
                return true;
            continue;
        }
        for (const QByteArray &word : std::as_const(words)) {
            if ((c | 0x20) != uchar(word.front()) || rest.size() <= word.size() ||
                qstrnicmp(rest.data(), word.size(), word.constData(), word.size()) != 0)
                continue;
            const char next = rest.at(word.size());
            if (word == "bearer" ? QChar::isSpace(char16_t(uchar(next)))
                                 : next == '"' || next == '=')
                return true;
        }
    }
    return false;
}

void Redactor::addSecret(const QString &secret)
{
    const QByteArray bytes = secret.toUtf8();
    if (bytes.size() < 6 || m_secrets.contains(bytes))
        return;
    m_secrets.append(bytes);
    // Longest first, so a secret containing another is replaced whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
}

void Redactor::removeSecret(const QString &secret)
{
    m_secrets.removeAll(secret.toUtf8());
}

void Redactor::addSecretKey(const QString &key)
{
    const QByteArray quoted = '"' + key.toUtf8() + '"';
    if (key.isEmpty() || m_quotedKeys.contains(quoted))
        return;
    m_quotedKeys.append(quoted);
    QStringList alternatives;
    for (const QByteArray &each : std::as_const(m_quotedKeys))
        alternatives << QRegularExpression::escape(QString::fromUtf8(each.mid(1, each.size() - 2)));
    // Matched exactly, unlike the built-in keys: a field id is a name, not a word.
    m_keyPattern.setPattern(jsonValuePatternOf(alternatives.join(QLatin1Char('|'))));
}

QString Redactor::redactKeys(QString text) const
{
    return text.replace(m_keyPattern, QStringLiteral("\\1\"") + placeholder + QLatin1Char('"'));
}

QByteArray Redactor::redactLiterals(QByteArray text) const
{
    const QByteArray mark = QByteArray(placeholder.data(), placeholder.size());
    for (const QByteArray &secret : m_secrets) {
        text.replace(secret, mark);
        const QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(secret));
        if (encoded != secret)
            text.replace(encoded, mark);
    }
    return text;
}

QString Redactor::redactUrl(const QUrl &url) const
{
    QString text = url.toString(QUrl::RemovePassword);
    if (mayMatchPatterns(text.toUtf8()))
        text.replace(paramPattern(), QStringLiteral("\\1\\2") + placeholder);
    text = QString::fromUtf8(redactLiterals(text.toUtf8()));
    // A literal can hide behind partial percent-encoding ("a%2Bb" for "a+b"); if it survives
    // decoding, show the decoded form with the literal gone rather than leak it.
    const QString decoded = QUrl::fromPercentEncoding(text.toUtf8());
    const QByteArray decodedBytes = decoded.toUtf8();
    const bool hidden = std::any_of(m_secrets.begin(), m_secrets.end(),
                                    [&](const QByteArray &s) { return decodedBytes.contains(s); });
    return hidden ? QString::fromUtf8(redactLiterals(decodedBytes)) : text;
}

QByteArray Redactor::redactBody(const QByteArray &body) const
{
    if (body.isEmpty())
        return body;
    const bool hasKey = std::any_of(m_quotedKeys.begin(), m_quotedKeys.end(),
                                    [&body](const QByteArray &key) { return body.contains(key); });
    if (!mayMatchPatterns(body))
        return redactLiterals(hasKey ? redactKeys(QString::fromUtf8(body)).toUtf8() : body);
    QString text = QString::fromUtf8(body);
    if (hasKey)
        text = redactKeys(text);
    text.replace(jsonValuePattern(), QStringLiteral("\\1\"") + placeholder + QLatin1Char('"'));
    text.replace(paramPattern(), QStringLiteral("\\1\\2") + placeholder);
    text.replace(bearerPattern(), QStringLiteral("\\1 ") + placeholder);
    return redactLiterals(text.toUtf8());
}

QByteArray Redactor::redactAndTruncate(const QByteArray &body, qint64 maxBytes) const
{
    // Redacting a 16 MiB body just to keep its first 64 KiB would be waste; the slack keeps a
    // secret that straddles the cut visible to the patterns.
    const qint64 slack = 4096;
    if (body.size() > maxBytes + slack)
        return truncate(redactBody(body.left(maxBytes + slack)), maxBytes, body.size());
    // Redaction shortens a body whenever a secret is longer than "[redacted]": that is not a
    // cut, so a body that fits once redacted comes back whole, without a truncation marker.
    const QByteArray redacted = redactBody(body);
    if (redacted.size() <= maxBytes)
        return redacted;
    return truncate(redacted, maxBytes, qMax<qint64>(body.size(), redacted.size()));
}

QByteArray Redactor::truncate(const QByteArray &bytes, qint64 maxBytes, qint64 fullSize)
{
    if (fullSize < 0)
        fullSize = bytes.size();
    if (bytes.size() <= maxBytes && fullSize <= bytes.size())
        return bytes;
    qint64 cut = qMin<qint64>(qMax<qint64>(maxBytes, 0), bytes.size());
    // Do not split a UTF-8 sequence: step back over continuation bytes.
    while (cut > 0 && cut < bytes.size() && (uchar(bytes.at(cut)) & 0xC0) == 0x80)
        --cut;
    return bytes.left(cut) + "\xE2\x80\xA6[truncated, " + QByteArray::number(fullSize) +
           " bytes in all]";
}

} // namespace ab::api
