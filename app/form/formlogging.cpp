#include "form/formlogging.h"

namespace ab::form {
Q_LOGGING_CATEGORY(lcForm, "ab.form")
} // namespace ab::form
