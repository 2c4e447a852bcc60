#pragma once

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QUrl>

namespace ab::api {

// Removes secrets from what is recorded or logged: URLs, JSON and form bodies, and any literal
// secret registered at run time (the bearer token, a client secret, a connect token...).
// It works on text, not on parsed JSON, so a body cut in the middle of a value is still
// redacted. The Authorization header is never recorded at all, so it needs no rule here.
class Redactor {
public:
    static constexpr QLatin1String placeholder{"[redacted]"};

    // Register a literal secret: every occurrence (raw or percent-encoded) is redacted.
    // Strings shorter than 6 characters are ignored: they would redact ordinary words.
    void addSecret(const QString &secret);
    void removeSecret(const QString &secret);
    // Register a JSON key whose string values are secret in every body from now on: an action's
    // password field, whose id keys its value in each `inputs` object sent, however short.
    void addSecretKey(const QString &key);

    QString redactUrl(const QUrl &url) const;
    // Redacts JSON keys, form fields, "Bearer <token>" and the literal secrets.
    QByteArray redactBody(const QByteArray &body) const;
    // redactBody, then truncate to `maxBytes` with a marker; never processes more than a
    // little over `maxBytes` of a huge body.
    QByteArray redactAndTruncate(const QByteArray &body, qint64 maxBytes) const;

    // Cut to `maxBytes` (on a UTF-8 boundary) and append "…[truncated, N bytes in all]".
    static QByteArray truncate(const QByteArray &bytes, qint64 maxBytes, qint64 fullSize = -1);

private:
    QByteArray redactLiterals(QByteArray text) const;
    QString redactKeys(QString text) const;

    QList<QByteArray> m_secrets;
    QList<QByteArray> m_quotedKeys; // "key", as a body spells it
    QRegularExpression m_keyPattern;
};

} // namespace ab::api
