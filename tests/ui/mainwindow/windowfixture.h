#pragma once

#include "api/apiclient.h"
#include "connect/credentials.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "core/clock.h"
#include "form/formsession.h"
#include "i18n/languagemanager.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/workbench.h"
#include "models/iconcache.h"
#include "panes/catalogpane.h"
#include "panes/historypane.h"
#include "runs/historystore.h"
#include "runs/jsonruncodec.h"
#include "runs/runservice.h"
#include "support/memorysecretstore.h"
#include "support/sandboxfixture.h"

#include <QAction>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

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
    ui::Services m_services; // as start() composed them, for reopenWithoutClosing()

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
        // "System default" is English here, whatever the machine's locale.
        languages =
            std::make_unique<ui::LanguageManager>(settings.get(), QLocale(QLocale::English));
        ui::Services services;
        services.client = client.get();
        services.history = history.get();
        services.runs = runs.get();
        services.icons = icons.get();
        services.settings = settings.get();
        services.languages = languages.get();
        services.sandboxUrl = m_sandbox.baseUrl();
        services.sandboxToken = sandboxToken();
        if (withAccounts) {
            credentials = std::make_unique<connect::CredentialStore>(&credentialSettings, &secrets);
            tokens =
                std::make_unique<connect::TokenService>(client.get(), credentials.get(), &m_clock);
            services.tokens = tokens.get();
            services.credentials = credentials.get();
        }
        m_services = services;
        window = std::make_unique<ui::MainWindow>(services);
        window->resize(1400, 900);
        window->show();
        return true;
    }

    // The window gone without being closed (the process killed), and a new one on the same
    // history and settings, as the next start makes.
    void reopenWithoutClosing()
    {
        window.reset();
        window = std::make_unique<ui::MainWindow>(m_services);
        window->resize(1400, 900);
        window->show();
    }

    SandboxFixture &sandbox() { return m_sandbox; }

    form::FormSession *session() const { return window->workbench()->session(); }

    // Chooses an action through the catalog pane (as restoring a selection does) and waits for
    // its form.
    bool chooseAction(const QString &appTitle, const QString &key)
    {
        const QString appId = m_sandbox.appId(appTitle);
        if (appId.isEmpty())
            return false;
        window->catalogPane()->selectApp(appId);
        window->catalogPane()->selectAction(key);
        form::FormSession *s = session();
        return QTest::qWaitFor(
            [s, key] { return s->actionKey() == key && s->isLoaded() && !s->isBusy(); }, 20000);
    }

    // Sets a value as an editor would and waits for any refetch it causes.
    bool set(const QString &field, const QVariant &value, const QString &label = {})
    {
        form::FormSession *s = session();
        s->setValue(field, value, label);
        return QTest::qWaitFor([s] { return !s->isBusy(); }, 20000);
    }

    // The window's command bound to `keys` (null if none).
    QAction *actionFor(const QKeySequence &keys) const
    {
        for (QAction *action : window->actions()) {
            if (action->shortcuts().contains(keys))
                return action;
        }
        return nullptr;
    }

    // The window's Run action (Ctrl+Enter).
    QAction *runAction() const { return actionFor(QKeySequence(Qt::CTRL | Qt::Key_Return)); }

    // Presses Run and returns the new run's id once the history pane shows it (0 if none).
    qint64 run()
    {
        const int before = history->count({});
        QAction *action = runAction();
        if (!action)
            return 0;
        action->trigger();
        if (!QTest::qWaitFor([this, before] { return history->count({}) == before + 1; }, 10000))
            return 0;
        return window->historyPane()->currentRun();
    }

    bool finishes(qint64 id, runs::Phase phase)
    {
        return QTest::qWaitFor(
            [this, id, phase] {
                const auto record = history->load(id);
                return record && record->phase == phase;
            },
            30000);
    }
    // Runs Sandbox Faults › simulate_outcome (chosen first unless it is the form's action) with
    // `outcome` (its choice id and label), an optional message and `polls` polls before the end;
    // returns the run's id once it ended in `phase`, or 0.
    qint64 runFaults(const QString &outcome, const QString &outcomeLabel, qint64 polls,
                     runs::Phase phase, const QString &message = {})
    {
        if (session()->actionKey() != QStringLiteral("simulate_outcome") &&
            !chooseAction(QStringLiteral("Sandbox Faults"), QStringLiteral("simulate_outcome")))
            return 0;
        if (!set(QStringLiteral("outcome"), outcome, outcomeLabel) ||
            (!message.isEmpty() && !set(QStringLiteral("message"), message)) ||
            !set(QStringLiteral("polls"), polls))
            return 0;
        const qint64 id = run();
        return id > 0 && finishes(id, phase) ? id : 0;
    }

    QString settingsPath() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    std::unique_ptr<api::ApiClient> client;
    std::unique_ptr<runs::HistoryStore> history;
    std::unique_ptr<runs::RunService> runs;
    std::unique_ptr<models::IconCache> icons;
    std::unique_ptr<QSettings> settings;
    // Accounts as ui/main.cpp has them, on in-memory settings and keyring: set withAccounts
    // before start().
    bool withAccounts = false;
    connect::MemorySettingsStore credentialSettings;
    MemorySecretStore secrets;
    std::unique_ptr<connect::CredentialStore> credentials;
    std::unique_ptr<connect::TokenService> tokens;
    std::unique_ptr<ui::LanguageManager> languages; // removes its translators when destroyed
    std::unique_ptr<ui::MainWindow> window;
};

} // namespace ab::test
