#pragma once

#include <QByteArrayView>
#include <QString>

// Internal to api/: a forward-only reader of JSON text for the one hot path whose shape is
// known in advance (catalog pages, thousands of apps). QJsonDocument builds a whole tree, sorts
// every object's keys and copies each string twice before a decoder sees it; this reads the
// UTF-8 text once, straight into the QStrings the caller keeps.
//
// It is deliberately stricter than QJsonDocument: it accepts RFC 8259 JSON only, and gives up on
// anything QJsonDocument might read differently (keys with escapes or non-ASCII bytes, raw
// control characters, lenient escapes, Unicode noncharacters, numbers with large exponents,
// deep nesting). Whatever it accepts, QJsonDocument accepts and reads the same way, so a caller
// that meets a failure can hand the body to the general decoder, which names the problem.
namespace ab::api::detail {

class JsonCursor {
public:
    enum class Kind { Object, Array, String, Number, True, False, Null, Invalid };

    explicit JsonCursor(QByteArrayView text);

    // False once anything failed; every call after a failure fails too.
    bool ok() const { return m_ok; }
    // The kind of the next value (after whitespace), without consuming it.
    Kind peek();

    // An object: `firstKey` after '{', then `nextKey` after each value. Both return false at
    // the closing '}' (consumed) or on a failure (see ok()). The key is a view into the text
    // and holds only printable ASCII without escapes.
    bool beginObject();
    bool firstKey(QByteArrayView *key);
    bool nextKey(QByteArrayView *key);
    // An array: `firstElement` after '[', then `nextElement` after each value; false at ']'.
    bool beginArray();
    bool firstElement();
    bool nextElement();

    bool readString(QString *out);
    // A string, or null (read as a null QString); any other kind fails.
    bool readStringOrNull(QString *out);
    // An integer without fraction or exponent that fits in 15 digits.
    bool readInteger(qint64 *out);
    bool readNull();
    // Any value, checked as thoroughly as a read one.
    bool skipValue();

    // Only whitespace is left.
    bool atEnd();

private:
    bool fail();
    void skipSpace();
    bool expect(char c);
    bool readKey(QByteArrayView *key);
    bool closeContainer();
    // Scans a string starting after its opening quote; appends its text to `out` when given.
    bool scanString(QString *out);
    bool scanNumber(qint64 *integer);
    bool scanLiteral(const char *word, qsizetype size);

    const char *m_at;
    const char *m_end;
    int m_depth = 0;
    bool m_ok = true;
};

} // namespace ab::api::detail
