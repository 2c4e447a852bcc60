#pragma once

// Shared by the Connect window tests: a sandbox with a token service that makes connect
// tokens for it (as ui/main.cpp composes them), sessions prepared the app's way, and ways to
// wait for a page and run JavaScript in it.

#include "connect/connectsession.h"
#include "connect/credentials.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "support/manualclock.h"
#include "support/memorysecretstore.h"
#include "support/sandboxfixture.h"
#include "widgets/connectcontroller.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineScript>

#include <memory>

namespace ab::test {

// As ui/main.cpp: no shared OpenGL contexts (the engine renders in software, see
// ConnectWindowLoader::prepareWebEngine()). Chromium refuses to run as root without its sandbox
// disabled.
#define AB_WEBENGINE_TEST_MAIN(TestClass)                                                          \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        if (!qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))                             \
            qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");                                           \
        if (!qEnvironmentVariableIsSet("QTWEBENGINE_CHROMIUM_FLAGS"))                              \
            qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox");                   \
        QApplication app(argc, argv);                                                              \
        TestClass test;                                                                            \
        return QTest::qExec(&test, argc, argv);                                                    \
    }

class ConnectEnvironment {
public:
    ManualClock clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<SandboxFixture> sandbox;
    std::unique_ptr<api::ApiClient> client;
    connect::MemorySettingsStore settings;
    MemorySecretStore secrets;
    std::unique_ptr<connect::CredentialStore> credentials;
    std::unique_ptr<connect::TokenService> tokens;

    bool start()
    {
        sandbox::SandboxOptions options;
        options.clock = &clock;
        sandbox = std::make_unique<SandboxFixture>(std::move(options));
        if (!sandbox->start())
            return false;
        client = sandbox->client();
        credentials = std::make_unique<connect::CredentialStore>(&settings, &secrets);
        tokens = std::make_unique<connect::TokenService>(client.get(), credentials.get(), &clock);
        tokens->setEnvironment(QStringLiteral("sandbox"),
                               connect::EnvironmentEndpoints::sandbox(sandbox->baseUrl()));
        return true;
    }

    QUrl redirectUri() const
    {
        return ui::ConnectController::sandboxRedirectUri(sandbox->baseUrl());
    }

    // A session as the controller makes one; `redirect` false for the popup message pattern.
    connect::ConnectSession session(const QString &app, bool redirect = true,
                                    const QString &reconnectId = {})
    {
        connect::ConnectRequest request;
        request.app = app;
        request.redirectUri = redirect ? redirectUri() : QUrl();
        request.reconnectId = reconnectId;
        connect::ConnectSession made;
        AnswerSignal answered;
        bool done = false;
        connect::prepareConnect(
            tokens.get(), request, nullptr,
            [&](const connect::TokenError &error, const connect::ConnectSession &session) {
                if (error.kind == connect::TokenErrorKind::None)
                    made = session;
                else
                    qWarning().noquote() << error.summary();
                done = true;
                answered.fire();
            });
        if (!done) {
            QSignalSpy spy(&answered, &AnswerSignal::answered);
            spy.wait(20000);
        }
        return made;
    }
};

// Runs `script` in the page and returns its value.
inline QVariant evaluate(QWebEnginePage *page, const QString &script,
                         quint32 world = QWebEngineScript::MainWorld)
{
    struct State {
        AnswerSignal signal;
        QVariant value;
        bool done = false;
    };
    auto state = std::make_shared<State>();
    page->runJavaScript(script, world, [state](const QVariant &value) {
        state->value = value;
        state->done = true;
        state->signal.fire();
    });
    if (!state->done) {
        QSignalSpy spy(&state->signal, &AnswerSignal::answered);
        spy.wait(20000);
    }
    return state->value;
}

} // namespace ab::test
