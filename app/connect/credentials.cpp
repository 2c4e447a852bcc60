#include "connect/credentials.h"

#include "connect/settingsstore.h"

#include <QPointer>

#include <memory>

namespace ab::connect {

namespace {

constexpr char root[] = "accounts";

struct ModeName {
    CredentialMode mode;
    const char *name;
};
constexpr ModeName modeNames[] = {{CredentialMode::None, "none"},
                                  {CredentialMode::AccessToken, "access_token"},
                                  {CredentialMode::WhiteLabelExchange, "exchange"},
                                  {CredentialMode::OAuthPkce, "pkce"}};

} // namespace

QString credentialModeName(CredentialMode mode)
{
    for (const ModeName &entry : modeNames) {
        if (entry.mode == mode)
            return QLatin1String(entry.name);
    }
    return QStringLiteral("none");
}

CredentialMode credentialModeFromName(const QString &name)
{
    for (const ModeName &entry : modeNames) {
        if (name == QLatin1String(entry.name))
            return entry.mode;
    }
    return CredentialMode::None;
}

QString secretKindName(SecretKind kind)
{
    switch (kind) {
    case SecretKind::AccessToken:
        return QStringLiteral("access-token");
    case SecretKind::ClientSecret:
        return QStringLiteral("client-secret");
    case SecretKind::PartnerJwt:
        return QStringLiteral("partner-jwt");
    case SecretKind::PrivateKey:
        return QStringLiteral("private-key");
    case SecretKind::RefreshToken:
        break;
    }
    return QStringLiteral("refresh-token");
}

QString secretKey(const QString &environment, SecretKind kind)
{
    return environment + QLatin1Char('#') + secretKindName(kind);
}

CredentialStore::CredentialStore(SettingsStore *settings, secrets::SecretStore *secrets,
                                 QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
{}

QString CredentialStore::group(const QString &environment)
{
    // An environment is a URL: its ':' and '/' would split it into nested groups.
    return QLatin1String(root) + QLatin1Char('/') +
           QString::fromLatin1(QUrl::toPercentEncoding(environment));
}

Credentials CredentialStore::load(const QString &environment) const
{
    const QString prefix = group(environment) + QLatin1Char('/');
    const auto value = [&](const char *key) {
        return m_settings->value(prefix + QLatin1String(key));
    };
    Credentials credentials;
    credentials.mode = credentialModeFromName(value("mode").toString());
    credentials.connectBase = QUrl(value("connectBase").toString());
    credentials.accessTokenExpiresAt = value("accessTokenExpiresAt").toLongLong();
    ExchangeSettings &exchange = credentials.exchange;
    exchange.clientId = value("exchange/clientId").toString();
    exchange.tokenUrl = QUrl(value("exchange/tokenUrl").toString());
    if (value("exchange/scope").isValid())
        exchange.scope = value("exchange/scope").toString();
    exchange.jwtSource = value("exchange/jwtSource").toString() == QLatin1String("signed")
                             ? JwtSource::SignedLocally
                             : JwtSource::Pasted;
    exchange.claims.keyId = value("exchange/kid").toString();
    exchange.claims.issuer = value("exchange/iss").toString();
    exchange.claims.subject = value("exchange/sub").toString();
    exchange.claims.organisationClaim = value("exchange/orgClaim").toString();
    exchange.claims.organisationValue = value("exchange/org").toString();
    parseJwtAlgorithm(value("exchange/alg").toString(), &exchange.claims.algorithm);
    if (value("exchange/lifetime").isValid())
        exchange.claims.lifetimeSeconds = value("exchange/lifetime").toInt();
    PkceSettings &pkce = credentials.pkce;
    pkce.clientId = value("pkce/clientId").toString();
    if (value("pkce/scope").isValid())
        pkce.scope = value("pkce/scope").toString();
    if (value("pkce/authorizeUrl").isValid())
        pkce.authorizeUrl = QUrl(value("pkce/authorizeUrl").toString());
    if (value("pkce/tokenUrl").isValid())
        pkce.tokenUrl = QUrl(value("pkce/tokenUrl").toString());
    pkce.redirectPort = quint16(value("pkce/redirectPort").toUInt());
    return credentials;
}

void CredentialStore::save(const QString &environment, const Credentials &credentials)
{
    const QString base = group(environment);
    m_settings->removeGroup(base); // no stale key of another mode survives
    const QString prefix = base + QLatin1Char('/');
    const auto set = [&](const char *key, const QVariant &value) {
        m_settings->setValue(prefix + QLatin1String(key), value);
    };
    set("mode", credentialModeName(credentials.mode));
    if (!credentials.connectBase.isEmpty())
        set("connectBase", credentials.connectBase.toString());
    if (credentials.accessTokenExpiresAt > 0)
        set("accessTokenExpiresAt", credentials.accessTokenExpiresAt);
    if (credentials.mode == CredentialMode::WhiteLabelExchange) {
        const ExchangeSettings &exchange = credentials.exchange;
        set("exchange/clientId", exchange.clientId);
        if (!exchange.tokenUrl.isEmpty())
            set("exchange/tokenUrl", exchange.tokenUrl.toString());
        set("exchange/scope", exchange.scope);
        const bool signedHere = exchange.jwtSource == JwtSource::SignedLocally;
        set("exchange/jwtSource", signedHere ? QStringLiteral("signed") : QStringLiteral("pasted"));
        if (signedHere) {
            set("exchange/kid", exchange.claims.keyId);
            set("exchange/iss", exchange.claims.issuer);
            set("exchange/sub", exchange.claims.subject);
            set("exchange/orgClaim", exchange.claims.organisationClaim);
            set("exchange/org", exchange.claims.organisationValue);
            set("exchange/alg", jwtAlgorithmName(exchange.claims.algorithm));
            set("exchange/lifetime", exchange.claims.lifetimeSeconds);
        }
    } else if (credentials.mode == CredentialMode::OAuthPkce) {
        set("pkce/clientId", credentials.pkce.clientId);
        set("pkce/scope", credentials.pkce.scope);
        set("pkce/authorizeUrl", credentials.pkce.authorizeUrl.toString());
        set("pkce/tokenUrl", credentials.pkce.tokenUrl.toString());
        if (credentials.pkce.redirectPort != 0)
            set("pkce/redirectPort", credentials.pkce.redirectPort);
    }
    m_settings->sync();
}

bool CredentialStore::isConfigured(const QString &environment) const
{
    return load(environment).mode != CredentialMode::None;
}

QStringList CredentialStore::environments() const
{
    QStringList names;
    for (const QString &encoded : m_settings->childGroups(QLatin1String(root)))
        names.append(QUrl::fromPercentEncoding(encoded.toLatin1()));
    return names;
}

void CredentialStore::setAccessTokenExpiry(const QString &environment, qint64 expiresAt)
{
    if (!isConfigured(environment))
        return; // signed out meanwhile: do not resurrect the group
    m_settings->setValue(group(environment) + QStringLiteral("/accessTokenExpiresAt"), expiresAt);
    m_settings->sync();
}

void CredentialStore::readSecret(const QString &environment, SecretKind kind, QObject *context,
                                 secrets::ReadCallback done)
{
    m_secrets->read(secretKey(environment, kind), context, std::move(done));
}

void CredentialStore::writeSecret(const QString &environment, SecretKind kind, const QString &value,
                                  QObject *context, secrets::WriteCallback done)
{
    m_secrets->write(secretKey(environment, kind), value, context, std::move(done));
}

void CredentialStore::signOut(const QString &environment, QObject *context,
                              secrets::WriteCallback done)
{
    m_settings->removeGroup(group(environment));
    m_settings->sync();
    // One removal per kind; the last answer reports the first failure.
    struct Pending {
        int left = 0;
        secrets::SecretError firstError;
        secrets::WriteCallback done;
    };
    auto pending = std::make_shared<Pending>();
    pending->left = int(std::size(allSecretKinds));
    pending->done = std::move(done);
    for (const SecretKind kind : allSecretKinds) {
        m_secrets->remove(secretKey(environment, kind), context,
                          [pending](const secrets::SecretError &error) {
                              if (!error.ok() && pending->firstError.ok())
                                  pending->firstError = error;
                              if (--pending->left == 0 && pending->done)
                                  pending->done(pending->firstError);
                          });
    }
}

} // namespace ab::connect
