#include "secrets/logging.h"

namespace ab::secrets {

Q_LOGGING_CATEGORY(lcSecrets, "ab.secrets")

} // namespace ab::secrets
