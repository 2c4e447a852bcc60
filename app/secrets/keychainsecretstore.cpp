#include "secrets/keychainsecretstore.h"

#include "secrets/logging.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

namespace ab::secrets {

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : KeychainSecretStore(QString::fromLatin1(defaultService), parent)
{}

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{}

SecretError KeychainSecretStore::errorOf(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return {SecretErrorKind::NotFound, job.errorString()};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return {SecretErrorKind::AccessDenied, job.errorString()};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {SecretErrorKind::NoBackend, job.errorString()};
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    // With no session bus at all (a bare SSH or CI shell) QtKeychain's Secret Service backend
    // says OtherError "Cannot autolaunch D-Bus ..."; for the user that is "no keyring".
    if (job.errorString().contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) ||
        job.errorString().contains(QLatin1String("DBus"), Qt::CaseInsensitive))
        return {SecretErrorKind::NoBackend, job.errorString()};
    return {SecretErrorKind::Other, job.errorString()};
}

// The job deletes itself after `finished` (autoDelete); the callback runs only while the
// caller's context lives, so a closed dialog never receives a late secret.
template <typename Job, typename Handler>
static void startJob(Job *job, const QString &key, QObject *context, Handler handler)
{
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [guard, hasContext, handler = std::move(handler)](QKeychain::Job *finished) {
                         if (hasContext && !guard)
                             return;
                         handler(*static_cast<Job *>(finished));
                     });
    job->start();
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    startJob(job, key, context, [key, done = std::move(done)](QKeychain::ReadPasswordJob &job) {
        const SecretError error = errorOf(job);
        if (!error.ok() && error.kind != SecretErrorKind::NotFound)
            qCWarning(lcSecrets).noquote()
                << "reading" << key << "failed:" << secretErrorKindName(error.kind) << error.detail;
        done(error, error.ok() ? job.textData() : QString());
    });
}

void KeychainSecretStore::write(const QString &key, const QString &value, QObject *context,
                                WriteCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(value);
    startJob(job, key, context, [key, done = std::move(done)](QKeychain::WritePasswordJob &job) {
        const SecretError error = errorOf(job);
        if (!error.ok())
            qCWarning(lcSecrets).noquote()
                << "writing" << key << "failed:" << secretErrorKindName(error.kind) << error.detail;
        done(error);
    });
}

void KeychainSecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    startJob(job, key, context, [key, done = std::move(done)](QKeychain::DeletePasswordJob &job) {
        SecretError error = errorOf(job);
        // Signing out twice, or removing a kind that was never stored, is not a failure.
        if (error.kind == SecretErrorKind::NotFound)
            error = {};
        if (!error.ok())
            qCWarning(lcSecrets).noquote()
                << "removing" << key << "failed:" << secretErrorKindName(error.kind)
                << error.detail;
        done(error);
    });
}

} // namespace ab::secrets
