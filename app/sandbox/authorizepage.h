#pragma once

#include "sandbox/httpmessage.h"
#include "sandbox/sandboxstate.h"

class QUrl;

namespace ab::sandbox {

// Zapier's authorization endpoint for Partner API users (contract §5.3; RFC 6749 §4.1 with PKCE,
// RFC 7636), so the browser sign-in works offline:
//   GET  /v2/authorize?response_type=code&client_id=&redirect_uri=&scope=&state=
//        &code_challenge=&code_challenge_method=S256[&response_mode=query]
//        checks the request and shows a consent page whose Approve and Deny buttons post back
//        here with the request's single-use id;
//   POST /v2/authorize  (form: request=<id>&decision=approve|deny)
//        303 to redirect_uri?code=<code>&state=, or to redirect_uri?error=access_denied&state=.
// The code is valid two minutes, once, for that client, redirect_uri and challenge; POST
// /oauth/token redeems it with grant_type=authorization_code and the code_verifier.
//
// A missing client_id, or a redirect_uri that is missing, relative or not on loopback
// (http://127.0.0.1, [::1] or localhost, any port: the sandbox talks to this machine only),
// must not be redirected to: a 400 page shows the OAuth error. Every other problem goes back
// to redirect_uri as error=&error_description=&state=: unsupported_response_type,
// invalid_request (no scope, no or malformed code_challenge, a response_mode other than
// query), invalid_scope (a scope contract §4 does not list).
class AuthorizePage {
public:
    static constexpr int kCodeSeconds = 120;    // "The code is valid for 2 minutes" (§5.3)
    static constexpr int kConsentSeconds = 600; // how long the consent page can be answered

    static HttpReply handle(const HttpRequest &request, const SandboxContext &context);

    // RFC 7636 §4.6 with S256: BASE64URL(SHA256(verifier)) == challenge, and the verifier is
    // 43 to 128 unreserved characters.
    static bool verifierMatches(const QString &verifier, const QString &challenge);
    static bool isLoopbackRedirect(const QUrl &uri);
};

} // namespace ab::sandbox
