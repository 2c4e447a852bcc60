#pragma once

#include "cli/cliservices.h"

#include <memory>

namespace ab::sandbox {
class SandboxServer;
}

namespace ab::cliservices {

// The CLI's view of a SandboxServer: the embedded default sandbox and `sandbox serve`.
class PluginSandbox final : public cli::Sandbox {
    Q_DISABLE_COPY_MOVE(PluginSandbox)

public:
    explicit PluginSandbox(const cli::SandboxSettings &settings);
    ~PluginSandbox() override;

    bool setFaultPlan(const QByteArray &json, QString *error) override;
    bool listen(quint16 port) override;
    QUrl baseUrl() const override;
    quint16 port() const override;
    QString token() const override { return m_token; }

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    QString m_token;
};

} // namespace ab::cliservices
