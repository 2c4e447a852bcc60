#pragma once

#include <QString>

namespace ab::core {

// The version set once in the top-level CMakeLists.txt (project VERSION).
QString applicationVersion();
QString applicationName();

} // namespace ab::core
