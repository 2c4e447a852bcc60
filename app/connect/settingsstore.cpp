#include "connect/settingsstore.h"

#include <QSettings>
#include <QStandardPaths>

namespace ab::connect {

QSettingsStore::QSettingsStore(const QString &path)
    : m_settings(std::make_unique<QSettings>(path, QSettings::IniFormat))
{}

QSettingsStore::~QSettingsStore() = default;

QString QSettingsStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/actionbench/accounts.ini");
}

QVariant QSettingsStore::value(const QString &key) const
{
    return m_settings->value(key);
}

void QSettingsStore::setValue(const QString &key, const QVariant &value)
{
    m_settings->setValue(key, value);
}

void QSettingsStore::removeGroup(const QString &group)
{
    m_settings->remove(group);
}

QStringList QSettingsStore::childGroups(const QString &group) const
{
    m_settings->beginGroup(group);
    QStringList groups = m_settings->childGroups();
    m_settings->endGroup();
    return groups;
}

void QSettingsStore::sync()
{
    m_settings->sync();
}

void MemorySettingsStore::setValue(const QString &key, const QVariant &value)
{
    m_values.insert(key, value);
}

void MemorySettingsStore::removeGroup(const QString &group)
{
    const QString prefix = group + QLatin1Char('/');
    for (auto it = m_values.begin(); it != m_values.end();) {
        if (it.key() == group || it.key().startsWith(prefix))
            it = m_values.erase(it);
        else
            ++it;
    }
}

QStringList MemorySettingsStore::childGroups(const QString &group) const
{
    const QString prefix = group.isEmpty() ? QString() : group + QLatin1Char('/');
    QStringList groups;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (!it.key().startsWith(prefix))
            continue;
        const QString rest = it.key().mid(prefix.size());
        const qsizetype slash = rest.indexOf(QLatin1Char('/'));
        if (slash > 0 && !groups.contains(rest.left(slash)))
            groups.append(rest.left(slash));
    }
    return groups;
}

} // namespace ab::connect
