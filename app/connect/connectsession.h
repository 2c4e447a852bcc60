#pragma once

#include "connect/connectresult.h"
#include "connect/connecturl.h"
#include "connect/tokenservice.h"

namespace ab::connect {

// Everything a Connect window needs (issue 4), and nothing secret but the connect token:
// open `url`; when a navigation reaches `redirectUri`, stop and read
// ConnectResult::fromRedirect(navigation); also accept ConnectResult::fromPopupMessage from the
// window.opener shim; an error result must echo `state`; give up at `expiresAt` (single use,
// six minutes) with ConnectResult::closed(). On Closed, re-list the connections of the app
// and pick the one that appeared.
struct ConnectSession {
    QUrl url;
    QUrl redirectUri;
    QString state;
    QString app;
    QString reconnectId;
    qint64 expiresAt = 0; // Unix seconds: the connect token's end

    // Whether `result` belongs to this session: a success, or an error carrying our state
    // (or none: Zapier documents state only on the error redirect).
    bool accepts(const ConnectResult &result) const;
};

using ConnectSessionCallback =
    std::function<void(const TokenError &error, const ConnectSession &session)>;

// Gets a connect token for request.app (resource = the exact Connect URL on the environment's
// Connect base) and builds the session. A random state is made when the request has none.
void prepareConnect(TokenService *tokens, ConnectRequest request, QObject *context,
                    ConnectSessionCallback done);

} // namespace ab::connect
