#pragma once

#include <QLoggingCategory>

namespace ab::secrets {

// "ab.secrets": keys and error kinds only, never a secret value.
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

} // namespace ab::secrets
