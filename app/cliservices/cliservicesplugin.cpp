#include "cliservices/cliservicesplugin.h"

#include "cliservices/pluginsandbox.h"
#include "cliservices/storedaccounts.h"

namespace ab::cliservices {

std::unique_ptr<cli::Sandbox> CliServicesPlugin::createSandbox(const cli::SandboxSettings &settings)
{
    return std::make_unique<PluginSandbox>(settings);
}

std::unique_ptr<cli::Accounts>
CliServicesPlugin::createAccounts(const cli::AccountsSettings &settings)
{
    return std::make_unique<StoredAccounts>(settings);
}

} // namespace ab::cliservices
