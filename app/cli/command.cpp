#include "cli/command.h"

#include "cli/environment.h"

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

} // namespace ab::cli
