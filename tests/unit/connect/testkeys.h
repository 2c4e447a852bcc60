#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

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

// A check for the sandbox's token endpoint (sandbox::SandboxOptions::jwtVerifier) that accepts
// a partner JWT signed with any of `publicKeys`, by the algorithm its header names.
std::function<bool(const QByteArray &headerJson, const QByteArray &payloadJson,
                   const QByteArray &signingInput, const QByteArray &signature, QString *error)>
jwtVerifierFor(QList<QByteArray> publicKeys);

} // namespace ab::test
