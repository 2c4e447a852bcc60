#pragma once

#include <QByteArray>

namespace ab::test {

// Key pairs made by the test with OpenSSL (nothing checked in), and a JOSE signature check
// the way a verifier at Zapier would do it, independent of the code under test.
struct TestKeyPair {
    QByteArray privatePem;
    QByteArray publicPem;
};

TestKeyPair makeRsaKeyPair(int bits = 2048);
TestKeyPair makeEcKeyPair(const char *curve = "P-256");

// `signature` is the raw JWS signature: PKCS#1 v1.5 for RS256, R||S (64 bytes) for ES256.
bool verifyJws(const QByteArray &publicPem, const QByteArray &alg, const QByteArray &signingInput,
               const QByteArray &signature);

} // namespace ab::test
