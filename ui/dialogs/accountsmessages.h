#pragma once

#include "connect/tokenservice.h"

#include <QCoreApplication>
#include <QString>

namespace ab::ui {

// The Accounts dialog's one place that turns token, keychain and validation codes into words,
// so every failure reads the same wherever it shows (status line, field, banner).
class AccountsMessages final {
    Q_DECLARE_TR_FUNCTIONS(AccountsMessages)

public:
    // A failed sign-in, sign-out or token request, in plain words with the next step.
    static QString tokenError(const connect::TokenError &error);
    static QString keychainError(const secrets::SecretError &error);
    static QString noKeyring();
    // The status line under the no-keyring banner: short, as the banner explains.
    static QString notSaved();
    static QString signingError(connect::JwtErrorKind kind, const QString &detail);
    // A pasted access token the API answered with 401, or could not be asked about.
    static QString tokenCheckFailed(const connect::TokenError &error);

    // "Signed in — token valid for 42 min" (or without the validity when it is unknown).
    static QString signedIn(qint64 secondsLeft);
    static QString modeTitle(connect::CredentialMode mode);
    // Where the requests of an environment without a sign-in get their token.
    enum class OwnToken { None, Sandbox, Typed };
    // What the settings say about the environment now: "Signed in with ...".
    static QString state(const connect::Credentials &stored, qint64 nowSeconds, OwnToken own);
    // The token service moved to another environment while the dialog was open.
    static QString otherEnvironment();
    static QString storedPlaceholder(); // "Stored in the keychain; leave empty to keep it"

    // Inline validation of one field; empty when the value is acceptable.
    enum class Check { Required, Jwt, Pem, Url, Scopes };
    static QString validate(Check check, const QString &value, const QString &fieldName);
};

} // namespace ab::ui
