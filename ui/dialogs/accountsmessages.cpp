#include "dialogs/accountsmessages.h"

#include "dialogs/accountsinput.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QUrl>

namespace ab::ui {

using connect::JwtErrorKind;
using connect::TokenErrorKind;
using secrets::SecretErrorKind;

QString AccountsMessages::noKeyring()
{
    return tr("No keyring is available: secrets are not saved. Install/unlock your system keyring "
              "(GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager).");
}

QString AccountsMessages::notSaved()
{
    return tr("Nothing was saved: without a keyring the credentials cannot be kept.");
}

QString AccountsMessages::keychainError(const secrets::SecretError &error)
{
    switch (error.kind) {
    case SecretErrorKind::NoBackend:
        return noKeyring();
    case SecretErrorKind::AccessDenied:
        return tr("The keyring refused access. Unlock it (or allow Actionbench) and try again.");
    case SecretErrorKind::NotFound:
        return tr("A secret is missing from the keyring. Enter the credentials again.");
    case SecretErrorKind::None:
    case SecretErrorKind::Other:
        break;
    }
    return error.detail.isEmpty() ? tr("The keyring failed.")
                                  : tr("The keyring failed: %1").arg(error.detail);
}

QString AccountsMessages::signingError(JwtErrorKind kind, const QString &detail)
{
    switch (kind) {
    case JwtErrorKind::MissingClaim:
        return tr("The JWT cannot be signed: the key id, issuer, subject and organisation claim "
                  "are all needed.");
    case JwtErrorKind::BadLifetime:
        return tr("The JWT lifetime must be between 1 second and 5 minutes.");
    case JwtErrorKind::BadPrivateKey:
        return tr("That is not a private key that can be read. Use an unencrypted PEM key "
                  "(\"-----BEGIN PRIVATE KEY-----\").");
    case JwtErrorKind::WrongKeyType:
        return tr("The key does not fit the algorithm: RS256 needs an RSA key, ES256 an EC key "
                  "on P-256.");
    case JwtErrorKind::SigningFailed:
    case JwtErrorKind::None:
        break;
    }
    return detail.isEmpty() ? tr("The JWT could not be signed.")
                            : tr("The JWT could not be signed: %1").arg(detail);
}

QString AccountsMessages::tokenError(const connect::TokenError &error)
{
    switch (error.kind) {
    case TokenErrorKind::None:
        return {};
    case TokenErrorKind::NotConfigured:
        return tr("Choose how to sign in and fill in the fields first.");
    case TokenErrorKind::SignInRequired:
        return tr("The stored credentials are missing or were refused. Enter them again and "
                  "sign in.");
    case TokenErrorKind::Keychain:
        return keychainError({error.keychain, error.detail});
    case TokenErrorKind::Signing:
        return signingError(error.jwt, error.detail);
    case TokenErrorKind::Authorization:
        if (error.detail == QLatin1String("cancelled"))
            return tr("Browser sign-in was cancelled.");
        // The OAuth server's error and words as they came, or a failure of our own flow.
        return tr("Browser sign-in failed: %1")
            .arg(QCoreApplication::translate("ab::connect::PkceFlow",
                                             error.detail.toUtf8().constData()));
    case TokenErrorKind::TokenCheck:
        return tokenCheckFailed(error);
    case TokenErrorKind::Exchange:
        break;
    }
    if (!error.api)
        return tr("The token endpoint failed: %1").arg(error.detail);
    const core::ApiError &api = *error.api;
    const QString said = !api.detail.isEmpty() ? api.detail : api.title;
    using core::ErrorKind;
    switch (api.kind) {
    case ErrorKind::Network:
    case ErrorKind::Timeout:
        return tr("The token endpoint could not be reached. Check the token URL and the "
                  "network.");
    case ErrorKind::Unauthorized:
        return tr("The token endpoint refused the client id or client secret.");
    case ErrorKind::NotFound:
        return tr("There is no token endpoint at that URL (404). Check the token URL.");
    default:
        break;
    }
    if (api.code == QLatin1String("invalid_grant"))
        return tr("The token endpoint refused the JWT: %1. Check the key id, issuer, "
                  "organisation claim and that the public key is registered with Zapier.")
            .arg(said.isEmpty() ? tr("no reason given") : said);
    if (api.code == QLatin1String("invalid_client"))
        return tr("The token endpoint refused the client id or client secret.");
    if (api.code == QLatin1String("invalid_scope"))
        return tr("The token endpoint refused the scopes: %1").arg(said);
    return said.isEmpty() ? tr("The token endpoint refused the sign-in (%1).").arg(api.summary())
                          : tr("The token endpoint refused the sign-in: %1").arg(said);
}

QString AccountsMessages::tokenCheckFailed(const connect::TokenError &error)
{
    if (error.api && error.api->kind != core::ErrorKind::Unauthorized)
        //: %1 says why, e.g. "Connection refused".
        return tr("The server could not be reached to try this access token (%1). Check the "
                  "server and the network. Nothing was saved.")
            .arg(error.api->detail.isEmpty() ? error.api->title : error.api->detail);
    QString said = error.api ? (!error.api->detail.isEmpty() ? error.api->detail : error.api->title)
                             : QString();
    while (said.endsWith(QLatin1Char('.'))) // inside our sentence, ours ends it
        said.chop(1);
    return said.isEmpty()
               ? tr("The server refused this access token (401). Check that it is a token for "
                    "this environment and that it has not expired or been revoked. Nothing was "
                    "saved.")
               //: %1 is the server's reason, in its own words.
               : tr("The server refused this access token (401: %1). Check that it is a token "
                    "for this environment and that it has not expired or been revoked. Nothing "
                    "was saved.")
                     .arg(said);
}

QString AccountsMessages::signedIn(qint64 secondsLeft)
{
    if (secondsLeft <= 0)
        return tr("Signed in.");
    const qint64 minutes = (secondsLeft + 59) / 60;
    if (minutes < 120)
        return tr("Signed in — token valid for %n min", nullptr, int(minutes));
    return tr("Signed in — token valid for %n h", nullptr, int(minutes / 60));
}

QString AccountsMessages::modeTitle(connect::CredentialMode mode)
{
    switch (mode) {
    case connect::CredentialMode::AccessToken:
        return tr("Paste an access token");
    case connect::CredentialMode::WhiteLabelExchange:
        return tr("White Label token exchange");
    case connect::CredentialMode::OAuthPkce:
        return tr("OAuth sign-in (PKCE)");
    case connect::CredentialMode::None:
        break;
    }
    return tr("Not signed in");
}

QString AccountsMessages::state(const connect::Credentials &stored, qint64 nowSeconds, OwnToken own)
{
    if (stored.mode == connect::CredentialMode::None) {
        switch (own) {
        case OwnToken::Sandbox:
            return tr("Not signed in. The sandbox has a token of its own, so it works without "
                      "signing in.");
        case OwnToken::Typed:
            return tr("Not signed in. Requests use the token typed when this server was chosen, "
                      "kept in memory only; sign in here to keep one.");
        case OwnToken::None:
            break;
        }
        return tr("Not signed in.");
    }
    QString mode;
    switch (stored.mode) {
    case connect::CredentialMode::AccessToken:
        mode = tr("a pasted access token");
        break;
    case connect::CredentialMode::WhiteLabelExchange:
        mode = stored.exchange.jwtSource == connect::JwtSource::SignedLocally
                   ? tr("White Label exchange, JWT signed here")
                   : tr("White Label exchange, pasted JWT");
        break;
    case connect::CredentialMode::OAuthPkce:
    case connect::CredentialMode::None:
        mode = tr("OAuth in the browser");
        break;
    }
    if (stored.accessTokenExpiresAt > nowSeconds) {
        const QDateTime expiry = QDateTime::fromSecsSinceEpoch(stored.accessTokenExpiresAt);
        return tr("Signed in with %1; the token is valid until %2.")
            .arg(mode, QLocale().toString(expiry.toLocalTime().time(), QLocale::ShortFormat));
    }
    return tr("Signed in with %1.").arg(mode);
}

QString AccountsMessages::otherEnvironment()
{
    return tr("The app has switched to another environment. Close this window and open Accounts "
              "again.");
}

QString AccountsMessages::storedPlaceholder()
{
    return tr("Stored in the keychain; leave empty to keep it");
}

QString AccountsMessages::validate(Check check, const QString &value, const QString &fieldName)
{
    const QString text = value.trimmed();
    switch (check) {
    case Check::Required:
        return text.isEmpty() ? tr("%1 is required.").arg(fieldName) : QString();
    case Check::Jwt:
        if (text.isEmpty())
            return tr("%1 is required.").arg(fieldName);
        return accountsinput::looksLikeJwt(text)
                   ? QString()
                   : tr("This is not a JWT: expected three parts separated by dots.");
    case Check::Pem:
        if (text.isEmpty())
            return tr("Choose a key file or paste the PEM private key.");
        return accountsinput::looksLikePrivateKey(accountsinput::normalisePem(text))
                   ? QString()
                   : tr("This is not a PEM private key (\"-----BEGIN PRIVATE KEY-----\").");
    case Check::Url: {
        if (text.isEmpty())
            return {}; // the environment's default
        const QUrl url(text, QUrl::StrictMode);
        const bool web =
            url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http");
        return url.isValid() && web && !url.host().isEmpty()
                   ? QString()
                   : tr("Enter a full http(s) URL, or leave empty for the default.");
    }
    case Check::Scopes:
        return text.isEmpty() ? tr("Enter at least one scope.") : QString();
    }
    return {};
}

} // namespace ab::ui
