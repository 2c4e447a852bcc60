#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>

// Copy-pasteable cURL commands that repeat a run by hand (history "Copy as cURL"). The request
// is the one ApiClient sends (same path, the documented `{data: {...}}` body), but the bearer
// token is ALWAYS the shell variable $ZAPIER_TOKEN: a command on a clipboard or in a ticket
// must never carry a secret. Arguments are single-quoted for POSIX shells (bash, zsh, sh).
namespace ab::api {

// Quotes `text` as one POSIX shell word: 'it'\''s'.
QString shellQuote(const QString &text);

// POST {base}/v2/action-runs with {data: {action, authentication, inputs}}; `authentication`
// is null when `connectionId` is empty (apps without authentication). Note that an action id
// is single-use: a re-run needs a fresh one from GET /v2/actions, as the command's comment says.
// The values of `secretInputs` (password fields) are not copied either: each is read from a
// shell variable named after its key ($BASIC_AUTH), which a comment asks the user to set (as
// JSON string content: a double quote or a backslash in it escaped).
QString curlForActionRun(const QUrl &baseUrl, const QString &actionId, const QString &connectionId,
                         const QVariantMap &inputs, const QStringList &secretInputs = {});

// The shell variable a secret input is read from: its key in upper case, other characters
// than letters and digits as "_" ("basic_auth", "api-key" -> $BASIC_AUTH, $API_KEY).
QString secretInputVariable(const QString &key);

// POST {base}/actions/v1/stored-actions/{id}/run with {data: {inputs[, page][, idempotency_id]}}.
QString curlForStoredRun(const QUrl &baseUrl, const QString &storedActionId,
                         const QVariantMap &inputs, const QString &page = {},
                         const QString &idempotencyId = {});

// The shell variable the commands read the token from.
QString tokenPlaceholder(); // "$ZAPIER_TOKEN"

} // namespace ab::api
