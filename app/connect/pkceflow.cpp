#include "connect/pkceflow.h"

#include "api/decoders.h"
#include "connect/logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QOAuthOobReplyHandler>
#include <QRandomGenerator>

namespace ab::connect {

namespace {

QByteArray randomBase64Url(int bytes)
{
    QByteArray random(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()),
                                          random.size() / int(sizeof(quint32)));
    return random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Qt Network Auth 6.4 drops a token request that failed (an HTTP error, an unreachable server)
// with a log line and no signal, which would leave the sign-in waiting for ever: this handler
// reports it, with the server's OAuth error (invalid_grant, ...).
template <typename Base> class ReportingReplyHandler final : public Base {
public:
    using Failed = std::function<void(const QString &error)>;

    template <typename... Args>
    explicit ReportingReplyHandler(Failed failed, Args &&...arguments)
        : Base(std::forward<Args>(arguments)...)
        , m_failed(std::move(failed))
    {}

    void networkReplyFinished(QNetworkReply *reply) override
    {
        if (reply->error() == QNetworkReply::NoError)
            return Base::networkReplyFinished(reply);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            m_failed(
                QStringLiteral("could not reach the token endpoint: %1").arg(reply->errorString()));
            return;
        }
        const core::ApiError error = api::decodeError(
            status, reply->readAll(),
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
        m_failed(QStringLiteral("the token endpoint refused: %1")
                     .arg(error.code.isEmpty() ? error.summary()
                                               : error.code + QStringLiteral(": ") + error.detail));
    }

private:
    Failed m_failed;
};

} // namespace

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
    return randomBase64Url(32);
}

QByteArray PkceFlow::codeChallenge(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

void PkceFlow::begin(const PkceSettings &settings, Done done)
{
    cancel();
    m_done = std::move(done);
    m_flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
    m_flow->setAccessTokenUrl(settings.tokenUrl);
    m_flow->setClientIdentifier(settings.clientId);
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
}

void PkceFlow::start(const PkceSettings &settings, Done done)
{
    begin(settings, std::move(done));
    QOAuth2AuthorizationCodeFlow *flow = m_flow;
    const auto failed = [this, flow](const QString &error) {
        if (m_flow == flow) // not a late answer to an attempt already over
            finish(error, {});
    };
    // Loopback only: the redirect never leaves this machine.
    auto *handler = new ReportingReplyHandler<QOAuthHttpServerReplyHandler>(
        failed, QHostAddress::LocalHost, settings.redirectPort, flow);
    if (!handler->isListening()) {
        // English for the log and the CLI; the GUI translates it (context PkceFlow). Only the
        // CLI asks for a port of its own.
        finish(settings.redirectPort == 0
                   ? QStringLiteral(
                         QT_TRANSLATE_NOOP("ab::connect::PkceFlow",
                                           "could not listen on a loopback port for the redirect"))
                   : QStringLiteral("could not listen on 127.0.0.1:%1 for the redirect (in use?)")
                         .arg(settings.redirectPort),
               {});
        return;
    }
    handler->setCallbackText(
        QStringLiteral("Actionbench has Zapier's answer. You can close this tab and go back to "
                       "it."));
    flow->setReplyHandler(handler);
    flow->setAuthorizationUrl(settings.authorizeUrl);
    flow->setScope(settings.scope);
    // Qt 6.4 draws the state from a clock-seeded mt19937: take one from the system's generator.
    flow->setState(QString::fromLatin1(randomBase64Url(24)));
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::S256);
#else
    // Qt before 6.8 has no PKCE of its own: add the challenge and the verifier by hand.
    const QByteArray verifier = newVerifier();
    flow->setModifyParametersFunction(
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
    connect(flow, &QAbstractOAuth::authorizeWithBrowser, this, &PkceFlow::authorizationUrlReady);
    flow->grant();
}

void PkceFlow::refresh(const PkceSettings &settings, const QString &refreshToken, Done done)
{
    begin(settings, std::move(done));
    QOAuth2AuthorizationCodeFlow *flow = m_flow;
    flow->setReplyHandler(new ReportingReplyHandler<QOAuthOobReplyHandler>(
        [this, flow](const QString &error) {
            if (m_flow == flow)
                finish(error, {});
        },
        flow));
    flow->setRefreshToken(refreshToken);
    // RFC 6749 §6 sends grant_type, refresh_token and the client id; Qt 6.4 also adds an "oob"
    // redirect_uri and an empty client_secret, which a strict server may refuse.
    flow->setModifyParametersFunction(
        [](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            if (stage != QAbstractOAuth::Stage::RefreshingAccessToken)
                return;
            parameters->remove(QStringLiteral("redirect_uri"));
            if (parameters->value(QStringLiteral("client_secret")).toString().isEmpty())
                parameters->remove(QStringLiteral("client_secret"));
        });
    flow->refreshAccessToken();
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
        // Qt writes the page the browser lands on after the signal that ended the flow: the
        // reply handler must outlive this call, or a denial shows "connection reset" instead.
        // Its port stops listening now; the object goes with the next attempt (or with us).
        if (auto *server = qobject_cast<QOAuthHttpServerReplyHandler *>(m_flow->replyHandler()))
            server->close();
        if (m_spent)
            m_spent->deleteLater(); // not inside its signals: those are over
        m_spent = std::exchange(m_flow, nullptr);
    }
    if (error == QLatin1String("cancelled"))
        qCInfo(lcConnect) << "PKCE sign-in cancelled";
    else if (!error.isEmpty())
        qCWarning(lcConnect).noquote() << "PKCE sign-in failed:" << error;
    if (Done done = std::exchange(m_done, nullptr))
        done(error, grant);
}

} // namespace ab::connect
