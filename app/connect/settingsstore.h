#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

class QSettings;

namespace ab::connect {

// Where the non-secret account settings live (mode, client id, claims, URLs, expiry times).
// Never a secret: those go through secrets::SecretStore only. Injectable so tests can look at
// every byte that would reach the disk.
class SettingsStore {
public:
    virtual ~SettingsStore() = default;

    virtual QVariant value(const QString &key) const = 0;
    virtual void setValue(const QString &key, const QVariant &value) = 0;
    // Removes `group` and every key below it ("group/...").
    virtual void removeGroup(const QString &group) = 0;
    virtual QStringList childGroups(const QString &group) const = 0;
    virtual void sync() {}
};

// QSettings in INI format at a fixed path, so the desktop app and the CLI share one file.
class QSettingsStore final : public SettingsStore {
public:
    // Default: <generic config dir>/actionbench/accounts.ini (beside the shared data directory).
    explicit QSettingsStore(const QString &path = defaultPath());
    ~QSettingsStore() override;
    Q_DISABLE_COPY_MOVE(QSettingsStore)

    static QString defaultPath();

    QVariant value(const QString &key) const override;
    void setValue(const QString &key, const QVariant &value) override;
    void removeGroup(const QString &group) override;
    QStringList childGroups(const QString &group) const override;
    void sync() override;

private:
    std::unique_ptr<QSettings> m_settings;
};

// In memory: for tests, and for a session that must not write anything.
class MemorySettingsStore final : public SettingsStore {
public:
    QVariant value(const QString &key) const override { return m_values.value(key); }
    void setValue(const QString &key, const QVariant &value) override;
    void removeGroup(const QString &group) override;
    QStringList childGroups(const QString &group) const override;

    const QMap<QString, QVariant> &values() const { return m_values; }

private:
    QMap<QString, QVariant> m_values;
};

} // namespace ab::connect
