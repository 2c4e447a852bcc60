#include "cli/authcommand.h"

#include "cli/cliservices.h"
#include "cli/environment.h"

namespace ab::cli {

void AuthCommand::start()
{
    QString error;
    Accounts *accounts = env()->accounts(&error);
    if (!accounts)
        return fail(error, ExitApiFailure);
    accounts->runAuth(&options(), arguments(), [this](int exitCode) { finish(exitCode); });
}

} // namespace ab::cli
