#include "cli/choicescommand.h"

#include "api/apiclient.h"
#include "cli/environment.h"
#include "cli/formfiller.h"
#include "cli/jsonview.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace ab::cli {

using namespace ab::core;

void ChoicesCommand::start()
{
    const QString appText = options().value(QStringLiteral("app"));
    const QString actionKey = options().value(QStringLiteral("action"));
    const QString fieldId = options().value(QStringLiteral("field"));
    if (appText.isEmpty() || actionKey.isEmpty() || fieldId.isEmpty())
        return fail(QStringLiteral("choices needs --app, --action and --field"), ExitUsage);
    const bool all = options().isSet(QStringLiteral("all"));
    bool ok = true;
    const int page = options().isSet(QStringLiteral("page"))
                         ? options().value(QStringLiteral("page")).toInt(&ok)
                         : 1;
    if (!ok || page < 1)
        return fail(QStringLiteral("--page needs a number from 1"), ExitUsage);
    resolveAndFill(appText, actionKey, [=, this](const Target &, FormFiller *filler) {
        form::FormSession *session = filler->session();
        const FieldNode *field = session->field(fieldId);
        if (!field || field->format != FieldFormat::Select)
            return fail(QStringLiteral("%1 is not a SELECT field of this form").arg(fieldId),
                        ExitUsage);
        const QStringList blockers = session->blockedBy(fieldId);
        if (!blockers.isEmpty())
            return fail(QStringLiteral("choose %1 first: %2 depends on it")
                            .arg(blockers.join(QStringLiteral(", ")), fieldId),
                        ExitUsage);
        auto print = [this, fieldId](const QList<Choice> &choices, int page, bool hasNext,
                                     bool all) {
            QJsonArray array;
            QList<QStringList> rows;
            for (const Choice &choice : choices) {
                array.append(view::choice(choice));
                rows.append({choice.id, choice.displayText()});
            }
            QJsonObject document{{QStringLiteral("field"), fieldId},
                                 {QStringLiteral("choices"), array},
                                 {QStringLiteral("has_next"), hasNext}};
            if (!all)
                document.insert(QStringLiteral("page"), page);
            QString text =
                rows.isEmpty()
                    ? QStringLiteral("No choices%1.\n")
                          .arg(all || page == 0 ? QString()
                                                : QStringLiteral(" on page %1").arg(page))
                    : Output::table({QStringLiteral("ID"), QStringLiteral("LABEL")}, rows);
            if (hasNext)
                text += QStringLiteral("more on --page %1 (or --all)").arg(page + 1);
            out().result(document, text);
            finish(ExitOk);
        };
        connect(session, &form::FormSession::choicesFailed, this,
                [this](const QString &, int page, const ApiError &error) {
                    failApi(error,
                            QStringLiteral("could not load page %1 of the choices").arg(page));
                });
        if (all) {
            connect(session, &form::FormSession::allChoicesLoaded, this,
                    [print](const QString &, const QList<Choice> &choices) {
                        print(choices, 0, false, true);
                    });
            session->loadAllChoices(fieldId);
        } else {
            connect(session, &form::FormSession::choicesLoaded, this,
                    [print, page](const QString &, int loaded, const ChoicePage &choices) {
                        if (loaded == page)
                            print(choices.choices, page, choices.hasNext, false);
                    });
            session->loadChoices(fieldId, page);
        }
    });
}

} // namespace ab::cli
