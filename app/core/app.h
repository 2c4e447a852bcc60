#pragma once

#include <QString>
#include <QStringList>

namespace ab::core {

struct AppImages {
    QString url16, url32, url64, url128;
};

// An app of the catalog (GET /v2/apps, contract §7.1).
struct App {
    QString id; // canonical app id (uuid)
    QString title;
    QString description;
    QString image;
    AppImages images;
    QString hexColor;                // "ff4a00", no '#'
    QStringList categories;          // slugs
    QStringList actionTypes;         // as sent ("READ", "WRITE", ...)
    QString connectUrl;              // links.connect_new_authentication; empty when none
    bool needsAuthentication = true; // false when links.connect_new_authentication is null
};

struct AppQuery {
    QString query;
    QString category;
    QStringList ids;
    int offset = 0;
    int limit = 10;
};

} // namespace ab::core
