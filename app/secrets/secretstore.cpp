#include "secrets/secretstore.h"

namespace ab::secrets {

QString secretErrorKindName(SecretErrorKind kind)
{
    switch (kind) {
    case SecretErrorKind::None:
        return QStringLiteral("none");
    case SecretErrorKind::NotFound:
        return QStringLiteral("not_found");
    case SecretErrorKind::AccessDenied:
        return QStringLiteral("access_denied");
    case SecretErrorKind::NoBackend:
        return QStringLiteral("no_backend");
    case SecretErrorKind::Other:
        break;
    }
    return QStringLiteral("other");
}

} // namespace ab::secrets
