#include "api/jsoncursor.h"

#include <array>
#include <bit>
#include <cstring>

namespace ab::api::detail {

namespace {

// QJsonDocument allows 1024 levels; nothing Zapier sends comes close to this.
constexpr int maxDepth = 128;

// Bytes that may stand for themselves in a string: printable ASCII but '"' and '\'.
constexpr std::array<bool, 256> plainTable()
{
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x80; ++c)
        table[size_t(c)] = c != '"' && c != '\\';
    return table;
}
constexpr std::array<bool, 256> plain = plainTable();

// Skips the bytes that stand for themselves, eight at a time while none of the eight is a
// quote, a backslash, a control character or part of a multi-byte sequence.
const uchar *skipPlain(const uchar *p, const uchar *end)
{
    constexpr quint64 ones = 0x0101010101010101ull;
    constexpr quint64 high = 0x8080808080808080ull;
    while (end - p >= 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        const quint64 quote = word ^ (ones * '"');
        const quint64 backslash = word ^ (ones * '\\');
        // A byte's high bit ends up set when it is zero after the xor (quote, backslash),
        // below 0x20 (the subtraction borrows) or not ASCII. Borrows only carry from a special
        // byte into the ones after it, so the first flagged byte is the first special one.
        const quint64 special = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
                                 (word - ones * 0x20) | word) &
                                high;
        if (special == 0) {
            p += 8;
            continue;
        }
        if constexpr (std::endian::native == std::endian::little)
            return p + (std::countr_zero(special) >> 3);
        break;
    }
    while (p < end && plain[*p])
        ++p;
    return p;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isContinuation(uchar c)
{
    return (c & 0xC0) == 0x80;
}

// The length of the UTF-8 sequence at `p`, or 0 when it is not one QJsonDocument is sure to
// accept: overlong forms, surrogates and code points past U+10FFFF are invalid, and
// noncharacters are refused too rather than reasoned about.
qsizetype utf8Length(const uchar *p, const uchar *end)
{
    const uchar lead = p[0];
    char32_t codePoint = 0;
    qsizetype length = 0;
    uchar low = 0x80;
    uchar high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        codePoint = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        codePoint = lead & 0x0F;
        low = lead == 0xE0 ? 0xA0 : 0x80;  // overlong
        high = lead == 0xED ? 0x9F : 0xBF; // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        codePoint = lead & 0x07;
        low = lead == 0xF0 ? 0x90 : 0x80;  // overlong
        high = lead == 0xF4 ? 0x8F : 0xBF; // past U+10FFFF
    } else {
        return 0;
    }
    if (end - p < length || p[1] < low || p[1] > high)
        return 0;
    for (qsizetype i = 1; i < length; ++i) {
        if (!isContinuation(p[i]))
            return 0;
        codePoint = (codePoint << 6) | (p[i] & 0x3F);
    }
    if ((codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE)
        return 0;
    return length;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

JsonCursor::JsonCursor(QByteArrayView text)
    : m_at(text.data())
    , m_end(text.data() + text.size())
{}

bool JsonCursor::fail()
{
    m_ok = false;
    m_at = m_end;
    return false;
}

void JsonCursor::skipSpace()
{
    while (m_at < m_end && isSpace(*m_at))
        ++m_at;
}

bool JsonCursor::expect(char c)
{
    skipSpace();
    if (m_at == m_end || *m_at != c)
        return fail();
    ++m_at;
    return true;
}

JsonCursor::Kind JsonCursor::peek()
{
    skipSpace();
    if (m_at == m_end)
        return Kind::Invalid;
    switch (*m_at) {
    case '{':
        return Kind::Object;
    case '[':
        return Kind::Array;
    case '"':
        return Kind::String;
    case 't':
        return Kind::True;
    case 'f':
        return Kind::False;
    case 'n':
        return Kind::Null;
    default:
        return *m_at == '-' || isDigit(*m_at) ? Kind::Number : Kind::Invalid;
    }
}

bool JsonCursor::beginObject()
{
    if (!m_ok || !expect('{'))
        return false;
    return ++m_depth <= maxDepth || fail();
}

bool JsonCursor::beginArray()
{
    if (!m_ok || !expect('['))
        return false;
    return ++m_depth <= maxDepth || fail();
}

bool JsonCursor::closeContainer()
{
    ++m_at;
    --m_depth;
    return false;
}

bool JsonCursor::readKey(QByteArrayView *key)
{
    // Keys are matched byte for byte, so one spelled with an escape could be a known key in
    // disguise: refused. Non-ASCII keys cannot be known ones and are kept as they are.
    const char *start = ++m_at;
    const auto *p = reinterpret_cast<const uchar *>(m_at);
    const auto *end = reinterpret_cast<const uchar *>(m_end);
    while ((p = skipPlain(p, end)) < end && *p != '"') {
        const qsizetype length = *p >= 0x80 ? utf8Length(p, end) : 0;
        if (length == 0)
            return fail();
        p += length;
    }
    if (p == end)
        return fail();
    *key = QByteArrayView(start, reinterpret_cast<const char *>(p) - start);
    m_at = reinterpret_cast<const char *>(p) + 1;
    return expect(':');
}

bool JsonCursor::firstKey(QByteArrayView *key)
{
    if (!m_ok)
        return false;
    skipSpace();
    if (m_at < m_end && *m_at == '}')
        return closeContainer();
    if (m_at < m_end && *m_at == '"')
        return readKey(key);
    return fail();
}

bool JsonCursor::nextKey(QByteArrayView *key)
{
    if (!m_ok)
        return false;
    skipSpace();
    if (m_at < m_end && *m_at == '}')
        return closeContainer();
    if (m_at == m_end || *m_at != ',')
        return fail();
    ++m_at;
    skipSpace();
    if (m_at < m_end && *m_at == '"')
        return readKey(key);
    return fail();
}

bool JsonCursor::firstElement()
{
    if (!m_ok)
        return false;
    skipSpace();
    if (m_at < m_end && *m_at == ']')
        return closeContainer();
    return m_at < m_end || fail();
}

bool JsonCursor::nextElement()
{
    if (!m_ok)
        return false;
    skipSpace();
    if (m_at < m_end && *m_at == ']')
        return closeContainer();
    if (m_at == m_end || *m_at != ',')
        return fail();
    ++m_at;
    return true;
}

bool JsonCursor::scanString(QString *out)
{
    const auto *start = reinterpret_cast<const uchar *>(m_at);
    const auto *end = reinterpret_cast<const uchar *>(m_end);
    const uchar *p = start;
    const uchar *run = start; // start of the text not yet appended to `out`
    bool ascii = true;
    bool escaped = false;
    const auto flush = [&](const uchar *upTo) {
        if (out && upTo > run)
            out->append(QString::fromUtf8(reinterpret_cast<const char *>(run), upTo - run));
    };
    for (;;) {
        p = skipPlain(p, end);
        if (p == end)
            return fail();
        const uchar c = *p;
        if (c == '"')
            break;
        if (c >= 0x80) {
            const qsizetype length = utf8Length(p, end);
            if (length == 0)
                return fail();
            ascii = false;
            p += length;
            continue;
        }
        if (c != '\\' || end - p < 2) // a raw control character, or a cut-off escape
            return fail();
        if (out && !escaped)
            out->clear();
        flush(p);
        escaped = true;
        char16_t unit = 0;
        qsizetype length = 2;
        switch (p[1]) {
        case '"':
        case '\\':
        case '/':
            unit = p[1];
            break;
        case 'b':
            unit = 0x08;
            break;
        case 'f':
            unit = 0x0C;
            break;
        case 'n':
            unit = 0x0A;
            break;
        case 'r':
            unit = 0x0D;
            break;
        case 't':
            unit = 0x09;
            break;
        case 'u': {
            if (end - p < 6)
                return fail();
            int value = 0;
            for (int i = 2; i < 6; ++i) {
                const int digit = hexValue(char(p[i]));
                if (digit < 0)
                    return fail();
                value = value * 16 + digit;
            }
            // One UTF-16 unit per escape, surrogates included, as QJsonDocument keeps them.
            unit = char16_t(value);
            length = 6;
            break;
        }
        default:
            return fail(); // QJsonDocument reads "\x" as "x"; JSON does not allow it
        }
        if (out)
            out->append(QChar(unit));
        p += length;
        run = p;
    }
    if (out) {
        const auto *text = reinterpret_cast<const char *>(run);
        if (escaped)
            flush(p);
        else
            *out = ascii ? QString::fromLatin1(text, p - run) : QString::fromUtf8(text, p - run);
    }
    m_at = reinterpret_cast<const char *>(p) + 1;
    return true;
}

bool JsonCursor::readString(QString *out)
{
    if (peek() != Kind::String)
        return fail();
    ++m_at;
    return scanString(out);
}

bool JsonCursor::readStringOrNull(QString *out)
{
    if (peek() == Kind::Null) {
        *out = QString();
        return readNull();
    }
    return readString(out);
}

bool JsonCursor::scanNumber(qint64 *integer)
{
    // RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    const char *p = m_at;
    const bool negative = p < m_end && *p == '-';
    if (negative)
        ++p;
    const char *digits = p;
    if (p < m_end && *p == '0')
        ++p;
    else
        while (p < m_end && isDigit(*p))
            ++p;
    const qsizetype integerDigits = p - digits;
    // Short mantissas and small exponents only: no overflow or underflow to argue about.
    if (integerDigits == 0 || integerDigits > 40)
        return fail();
    bool whole = true;
    if (p < m_end && *p == '.') {
        whole = false;
        const char *fraction = ++p;
        while (p < m_end && isDigit(*p))
            ++p;
        if (p == fraction || p - digits > 40)
            return fail();
    }
    if (p < m_end && (*p == 'e' || *p == 'E')) {
        whole = false;
        ++p;
        if (p < m_end && (*p == '+' || *p == '-'))
            ++p;
        const char *exponent = p;
        while (p < m_end && isDigit(*p))
            ++p;
        if (p == exponent || p - exponent > 2)
            return fail();
    }
    if (p == m_end) // QJsonDocument: "invalid termination by number"
        return fail();
    if (integer) {
        if (!whole || integerDigits > 15)
            return fail();
        qint64 value = 0;
        for (const char *d = digits; d < digits + integerDigits; ++d)
            value = value * 10 + (*d - '0');
        *integer = negative ? -value : value;
    }
    m_at = p;
    return true;
}

bool JsonCursor::readInteger(qint64 *out)
{
    if (peek() != Kind::Number)
        return fail();
    return scanNumber(out);
}

bool JsonCursor::scanLiteral(const char *word, qsizetype size)
{
    if (m_end - m_at <= size || QByteArrayView(m_at, size) != QByteArrayView(word, size))
        return fail();
    m_at += size;
    return true;
}

bool JsonCursor::readNull()
{
    if (peek() != Kind::Null)
        return fail();
    return scanLiteral("null", 4);
}

bool JsonCursor::skipValue()
{
    QByteArrayView key;
    switch (peek()) {
    case Kind::Object:
        if (!beginObject())
            return false;
        for (bool more = firstKey(&key); more; more = nextKey(&key)) {
            if (!skipValue())
                return false;
        }
        return m_ok;
    case Kind::Array:
        if (!beginArray())
            return false;
        for (bool more = firstElement(); more; more = nextElement()) {
            if (!skipValue())
                return false;
        }
        return m_ok;
    case Kind::String:
        ++m_at;
        return scanString(nullptr);
    case Kind::Number:
        return scanNumber(nullptr);
    case Kind::True:
        return scanLiteral("true", 4);
    case Kind::False:
        return scanLiteral("false", 5);
    case Kind::Null:
        return scanLiteral("null", 4);
    case Kind::Invalid:
        break;
    }
    return fail();
}

bool JsonCursor::atEnd()
{
    skipSpace();
    return m_ok && m_at == m_end;
}

} // namespace ab::api::detail
