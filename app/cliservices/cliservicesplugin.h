#pragma once

#include "cli/cliservices.h"

#include <QObject>

namespace ab::cliservices {

// The plugin's entry point: QPluginLoader finds it by the interface id and actionbench-cli asks
// it for a sandbox or the accounts. Loading it is what brings Qt HTTP Server, QtKeychain,
// OpenSSL and Qt NetworkAuth into the CLI's process.
class CliServicesPlugin final : public QObject, public cli::CliServices {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID ActionbenchCliServices_iid)
    Q_INTERFACES(ab::cli::CliServices)
    Q_DISABLE_COPY_MOVE(CliServicesPlugin)

public:
    CliServicesPlugin() = default;

    std::unique_ptr<cli::Sandbox> createSandbox(const cli::SandboxSettings &settings) override;
    std::unique_ptr<cli::Accounts> createAccounts(const cli::AccountsSettings &settings) override;
};

} // namespace ab::cliservices
