#include "sandbox/authorizepage.h"

#include "sandbox/tokenendpoint.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace ab::sandbox {

namespace {

const QString kPath = QStringLiteral("/v2/authorize");

// The scopes of contract §4; anything else is invalid_scope, as a typo should be.
const QSet<QString> &knownScopes()
{
    static const QSet<QString> scopes = {QStringLiteral("profile"),
                                         QStringLiteral("zap"),
                                         QStringLiteral("zap:write"),
                                         QStringLiteral("zap:all"),
                                         QStringLiteral("zap:account:all"),
                                         QStringLiteral("zap:runs"),
                                         QStringLiteral("action:run"),
                                         QStringLiteral("authentication"),
                                         QStringLiteral("authentication:write"),
                                         QStringLiteral("connection:read"),
                                         QStringLiteral("connection:write"),
                                         QStringLiteral("external"),
                                         QStringLiteral("mcp:run")};
    return scopes;
}

// RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~] (a verifier, or a challenge).
bool isPkceString(const QString &value)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
    return shape.match(value).hasMatch();
}

// Where the answer goes: the request's redirect_uri with the result and the state added.
// Values are percent-encoded whole, so a '+' or '&' in a state comes back as it was sent.
HttpReply redirectWith(const QString &redirectUri, const QList<QPair<QString, QString>> &result,
                       const QString &state, int status)
{
    QUrl target(redirectUri);
    QUrlQuery query(target);
    const auto add = [&query](const QString &key, const QString &value) {
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    for (const auto &item : result)
        add(item.first, item.second);
    if (!state.isEmpty())
        add(QStringLiteral("state"), state);
    target.setQuery(query);
    HttpReply reply = HttpReply::redirect(target.toString(QUrl::FullyEncoded), status);
    reply.setHeader("Cache-Control", "no-store");
    return reply;
}

HttpReply redirectError(const QString &redirectUri, const QString &error,
                        const QString &description, const QString &state, int status = 302)
{
    return redirectWith(
        redirectUri,
        {{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}},
        state, status);
}

// An error that cannot be sent back to the client: shown to the person in the browser.
HttpReply errorPage(const QString &error, const QString &description, int status = 400)
{
    return HttpReply::page(
        QStringLiteral("Sign-in failed"),
        QStringLiteral("<h1>Sign-in failed</h1><p><code id=\"error\">%1</code></p>"
                       "<p id=\"error_description\">%2</p><p>Start the sign-in again from the "
                       "application.</p>")
            .arg(error.toHtmlEscaped(), description.toHtmlEscaped()),
        status);
}

HttpReply consentPage(const AuthorizationRequest &request, const SandboxContext &context)
{
    QString scopes;
    for (const QString &scope : request.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        scopes += QStringLiteral("<li><code>%1</code></li>").arg(scope.toHtmlEscaped());
    const QUrl back(request.redirectUri);
    return HttpReply::page(
        QStringLiteral("Sign in to Zapier"),
        QStringLiteral(
            "<h1>Sign in to Zapier</h1><p><strong id=\"client\">%1</strong> would like to use "
            "your Zapier account (a simulated one: nothing leaves this machine) with these "
            "permissions:</p><ul id=\"scopes\">%2</ul><p>Your browser then returns to "
            "<code>%3</code>.</p><form method=\"post\" action=\"%4\">"
            "<input type=\"hidden\" name=\"request\" value=\"%5\">"
            "<button type=\"submit\" id=\"approve\" name=\"decision\" value=\"approve\">"
            "Approve</button><button type=\"submit\" class=\"secondary\" id=\"deny\" "
            "name=\"decision\" value=\"deny\">Deny</button></form>")
            .arg(request.clientId.toHtmlEscaped(), scopes,
                 back.toString(QUrl::RemoveQuery).toHtmlEscaped(),
                 context.url(kPath).toHtmlEscaped(), request.id.toHtmlEscaped()));
}

HttpReply showConsent(const HttpRequest &request, const SandboxContext &context)
{
    const auto param = [&request](const char *key) {
        return request.queryValue(QLatin1String(key));
    };
    const QString clientId = param("client_id");
    const QString redirectUri = param("redirect_uri");
    if (clientId.isEmpty())
        return errorPage(QStringLiteral("invalid_request"),
                         QStringLiteral("client_id is missing."));
    if (redirectUri.isEmpty())
        return errorPage(QStringLiteral("invalid_request"),
                         QStringLiteral("redirect_uri is missing."));
    if (!AuthorizePage::isLoopbackRedirect(QUrl(redirectUri, QUrl::StrictMode)))
        return errorPage(QStringLiteral("invalid_request"),
                         QStringLiteral("redirect_uri must be an http:// URL on this machine "
                                        "(127.0.0.1, [::1] or localhost): the sandbox sends "
                                        "codes nowhere else."));

    // From here on the client is known and can be told what is wrong.
    const QString state = param("state");
    const auto refuse = [&](const QString &error, const QString &description) {
        return redirectError(redirectUri, error, description, state);
    };
    if (param("response_type") != QLatin1String("code"))
        return refuse(QStringLiteral("unsupported_response_type"),
                      QStringLiteral("Only response_type=code is supported."));
    const QString responseMode = param("response_mode");
    if (!responseMode.isEmpty() && responseMode != QLatin1String("query"))
        return refuse(QStringLiteral("invalid_request"),
                      QStringLiteral("Only response_mode=query is supported."));
    const QString scope = param("scope").simplified();
    if (scope.isEmpty())
        return refuse(QStringLiteral("invalid_request"),
                      QStringLiteral("scope is required (space-separated)."));
    for (const QString &item : scope.split(QLatin1Char(' '))) {
        if (!knownScopes().contains(item))
            return refuse(QStringLiteral("invalid_scope"),
                          QStringLiteral("Unknown scope \"%1\".").arg(item));
    }
    const QString challenge = param("code_challenge");
    const QString method = param("code_challenge_method");
    if (challenge.isEmpty())
        return refuse(QStringLiteral("invalid_request"),
                      QStringLiteral("code_challenge is required (PKCE)."));
    if (method != QLatin1String("S256"))
        return refuse(QStringLiteral("invalid_request"),
                      method.isEmpty()
                          ? QStringLiteral("code_challenge_method is required; use S256.")
                          : QStringLiteral("code_challenge_method \"%1\" is not supported; use "
                                           "S256.")
                                .arg(method));
    if (!isPkceString(challenge))
        return refuse(QStringLiteral("invalid_request"),
                      QStringLiteral("code_challenge must be 43 to 128 base64url characters."));

    AuthorizationRequest pending;
    pending.id = TokenEndpoint::newSecret("sbar_");
    pending.clientId = clientId;
    pending.redirectUri = redirectUri;
    pending.scope = scope;
    pending.state = state;
    pending.codeChallenge = challenge;
    pending.expiresAt = context.now().addSecs(AuthorizePage::kConsentSeconds);
    context.state->forgetExpired(context.now());
    context.state->authorizationRequests.insert(pending.id, pending);
    context.state->dirty = true;
    return consentPage(pending, context);
}

HttpReply decide(const HttpRequest &request, const SandboxContext &context)
{
    QByteArray body = request.body;
    body.replace('+', "%20"); // form bodies encode spaces as '+'
    const QUrlQuery form(QString::fromUtf8(body));
    const QString id = form.queryItemValue(QStringLiteral("request"), QUrl::FullyDecoded);
    const QString decision = form.queryItemValue(QStringLiteral("decision"), QUrl::FullyDecoded);
    // Single use: the first answer takes the request away, so a replayed form goes nowhere.
    const std::optional<AuthorizationRequest> pending =
        context.state->authorizationRequests.contains(id)
            ? std::optional(context.state->authorizationRequests.take(id))
            : std::nullopt;
    if (pending)
        context.state->dirty = true;
    if (!pending || pending->expiresAt <= context.now())
        return errorPage(QStringLiteral("invalid_request"),
                         QStringLiteral("This sign-in page has expired or was already answered."));
    // 303: the browser follows with a GET, whatever it posted.
    if (decision != QLatin1String("approve"))
        return redirectError(pending->redirectUri, QStringLiteral("access_denied"),
                             QStringLiteral("The user denied access."), pending->state, 303);
    AuthorizationCode code;
    code.code = TokenEndpoint::newSecret("sbac_");
    code.clientId = pending->clientId;
    code.redirectUri = pending->redirectUri;
    code.scope = pending->scope;
    code.codeChallenge = pending->codeChallenge;
    code.expiresAt = context.now().addSecs(AuthorizePage::kCodeSeconds);
    context.state->authorizationCodes.insert(code.code, code);
    return redirectWith(pending->redirectUri, {{QStringLiteral("code"), code.code}}, pending->state,
                        303);
}

} // namespace

bool AuthorizePage::isLoopbackRedirect(const QUrl &uri)
{
    static const QSet<QString> hosts = {QStringLiteral("127.0.0.1"), QStringLiteral("::1"),
                                        QStringLiteral("localhost")};
    return uri.isValid() && uri.scheme() == QLatin1String("http") &&
           hosts.contains(uri.host().toLower()) && !uri.hasFragment() && uri.userInfo().isEmpty();
}

bool AuthorizePage::verifierMatches(const QString &verifier, const QString &challenge)
{
    if (!isPkceString(verifier))
        return false;
    const QByteArray hashed =
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QString::fromLatin1(hashed) == challenge;
}

HttpReply AuthorizePage::handle(const HttpRequest &request, const SandboxContext &context)
{
    if (request.method == QLatin1String("GET"))
        return showConsent(request, context);
    if (request.method == QLatin1String("POST"))
        return decide(request, context);
    return errorPage(QStringLiteral("invalid_request"),
                     QStringLiteral("Use GET to sign in (POST answers the consent page)."), 405);
}

} // namespace ab::sandbox
