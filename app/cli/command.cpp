#include "cli/command.h"

#include "api/apiclient.h"
#include "cli/environment.h"
#include "cli/formfiller.h"
#include "cli/resolver.h"

#include <QCommandLineParser>

namespace ab::cli {

Command::Command(Environment *environment, const QCommandLineParser *parser, QStringList arguments,
                 QObject *parent)
    : QObject(parent)
    , m_environment(environment)
    , m_parser(parser)
    , m_arguments(std::move(arguments))
{}

const Output &Command::out() const
{
    return m_environment->output();
}

void Command::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(exitCode);
}

void Command::fail(const QString &message, int exitCode)
{
    if (m_finished) // a late callback of a command that already ended has nothing to add
        return;
    out().error(message, exitCode);
    finish(exitCode);
}

void Command::failApi(const core::ApiError &error, const QString &context)
{
    if (m_finished)
        return;
    out().apiError(error, context);
    finish(error.kind == core::ErrorKind::OutcomeUnknown ? ExitTimeout : ExitApiFailure);
}

bool Command::resolveAndFill(const QString &appText, const QString &actionKey,
                             std::function<void(const Target &, FormFiller *)> then)
{
    QList<QPair<QString, QString>> assignments;
    QString error;
    if (!FormFiller::parseAssignments(options().values(QStringLiteral("set")), &assignments,
                                      &error)) {
        fail(error, ExitUsage);
        return false;
    }
    auto *resolver = new Resolver(env()->client(), this);
    resolver->target(appText, actionKey, options().value(QStringLiteral("connection")),
                     [this, assignments, then = std::move(then)](std::optional<Target> target,
                                                                 ResolveFailure failure) {
                         if (!target)
                             return failure.apiError ? failApi(*failure.apiError, failure.message)
                                                     : fail(failure.message, ExitUsage);
                         auto *filler = new FormFiller(env()->client(), this);
                         filler->fill(*target, assignments,
                                      [this, resolved = *target, filler,
                                       then](std::optional<FormFiller::Failure> failure) {
                                          if (failure)
                                              return failure->apiError
                                                         ? failApi(*failure->apiError,
                                                                   failure->message)
                                                         : fail(failure->message, ExitUsage);
                                          then(resolved, filler);
                                      });
                     });
    return true;
}

} // namespace ab::cli
