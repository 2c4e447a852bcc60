#pragma once

#include "connect/jwtsigner.h"
#include "secrets/secretstore.h"

#include <QObject>
#include <QUrl>

namespace ab::connect {

class SettingsStore;

// How an environment gets its access token (contract §5).
enum class CredentialMode {
    None,
    AccessToken,        // pasted
    WhiteLabelExchange, // partner JWT (pasted or signed here) -> access token
    OAuthPkce,          // authorization code with PKCE in the system browser (Partner API)
};

QString credentialModeName(CredentialMode mode); // "none", "access_token", "exchange", "pkce"
CredentialMode credentialModeFromName(const QString &name);

enum class JwtSource { Pasted, SignedLocally };

// Empty URLs mean "the environment's default" (see EnvironmentEndpoints), so a sandbox on a
// new port every run still finds its token endpoint.
struct ExchangeSettings {
    QString clientId; // not secret; the client secret is
    QUrl tokenUrl;
    QString scope = defaultScope();
    JwtSource jwtSource = JwtSource::Pasted;
    JwtClaims claims; // used when jwtSource is SignedLocally

    static QString defaultScope()
    {
        return QStringLiteral("external zap zap:write connection:read connection:write action:run");
    }
};

struct PkceSettings {
    QString clientId;
    QString scope = QStringLiteral("zap zap:write connection:read connection:write action:run");
    QUrl authorizeUrl = QUrl(QStringLiteral("https://api.zapier.com/v2/authorize"));
    QUrl tokenUrl = QUrl(QStringLiteral("https://zapier.com/oauth/token/"));
    // The loopback port of the redirect (http://127.0.0.1:PORT/); 0 takes any free port. Set it
    // when the client's registered redirect URI names a port.
    quint16 redirectPort = 0;
};

// The non-secret half of an environment's credentials; it is all that reaches the settings.
struct Credentials {
    CredentialMode mode = CredentialMode::None;
    QUrl connectBase; // empty: the environment's default
    ExchangeSettings exchange;
    PkceSettings pkce;
    qint64 accessTokenExpiresAt = 0; // Unix seconds of the stored token's expiry; 0 unknown
};

// The secret half, each kept under its own keychain key per environment.
enum class SecretKind { AccessToken, ClientSecret, PartnerJwt, PrivateKey, RefreshToken };
inline constexpr SecretKind allSecretKinds[] = {SecretKind::AccessToken, SecretKind::ClientSecret,
                                                SecretKind::PartnerJwt, SecretKind::PrivateKey,
                                                SecretKind::RefreshToken};

QString secretKindName(SecretKind kind); // "access-token", "client-secret", ...
// The keychain key: "<environment>#<kind>", e.g. "https://api.zapier.com#client-secret".
QString secretKey(const QString &environment, SecretKind kind);

// Loads and saves credentials per environment (a base URL, or "sandbox"): settings for the
// non-secret half, the SecretStore for the rest. Nothing here ever writes a secret to settings.
class CredentialStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    // Neither is owned; both must outlive the store.
    explicit CredentialStore(SettingsStore *settings, secrets::SecretStore *secrets,
                             QObject *parent = nullptr);

    secrets::SecretStore *secretStore() const { return m_secrets; }

    Credentials load(const QString &environment) const;
    void save(const QString &environment, const Credentials &credentials);
    bool isConfigured(const QString &environment) const;
    QStringList environments() const;
    void setAccessTokenExpiry(const QString &environment, qint64 expiresAt);

    void readSecret(const QString &environment, SecretKind kind, QObject *context,
                    secrets::ReadCallback done);
    void writeSecret(const QString &environment, SecretKind kind, const QString &value,
                     QObject *context, secrets::WriteCallback done);
    // Removes the settings and every secret kind of the environment; `done` gets the first
    // keychain error (the settings are gone either way, so nothing points at a stale secret).
    void signOut(const QString &environment, QObject *context, secrets::WriteCallback done);

    static QString group(const QString &environment); // the settings group, percent-encoded

private:
    SettingsStore *m_settings;
    secrets::SecretStore *m_secrets;
};

} // namespace ab::connect
