#include "cli/storedcommand.h"

#include "api/apiclient.h"
#include "api/jsontext.h"
#include "cli/environment.h"
#include "cli/formfiller.h"
#include "cli/jsonview.h"
#include "cli/runfollower.h"
#include "runs/historystore.h"
#include "runs/runservice.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace ab::cli {

using namespace ab::core;

void StoredCommand::start()
{
    const QString sub = arguments().value(0);
    const QString id = arguments().value(1);
    if (sub == QLatin1String("list") || sub.isEmpty())
        return list();
    if (sub == QLatin1String("create"))
        return create();
    if ((sub == QLatin1String("show") || sub == QLatin1String("run") ||
         sub == QLatin1String("delete")) &&
        id.isEmpty())
        return fail(
            QStringLiteral("stored %1 needs a stored action id (see `stored list`)").arg(sub),
            ExitUsage);
    if (sub == QLatin1String("show"))
        return show(id);
    if (sub == QLatin1String("run"))
        return run(id);
    if (sub == QLatin1String("delete"))
        return remove(id);
    fail(QStringLiteral("stored takes list, show, create, run or delete, not \"%1\"").arg(sub),
         ExitUsage);
}

void StoredCommand::list()
{
    env()->client()->storedActions(this, [this](ApiResult<QList<StoredAction>> result) {
        if (!result.ok())
            return failApi(result.error(), QStringLiteral("could not list stored actions"));
        const QHash<QString, StoredActionNames> saved = savedNames();
        QJsonArray array;
        QList<QStringList> rows;
        for (const StoredAction &action : result.value()) {
            const StoredActionNames names = saved.value(action.id);
            array.append(view::storedAction(action, names));
            const QString name =
                names.isEmpty()
                    ? QString()
                    : QStringLiteral("%1 \u203a %2").arg(names.appTitle, names.actionTitle);
            rows.append({action.id, action.selectedApi, action.actionType, action.actionKey,
                         action.connectionId, name});
        }
        out().result(QJsonObject{{QStringLiteral("stored_actions"), array}},
                     rows.isEmpty()
                         ? QStringLiteral("No stored actions yet.")
                         : Output::table({QStringLiteral("ID"), QStringLiteral("SELECTED API"),
                                          QStringLiteral("TYPE"), QStringLiteral("KEY"),
                                          QStringLiteral("CONNECTION"), QStringLiteral("SAVED AS")},
                                         rows));
        finish(ExitOk);
    });
}

void StoredCommand::show(const QString &id)
{
    env()->client()->storedAction(id, this, [this, id](ApiResult<StoredAction> result) {
        if (!result.ok())
            return failApi(result.error(),
                           QStringLiteral("could not read stored action %1").arg(id));
        const StoredAction &action = result.value();
        out().result(QJsonObject{{QStringLiteral("stored_action"),
                                  view::storedAction(action, savedNames().value(action.id))}},
                     QStringLiteral("%1\n  %2 %3 %4\n  connection %5\n  inputs %6")
                         .arg(action.id, action.selectedApi, action.actionType, action.actionKey,
                              action.connectionId,
                              QString::fromUtf8(api::toJsonText(action.inputs))));
        finish(ExitOk);
    });
}

void StoredCommand::create()
{
    const QString appText = options().value(QStringLiteral("app"));
    const QString actionKey = options().value(QStringLiteral("action"));
    const QString selectedApi = options().value(QStringLiteral("selected-api"));
    if (appText.isEmpty() || actionKey.isEmpty() || selectedApi.isEmpty())
        return fail(
            QStringLiteral(
                "stored create needs --app, --action and --selected-api (the app's implementation "
                "key, e.g. GoogleSheetsV2API)"),
            ExitUsage);
    // The form resolves SELECT labels to ids and types the values, as for a one-off run.
    resolveAndFill(
        appText, actionKey, [this, selectedApi](const Target &target, FormFiller *filler) {
            StoredAction action;
            action.connectionId = target.connection.id;
            action.selectedApi = selectedApi;
            action.actionKey = target.action.key;
            action.actionType = (target.action.actionType == ActionType::Unknown
                                     ? target.action.actionTypeRaw
                                     : actionTypeToString(target.action.actionType))
                                    .toLower();
            action.inputs = filler->session()->inputs();
            const StoredActionNames names{target.app.id,
                                          target.app.title,
                                          target.action.title,
                                          target.connection.title,
                                          filler->session()->inputTitles(),
                                          filler->session()->secretInputs(),
                                          filler->session()->valueLabels()};
            env()->client()->createStoredAction(
                action, this, [this, action, names](ApiResult<QString> result) mutable {
                    if (!result.ok())
                        return failApi(result.error(),
                                       QStringLiteral("could not create the stored action"));
                    action.id = result.value();
                    rememberNames(action.id, names);
                    out().result(QJsonObject{{QStringLiteral("stored_action"),
                                              view::storedAction(action, names)}},
                                 QStringLiteral("Stored action %1 created (run it with "
                                                "`stored run %1 --wait`).")
                                     .arg(action.id));
                    finish(ExitOk);
                });
        });
}

QHash<QString, StoredActionNames> StoredCommand::savedNames()
{
    // Names are a courtesy: without the history, what the server says is still shown.
    QString error;
    runs::HistoryStore *store = env()->history(&error);
    return store ? store->storedActionNames(env()->environmentName())
                 : QHash<QString, StoredActionNames>();
}

void StoredCommand::rememberNames(const QString &id, const StoredActionNames &names)
{
    // The stored action exists either way; without its names its runs show its keys.
    QString error;
    runs::HistoryStore *store = env()->history(&error);
    if (!store || !store->rememberStoredActionNames(env()->environmentName(), id, names))
        out().progress(
            QStringLiteral("note: the history could not keep the action's names (%1); its runs "
                           "will show its keys")
                .arg(store ? store->lastError().detail : error));
}

void StoredCommand::run(const QString &id)
{
    QString error;
    runs::HistoryStore *store = env()->history(&error);
    if (!store)
        return fail(error, ExitApiFailure);
    QList<QPair<QString, QString>> assignments;
    if (!FormFiller::parseAssignments(options().values(QStringLiteral("set")), &assignments,
                                      &error))
        return fail(error, ExitUsage);
    env()->client()->storedAction(id, this, [=, this](ApiResult<StoredAction> result) {
        if (!result.ok())
            return failApi(result.error(),
                           QStringLiteral("could not read stored action %1").arg(id));
        const StoredAction &action = result.value();
        const StoredActionNames names =
            store->storedActionNames(env()->environmentName()).value(action.id);
        runs::StoredRunRequest request = runs::StoredRunRequest::of(
            env()->environmentName(), action, names, {}, options().value(QStringLiteral("page")));
        // The GUI's Inputs tab titles the inputs as the form did when the action was saved.
        request.fieldsJson = api::encodeFieldTree(core::titledInputs(names.inputTitles));
        // Run-time inputs override the stored ones; without a form, JSON scalars keep their type.
        for (const auto &[key, text] : assignments) {
            QString parseError;
            const QVariant parsed = api::fromJsonText(text.toUtf8(), &parseError);
            request.inputs.insert(key, parseError.isEmpty() && parsed.isValid() ? parsed
                                                                                : QVariant(text));
        }
        runs::RunService *service = makeRunService(env(), store, this);
        auto *follower =
            new RunFollower(service, store, out(), options().isSet(QStringLiteral("wait")), this);
        connect(follower, &RunFollower::done, this, &StoredCommand::finish);
        const qint64 localId = service->startStoredRun(request);
        if (localId <= 0)
            return fail(QStringLiteral("could not record the run in the history: %1")
                            .arg(store->lastError().detail),
                        ExitApiFailure);
        follower->follow(localId);
    });
}

void StoredCommand::remove(const QString &id)
{
    env()->client()->deleteStoredAction(id, this, [this, id](ApiResult<Empty> result) {
        if (!result.ok())
            return failApi(result.error(),
                           QStringLiteral("could not delete stored action %1").arg(id));
        QString error;
        if (runs::HistoryStore *store = env()->history(&error))
            store->forgetStoredActionNames(env()->environmentName(), id);
        out().result(QJsonObject{{QStringLiteral("deleted"), id}},
                     QStringLiteral("Deleted stored action %1.").arg(id));
        finish(ExitOk);
    });
}

} // namespace ab::cli
