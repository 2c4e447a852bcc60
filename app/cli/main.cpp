// actionbench-cli: the same flows as the desktop app, headless. Composition root: it builds
// the environment (client, sandbox, history) and hands it to one command.
#include "cli/actionscommand.h"
#include "cli/appscommand.h"
#include "cli/authcommand.h"
#include "cli/choicescommand.h"
#include "cli/connectionscommand.h"
#include "cli/environment.h"
#include "cli/fieldscommand.h"
#include "cli/historycommand.h"
#include "cli/runcommand.h"
#include "cli/sandboxcommand.h"
#include "cli/storedcommand.h"
#include "core/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <map>

using namespace ab::cli;

namespace {

const char usageText[] = R"(Usage: actionbench-cli [global options] COMMAND [options]

Browse Zapier's app catalog, fill an action's dynamic form, run it and keep every run,
against the built-in sandbox (the default: offline, no account) or any server.

Commands:
  apps [--query TEXT] [--category SLUG] [--limit N] [--offset N]
  actions --app APP [--type WRITE|SEARCH|READ|...]
  connections --app APP
  fields --app APP --action KEY [--connection ID] [--set FIELD=VALUE ...]
  choices --app APP --action KEY --field FIELD [--connection ID] [--set ...] [--page N | --all]
  run --app APP --action KEY [--connection ID] [--set ...] [--wait] [--no-validate] [--timeout S]
  history [list] [--limit N] [--offset N] [--filter TEXT] [--status PHASE]
  history show RUN | history resume
  stored list | show ID | delete ID
  stored create --app APP --action KEY --selected-api API [--connection ID] [--set ...]
  stored run ID [--set FIELD=VALUE ...] [--page P] [--wait]
  sandbox serve [--port 8765] [--catalog-size N] [--faults plan.json] [--rate-limit N]
  auth status | auth sign-out
  auth token --paste                  (the token on standard input)
  auth exchange --client-id ID --client-secret-file FILE [--token-url URL]
       (--jwt-file FILE | --key-file PEM --kid KID --iss ISS --sub SUB --org-claim NAME
        --org VALUE [--alg RS256|ES256])
  auth oauth --client-id ID [--scope "S ..."] [--port N] [--timeout S] [--no-browser]
       [--authorize-url URL] [--token-url URL]   (sign in in a browser: OAuth code + PKCE)

APP is an app id or its title; KEY is the action's stable key (a fresh action id is fetched
before every run). --set values are applied in order, as a person filling the form would:
SELECT values may be a choice id or label, dependants are cleared and the form refetched.

`auth` keeps the credentials of the environment (--server, or the sandbox) in the OS keychain;
other commands then use them when neither --token nor ACTIONBENCH_TOKEN is given, and a 401
re-runs the exchange (or uses the OAuth refresh token) once. Secrets come from files ("-" is
standard input), never from the command line; `auth token --token T` works but shows the token
to `ps`: quick tests only. `auth oauth` prints Zapier's sign-in URL (on stderr; one JSON line
with --json) for you to open in a browser: the CLI never opens one itself, so --no-browser
is implied. It waits on http://127.0.0.1:PORT/ (--port, default any free port) for the
browser to come back, up to --timeout seconds; the URLs default to Zapier's (the built-in
sandbox's without --server).

Global options:
  --server URL        API base URL, e.g. https://api.zapier.com (default: built-in sandbox)
  --token TOKEN       access token for --server (or the ACTIONBENCH_TOKEN variable)
  --json              print one JSON document on stdout
  --history-db PATH   history database (default: shared with the desktop app)
  --verbose           log every request (redacted) on stderr
  -h, --help          this help;  -v, --version  the version

Exit codes: 0 ok, 1 the run ended in error, 2 usage, 3 API or network error (a sign-in
refused or denied included, and a missing services plugin), 4 timeout (or a submission whose
outcome is unknown).
)";

using Factory = std::function<Command *(Environment *, const QCommandLineParser *, QStringList)>;

template <typename T> Factory factory()
{
    return [](Environment *environment, const QCommandLineParser *parser,
              QStringList arguments) -> Command * {
        return new T(environment, parser, std::move(arguments));
    };
}

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("actionbench-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Actionbench"));
    QCoreApplication::setApplicationVersion(ab::core::applicationVersion());

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    auto value = [](const char *name, const char *valueName) {
        return QCommandLineOption(QString::fromLatin1(name), QString(),
                                  QString::fromLatin1(valueName));
    };
    auto flag = [](const char *name) {
        return QCommandLineOption(QString::fromLatin1(name));
    };
    parser.addOptions(
        {QCommandLineOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}),
         QCommandLineOption(QStringList{QStringLiteral("v"), QStringLiteral("version")}),
         value("server", "url"),
         value("token", "token"),
         flag("json"),
         value("history-db", "path"),
         value("query", "text"),
         value("category", "slug"),
         value("limit", "n"),
         value("offset", "n"),
         value("app", "app"),
         value("type", "type"),
         value("action", "key"),
         value("connection", "id"),
         value("set", "pair"),
         value("field", "id"),
         value("page", "n"),
         flag("all"),
         flag("wait"),
         flag("no-validate"),
         value("timeout", "seconds"),
         value("filter", "text"),
         value("status", "phase"),
         value("selected-api", "api"),
         value("port", "port"),
         value("catalog-size", "n"),
         value("faults", "path"),
         value("rate-limit", "n"),
         flag("paste"),
         value("client-id", "id"),
         value("client-secret-file", "path"),
         value("jwt-file", "path"),
         value("key-file", "path"),
         value("kid", "kid"),
         value("iss", "issuer"),
         value("sub", "subject"),
         value("org-claim", "name"),
         value("org", "value"),
         value("alg", "alg"),
         value("token-url", "url"),
         value("authorize-url", "url"),
         value("scope", "scopes"),
         flag("no-browser"),
         flag("verbose")});
    parser.addPositionalArgument(QStringLiteral("command"), QString());

    if (!parser.parse(QCoreApplication::arguments())) {
        print(stderr, QStringLiteral("actionbench-cli: %1\n(see actionbench-cli --help)\n")
                          .arg(parser.errorText()));
        return ExitUsage;
    }
    // The libraries log every request at debug/info level: useful with --verbose, noise otherwise.
    if (!parser.isSet(QStringLiteral("verbose")))
        QLoggingCategory::setFilterRules(QStringLiteral("ab.*.debug=false\nab.*.info=false"));
    QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("version"))) {
        print(stdout, QStringLiteral("actionbench-cli %1\n").arg(ab::core::applicationVersion()));
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("help")) || positional.isEmpty() ||
        positional.first() == QLatin1String("help")) {
        print(positional.isEmpty() && !parser.isSet(QStringLiteral("help")) ? stderr : stdout,
              QString::fromUtf8(usageText));
        return parser.isSet(QStringLiteral("help")) || !positional.isEmpty() ? ExitOk : ExitUsage;
    }

    static const std::map<QString, Factory> commands{
        {QStringLiteral("apps"), factory<AppsCommand>()},
        {QStringLiteral("actions"), factory<ActionsCommand>()},
        {QStringLiteral("connections"), factory<ConnectionsCommand>()},
        {QStringLiteral("fields"), factory<FieldsCommand>()},
        {QStringLiteral("choices"), factory<ChoicesCommand>()},
        {QStringLiteral("run"), factory<RunCommand>()},
        {QStringLiteral("history"), factory<HistoryCommand>()},
        {QStringLiteral("stored"), factory<StoredCommand>()},
        {QStringLiteral("sandbox"), factory<SandboxCommand>()},
        {QStringLiteral("auth"), factory<AuthCommand>()},
    };
    const QString name = positional.takeFirst();
    const auto found = commands.find(name);
    if (found == commands.end()) {
        print(stderr,
              QStringLiteral("actionbench-cli: unknown command \"%1\" (see --help)\n").arg(name));
        return ExitUsage;
    }

    EnvironmentOptions options;
    options.server = QUrl(parser.value(QStringLiteral("server")));
    options.token = parser.isSet(QStringLiteral("token"))
                        ? parser.value(QStringLiteral("token"))
                        : qEnvironmentVariable("ACTIONBENCH_TOKEN");
    options.json = parser.isSet(QStringLiteral("json"));
    options.historyDb = parser.value(QStringLiteral("history-db"));
    options.requireToken = name != QLatin1String("auth");
    if (parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        options.timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || options.timeoutSeconds < 1) {
            print(stderr, QStringLiteral("actionbench-cli: --timeout needs a number of seconds\n"));
            return ExitUsage;
        }
    }
    Environment environment(options);
    // `sandbox serve` starts its own server; every other command needs the client.
    if (name != QLatin1String("sandbox")) {
        QString error;
        if (const int exitCode = environment.setUp(&error); exitCode != ExitOk) {
            environment.output().error(error, exitCode);
            return exitCode;
        }
    }
    Command *command = found->second(&environment, &parser, positional);
    QObject::connect(
        command, &Command::finished, &app, [](int exitCode) { QCoreApplication::exit(exitCode); },
        Qt::QueuedConnection);
    // Stored credentials come from the keychain, asynchronously, before the command runs.
    const bool usesStoredToken = name != QLatin1String("sandbox") && name != QLatin1String("auth");
    QTimer::singleShot(0, command, [&environment, command, usesStoredToken] {
        if (!usesStoredToken)
            return command->start();
        environment.prepare(command, [&environment, command](const QString &error, int exitCode) {
            if (error.isEmpty())
                return command->start();
            environment.output().error(error, exitCode);
            QCoreApplication::exit(exitCode);
        });
    });
    const int exitCode = app.exec();
    delete command;
    return exitCode;
}
