#include "mainwindow/windowmessages.h"

namespace ab::ui {

QString WindowMessages::pastRun(Workbench::PastRun result, const QString &environment,
                                bool restoring)
{
    switch (result) {
    case Workbench::PastRun::Done:
        break;
    case Workbench::PastRun::NoAction:
        return tr("That run cannot be restored: it has no action to fill.");
    case Workbench::PastRun::StoredRun:
        return tr("That run is of a stored action, whose inputs are kept by Zapier: repeat it "
                  "with Re-run, or from Stored actions.");
    case Workbench::PastRun::OtherServer:
        //: %1 is the environment the run was made on ("sandbox" or a server's URL).
        return restoring ? tr("That run was made on %1: switch to it to restore the run, its ids "
                              "mean nothing on this server.")
                               .arg(environment)
                         //: %1 is the environment the run was made on ("sandbox" or a server's
                         //: URL).
                         : tr("That run was made on %1: switch to it to re-run the run, its ids "
                              "mean nothing on this server.")
                               .arg(environment);
    }
    return {};
}

} // namespace ab::ui
