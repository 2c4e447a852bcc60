#include "runs/logging.h"

namespace ab::runs {

Q_LOGGING_CATEGORY(lcRuns, "ab.runs")

} // namespace ab::runs
