#pragma once

#include "secrets/secretstore.h"

#include <QHash>

namespace ab::test {

// A SecretStore in memory for tests: asynchronous like the keychain (every callback runs on the
// event loop), inspectable, and able to fail like a missing or locked keyring.
class MemorySecretStore final : public secrets::SecretStore {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySecretStore)

public:
    explicit MemorySecretStore(QObject *parent = nullptr);

    void read(const QString &key, QObject *context, secrets::ReadCallback done) override;
    void write(const QString &key, const QString &value, QObject *context,
               secrets::WriteCallback done) override;
    void remove(const QString &key, QObject *context, secrets::WriteCallback done) override;

    // Every operation fails with `kind` until set back to None (e.g. NoBackend).
    void setFailure(secrets::SecretErrorKind kind) { m_failure = kind; }

    const QHash<QString, QString> &entries() const { return m_entries; }
    void insert(const QString &key, const QString &value) { m_entries.insert(key, value); }
    int operationCount() const { return m_operations; }

private:
    QHash<QString, QString> m_entries;
    secrets::SecretErrorKind m_failure = secrets::SecretErrorKind::None;
    int m_operations = 0;
};

} // namespace ab::test
