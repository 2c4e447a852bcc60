#pragma once

#include "core/apiresult.h"
#include "core/app.h"
#include "core/page.h"

#include <QByteArray>

#include <optional>

// Internal to api/: the two ways decodeApps() reads a catalog page.
namespace ab::api::detail {

// The fast path: one pass over the text with JsonCursor, for a page in the documented shape
// (an object with `data`, `meta`, `links`; app fields of the documented types; unknown keys
// skipped). Nothing for anything else, including every body that is not JSON: then the tree
// reader decides, and it names the problem. Whatever this returns, the tree reader returns too.
std::optional<core::Page<core::App>> readAppPage(QByteArrayView body);

// The general reader over QJsonDocument, with every tolerance of contract §12.
core::ApiResult<core::Page<core::App>> decodeAppsFromTree(const QByteArray &body);

} // namespace ab::api::detail
