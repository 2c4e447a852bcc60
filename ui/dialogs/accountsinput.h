#pragma once

#include <QString>

// Pure helpers the Accounts dialog applies to what the user typed or pasted, kept apart from
// the widgets so they are tested directly.
namespace ab::ui::accountsinput {

// A PEM block as OpenSSL wants it. A masked one-line field (or a chat client) may turn the
// newlines into spaces; the base64 body is re-wrapped at 64 columns between its BEGIN and END
// lines. Text that is not a PEM block comes back trimmed, for the signer to reject.
QString normalisePem(const QString &text);

// Three dot-separated, non-empty base64url parts (header.payload.signature).
bool looksLikeJwt(const QString &text);

// A PEM private key block ("-----BEGIN ... PRIVATE KEY-----").
bool looksLikePrivateKey(const QString &text);

// Space-separated scopes, collapsed: "a  b\tc" -> "a b c".
QString normaliseScopes(const QString &text);

} // namespace ab::ui::accountsinput
