#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace ab::test {

// The person at the browser during a sign-in with PKCE against the sandbox: opens the consent
// page at `authorizeUrl`, presses the button named `decision` ("approve" or "deny") and follows
// the redirect to the app's loopback port, as a browser would. Returns the body of that last
// page; empty (with a warning saying which step failed) when a step did not work.
QByteArray answerConsentPage(const QUrl &authorizeUrl, const QString &decision);

} // namespace ab::test
