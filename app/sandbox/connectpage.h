#pragma once

#include "sandbox/httpmessage.h"
#include "sandbox/sandboxstate.h"

namespace ab::sandbox {

// A stand-in for Zapier's Connect UI (contract §6), so connecting an account works offline:
//   GET /connect/to/{app}?token=<connect token>[&redirect_uri=][&reconnect_id=][&state=]
//       an HTML page with "Allow" and "Deny" (the connect token is consumed here: single use);
//   GET /connect/to/{app}/authorize?session=<token>&decision=allow|deny&...
//       creates the connection (or revives `reconnect_id`), then redirects to
//       redirect_uri?authentication_id=<id>&service=<implementation>[&state=], or to
//       redirect_uri?error=<code>&error_description=<text>[&state=]. Without redirect_uri it
//       answers a page that posts {type:"authenticationSuccess", authId} to window.opener.
// {app} is an app uuid or an implementation key; both are accepted.
class ConnectPage {
public:
    static HttpReply handle(const HttpRequest &request, const SandboxContext &context);
};

} // namespace ab::sandbox
