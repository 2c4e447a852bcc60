#include "testkeys.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace ab::test {

namespace {

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

TestKeyPair toPem(EVP_PKEY *key)
{
    TestKeyPair pair;
    BIO *priv = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
    pair.privatePem = bioBytes(priv);
    BIO_free(priv);
    BIO *pub = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(pub, key);
    pair.publicPem = bioBytes(pub);
    BIO_free(pub);
    EVP_PKEY_free(key);
    return pair;
}

} // namespace

TestKeyPair makeRsaKeyPair(int bits)
{
    return toPem(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits)));
}

TestKeyPair makeEcKeyPair(const char *curve)
{
    return toPem(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
}

bool verifyJws(const QByteArray &publicPem, const QByteArray &alg, const QByteArray &signingInput,
               const QByteArray &signature)
{
    BIO *bio = BIO_new_mem_buf(publicPem.constData(), int(publicPem.size()));
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!key)
        return false;
    QByteArray der = signature;
    if (alg == "ES256") {
        if (signature.size() != 64) {
            EVP_PKEY_free(key);
            return false;
        }
        const auto *raw = reinterpret_cast<const unsigned char *>(signature.constData());
        ECDSA_SIG *sig = ECDSA_SIG_new();
        ECDSA_SIG_set0(sig, BN_bin2bn(raw, 32, nullptr), BN_bin2bn(raw + 32, 32, nullptr));
        unsigned char *out = nullptr;
        const int length = i2d_ECDSA_SIG(sig, &out);
        der = QByteArray(reinterpret_cast<const char *>(out), length);
        OPENSSL_free(out);
        ECDSA_SIG_free(sig);
    } else if (alg != "RS256") {
        EVP_PKEY_free(key);
        return false;
    }
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const bool ok =
        EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestVerify(context, reinterpret_cast<const unsigned char *>(der.constData()),
                         size_t(der.size()),
                         reinterpret_cast<const unsigned char *>(signingInput.constData()),
                         size_t(signingInput.size())) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return ok;
}

std::function<bool(const QByteArray &, const QByteArray &, const QByteArray &, const QByteArray &,
                   QString *)>
jwtVerifierFor(QList<QByteArray> publicKeys)
{
    return [publicKeys](const QByteArray &headerJson, const QByteArray &, const QByteArray &input,
                        const QByteArray &signature, QString *error) {
        const QByteArray alg = QJsonDocument::fromJson(headerJson)
                                   .object()
                                   .value(QStringLiteral("alg"))
                                   .toString()
                                   .toLatin1();
        for (const QByteArray &key : publicKeys) {
            if (verifyJws(key, alg, input, signature))
                return true;
        }
        *error = QStringLiteral("JWT signature does not match the registered key");
        return false;
    };
}

} // namespace ab::test
