#include "connect/jwtsigner.h"

#include "api/jsontext.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <QVariantMap>

#include <memory>

namespace ab::connect {

namespace {

template <auto Free> struct Deleter {
    template <typename T> void operator()(T *pointer) const { Free(pointer); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO_free>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using EcdsaSignature = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;

// OpenSSL's reason for the last failure; the queue is cleared so the next call starts clean.
QString opensslReason()
{
    QString reason;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (reason.isEmpty())
            reason = QString::fromLatin1(buffer);
    }
    return reason.isEmpty() ? QStringLiteral("no reason given") : reason;
}

// An encrypted key would make OpenSSL prompt on the terminal: refuse instead.
int noPassphrase(char *, int, int, void *)
{
    return 0;
}

SignedJwt failure(JwtErrorKind kind, const QString &detail)
{
    SignedJwt result;
    result.error = kind;
    result.detail = detail;
    return result;
}

// ECDSA signatures come out DER-encoded (SEQUENCE of two INTEGERs); JOSE wants R||S, each
// left-padded to the curve size (RFC 7518 §3.4).
bool derToJose(const QByteArray &der, QByteArray *jose)
{
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    const EcdsaSignature signature(d2i_ECDSA_SIG(nullptr, &cursor, long(der.size())));
    if (!signature)
        return false;
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(signature.get(), &r, &s);
    constexpr int half = 32; // P-256
    QByteArray out(2 * half, '\0');
    auto *bytes = reinterpret_cast<unsigned char *>(out.data());
    if (BN_bn2binpad(r, bytes, half) != half || BN_bn2binpad(s, bytes + half, half) != half)
        return false;
    *jose = out;
    return true;
}

} // namespace

QString jwtAlgorithmName(JwtAlgorithm algorithm)
{
    return algorithm == JwtAlgorithm::ES256 ? QStringLiteral("ES256") : QStringLiteral("RS256");
}

bool parseJwtAlgorithm(const QString &name, JwtAlgorithm *algorithm)
{
    if (name == QLatin1String("RS256"))
        *algorithm = JwtAlgorithm::RS256;
    else if (name == QLatin1String("ES256"))
        *algorithm = JwtAlgorithm::ES256;
    else
        return false;
    return true;
}

QString jwtErrorKindName(JwtErrorKind kind)
{
    switch (kind) {
    case JwtErrorKind::None:
        return QStringLiteral("none");
    case JwtErrorKind::MissingClaim:
        return QStringLiteral("missing_claim");
    case JwtErrorKind::BadLifetime:
        return QStringLiteral("bad_lifetime");
    case JwtErrorKind::BadPrivateKey:
        return QStringLiteral("bad_private_key");
    case JwtErrorKind::WrongKeyType:
        return QStringLiteral("wrong_key_type");
    case JwtErrorKind::SigningFailed:
        break;
    }
    return QStringLiteral("signing_failed");
}

QByteArray JwtSigner::base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray JwtSigner::headerJson(const JwtClaims &claims)
{
    return api::toJsonText(QVariantMap{{QStringLiteral("alg"), jwtAlgorithmName(claims.algorithm)},
                                       {QStringLiteral("typ"), QStringLiteral("JWT")},
                                       {QStringLiteral("kid"), claims.keyId}});
}

QByteArray JwtSigner::payloadJson(const JwtClaims &claims, qint64 nowSeconds)
{
    QVariantMap payload{{QStringLiteral("iss"), claims.issuer},
                        {QStringLiteral("sub"), claims.subject},
                        {QStringLiteral("aud"), audience},
                        {QStringLiteral("iat"), nowSeconds},
                        {QStringLiteral("nbf"), nowSeconds},
                        {QStringLiteral("exp"), nowSeconds + claims.lifetimeSeconds}};
    // The configured name may shadow a registered claim only by mistake: keep the standard one.
    if (!payload.contains(claims.organisationClaim))
        payload.insert(claims.organisationClaim, claims.organisationValue);
    return api::toJsonText(payload);
}

SignedJwt JwtSigner::sign(const QByteArray &privateKeyPem, const JwtClaims &claims,
                          qint64 nowSeconds)
{
    const QList<QPair<QString, QString>> required{
        {QStringLiteral("kid"), claims.keyId},
        {QStringLiteral("iss"), claims.issuer},
        {QStringLiteral("sub"), claims.subject},
        {QStringLiteral("organisation claim name"), claims.organisationClaim},
        {QStringLiteral("organisation claim value"), claims.organisationValue}};
    for (const auto &[name, value] : required) {
        if (value.trimmed().isEmpty())
            return failure(JwtErrorKind::MissingClaim, name);
    }
    if (claims.lifetimeSeconds < 1 || claims.lifetimeSeconds > maxLifetimeSeconds)
        return failure(JwtErrorKind::BadLifetime,
                       QStringLiteral("lifetime must be 1 to %1 seconds, not %2")
                           .arg(maxLifetimeSeconds)
                           .arg(claims.lifetimeSeconds));

    ERR_clear_error();
    const Bio bio(BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())));
    const Key key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr)
                      : nullptr);
    if (!key)
        return failure(
            JwtErrorKind::BadPrivateKey,
            QStringLiteral("not an unencrypted PEM private key (%1)").arg(opensslReason()));
    const int type = EVP_PKEY_get_base_id(key.get());
    if (claims.algorithm == JwtAlgorithm::RS256 && type != EVP_PKEY_RSA)
        return failure(JwtErrorKind::WrongKeyType, QStringLiteral("RS256 needs an RSA key"));
    if (claims.algorithm == JwtAlgorithm::ES256) {
        char group[64] = {};
        size_t length = 0;
        if (type != EVP_PKEY_EC)
            return failure(JwtErrorKind::WrongKeyType, QStringLiteral("ES256 needs an EC key"));
        if (!EVP_PKEY_get_group_name(key.get(), group, sizeof group, &length) ||
            qstrcmp(group, "prime256v1") != 0)
            return failure(
                JwtErrorKind::WrongKeyType,
                QStringLiteral("ES256 needs a P-256 key, not %1").arg(QString::fromLatin1(group)));
    }

    const QByteArray signingInput =
        base64Url(headerJson(claims)) + '.' + base64Url(payloadJson(claims, nowSeconds));
    const DigestContext context(EVP_MD_CTX_new());
    size_t length = 0;
    if (!context ||
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char *>(signingInput.constData()),
                       size_t(signingInput.size())) != 1)
        return failure(JwtErrorKind::SigningFailed, opensslReason());
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(signingInput.constData()),
                       size_t(signingInput.size())) != 1)
        return failure(JwtErrorKind::SigningFailed, opensslReason());
    signature.resize(qsizetype(length));
    if (claims.algorithm == JwtAlgorithm::ES256 && !derToJose(signature, &signature))
        return failure(JwtErrorKind::SigningFailed,
                       QStringLiteral("could not convert the ECDSA signature"));

    SignedJwt result;
    result.token = QString::fromLatin1(signingInput + '.' + base64Url(signature));
    result.issuedAt = nowSeconds;
    result.expiresAt = nowSeconds + claims.lifetimeSeconds;
    return result;
}

} // namespace ab::connect
