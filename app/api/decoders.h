#pragma once

#include "core/action.h"
#include "core/apiresult.h"
#include "core/app.h"
#include "core/connection.h"
#include "core/field.h"
#include "core/page.h"
#include "core/run.h"
#include "core/storedaction.h"

#include <QByteArray>

// Pure functions from a response body to typed values (contract §2, §7–§11). Tolerant where
// Zapier's own documents disagree (§12): a list envelope wrapped in a one-element array,
// links.prev or links.previous, null meta.limit/offset, `app` as a uuid or an expanded
// object, unknown enum values kept raw, run `results` as an array or an object, flat or
// `{data: ...}` run payloads. Anything else that is not the documented shape is
// ErrorKind::MalformedResponse with a detail naming the place ("data[3].title is not a string").
namespace ab::api {

core::ApiResult<core::Page<core::App>> decodeApps(const QByteArray &body);
core::ApiResult<QList<core::Action>> decodeActions(const QByteArray &body);
core::ApiResult<QList<core::FieldNode>> decodeInputs(const QByteArray &body);
// `requestedPage` is used when the reply carries no meta.page.
core::ApiResult<core::ChoicePage> decodeChoices(const QByteArray &body, int requestedPage);
core::ApiResult<QList<core::OutputField>> decodeOutputs(const QByteArray &body);
core::ApiResult<core::Page<core::Connection>> decodeConnections(const QByteArray &body);

// The id of something just created: `{data: {type, id}}` (action runs, stored-action runs) or
// flat `{type, id}` (stored actions, §11.1).
core::ApiResult<QString> decodeCreatedId(const QByteArray &body);
// One read of a run, flat (§11.3) or `{data: {...}}` (§10.2, §11.4). HTTP 202 means pending.
core::ApiResult<core::RunState> decodeRun(const QByteArray &body, int httpStatus);
core::ApiResult<QList<core::StoredAction>> decodeStoredActions(const QByteArray &body);
core::ApiResult<core::StoredAction> decodeStoredAction(const QByteArray &body);

// A non-2xx reply as a typed error: the kind from the HTTP status, code/title/detail/
// source.pointer from errors[0] (JSON:API, §2.4) or from an OAuth `{error, error_description}`
// body. An HTML or empty body still gives a typed error, titled with `reasonPhrase`.
// `rawSample` holds the start of the body with the default redaction rules.
core::ApiError decodeError(int httpStatus, const QByteArray &body,
                           const QString &reasonPhrase = {});

// The start of a body for ApiError::rawSample, redacted with the default rules.
QByteArray sampleOf(const QByteArray &body);

} // namespace ab::api
