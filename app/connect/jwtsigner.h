#pragma once

#include <QByteArray>
#include <QString>

namespace ab::connect {

// The algorithms a partner JWT is signed with here. Zapier accepts RS/ES 256-512 (contract
// §5.1); these two cover the keys partners register in practice.
enum class JwtAlgorithm { RS256, ES256 };

QString jwtAlgorithmName(JwtAlgorithm algorithm); // "RS256", "ES256"
// False for anything else (case-sensitive, as in a JOSE header).
bool parseJwtAlgorithm(const QString &name, JwtAlgorithm *algorithm);

// What goes into a partner-signed JWT (contract §5.1). The organisation claim's *name* is
// configured at onboarding (e.g. "org_id", "tenant_id"), so it is data, not a constant.
struct JwtClaims {
    QString keyId;   // header kid: must match a key in the partner's JWKS
    QString issuer;  // iss: as registered with Zapier
    QString subject; // sub: the user's id in the partner system
    QString organisationClaim;
    QString organisationValue;
    JwtAlgorithm algorithm = JwtAlgorithm::RS256;
    int lifetimeSeconds = 300; // exp - iat; Zapier asks for at most about five minutes
};

enum class JwtErrorKind {
    None,
    MissingClaim,  // kid, iss, sub or the organisation claim is empty
    BadLifetime,   // not in 1..300 seconds
    BadPrivateKey, // not a PEM private key OpenSSL can read (or encrypted)
    WrongKeyType,  // e.g. an EC key for RS256, or an EC key not on P-256 for ES256
    SigningFailed, // OpenSSL refused to sign
};

QString jwtErrorKindName(JwtErrorKind kind); // "missing_claim", "bad_private_key", ...

struct SignedJwt {
    JwtErrorKind error = JwtErrorKind::None;
    QString detail; // which claim, or OpenSSL's reason; never key material
    QString token;  // header.payload.signature, base64url without padding
    qint64 issuedAt = 0;
    qint64 expiresAt = 0;

    bool ok() const { return error == JwtErrorKind::None; }
};

// Signs partner JWTs with OpenSSL: RS256 is RSASSA-PKCS1-v1_5 with SHA-256, ES256 is ECDSA on
// P-256 with SHA-256, its DER signature rewritten as the 64-byte R||S that JOSE requires.
class JwtSigner {
public:
    static constexpr int maxLifetimeSeconds = 300;
    static inline const QString audience = QStringLiteral("connect.zapier.com");

    // `nowSeconds` is Unix time (iat and nbf); the clock is the caller's, so tests pin it.
    static SignedJwt sign(const QByteArray &privateKeyPem, const JwtClaims &claims,
                          qint64 nowSeconds);

    // The JOSE header and claims as compact JSON (exposed for tests).
    static QByteArray headerJson(const JwtClaims &claims);
    static QByteArray payloadJson(const JwtClaims &claims, qint64 nowSeconds);
    static QByteArray base64Url(const QByteArray &bytes);
};

} // namespace ab::connect
