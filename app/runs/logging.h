#pragma once

#include <QLoggingCategory>

namespace ab::runs {

// "ab.runs": run flow and history. Inputs may hold personal data: log ids and phases, not values.
Q_DECLARE_LOGGING_CATEGORY(lcRuns)

} // namespace ab::runs
