#include "cliservices/authflow.h"

#include "cli/exitcodes.h"
#include "connect/pkceflow.h"
#include "connect/tokenservice.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QTimer>
#include <QUrlQuery>

#include <cstdio>

namespace ab::cliservices {

using namespace ab::cli;

using connect::CredentialMode;
using connect::Credentials;
using connect::SecretKind;
using connect::SecretValues;
using connect::TokenErrorKind;
using connect::TokenResult;

namespace {

QString expiryText(qint64 expiresAt)
{
    return expiresAt > 0 ? QDateTime::fromSecsSinceEpoch(expiresAt).toUTC().toString(Qt::ISODate)
                         : QString();
}

// Bad input is a usage error; the keychain and the token endpoint are the outside world.
int exitCodeFor(const connect::TokenError &error)
{
    switch (error.kind) {
    case TokenErrorKind::Signing:
    case TokenErrorKind::NotConfigured:
        return ExitUsage;
    default:
        return ExitApiFailure;
    }
}

// A server's sentence inside ours ends where ours says so.
QString withoutFullStop(QString text)
{
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

QString keychainHint(const connect::TokenError &error)
{
    if (error.keychain == secrets::SecretErrorKind::NoBackend)
        return QStringLiteral(" No keyring is available (Secret Service or KWallet on D-Bus); "
                              "nothing was stored, and Actionbench never stores secrets in plain "
                              "files.");
    if (error.keychain == secrets::SecretErrorKind::AccessDenied)
        return QStringLiteral(" The keyring refused access (is it locked?).");
    return {};
}

} // namespace

AuthFlow::AuthFlow(const AccountsSettings &settings, const Output &output,
                   connect::CredentialStore *credentials, connect::TokenService *tokens,
                   const QCommandLineParser *parser, QStringList arguments,
                   std::function<void(int exitCode)> finished, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_output(output)
    , m_credentials(credentials)
    , m_tokens(tokens)
    , m_parser(parser)
    , m_arguments(std::move(arguments))
    , m_finished(std::move(finished))
{}

void AuthFlow::finish(int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    m_finished(exitCode);
}

void AuthFlow::fail(const QString &message, int exitCode)
{
    if (m_done) // a late callback of a flow that already ended has nothing to add
        return;
    out().error(message, exitCode);
    finish(exitCode);
}

QString AuthFlow::readSecretFile(const QString &path, QString *error)
{
    QFile file;
    const bool standardInput = path == QLatin1String("-");
    const bool opened = standardInput ? file.open(stdin, QIODevice::ReadOnly)
                                      : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        *error =
            QStringLiteral("cannot read %1: %2")
                .arg(standardInput ? QStringLiteral("standard input") : path, file.errorString());
        return {};
    }
    // A PEM keeps its inner newlines; a token or secret loses the trailing one an editor adds.
    QString text = QString::fromUtf8(file.readAll());
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);
    if (text.trimmed().isEmpty())
        *error = QStringLiteral("%1 is empty")
                     .arg(standardInput ? QStringLiteral("standard input") : path);
    return text;
}

void AuthFlow::start()
{
    const QString verb = arguments().value(0, QStringLiteral("status"));
    if (verb == QLatin1String("status"))
        return status();
    if (verb == QLatin1String("token"))
        return pasteToken();
    if (verb == QLatin1String("exchange"))
        return exchange();
    if (verb == QLatin1String("oauth"))
        return oauth();
    if (verb == QLatin1String("sign-out"))
        return signOut();
    fail(QStringLiteral("auth needs status, token, exchange, oauth or sign-out, not \"%1\"")
             .arg(verb),
         ExitUsage);
}

void AuthFlow::status()
{
    const QString environment = m_settings.environment;
    const Credentials credentials = m_credentials->load(environment);
    QJsonObject document{{QStringLiteral("environment"), environment},
                         {QStringLiteral("mode"), connect::credentialModeName(credentials.mode)}};
    if (credentials.mode == CredentialMode::None) {
        document.insert(QStringLiteral("signed_in"), false);
        out().result(document, QStringLiteral("%1: not signed in (commands use --token, "
                                              "ACTIONBENCH_TOKEN or the sandbox's own token).")
                                   .arg(environment));
        return finish(ExitOk);
    }
    document.insert(QStringLiteral("signed_in"), true);
    QStringList lines{QStringLiteral("%1: signed in with %2")
                          .arg(environment, connect::credentialModeName(credentials.mode))};
    if (credentials.mode == CredentialMode::WhiteLabelExchange) {
        const auto &exchange = credentials.exchange;
        const bool signedHere = exchange.jwtSource == connect::JwtSource::SignedLocally;
        document.insert(QStringLiteral("client_id"), exchange.clientId);
        document.insert(QStringLiteral("jwt"),
                        signedHere ? QStringLiteral("signed") : QStringLiteral("pasted"));
        lines << QStringLiteral("  client id  %1").arg(exchange.clientId)
              << QStringLiteral("  JWT        %1")
                     .arg(signedHere
                              ? QStringLiteral("signed here (%1, kid %2, iss %3, sub %4)")
                                    .arg(connect::jwtAlgorithmName(exchange.claims.algorithm),
                                         exchange.claims.keyId, exchange.claims.issuer,
                                         exchange.claims.subject)
                              : QStringLiteral("pasted"));
        if (signedHere) {
            document.insert(QStringLiteral("kid"), exchange.claims.keyId);
            document.insert(QStringLiteral("alg"),
                            connect::jwtAlgorithmName(exchange.claims.algorithm));
        }
    } else if (credentials.mode == CredentialMode::OAuthPkce) {
        const auto &pkce = credentials.pkce;
        document.insert(QStringLiteral("client_id"), pkce.clientId);
        document.insert(QStringLiteral("scope"), pkce.scope);
        document.insert(QStringLiteral("authorize_url"), pkce.authorizeUrl.toString());
        document.insert(QStringLiteral("token_url"), pkce.tokenUrl.toString());
        lines[0] += QStringLiteral(" (OAuth authorization code in the browser)");
        lines << QStringLiteral("  client id  %1").arg(pkce.clientId)
              << QStringLiteral("  scopes     %1").arg(pkce.scope)
              << QStringLiteral("  sign-in    %1").arg(pkce.authorizeUrl.toString());
        if (pkce.redirectPort != 0) {
            document.insert(QStringLiteral("redirect_port"), pkce.redirectPort);
            lines << QStringLiteral("  redirect   http://127.0.0.1:%1/").arg(pkce.redirectPort);
        }
    }
    // Whether the keychain still holds a token, without ever printing it.
    m_credentials->readSecret(
        environment, SecretKind::AccessToken, this,
        [this, document, lines, credentials](const secrets::SecretError &error,
                                             const QString &) mutable {
            document.insert(QStringLiteral("token_stored"), error.ok());
            const bool keychainOk = error.ok() || error.kind == secrets::SecretErrorKind::NotFound;
            document.insert(QStringLiteral("keychain"),
                            keychainOk ? QStringLiteral("ok")
                                       : secrets::secretErrorKindName(error.kind));
            const QString expiry = expiryText(credentials.accessTokenExpiresAt);
            if (!expiry.isEmpty())
                document.insert(QStringLiteral("token_expires_at"), expiry);
            lines << QStringLiteral("  token      %1")
                         .arg(error.ok()
                                  ? (expiry.isEmpty() ? QStringLiteral("stored")
                                                      : QStringLiteral("stored, expires ") + expiry)
                                  : QStringLiteral("not stored (%1)")
                                        .arg(secrets::secretErrorKindName(error.kind)));
            if (credentials.mode != CredentialMode::OAuthPkce) {
                out().result(document, lines.join(QLatin1Char('\n')));
                return finish(ExitOk);
            }
            // PKCE renews its access token with the refresh token, without the browser.
            m_credentials->readSecret(
                m_settings.environment, SecretKind::RefreshToken, this,
                [this, document, lines](const secrets::SecretError &refreshError,
                                        const QString &) mutable {
                    document.insert(QStringLiteral("refresh_token_stored"), refreshError.ok());
                    lines << QStringLiteral("  refresh    %1")
                                 .arg(refreshError.ok() ? QStringLiteral("stored")
                                                        : QStringLiteral("not stored (%1)")
                                                              .arg(secrets::secretErrorKindName(
                                                                  refreshError.kind)));
                    out().result(document, lines.join(QLatin1Char('\n')));
                    finish(ExitOk);
                });
        });
}

void AuthFlow::pasteToken()
{
    // --token on the command line is visible in `ps`; it exists for quick tests only.
    QString token = options().value(QStringLiteral("token"));
    if (token.isEmpty()) {
        if (!options().isSet(QStringLiteral("paste")))
            return fail(QStringLiteral("auth token needs --paste (the token on standard input)"),
                        ExitUsage);
        if (!out().isJson())
            out().progress(QStringLiteral("Paste the access token, then press Enter:"));
        char line[8192];
        if (std::fgets(line, sizeof line, stdin))
            token = QString::fromUtf8(line).trimmed();
        if (token.isEmpty())
            return fail(QStringLiteral("no token on standard input"), ExitUsage);
    }
    Credentials credentials;
    credentials.mode = CredentialMode::AccessToken;
    SecretValues secrets;
    secrets.accessToken = token;
    signIn(credentials, secrets);
}

QString AuthFlow::value(const char *name) const
{
    return m_parser->value(QString::fromLatin1(name));
}

void AuthFlow::exchange()
{
    Credentials credentials;
    credentials.mode = CredentialMode::WhiteLabelExchange;
    auto &exchange = credentials.exchange;
    exchange.clientId = value("client-id");
    if (exchange.clientId.isEmpty() || value("client-secret-file").isEmpty())
        return fail(QStringLiteral("auth exchange needs --client-id and --client-secret-file"),
                    ExitUsage);
    if (!value("token-url").isEmpty()) {
        exchange.tokenUrl = QUrl(value("token-url"));
        if (!exchange.tokenUrl.isValid() || exchange.tokenUrl.isRelative())
            return fail(QStringLiteral("--token-url needs an absolute URL"), ExitUsage);
    }
    const bool pasted = !value("jwt-file").isEmpty();
    if (pasted == !value("key-file").isEmpty())
        return fail(QStringLiteral("auth exchange needs either --jwt-file or --key-file"),
                    ExitUsage);
    if (value("client-secret-file") == QLatin1String("-") &&
        value(pasted ? "jwt-file" : "key-file") == QLatin1String("-"))
        return fail(QStringLiteral("only one secret can come from standard input"), ExitUsage);
    QString error;
    SecretValues secrets;
    secrets.clientSecret = readSecretFile(value("client-secret-file"), &error);
    if (!error.isEmpty())
        return fail(error, ExitUsage);
    if (pasted) {
        exchange.jwtSource = connect::JwtSource::Pasted;
        secrets.partnerJwt = readSecretFile(value("jwt-file"), &error).trimmed();
    } else {
        exchange.jwtSource = connect::JwtSource::SignedLocally;
        auto &claims = exchange.claims;
        claims.keyId = value("kid");
        claims.issuer = value("iss");
        claims.subject = value("sub");
        claims.organisationClaim = value("org-claim");
        claims.organisationValue = value("org");
        const QString alg = value("alg").isEmpty() ? QStringLiteral("RS256") : value("alg");
        if (!connect::parseJwtAlgorithm(alg, &claims.algorithm))
            return fail(QStringLiteral("--alg must be RS256 or ES256"), ExitUsage);
        if (claims.keyId.isEmpty() || claims.issuer.isEmpty() || claims.subject.isEmpty() ||
            claims.organisationClaim.isEmpty() || claims.organisationValue.isEmpty())
            return fail(QStringLiteral("--key-file needs --kid, --iss, --sub, --org-claim and "
                                       "--org"),
                        ExitUsage);
        secrets.privateKeyPem = readSecretFile(value("key-file"), &error);
    }
    if (!error.isEmpty())
        return fail(error, ExitUsage);
    signIn(credentials, secrets);
}

void AuthFlow::oauth()
{
    Credentials credentials;
    credentials.mode = CredentialMode::OAuthPkce;
    auto &pkce = credentials.pkce;
    pkce.clientId = value("client-id").trimmed();
    if (pkce.clientId.isEmpty())
        return fail(QStringLiteral("auth oauth needs --client-id (the OAuth client of your "
                                   "Partner API integration)"),
                    ExitUsage);
    if (!value("scope").simplified().isEmpty())
        pkce.scope = value("scope").simplified();
    if (options().isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint port = value("port").toUInt(&ok);
        if (!ok || port > 65535)
            return fail(QStringLiteral("--port needs a number from 0 to 65535"), ExitUsage);
        pkce.redirectPort = quint16(port);
    }
    if (m_settings.builtInSandbox) {
        // The built-in sandbox has its own sign-in page and token endpoint, on a new port each
        // run; anywhere else the defaults are Zapier's (PkceSettings).
        const QUrl base = m_settings.baseUrl;
        pkce.authorizeUrl = base.resolved(QUrl(QStringLiteral("/v2/authorize")));
        pkce.tokenUrl = connect::EnvironmentEndpoints::sandbox(base).tokenUrl;
    }
    for (const auto &[option, url] :
         {std::pair{"authorize-url", &pkce.authorizeUrl}, std::pair{"token-url", &pkce.tokenUrl}}) {
        if (value(option).isEmpty())
            continue;
        *url = QUrl(value(option));
        if (!url->isValid() || url->isRelative())
            return fail(QStringLiteral("--%1 needs an absolute URL").arg(QLatin1String(option)),
                        ExitUsage);
    }
    // The URL is announced from inside signIn(): listen first. `--no-browser` changes nothing:
    // the CLI has no GUI library to open a browser with, so it always prints the URL.
    connect(m_tokens, &connect::TokenService::authorizationUrlReady, this,
            &AuthFlow::showAuthorizationUrl);
    const int timeoutSeconds = m_settings.timeoutSeconds;
    QTimer::singleShot(std::chrono::seconds(timeoutSeconds), this, [this] {
        connect::PkceFlow *flow = m_tokens->pkceFlow();
        if (!flow->isActive())
            return; // the browser came back: the tokens are being stored
        m_browserTimedOut = true;
        flow->cancel(); // signIn() ends with "cancelled"
    });
    signIn(credentials, {});
}

void AuthFlow::showAuthorizationUrl(const QUrl &url)
{
    const QString redirect =
        QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    const int timeoutSeconds = m_settings.timeoutSeconds;
    out().notice(
        QJsonObject{{QStringLiteral("authorization_url"), url.toString(QUrl::FullyEncoded)},
                    {QStringLiteral("redirect_uri"), redirect},
                    {QStringLiteral("timeout_seconds"), timeoutSeconds}},
        QStringLiteral("Open this URL in your browser to sign in to %1:\n\n  %2\n\n"
                       "Waiting for the browser to come back to %3 (for %4 s; "
                       "--timeout S changes it, Ctrl+C stops).")
            // One arg() call: a second would take the URL's own %3A for a placeholder.
            .arg(m_settings.environment, url.toString(QUrl::FullyEncoded), redirect,
                 QString::number(timeoutSeconds)));
}

void AuthFlow::signIn(const Credentials &credentials, const SecretValues &secrets)
{
    const QString environment = m_settings.environment;
    m_tokens->signIn(
        credentials, secrets, this, [this, environment, credentials](const TokenResult &result) {
            if (!result.ok() && m_browserTimedOut)
                return fail(QStringLiteral("no answer from the browser within %1 s; nothing was "
                                           "stored (run `auth oauth` again, with a longer "
                                           "--timeout if need be)")
                                .arg(m_settings.timeoutSeconds),
                            ExitTimeout);
            if (!result.ok() && result.error.kind == TokenErrorKind::Authorization &&
                result.error.detail.startsWith(QLatin1String("access_denied")))
                return fail(QStringLiteral("sign-in to %1 was denied in the browser "
                                           "(access_denied); nothing was stored")
                                .arg(environment),
                            ExitApiFailure);
            if (!result.ok() && result.error.kind == TokenErrorKind::TokenCheck)
                return fail(
                    QString::fromLatin1(result.error.api->kind == core::ErrorKind::Unauthorized
                                            ? "sign-in to %1 failed: the API refused that access "
                                              "token (%2); nothing was stored"
                                            : "sign-in to %1 failed: the server could not be "
                                              "reached to try that access token (%2); nothing "
                                              "was stored")
                        .arg(environment, withoutFullStop(result.error.api->summary())),
                    ExitApiFailure);
            if (!result.ok())
                return fail(QStringLiteral("sign-in to %1 failed: %2.%3")
                                .arg(environment, withoutFullStop(result.error.summary()),
                                     keychainHint(result.error)),
                            exitCodeFor(result.error));
            QJsonObject document{
                {QStringLiteral("environment"), environment},
                {QStringLiteral("mode"), connect::credentialModeName(credentials.mode)},
                {QStringLiteral("signed_in"), true}};
            QString text = QStringLiteral("Signed in to %1 (%2); the secrets are in the OS "
                                          "keychain.")
                               .arg(environment, connect::credentialModeName(credentials.mode));
            if (result.expiresAt > 0) {
                document.insert(QStringLiteral("token_expires_at"), expiryText(result.expiresAt));
                text += QStringLiteral(" The access token expires %1.")
                            .arg(expiryText(result.expiresAt));
            }
            out().result(document, text);
            finish(ExitOk);
        });
}

void AuthFlow::signOut()
{
    const QString environment = m_settings.environment;
    m_tokens->signOut(this, [this, environment](const secrets::SecretError &error) {
        if (!error.ok())
            return fail(
                QStringLiteral("signed out of %1, but the keychain said: %2 (%3)")
                    .arg(environment, secrets::secretErrorKindName(error.kind), error.detail),
                ExitApiFailure);
        out().result(QJsonObject{{QStringLiteral("environment"), environment},
                                 {QStringLiteral("signed_in"), false}},
                     QStringLiteral("Signed out of %1: its secrets are gone from the keychain.")
                         .arg(environment));
        finish(ExitOk);
    });
}

} // namespace ab::cliservices
