#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ab::test {

// Known secrets and the forms they could take on the way out (raw, percent-encoded, base64,
// base64url), and where any of them was found. Reports name the secret and the place, never
// the value, so a failing run does not print the leak a second time.
class LeakScanner {
public:
    // Forms shorter than 8 bytes are not searched: they would match ordinary text.
    void add(const QString &label, const QString &secret);
    // A PEM key: the whole text and each line of its base64 body.
    void addPem(const QString &label, const QString &pem);
    // HTTP Basic credentials "user:password" as they would be base64-encoded in a header.
    void addBasic(const QString &label, const QString &user, const QString &password);

    int secretCount() const { return int(m_secrets.size()); }
    bool knows(const QString &secret) const;

    void scan(const QByteArray &haystack, const QString &where);
    void scan(const QString &haystack, const QString &where) { scan(haystack.toUtf8(), where); }
    // Every regular file below `directory`, recursively; returns how many were read.
    int scanDirectory(const QString &directory, const QString &where);

    const QStringList &leaks() const { return m_leaks; }
    QStringList scannedPlaces() const { return m_places; }

private:
    struct Secret {
        QString label;
        QString value;
        QList<QByteArray> forms;
    };
    void addForms(Secret &secret, const QByteArray &raw);

    QList<Secret> m_secrets;
    QStringList m_leaks;
    QStringList m_places;
};

} // namespace ab::test
