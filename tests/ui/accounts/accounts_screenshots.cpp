// Renders the Accounts dialog in its main states to PNG files, for review and the README:
// `ctest -L screenshots`, or run it directly under xvfb with ACCOUNTS_DARK=1 for a dark palette.
#include "../../unit/connect/testkeys.h"
#include "api/apiclient.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "core/clock.h"
#include "dialogs/accountsdialog.h"
#include "dialogs/accountsfields.h"
#include "sandbox/sandboxserver.h"
#include "support/memorysecretstore.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>

using namespace ab;
using connect::CredentialMode;

namespace {

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2e));
    palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x21));
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
    palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x39));
    palette.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x92));
    palette.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x39));
    palette.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7a, 0x80));
    return palette;
}

struct World {
    core::SystemClock clock;
    std::unique_ptr<sandbox::SandboxServer> server;
    std::unique_ptr<api::ApiClient> client;
    connect::MemorySettingsStore settings;
    test::MemorySecretStore secrets;
    std::unique_ptr<connect::CredentialStore> store;
    std::unique_ptr<connect::TokenService> tokens;

    explicit World(const QString &environment = QStringLiteral("sandbox"))
    {
        server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions{});
        server->listen();
        api::ApiClientConfig config;
        config.baseUrl = server->baseUrl();
        client = std::make_unique<api::ApiClient>(config, &clock);
        store = std::make_unique<connect::CredentialStore>(&settings, &secrets);
        tokens = std::make_unique<connect::TokenService>(client.get(), store.get(), &clock);
        tokens->setEnvironment(environment,
                               connect::EnvironmentEndpoints::sandbox(server->baseUrl()));
    }
};

void set(ui::AccountsDialog &dialog, const char *name, const QString &text)
{
    dialog.findChild<QLineEdit *>(QLatin1String(name))->setText(text);
}

void save(QWidget &widget, const QString &directory, const QString &name)
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    widget.adjustSize();
    widget.grab().save(QDir(directory).filePath(name + QStringLiteral(".png")));
}

void fillSigned(ui::AccountsDialog &dialog, const QByteArray &pem)
{
    dialog.fields()->setMode(CredentialMode::WhiteLabelExchange);
    dialog.fields()->setJwtSource(connect::JwtSource::SignedLocally);
    set(dialog, "clientId", QStringLiteral("partner-client"));
    set(dialog, "clientSecret", QStringLiteral("a-client-secret"));
    set(dialog, "privateKey", QString::fromLatin1(pem));
    set(dialog, "kid", QStringLiteral("key-2024-01"));
    set(dialog, "iss", QStringLiteral("https://partner.example"));
    set(dialog, "sub", QStringLiteral("user-42"));
    set(dialog, "orgClaim", QStringLiteral("org_id"));
    set(dialog, "orgValue", QStringLiteral("org-7"));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const bool dark = qEnvironmentVariableIntValue("ACCOUNTS_DARK") == 1;
    if (dark) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
    }
    const QString suffix = dark ? QStringLiteral("-dark") : QStringLiteral("-light");
    QString directory = QStringLiteral(ACCOUNTS_SCREENSHOT_DIR);
    if (argc > 1)
        directory = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(directory);
    const test::TestKeyPair keys = test::makeRsaKeyPair();

    {
        World world;
        ui::AccountsDialog dialog(world.tokens.get(), world.store.get(), QStringLiteral("sandbox"));
        dialog.show();
        dialog.fields()->setMode(CredentialMode::WhiteLabelExchange);
        dialog.fields()->setJwtSource(connect::JwtSource::SignedLocally);
        set(dialog, "privateKey", QStringLiteral("not a key"));
        dialog.signInButton()->click();
        save(dialog, directory, QStringLiteral("accounts-validation") + suffix);

        fillSigned(dialog, keys.privatePem);
        QSignalSpy signedIn(&dialog, &ui::AccountsDialog::signedIn);
        dialog.signInButton()->click();
        (void)signedIn.wait(20000);
        save(dialog, directory, QStringLiteral("accounts-signed-in") + suffix);

        dialog.signOutButton()->click();
        save(dialog, directory, QStringLiteral("accounts-sign-out") + suffix);

        dialog.fields()->setMode(CredentialMode::OAuthPkce);
        set(dialog, "pkceClientId", QStringLiteral("partner-client"));
        dialog.setUrlOpener([](const QUrl &) { return true; });
        dialog.fields()->browserButton()->click();
        QSignalSpy url(world.tokens.get(), &connect::TokenService::authorizationUrlReady);
        if (url.isEmpty())
            (void)url.wait(5000);
        save(dialog, directory, QStringLiteral("accounts-pkce-waiting") + suffix);
        dialog.cancelBrowser();
    }
    {
        World world(QStringLiteral("https://api.zapier.com"));
        world.secrets.setFailure(secrets::SecretErrorKind::NoBackend);
        ui::AccountsDialog dialog(world.tokens.get(), world.store.get(),
                                  QStringLiteral("https://api.zapier.com"));
        dialog.show();
        dialog.fields()->setMode(CredentialMode::AccessToken);
        (void)QTest::qWaitFor([&] { return !dialog.bannerText().isEmpty(); }, 5000);
        set(dialog, "accessToken", QStringLiteral("a-pasted-token"));
        dialog.signInButton()->click();
        (void)QTest::qWaitFor([&] { return !dialog.isBusy(); }, 5000);
        save(dialog, directory, QStringLiteral("accounts-no-keyring") + suffix);
        if (qEnvironmentVariableIsSet("ACCOUNTS_HOLD")) {
            // For a screenshot of the whole screen: keep the window up until it is closed.
            dialog.show();
            return app.exec();
        }
    }
    return 0;
}
