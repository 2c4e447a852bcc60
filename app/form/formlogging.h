#pragma once

#include <QLoggingCategory>

namespace ab::form {
Q_DECLARE_LOGGING_CATEGORY(lcForm) // "ab.form"
} // namespace ab::form
