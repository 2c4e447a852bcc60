#include "leakscanner.h"

#include <QDirIterator>
#include <QFile>
#include <QUrl>

namespace ab::test {

void LeakScanner::addForms(Secret &secret, const QByteArray &raw)
{
    const QList<QByteArray> forms = {
        raw,
        QUrl::toPercentEncoding(QString::fromUtf8(raw)),
        raw.toBase64(),
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
    };
    for (const QByteArray &form : forms) {
        if (form.size() >= 8 && !secret.forms.contains(form))
            secret.forms.append(form);
    }
}

void LeakScanner::add(const QString &label, const QString &value)
{
    if (value.isEmpty() || knows(value))
        return;
    Secret secret{label, value, {}};
    addForms(secret, value.toUtf8());
    m_secrets.append(secret);
}

void LeakScanner::addPem(const QString &label, const QString &pem)
{
    add(label, pem);
    int line = 0;
    for (const QString &part : pem.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        ++line;
        if (part.startsWith(QLatin1String("-----")))
            continue;
        // Only the base64 itself: its line is what a partial leak would show.
        Secret secret{QStringLiteral("%1 (line %2)").arg(label).arg(line), part, {}};
        if (part.trimmed().size() >= 16)
            secret.forms.append(part.trimmed().toUtf8());
        m_secrets.append(secret);
    }
}

void LeakScanner::addBasic(const QString &label, const QString &user, const QString &password)
{
    Secret secret{label, user + QLatin1Char(':') + password, {}};
    addForms(secret, secret.value.toUtf8());
    m_secrets.append(secret);
}

bool LeakScanner::knows(const QString &value) const
{
    for (const Secret &secret : m_secrets) {
        if (secret.value == value)
            return true;
    }
    return false;
}

void LeakScanner::scan(const QByteArray &haystack, const QString &where)
{
    if (!m_places.contains(where))
        m_places.append(where);
    for (const Secret &secret : m_secrets) {
        for (const QByteArray &form : secret.forms) {
            if (haystack.contains(form)) {
                const QString leak = QStringLiteral("%1 found in %2").arg(secret.label, where);
                if (!m_leaks.contains(leak))
                    m_leaks.append(leak);
                break;
            }
        }
    }
}

int LeakScanner::scanDirectory(const QString &directory, const QString &where)
{
    int files = 0;
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        ++files;
        scan(file.readAll(), where + QLatin1Char(' ') + QDir(directory).relativeFilePath(path));
    }
    return files;
}

} // namespace ab::test
