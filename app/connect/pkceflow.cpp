#include "connect/pkceflow.h"

#include "connect/logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>

namespace ab::connect {

PkceFlow::PkceFlow(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{}

PkceFlow::~PkceFlow()
{
    m_done = nullptr; // no callback from a destructor
    cancel();
}

QByteArray PkceFlow::newVerifier()
{
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()),
                                          random.size() / int(sizeof(quint32)));
    return random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray PkceFlow::codeChallenge(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

void PkceFlow::start(const PkceSettings &settings, Done done)
{
    cancel();
    m_done = std::move(done);
    m_flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
    // Loopback only: the redirect never leaves this machine.
    auto *handler = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0, m_flow);
    if (!handler->isListening()) {
        // English for the log and the CLI; the GUI translates it (context PkceFlow).
        finish(
            QStringLiteral(QT_TRANSLATE_NOOP(
                "ab::connect::PkceFlow", "could not listen on a loopback port for the redirect")),
            {});
        return;
    }
    m_flow->setReplyHandler(handler);
    m_flow->setAuthorizationUrl(settings.authorizeUrl);
    m_flow->setAccessTokenUrl(settings.tokenUrl);
    m_flow->setClientIdentifier(settings.clientId);
    m_flow->setScope(settings.scope);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::S256);
#else
    // Qt before 6.8 has no PKCE of its own: add the challenge and the verifier by hand.
    const QByteArray verifier = newVerifier();
    m_flow->setModifyParametersFunction(
        [verifier](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            if (stage == QAbstractOAuth::Stage::RequestingAuthorization) {
                parameters->insert(QStringLiteral("code_challenge"), codeChallenge(verifier));
                parameters->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
                parameters->insert(QStringLiteral("response_mode"), QStringLiteral("query"));
            } else if (stage == QAbstractOAuth::Stage::RequestingAccessToken) {
                parameters->insert(QStringLiteral("code_verifier"), verifier);
            }
        });
#endif
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this, &PkceFlow::authorizationUrlReady);
    connect(m_flow, &QAbstractOAuth::granted, this, [this] {
        PkceGrant grant;
        grant.accessToken = m_flow->token();
        grant.refreshToken = m_flow->refreshToken();
        if (m_flow->expirationAt().isValid())
            grant.expiresAt = m_flow->expirationAt().toSecsSinceEpoch();
        finish({}, grant);
    });
    connect(m_flow, &QAbstractOAuth2::error, this,
            [this](const QString &error, const QString &description, const QUrl &) {
                finish(description.isEmpty() ? error : error + QStringLiteral(": ") + description,
                       {});
            });
    connect(m_flow, &QAbstractOAuth::requestFailed, this, [this](QAbstractOAuth::Error error) {
        finish(QStringLiteral("the authorization request failed (QAbstractOAuth::Error %1)")
                   .arg(int(error)),
               {});
    });
    m_flow->grant();
}

void PkceFlow::cancel()
{
    if (!m_flow)
        return;
    finish(QStringLiteral("cancelled"), {});
}

void PkceFlow::finish(const QString &error, const PkceGrant &grant)
{
    if (m_flow) {
        m_flow->disconnect(this);
        m_flow->deleteLater(); // it may be inside one of its own signals
        m_flow = nullptr;
    }
    if (!error.isEmpty())
        qCWarning(lcConnect).noquote() << "PKCE sign-in failed:" << error;
    if (Done done = std::exchange(m_done, nullptr))
        done(error, grant);
}

} // namespace ab::connect
