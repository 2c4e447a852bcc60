#include "cli/fieldscommand.h"

#include "api/apiclient.h"
#include "api/redactor.h"
#include "cli/environment.h"
#include "cli/formfiller.h"
#include "cli/jsonview.h"
#include "core/field.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace ab::cli {

using namespace ab::core;

QString validationCodeName(form::ValidationIssue::Code code)
{
    switch (code) {
    case form::ValidationIssue::Code::Required:
        return QStringLiteral("required");
    case form::ValidationIssue::Code::NotANumber:
        return QStringLiteral("not_a_number");
    case form::ValidationIssue::Code::NotAnInteger:
        return QStringLiteral("not_an_integer");
    case form::ValidationIssue::Code::NotABoolean:
        return QStringLiteral("not_a_boolean");
    case form::ValidationIssue::Code::NotAList:
        return QStringLiteral("not_a_list");
    case form::ValidationIssue::Code::NotAnObject:
        return QStringLiteral("not_an_object");
    }
    return QStringLiteral("invalid");
}

void FieldsCommand::start()
{
    const QString appText = options().value(QStringLiteral("app"));
    const QString actionKey = options().value(QStringLiteral("action"));
    if (appText.isEmpty() || actionKey.isEmpty())
        return fail(QStringLiteral("fields needs --app and --action"), ExitUsage);
    resolveAndFill(appText, actionKey,
                   [this](const Target &, FormFiller *filler) { report(filler); });
}

void FieldsCommand::report(FormFiller *filler)
{
    const form::FormSession *session = filler->session();
    QJsonArray issues;
    QString issueText;
    for (const form::ValidationIssue &issue : session->validate()) {
        issues.append(QJsonObject{{QStringLiteral("field"), issue.fieldId},
                                  {QStringLiteral("code"), validationCodeName(issue.code)}});
        issueText +=
            QStringLiteral("  %1: %2\n").arg(issue.fieldId, validationCodeName(issue.code));
    }
    const QMap<QString, QString> labelMap = session->valueLabels();
    // A password field's value is not printed (a terminal's scroll-back, a CI job's log).
    const QString mask(api::Redactor::placeholder);
    const QVariantMap values =
        core::maskSecretInputs(session->values(), session->secretInputs(), mask);
    QJsonObject document{
        {QStringLiteral("action"), QJsonObject{{QStringLiteral("key"), session->actionKey()},
                                               {QStringLiteral("id"), session->actionId()}}},
        {QStringLiteral("connection"), session->connectionId()},
        {QStringLiteral("fields"), view::fieldTree(session->fields(), values, labelMap)},
        {QStringLiteral("inputs"), QJsonObject::fromVariantMap(core::maskSecretInputs(
                                       session->inputs(), session->secretInputs(), mask))},
        {QStringLiteral("issues"), issues},
        {QStringLiteral("notes"), QJsonArray::fromStringList(filler->notes())}};
    QString text = view::fieldTreeText(session->fields(), values, labelMap);
    if (!issueText.isEmpty())
        text += QStringLiteral("\nStill to fix before a run:\n") + issueText;
    for (const QString &note : filler->notes())
        out().progress(QStringLiteral("note: ") + note);
    out().result(document, text);
    finish(ExitOk);
}

} // namespace ab::cli
