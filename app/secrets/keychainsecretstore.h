#pragma once

#include "secrets/secretstore.h"

namespace QKeychain {
class Job;
}

namespace ab::secrets {

// SecretStore over the OS keychain through QtKeychain's asynchronous jobs (Secret Service or
// KWallet on Linux, Keychain on macOS, Credential Manager on Windows). The insecure fallback
// stays off: with no keyring the jobs fail with NoBackend instead of writing a plain file.
class KeychainSecretStore final : public SecretStore {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    static constexpr char defaultService[] = "Actionbench";

    explicit KeychainSecretStore(QObject *parent = nullptr);
    // Tests pass their own service name so they never touch the app's entries.
    explicit KeychainSecretStore(const QString &service, QObject *parent = nullptr);

    QString service() const { return m_service; }

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &value, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

    static SecretError errorOf(const QKeychain::Job &job);

private:
    QString m_service;
};

} // namespace ab::secrets
