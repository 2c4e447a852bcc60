#include "cli/runcommand.h"

#include "api/apiclient.h"
#include "api/jsontext.h"
#include "cli/environment.h"
#include "cli/formfiller.h"
#include "cli/runfollower.h"
#include "runs/historystore.h"
#include "runs/runservice.h"

#include <QCommandLineParser>

namespace ab::cli {

using namespace ab::core;

QString validationCodeName(form::ValidationIssue::Code code); // fieldscommand.cpp

void RunCommand::start()
{
    const QString appText = options().value(QStringLiteral("app"));
    const QString actionKey = options().value(QStringLiteral("action"));
    if (appText.isEmpty() || actionKey.isEmpty())
        return fail(QStringLiteral("run needs --app and --action"), ExitUsage);
    const bool started =
        resolveAndFill(appText, actionKey, [this](const Target &target, FormFiller *filler) {
            for (const QString &note : filler->notes())
                out().progress(QStringLiteral("note: ") + note);
            form::FormSession *session = filler->session();
            if (!options().isSet(QStringLiteral("no-validate"))) {
                QStringList problems;
                for (const form::ValidationIssue &issue : session->validate())
                    problems << QStringLiteral("%1 (%2)").arg(issue.fieldId,
                                                              validationCodeName(issue.code));
                if (!problems.isEmpty())
                    return fail(QStringLiteral("the form is not ready: %1; fix it with "
                                               "--set, or send it anyway with "
                                               "--no-validate")
                                    .arg(problems.join(QStringLiteral(", "))),
                                ExitUsage);
            }
            runs::RunRequest request;
            request.environment = env()->environmentName();
            request.appId = target.app.id;
            request.appTitle = target.app.title;
            request.actionKey = target.action.key;
            request.actionTitle = target.action.title;
            request.actionType = target.action.actionTypeRaw.isEmpty()
                                     ? actionTypeToString(target.action.actionType)
                                     : target.action.actionTypeRaw;
            request.connectionId = target.connection.id;
            request.connectionTitle = target.connection.title;
            request.inputs = session->inputs();
            const QMap<QString, QString> labels = session->valueLabels();
            for (auto it = labels.begin(); it != labels.end(); ++it)
                request.inputLabels.insert(it.key(), it.value());
            request.fieldsJson = api::encodeFieldTree(session->fields());
            request.secretInputs = session->secretInputs();

            QString storeError; // opened already, unless that failed
            runs::HistoryStore *store = env()->history(&storeError);
            if (!store)
                return fail(storeError, ExitApiFailure);
            runs::RunService *service = makeRunService(env(), store, this);
            auto *follower = new RunFollower(service, store, out(),
                                             options().isSet(QStringLiteral("wait")), this);
            connect(follower, &RunFollower::done, this, &RunCommand::finish);
            const qint64 id = service->startRun(request);
            if (id <= 0)
                return fail(QStringLiteral("could not record the run in the history: %1")
                                .arg(store->lastError().detail),
                            ExitApiFailure);
            follower->follow(id);
        });
    if (!started)
        return;
    // The history is opened once the first request is on its way (this runs after the
    // scheduler's queued dispatch): loading the SQLite driver and checking the schema then
    // overlap the round trip instead of preceding it. A history that does not open still
    // ends the command long before anything is run.
    QMetaObject::invokeMethod(
        this,
        [this] {
            QString storeError;
            if (!env()->history(&storeError))
                fail(storeError, ExitApiFailure);
        },
        Qt::QueuedConnection);
}

} // namespace ab::cli
