#pragma once

#include "cli/exitcodes.h"
#include "cli/output.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QCommandLineParser;

namespace ab::cli {

class Environment;
class FormFiller;
struct Target;

// One subcommand. It starts asynchronously and ends by calling finish() exactly once; main()
// turns that into the process exit code. No nested event loops anywhere.
class Command : public QObject {
    Q_OBJECT

public:
    Command(Environment *environment, const QCommandLineParser *parser, QStringList arguments,
            QObject *parent = nullptr);
    ~Command() override = default;

    virtual void start() = 0;

Q_SIGNALS:
    void finished(int exitCode);

protected:
    void finish(int exitCode);
    void fail(const QString &message, int exitCode);
    void failApi(const core::ApiError &error, const QString &context);

    // What run, fields, choices and stored create share: parses --set, resolves the app, the
    // action and --connection, and fills the form as the GUI would (clearing and refetching on
    // invalidation). `then` gets the target and the filled form; any failure has been reported
    // (exit code 2 for usage, 3 for the API) and `then` is not called. False when --set was
    // already unusable (the command has failed before any request).
    bool resolveAndFill(const QString &appText, const QString &actionKey,
                        std::function<void(const Target &target, FormFiller *filler)> then);

    Environment *env() const { return m_environment; }
    const Output &out() const;
    const QCommandLineParser &options() const { return *m_parser; }
    // Positional arguments after the command name (e.g. "show", "<run>").
    const QStringList &arguments() const { return m_arguments; }

private:
    Environment *m_environment;
    const QCommandLineParser *m_parser;
    QStringList m_arguments;
    bool m_finished = false;
};

} // namespace ab::cli
