#include "core/version.h"

namespace ab::core {

QString applicationVersion()
{
    return QStringLiteral(ACTIONBENCH_VERSION);
}

QString applicationName()
{
    return QStringLiteral("Actionbench");
}

} // namespace ab::core
