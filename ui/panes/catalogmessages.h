#pragma once

#include "core/apierror.h"

#include <QCoreApplication>
#include <QString>

namespace ab::ui {

// The catalog side's one place that turns API errors into words (catalog, actions,
// connections, stored actions), so wording and translations stay consistent.
class CatalogMessages final {
    Q_DECLARE_TR_FUNCTIONS(CatalogMessages)

public:
    // What went wrong, in plain words, without the server's detail.
    static QString errorKind(const core::ApiError &error);
    // "Could not load apps: <kind>. <detail>"
    static QString appsFailed(const core::ApiError &error);
    static QString actionsFailed(const core::ApiError &error);
    static QString connectionsFailed(const core::ApiError &error);
    static QString storedActionsFailed(const core::ApiError &error);
    static QString storedActionSaveFailed(const core::ApiError &error);
    static QString storedActionDeleteFailed(const core::ApiError &error);
    // "project-management" -> "Project management"
    static QString categoryTitle(const QString &slug);

private:
    static QString withDetail(const QString &headline, const core::ApiError &error);
};

} // namespace ab::ui
