#pragma once

#include <QLoggingCategory>

namespace ab::connect {

// "ab.connect": modes, environments and error kinds; never a token, key, JWT or secret.
Q_DECLARE_LOGGING_CATEGORY(lcConnect)

} // namespace ab::connect
