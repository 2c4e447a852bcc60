#include "connect/connectsession.h"

#include "connect/connectresult.h"

#include <QPointer>
#include <QRandomGenerator>

namespace ab::connect {

bool ConnectSession::accepts(const ConnectResult &result) const
{
    if (result.isSuccess())
        return true;
    return result.isError() && (result.state.isEmpty() || result.state == state);
}

void prepareConnect(TokenService *tokens, ConnectRequest request, QObject *context,
                    ConnectSessionCallback done)
{
    // The environment decides where its Connect page is (Zapier, or the sandbox's).
    request.base = tokens->connectBase();
    if (request.state.isEmpty()) {
        const quint64 random = QRandomGenerator::system()->generate64();
        request.state = QString::number(random, 36);
    }
    const QPointer<QObject> guard(context);
    tokens->connectToken(ConnectUrl::resource(request), context,
                         [request, guard, hasContext = context != nullptr,
                          done = std::move(done)](const TokenResult &result) {
                             if (hasContext && !guard)
                                 return;
                             ConnectSession session;
                             if (result.ok()) {
                                 session.url = ConnectUrl::build(request, result.token);
                                 session.redirectUri = request.redirectUri;
                                 session.state = request.state;
                                 session.app = request.app;
                                 session.reconnectId = request.reconnectId;
                                 session.expiresAt = result.expiresAt;
                             }
                             done(result.error, session);
                         });
}

} // namespace ab::connect
