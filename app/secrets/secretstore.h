#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace ab::secrets {

// Why a keychain operation failed, as a category the UI and CLI turn into text.
enum class SecretErrorKind {
    None,
    NotFound,     // no entry under the key (remove() treats it as success)
    AccessDenied, // the user refused, or the keyring is locked and stayed locked
    NoBackend,    // no keyring service at all (no Secret Service / KWallet on D-Bus)
    Other,
};

QString secretErrorKindName(SecretErrorKind kind); // "not_found", "no_backend", ...

struct SecretError {
    SecretErrorKind kind = SecretErrorKind::None;
    QString detail; // the backend's message; never contains the secret

    bool ok() const { return kind == SecretErrorKind::None; }
};

using ReadCallback = std::function<void(const SecretError &error, const QString &value)>;
using WriteCallback = std::function<void(const SecretError &error)>;

// Where client secrets, private keys, JWTs and tokens live. Asynchronous: every callback runs
// later on the event loop, never inside the call, and not at all once `context` is destroyed.
class SecretStore : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~SecretStore() override = default;

    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &value, QObject *context,
                       WriteCallback done) = 0;
    // Removing a key that does not exist succeeds.
    virtual void remove(const QString &key, QObject *context, WriteCallback done) = 0;
};

} // namespace ab::secrets
