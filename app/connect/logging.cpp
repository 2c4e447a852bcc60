#include "connect/logging.h"

namespace ab::connect {

Q_LOGGING_CATEGORY(lcConnect, "ab.connect")

} // namespace ab::connect
