#include "api/logging.h"

namespace ab::api {

Q_LOGGING_CATEGORY(lcApi, "ab.api")

} // namespace ab::api
