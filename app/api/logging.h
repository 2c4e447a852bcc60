#pragma once

#include <QLoggingCategory>

namespace ab::api {

// "ab.api": never log a token or an unredacted body through it.
Q_DECLARE_LOGGING_CATEGORY(lcApi)

} // namespace ab::api
