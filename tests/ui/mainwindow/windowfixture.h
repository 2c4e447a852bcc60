#pragma once

#include "api/apiclient.h"
#include "core/clock.h"
#include "mainwindow/mainwindow.h"
#include "models/iconcache.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "runs/runservice.h"
#include "support/sandboxfixture.h"

#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>

#include <memory>

namespace ab::test {

// The real main window on its own sandbox, history file and settings file, composed as
// ui/main.cpp does, with retries and polling made quick for tests.
class WindowFixture {
    // Declared first, destroyed last: the window and services below use them.
    QTemporaryDir m_dir;
    SandboxFixture m_sandbox;
    std::unique_ptr<api::ApiClientConfig> m_customConfig;
    core::SystemClock m_clock;
    QNetworkAccessManager m_iconNetwork;

public:
    explicit WindowFixture(sandbox::SandboxOptions options = {},
                           api::ApiClientConfig *config = nullptr)
        : m_sandbox(std::move(options))
        , m_customConfig(config ? std::make_unique<api::ApiClientConfig>(*config) : nullptr)
    {}

    bool start()
    {
        if (!m_dir.isValid() || !m_sandbox.start())
            return false;
        api::ApiClientConfig config = m_customConfig ? *m_customConfig : m_sandbox.clientConfig();
        config.baseUrl = m_sandbox.baseUrl();
        config.token = sandboxToken();
        client = m_sandbox.client(config);
        history = std::make_unique<runs::HistoryStore>(runs::jsonRunCodec());
        if (!history->open(m_dir.filePath(QStringLiteral("history.sqlite"))))
            return false;
        runs = std::make_unique<runs::RunService>(client.get(), history.get(), &m_clock);
        runs->setPollSchedule(runs::PollSchedule(5, {}, 20, 60000));
        icons = std::make_unique<models::IconCache>(&m_iconNetwork, nullptr);
        settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                               QSettings::IniFormat);
        ui::Services services;
        services.client = client.get();
        services.history = history.get();
        services.runs = runs.get();
        services.icons = icons.get();
        services.settings = settings.get();
        services.sandboxUrl = m_sandbox.baseUrl();
        services.sandboxToken = sandboxToken();
        window = std::make_unique<ui::MainWindow>(services);
        window->resize(1400, 900);
        window->show();
        return true;
    }

    SandboxFixture &sandbox() { return m_sandbox; }
    QString settingsPath() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    std::unique_ptr<api::ApiClient> client;
    std::unique_ptr<runs::HistoryStore> history;
    std::unique_ptr<runs::RunService> runs;
    std::unique_ptr<models::IconCache> icons;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<ui::MainWindow> window;
};

} // namespace ab::test
