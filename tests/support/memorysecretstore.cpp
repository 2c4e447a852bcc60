#include "support/memorysecretstore.h"

#include <QPointer>
#include <QTimer>

namespace ab::test {

using secrets::SecretError;
using secrets::SecretErrorKind;

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{}

// Later, on the event loop, and only while `context` lives: the keychain's contract.
static void later(QObject *context, std::function<void()> call)
{
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    QTimer::singleShot(0, [guard, hasContext, call = std::move(call)] {
        if (!hasContext || guard)
            call();
    });
}

void MemorySecretStore::read(const QString &key, QObject *context, secrets::ReadCallback done)
{
    ++m_operations;
    SecretError error;
    QString value;
    if (m_failure != SecretErrorKind::None)
        error = {m_failure, QStringLiteral("simulated failure")};
    else if (!m_entries.contains(key))
        error = {SecretErrorKind::NotFound, QStringLiteral("no entry")};
    else
        value = m_entries.value(key);
    later(context, [done = std::move(done), error, value] { done(error, value); });
}

void MemorySecretStore::write(const QString &key, const QString &value, QObject *context,
                              secrets::WriteCallback done)
{
    ++m_operations;
    SecretError error;
    if (m_failure != SecretErrorKind::None)
        error = {m_failure, QStringLiteral("simulated failure")};
    else
        m_entries.insert(key, value);
    later(context, [done = std::move(done), error] { done(error); });
}

void MemorySecretStore::remove(const QString &key, QObject *context, secrets::WriteCallback done)
{
    ++m_operations;
    SecretError error;
    if (m_failure != SecretErrorKind::None)
        error = {m_failure, QStringLiteral("simulated failure")};
    else
        m_entries.remove(key);
    later(context, [done = std::move(done), error] { done(error); });
}

} // namespace ab::test
