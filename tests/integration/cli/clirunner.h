#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>

namespace ab::test {

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json; // stdout parsed, when it was a JSON object
};

inline QString describe(const CliResult &result)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(result.exitCode)
        .arg(QString::fromUtf8(result.out.left(2000)), QString::fromUtf8(result.err.left(2000)));
}

// Runs the real actionbench-cli with a throw-away profile: its own config and data directories
// and its own keychain service name, in the keyring of the private D-Bus session
// scripts/test.sh starts (ctest inherits it).
class CliRunner {
public:
    explicit CliRunner(QString program)
        : m_program(std::move(program))
    {}

    bool isValid() const { return m_home.isValid(); }
    QString path(const char *name) const { return m_home.filePath(QLatin1String(name)); }
    QString settingsPath() const { return path("config/actionbench/accounts.ini"); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path("config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path("data"));
        env.insert(QStringLiteral("ACTIONBENCH_KEYCHAIN_SERVICE"), m_service);
        env.remove(QStringLiteral("ACTIONBENCH_TOKEN"));
        // ctest's rules would silence the request lines --verbose prints and the tests read.
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        return env;
    }

    // Started, not waited for: for commands the test talks to while they run.
    std::unique_ptr<QProcess> start(const QStringList &arguments) const
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment());
        process->start(m_program,
                       arguments + QStringList{QStringLiteral("--history-db"), path("history.db")});
        return process;
    }

    // Waits for a started command to end and collects what it printed.
    static CliResult finish(QProcess &process, int timeoutMs = 60000)
    {
        CliResult result;
        if (process.state() != QProcess::NotRunning) {
            QSignalSpy finished(&process, &QProcess::finished);
            if (!finished.wait(timeoutMs)) {
                process.kill();
                finished.wait(5000);
                result.err = "timed out";
                return result;
            }
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        const QJsonDocument document = QJsonDocument::fromJson(result.out);
        if (document.isObject())
            result.json = document.object();
        return result;
    }

    CliResult run(const QStringList &arguments, const QByteArray &input = {}) const
    {
        std::unique_ptr<QProcess> process = start(arguments);
        if (!input.isNull())
            process->write(input);
        process->closeWriteChannel();
        return finish(*process);
    }

private:
    QString m_program;
    QTemporaryDir m_home;
    QString m_service = QStringLiteral("Actionbench-cli-test-") +
                        QUuid::createUuid().toString(QUuid::WithoutBraces);
};

} // namespace ab::test
