#pragma once

#include "mainwindow/workbench.h"

#include <QCoreApplication>
#include <QString>

namespace ab::ui {

// The main window's words for what it cannot do with a past run, in one place.
class WindowMessages final {
    Q_DECLARE_TR_FUNCTIONS(WindowMessages)

public:
    // Why a run from the history cannot be restored into the form (`restoring`) or re-run;
    // empty for PastRun::Done. `environment` is the one the run was made on.
    static QString pastRun(Workbench::PastRun result, const QString &environment, bool restoring);
};

} // namespace ab::ui
