#pragma once

#include <QString>

namespace ab::core {

// A connected account (GET /v2/authentications, contract §9.1). Ids are opaque strings:
// numeric, "example_..." or uuids depending on the API.
struct Connection {
    QString id;
    QString appId;
    QString title;
    bool isExpired = false;
};

} // namespace ab::core
