#pragma once

#include "connect/credentials.h"

#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QOAuth2AuthorizationCodeFlow;

namespace ab::connect {

struct PkceGrant {
    QString accessToken;
    QString refreshToken;
    qint64 expiresAt = 0; // Unix seconds; 0 when the reply gave no expiry
};

// The authorization code flow with PKCE (RFC 7636, S256) for Partner API users (contract §5.3):
// the user signs in to Zapier in the system browser, which redirects to a one-shot HTTP server
// on 127.0.0.1; the code (valid two minutes) is exchanged with the code_verifier. Qt Network
// Auth only, no Qt GUI: it runs under a QCoreApplication (the CLI prints the URL instead of
// opening it).
class PkceFlow final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PkceFlow)

public:
    // `error` is empty on success.
    using Done = std::function<void(const QString &error, const PkceGrant &grant)>;

    explicit PkceFlow(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~PkceFlow() override;

    // Starts listening on a loopback port (settings.redirectPort, 0 for any) and emits
    // authorizationUrlReady; `done` runs once. Starting again (or refresh()) abandons the
    // previous attempt (its `done` gets "cancelled").
    void start(const PkceSettings &settings, Done done);
    // A new access token for a refresh token (RFC 6749 §6), with no browser. The grant holds
    // the new refresh token when the server rotated it, otherwise `refreshToken` again.
    void refresh(const PkceSettings &settings, const QString &refreshToken, Done done);
    void cancel();
    bool isActive() const { return m_flow != nullptr; }

    static QByteArray newVerifier();                             // 43 base64url characters
    static QByteArray codeChallenge(const QByteArray &verifier); // base64url(SHA-256(verifier))

Q_SIGNALS:
    // The app opens this in the system browser (never in the embedded web view).
    void authorizationUrlReady(const QUrl &url);

private:
    void begin(const PkceSettings &settings, Done done);
    void finish(const QString &error, const PkceGrant &grant);

    QNetworkAccessManager *m_network;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    QOAuth2AuthorizationCodeFlow *m_spent = nullptr; // the last finished attempt (see finish())
    Done m_done;
};

} // namespace ab::connect
