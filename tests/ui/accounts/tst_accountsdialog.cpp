#include "../../unit/api/scriptedserver.h"
#include "../../unit/connect/testkeys.h"
#include "api/apiclient.h"
#include "connect/settingsstore.h"
#include "connect/tokenservice.h"
#include "core/clock.h"
#include "dialogs/accountsdialog.h"
#include "dialogs/accountsfields.h"
#include "dialogs/accountsmessages.h"
#include "sandbox/sandboxserver.h"
#include "support/memorysecretstore.h"
#include "support/pseudotranslator.h"
#include "ui/untranslatedtext.h"

#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace ab;
using connect::CredentialMode;
using connect::SecretKind;
using ui::AccountsDialog;
using ui::AccountsFields;
using ui::AccountsMessages;

// The Accounts dialog driven offscreen like a user would: against the sandbox's real token
// endpoint (its signature check wired to a key pair made here), in-memory settings and a
// keyring double, and a scripted OAuth server standing in for Zapier in the PKCE flow.
namespace {

const QString environment = QStringLiteral("sandbox");
const QString clientId = QStringLiteral("partner-client");
const QString clientSecret = QStringLiteral("dialog-client-secret-9f3a");
const QString pastedToken = QStringLiteral("pasted-token-5c2e"); // the sandbox takes it

struct Setup {
    core::SystemClock clock;
    std::unique_ptr<sandbox::SandboxServer> server;
    std::unique_ptr<api::ApiClient> client;
    connect::MemorySettingsStore settings;
    test::MemorySecretStore secrets;
    std::unique_ptr<connect::CredentialStore> store;
    std::unique_ptr<connect::TokenService> tokens;

    explicit Setup(const QByteArray &publicPem)
    {
        sandbox::SandboxOptions options;
        options.jwtVerifier = test::jwtVerifierFor({publicPem});
        options.clientId = clientId;
        options.clientSecret = clientSecret;
        options.acceptedTokens = {QStringLiteral("sandbox-token"), pastedToken};
        server = std::make_unique<sandbox::SandboxServer>(options);
        QVERIFY(server->listen());
        api::ApiClientConfig config;
        config.baseUrl = server->baseUrl();
        config.scheduler.retry.maxRetries = 0;
        client = std::make_unique<api::ApiClient>(config, &clock);
        store = std::make_unique<connect::CredentialStore>(&settings, &secrets);
        tokens = std::make_unique<connect::TokenService>(client.get(), store.get(), &clock);
        tokens->setEnvironment(environment,
                               connect::EnvironmentEndpoints::sandbox(server->baseUrl()));
    }

    std::unique_ptr<AccountsDialog> dialog()
    {
        auto made = std::make_unique<AccountsDialog>(tokens.get(), store.get(), environment);
        made->setUrlOpener([](const QUrl &) { return true; }); // never a real browser
        made->show();
        return made;
    }

    int tokenRequests() const
    {
        int count = 0;
        for (const sandbox::SandboxRequest &request : server->requests())
            count += request.path == QLatin1String("/oauth/token") ? 1 : 0;
        return count;
    }

    // Every value that reached the settings, as one text to search.
    QString settingsText() const
    {
        QString all;
        for (auto it = settings.values().cbegin(); it != settings.values().cend(); ++it)
            all += it.key() + QLatin1Char('=') + it.value().toString() + QLatin1Char('\n');
        return all;
    }
};

QLineEdit *edit(const AccountsDialog &dialog, const char *name)
{
    auto *found = dialog.findChild<QLineEdit *>(QLatin1String(name));
    if (!found)
        qWarning("no field %s", name);
    return found;
}

bool shown(const AccountsDialog &dialog, const char *name)
{
    const QWidget *widget = dialog.findChild<QWidget *>(QLatin1String(name));
    return widget && widget->isVisibleTo(&dialog);
}

void type(QLineEdit *field, const QString &text)
{
    field->clear();
    QTest::keyClicks(field, text);
}

using test::PseudoLanguage;

// What the dialog shows that is data, not words of ours: the default token endpoint and
// scopes (as placeholders) and the names of the signing algorithms.
test::DataFilter accountsData(const Setup &setup)
{
    const QStringList data = {
        setup.tokens->tokenUrl().toString(), connect::ExchangeSettings::defaultScope(),
        connect::PkceSettings().scope, QStringLiteral("RS256"), QStringLiteral("ES256")};
    return [data](QString text) {
        for (const QString &value : data)
            text.remove(value);
        return text;
    };
}

bool pseudoTranslated(const QString &text)
{
    return text.startsWith(test::PseudoTranslator::open);
}

} // namespace

class TestAccountsDialog final : public QObject {
    Q_OBJECT

private:
    test::TestKeyPair m_keys;

    void fillSignedExchange(AccountsDialog &dialog, const QString &secret, const QString &pem)
    {
        dialog.fields()->setMode(CredentialMode::WhiteLabelExchange);
        dialog.fields()->setJwtSource(connect::JwtSource::SignedLocally);
        type(edit(dialog, "clientId"), clientId);
        edit(dialog, "clientSecret")->setText(secret);
        edit(dialog, "privateKey")->setText(pem);
        type(edit(dialog, "kid"), QStringLiteral("key-1"));
        type(edit(dialog, "iss"), QStringLiteral("https://partner.example"));
        type(edit(dialog, "sub"), QStringLiteral("user-42"));
        type(edit(dialog, "orgClaim"), QStringLiteral("org_id"));
        type(edit(dialog, "orgValue"), QStringLiteral("org-7"));
    }

    // Signs in and waits for the outcome; true when it succeeded.
    bool signInAndWait(AccountsDialog &dialog)
    {
        QSignalSpy signedIn(&dialog, &AccountsDialog::signedIn);
        QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
        if (!dialog.isBusy())
            return false;
        const bool done = QTest::qWaitFor([&] { return !dialog.isBusy(); }, 20000);
        return done && signedIn.size() == 1;
    }

private Q_SLOTS:
    void initTestCase() { m_keys = test::makeRsaKeyPair(); }

    void modes_showOnlyTheirFields()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        QVERIFY(dialog->windowTitle().contains(QLatin1String("Accounts")));
        QVERIFY(dialog->findChild<QLabel *>()->text().contains(environment));
        QCOMPARE(dialog->stateText(), QStringLiteral("Not signed in."));
        QVERIFY(!dialog->signOutButton()->isEnabled());

        dialog->fields()->setMode(CredentialMode::AccessToken);
        QVERIFY(shown(*dialog, "accessToken"));
        QVERIFY(!shown(*dialog, "clientId") && !shown(*dialog, "pkceClientId"));
        QVERIFY(dialog->signInButton()->isVisible());

        dialog->fields()->setMode(CredentialMode::WhiteLabelExchange);
        dialog->fields()->setJwtSource(connect::JwtSource::Pasted);
        for (const char *name : {"clientId", "clientSecret", "partnerJwt", "tokenUrl"})
            QVERIFY2(shown(*dialog, name), name);
        for (const char *name : {"accessToken", "privateKey", "kid", "iss", "sub", "orgClaim",
                                 "orgValue", "algorithm", "chooseKeyFile"})
            QVERIFY2(!shown(*dialog, name), name);
        // The token URL shows the environment's default as its placeholder.
        QCOMPARE(edit(*dialog, "tokenUrl")->placeholderText(), setup.tokens->tokenUrl().toString());

        dialog->fields()->setJwtSource(connect::JwtSource::SignedLocally);
        for (const char *name : {"privateKey", "chooseKeyFile", "kid", "iss", "sub", "orgClaim",
                                 "orgValue", "algorithm"})
            QVERIFY2(shown(*dialog, name), name);
        QVERIFY(!shown(*dialog, "partnerJwt"));

        dialog->fields()->setMode(CredentialMode::OAuthPkce);
        QVERIFY(shown(*dialog, "pkceClientId") && shown(*dialog, "pkceScopes"));
        QVERIFY(shown(*dialog, "browserSignIn"));
        QVERIFY(!shown(*dialog, "clientSecret"));
        QVERIFY(!dialog->signInButton()->isVisible()); // the browser button is the sign-in
        QVERIFY(!edit(*dialog, "pkceScopes")->placeholderText().isEmpty());
    }

    void maskedFields_areNotReadableThroughAccessibility()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::WhiteLabelExchange);
        for (const char *name : {"accessToken", "clientSecret", "partnerJwt", "privateKey"}) {
            QLineEdit *field = edit(*dialog, name);
            QCOMPARE(field->echoMode(), QLineEdit::Password);
            field->setText(clientSecret);
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(field);
            QVERIFY(accessible);
            QVERIFY(accessible->state().passwordEdit);
            QVERIFY(!accessible->text(QAccessible::Value).contains(clientSecret));
            QVERIFY(!accessible->text(QAccessible::Name).contains(clientSecret));
            QVERIFY(!accessible->text(QAccessible::Description).contains(clientSecret));
            if (QAccessibleTextInterface *text = accessible->textInterface())
                QVERIFY(!text->text(0, text->characterCount()).contains(clientSecret));
            QVERIFY(!field->accessibleName().isEmpty());
        }
    }

    void signIn_validatesInlineFirst()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::WhiteLabelExchange);
        dialog->fields()->setJwtSource(connect::JwtSource::Pasted);
        type(edit(*dialog, "partnerJwt"), QStringLiteral("not-a-jwt"));
        type(edit(*dialog, "tokenUrl"), QStringLiteral("ftp://nowhere"));
        QTest::mouseClick(dialog->signInButton(), Qt::LeftButton);
        QVERIFY(!dialog->isBusy());
        AccountsFields *fields = dialog->fields();
        QVERIFY(fields->errorText(edit(*dialog, "clientId")).contains(QLatin1String("required")));
        QVERIFY(!fields->errorText(edit(*dialog, "clientSecret")).isEmpty());
        QVERIFY(fields->errorText(edit(*dialog, "partnerJwt")).contains(QLatin1String("JWT")));
        QVERIFY(!fields->errorText(edit(*dialog, "tokenUrl")).isEmpty());
        QCOMPARE(edit(*dialog, "clientId")->accessibleDescription(),
                 fields->errorText(edit(*dialog, "clientId")));
        QVERIFY(shown(*dialog, "clientIdError"));
        QVERIFY(dialog->statusText().contains(QLatin1String("highlighted")));
        QCOMPARE(dialog->focusWidget(), edit(*dialog, "clientId"));
        QCOMPARE(setup.tokenRequests(), 0);
        // Typing clears the field's own error.
        QTest::keyClicks(edit(*dialog, "clientId"), QStringLiteral("x"));
        QVERIFY(fields->errorText(edit(*dialog, "clientId")).isEmpty());

        dialog->fields()->setJwtSource(connect::JwtSource::SignedLocally);
        edit(*dialog, "privateKey")->setText(QStringLiteral("just text"));
        QTest::mouseClick(dialog->signInButton(), Qt::LeftButton);
        QVERIFY(fields->errorText(edit(*dialog, "privateKey")).contains(QLatin1String("PEM")));
        QVERIFY(!fields->errorText(edit(*dialog, "kid")).isEmpty());
        QVERIFY(!fields->errorText(edit(*dialog, "orgClaim")).isEmpty());
        QCOMPARE(setup.tokenRequests(), 0);
    }

    void signIn_exchangeWithAKeySignedHere()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        // Pasted as one line, as a masked single-line field may give it: still a key.
        QString flatPem = QString::fromLatin1(m_keys.privatePem);
        flatPem.replace(QLatin1Char('\n'), QLatin1Char(' '));
        fillSignedExchange(*dialog, clientSecret, flatPem);
        QVERIFY(signInAndWait(*dialog));
        QVERIFY2(dialog->statusText().startsWith(QStringLiteral("Signed in — token valid for")),
                 qPrintable(dialog->statusText()));
        QVERIFY2(dialog->stateText().contains(QLatin1String("signed here")),
                 qPrintable(dialog->stateText()));
        QCOMPARE(setup.tokenRequests(), 1);
        QVERIFY(setup.client->config().token.startsWith(QLatin1String("sbat_")));

        // Non-secret settings saved; secrets only in the keyring.
        const connect::Credentials saved = setup.store->load(environment);
        QCOMPARE(saved.mode, CredentialMode::WhiteLabelExchange);
        QCOMPARE(saved.exchange.clientId, clientId);
        QCOMPARE(saved.exchange.claims.keyId, QStringLiteral("key-1"));
        QCOMPARE(saved.exchange.claims.organisationClaim, QStringLiteral("org_id"));
        const QString settings = setup.settingsText();
        QVERIFY(!settings.contains(clientSecret));
        QVERIFY(!settings.contains(QLatin1String("PRIVATE KEY")));
        QVERIFY(!settings.contains(setup.client->config().token));
        const auto &entries = setup.secrets.entries();
        QCOMPARE(entries.value(connect::secretKey(environment, SecretKind::ClientSecret)),
                 clientSecret);
        QVERIFY(entries.value(connect::secretKey(environment, SecretKind::PrivateKey))
                    .startsWith(QLatin1String("-----BEGIN PRIVATE KEY-----\n")));

        // The typed secrets are gone from the widgets; placeholders say where they are.
        QVERIFY(edit(*dialog, "clientSecret")->text().isEmpty());
        QVERIFY(edit(*dialog, "privateKey")->text().isEmpty());
        QCOMPARE(edit(*dialog, "clientSecret")->placeholderText(),
                 AccountsMessages::storedPlaceholder());
        QVERIFY(dialog->signOutButton()->isEnabled());

        // Signing in again with the secrets left empty uses the stored ones.
        QVERIFY(signInAndWait(*dialog));
        QCOMPARE(setup.tokenRequests(), 2);
    }

    void opening_showsStoredSettingsButNoSecret()
    {
        Setup setup(m_keys.publicPem);
        {
            auto first = setup.dialog();
            fillSignedExchange(*first, clientSecret, QString::fromLatin1(m_keys.privatePem));
            QVERIFY(signInAndWait(*first));
        }
        auto dialog = setup.dialog();
        QCOMPARE(dialog->fields()->mode(), CredentialMode::WhiteLabelExchange);
        QCOMPARE(dialog->fields()->jwtSource(), connect::JwtSource::SignedLocally);
        QCOMPARE(edit(*dialog, "clientId")->text(), clientId);
        QCOMPARE(edit(*dialog, "sub")->text(), QStringLiteral("user-42"));
        for (const char *name : {"clientSecret", "privateKey", "partnerJwt", "accessToken"})
            QVERIFY2(edit(*dialog, name)->text().isEmpty(), name);
        QCOMPARE(edit(*dialog, "privateKey")->placeholderText(),
                 AccountsMessages::storedPlaceholder());
        QVERIFY(dialog->stateText().startsWith(QLatin1String("Signed in with")));
    }

    void signIn_refusedSecretIsExplainedAndNothingStored()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        fillSignedExchange(*dialog, QStringLiteral("wrong-secret-77"),
                           QString::fromLatin1(m_keys.privatePem));
        QVERIFY(!signInAndWait(*dialog));
        QVERIFY2(dialog->statusText().contains(QLatin1String("client id or client secret")),
                 qPrintable(dialog->statusText()));
        QVERIFY(!setup.store->isConfigured(environment));
        QVERIFY(setup.secrets.entries().isEmpty());
        // The typed secret stays (masked) so it can be corrected.
        QCOMPARE(edit(*dialog, "clientSecret")->text(), QStringLiteral("wrong-secret-77"));
    }

    void signIn_unknownKeyIsExplained()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        const test::TestKeyPair stranger = test::makeRsaKeyPair();
        fillSignedExchange(*dialog, clientSecret, QString::fromLatin1(stranger.privatePem));
        QVERIFY(!signInAndWait(*dialog));
        QVERIFY2(dialog->statusText().contains(QLatin1String("refused the JWT")),
                 qPrintable(dialog->statusText()));
    }

    void noKeyring_isSaidClearlyAndNothingIsStored()
    {
        Setup setup(m_keys.publicPem);
        setup.secrets.setFailure(secrets::SecretErrorKind::NoBackend);
        auto dialog = setup.dialog();
        // Said on opening, before a secret is typed.
        QTRY_COMPARE(dialog->bannerText(), AccountsMessages::noKeyring());
        QVERIFY(dialog->bannerText().contains(QLatin1String("No keyring is available")));
        fillSignedExchange(*dialog, clientSecret, QString::fromLatin1(m_keys.privatePem));
        QVERIFY(!signInAndWait(*dialog));
        QCOMPARE(dialog->statusText(), AccountsMessages::notSaved());
        QCOMPARE(dialog->bannerText(), AccountsMessages::noKeyring());
        QVERIFY(!setup.store->isConfigured(environment));
        QVERIFY(!setup.settingsText().contains(clientSecret));
        QVERIFY(setup.secrets.entries().isEmpty());
    }

    void pastedToken_signsInAndSignOutRemovesEverySecret()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::AccessToken);
        edit(*dialog, "accessToken")->setText(pastedToken);
        QVERIFY(signInAndWait(*dialog));
        QCOMPARE(dialog->statusText(), QStringLiteral("Signed in."));
        QCOMPARE(
            setup.secrets.entries().value(connect::secretKey(environment, SecretKind::AccessToken)),
            pastedToken);
        // Another secret of this environment and one of another environment.
        setup.secrets.insert(connect::secretKey(environment, SecretKind::ClientSecret),
                             QStringLiteral("left-over-secret"));
        setup.secrets.insert(
            connect::secretKey(QStringLiteral("https://other.example"), SecretKind::AccessToken),
            QStringLiteral("other-token"));

        QSignalSpy signedOut(dialog.get(), &AccountsDialog::signedOut);
        QTest::mouseClick(dialog->signOutButton(), Qt::LeftButton);
        QVERIFY(shown(*dialog, "signOutConfirmation"));
        QVERIFY(setup.secrets.entries().size() == 3); // nothing yet: it asks first
        QTest::mouseClick(dialog->confirmSignOutButton(), Qt::LeftButton);
        QVERIFY(signedOut.wait(10000));
        QVERIFY(!shown(*dialog, "signOutConfirmation"));
        QCOMPARE(setup.secrets.entries().keys(),
                 QStringList{connect::secretKey(QStringLiteral("https://other.example"),
                                                SecretKind::AccessToken)});
        QVERIFY(!setup.store->isConfigured(environment));
        QCOMPARE(dialog->stateText(), QStringLiteral("Not signed in."));
        QVERIFY(dialog->statusText().startsWith(QLatin1String("Signed out")));
        QVERIFY(!dialog->signOutButton()->isEnabled());
        QVERIFY(setup.client->config().token.isEmpty());
    }

    // A token the server refuses is said to be refused; nothing is kept and nothing changes.
    void pastedToken_refusedIsNotKept()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::AccessToken);
        edit(*dialog, "accessToken")->setText(QStringLiteral("pasted-but-revoked"));
        QSignalSpy signedIn(dialog.get(), &AccountsDialog::signedIn);
        QTest::mouseClick(dialog->signInButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
        QCOMPARE(signedIn.size(), 0);
        QVERIFY2(dialog->statusText().startsWith(
                     QLatin1String("The server refused this access token (401: Invalid token). "
                                   "Check that")),
                 qPrintable(dialog->statusText()));
        QCOMPARE(dialog->stateText(), QStringLiteral("Not signed in."));
        QVERIFY(!dialog->signOutButton()->isEnabled());
        QVERIFY(setup.secrets.entries().isEmpty());
        QVERIFY(!setup.store->isConfigured(environment));
        // The field keeps what was typed, to be corrected rather than pasted again.
        QCOMPARE(edit(*dialog, "accessToken")->text(), QStringLiteral("pasted-but-revoked"));
    }

    void pastedToken_serverNotReachedSaysSo()
    {
        Setup setup(m_keys.publicPem);
        sandbox::FaultRule rule;
        rule.pathPattern = QStringLiteral("/v2/apps*");
        rule.dropConnection = true;
        setup.server->setFaultPlan({{rule}});
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::AccessToken);
        edit(*dialog, "accessToken")->setText(pastedToken);
        QTest::mouseClick(dialog->signInButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
        QVERIFY2(dialog->statusText().startsWith(
                     QLatin1String("The server could not be reached to try this access token")),
                 qPrintable(dialog->statusText()));
        QCOMPARE(dialog->stateText(), QStringLiteral("Not signed in."));
        QVERIFY(setup.secrets.entries().isEmpty());
    }

    // The sandbox has a token of its own: "Not signed in" alone would suggest it cannot work.
    void state_saysWhenTheEnvironmentHasItsOwnToken()
    {
        Setup setup(m_keys.publicPem);
        setup.client->setToken(QStringLiteral("sandbox-token"));
        setup.tokens->setEnvironment(
            environment, connect::EnvironmentEndpoints::sandbox(setup.server->baseUrl()));
        auto dialog = setup.dialog();
        QCOMPARE(dialog->stateText(), QStringLiteral("Not signed in. The sandbox has a token of "
                                                     "its own, so it works without signing in."));
        dialog->fields()->setMode(CredentialMode::AccessToken);
        edit(*dialog, "accessToken")->setText(pastedToken);
        QVERIFY(signInAndWait(*dialog));
        QVERIFY(dialog->stateText().startsWith(QLatin1String("Signed in with")));
        QCOMPARE(setup.client->config().token, pastedToken);

        QTest::mouseClick(dialog->signOutButton(), Qt::LeftButton);
        QSignalSpy signedOut(dialog.get(), &AccountsDialog::signedOut);
        QTest::mouseClick(dialog->confirmSignOutButton(), Qt::LeftButton);
        QVERIFY(signedOut.wait(10000));
        QVERIFY(dialog->stateText().contains(QLatin1String("token of its own")));
        QCOMPARE(setup.client->config().token, QStringLiteral("sandbox-token"));
    }

    // Another server's own token is the one typed when it was chosen.
    void state_saysATypedTokenIsKeptInMemoryOnly()
    {
        Setup setup(m_keys.publicPem);
        const QString server = setup.server->baseUrl().toString();
        setup.client->setToken(QStringLiteral("typed-token"));
        setup.tokens->setEnvironment(server);
        AccountsDialog dialog(setup.tokens.get(), setup.store.get(), server);
        QVERIFY2(dialog.stateText().startsWith(
                     QLatin1String("Not signed in. Requests use the token typed when")),
                 qPrintable(dialog.stateText()));
    }

    void signOut_keepCancels()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::AccessToken);
        edit(*dialog, "accessToken")->setText(pastedToken);
        QVERIFY(signInAndWait(*dialog));
        QTest::mouseClick(dialog->signOutButton(), Qt::LeftButton);
        auto *keep = dialog->findChild<QFrame *>(QStringLiteral("signOutConfirmation"))
                         ->findChildren<QPushButton *>()
                         .last();
        QTest::mouseClick(keep, Qt::LeftButton);
        QVERIFY(!shown(*dialog, "signOutConfirmation"));
        QVERIFY(setup.store->isConfigured(environment));
    }

    void pkce_opensTheBrowserWaitsAndSignsIn()
    {
        Setup setup(m_keys.publicPem);
        test::ScriptedServer zapier;
        QVERIFY(zapier.listen());
        zapier.setHandler([](const test::ScriptedRequest &) {
            return test::ScriptedResponse::json(200, R"({"access_token":"pkce-access-1",)"
                                                     R"("token_type":"Bearer","expires_in":3600,)"
                                                     R"("refresh_token":"pkce-refresh-1"})");
        });
        // Where Zapier's authorize and token endpoints are: settings the dialog keeps as they are.
        connect::Credentials stored;
        stored.mode = CredentialMode::OAuthPkce;
        stored.pkce.clientId = QStringLiteral("old-client");
        stored.pkce.authorizeUrl = zapier.url().resolved(QUrl(QStringLiteral("/v2/authorize")));
        stored.pkce.tokenUrl = zapier.url().resolved(QUrl(QStringLiteral("/oauth/token/")));
        setup.store->save(environment, stored);
        setup.tokens->setEnvironment(
            environment, connect::EnvironmentEndpoints::sandbox(setup.server->baseUrl()));

        auto dialog = setup.dialog();
        QList<QUrl> opened;
        dialog->setUrlOpener([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QCOMPARE(dialog->fields()->mode(), CredentialMode::OAuthPkce);
        type(edit(*dialog, "pkceClientId"), QStringLiteral("partner-client"));
        QSignalSpy signedIn(dialog.get(), &AccountsDialog::signedIn);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("browserSignIn")),
                          Qt::LeftButton);
        QVERIFY(dialog->isBusy());
        QVERIFY(dialog->isWaitingForBrowser());
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
        QCOMPARE(dialog->authorizationUrl(), opened.first());
        const QUrlQuery query(opened.first());
        QCOMPARE(opened.first().path(), QStringLiteral("/v2/authorize"));
        QCOMPARE(query.queryItemValue(QStringLiteral("client_id")),
                 QStringLiteral("partner-client"));
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")),
                 QStringLiteral("S256"));

        // The user signs in; the browser comes back to the loopback redirect.
        QUrl back(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        back.setQuery(QStringLiteral("code=the-code&state=") +
                      query.queryItemValue(QStringLiteral("state"), QUrl::FullyEncoded));
        QNetworkAccessManager browser;
        std::unique_ptr<QNetworkReply> reply(browser.get(QNetworkRequest(back)));
        QVERIFY(signedIn.wait(10000));
        QVERIFY(!dialog->isWaitingForBrowser());
        QVERIFY2(dialog->statusText().contains(QLatin1String("60 min")),
                 qPrintable(dialog->statusText()));
        QCOMPARE(setup.store->load(environment).pkce.clientId, QStringLiteral("partner-client"));
        QCOMPARE(setup.secrets.entries().value(
                     connect::secretKey(environment, SecretKind::RefreshToken)),
                 QStringLiteral("pkce-refresh-1"));
        QVERIFY(!setup.settingsText().contains(QLatin1String("pkce-access-1")));
    }

    void pkce_cancelEndsTheWait()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::OAuthPkce);
        type(edit(*dialog, "pkceClientId"), QStringLiteral("partner-client"));
        QSignalSpy url(setup.tokens.get(), &connect::TokenService::authorizationUrlReady);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("browserSignIn")),
                          Qt::LeftButton);
        QVERIFY(dialog->isWaitingForBrowser());
        QVERIFY(!url.isEmpty() || url.wait(10000));
        QVERIFY(dialog->cancelBrowserButton()->isVisible());
        QTest::mouseClick(dialog->cancelBrowserButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog->isBusy());
        QVERIFY(!dialog->isWaitingForBrowser());
        QCOMPARE(dialog->statusText(), QStringLiteral("Browser sign-in was cancelled."));
        QVERIFY(!setup.store->isConfigured(environment));
    }

    void pkce_requiresAClientId()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::OAuthPkce);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("browserSignIn")),
                          Qt::LeftButton);
        QVERIFY(!dialog->isBusy());
        QVERIFY(!dialog->fields()->errorText(edit(*dialog, "pkceClientId")).isEmpty());
    }

    // --- Live language switching: every text of the dialog is said again, nothing is lost.

    void retranslate_idleDialogOnEveryPage()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::WhiteLabelExchange);
        type(edit(*dialog, "clientId"), clientId);
        edit(*dialog, "clientSecret")->setText(clientSecret);
        PseudoLanguage pseudo;
        test::UntranslatedText scanner(accountsData(setup));
        QStringList found;
        const auto pages = {
            std::pair{CredentialMode::AccessToken, connect::JwtSource::Pasted},
            std::pair{CredentialMode::WhiteLabelExchange, connect::JwtSource::Pasted},
            std::pair{CredentialMode::WhiteLabelExchange, connect::JwtSource::SignedLocally},
            std::pair{CredentialMode::OAuthPkce, connect::JwtSource::Pasted}};
        for (const auto &[mode, source] : pages) {
            dialog->fields()->setMode(mode);
            dialog->fields()->setJwtSource(source);
            QTRY_VERIFY2((found = scanner.scan(dialog.get())).isEmpty(),
                         qPrintable(found.join(QLatin1Char('\n'))));
        }
        // What was typed and chosen is still there.
        QCOMPARE(dialog->fields()->mode(), CredentialMode::OAuthPkce);
        QCOMPARE(edit(*dialog, "clientId")->text(), clientId);
        QCOMPARE(edit(*dialog, "clientSecret")->text(), clientSecret);
        QVERIFY(pseudoTranslated(edit(*dialog, "clientId")->accessibleName()));
        QVERIFY(pseudoTranslated(dialog->stateText()));
        QVERIFY(!dialog->signOutButton()->isEnabled());
        QCOMPARE(setup.tokenRequests(), 0);
    }

    void retranslate_backToTheSourceLanguage()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        {
            PseudoLanguage pseudo;
            QTRY_VERIFY(pseudoTranslated(dialog->windowTitle()));
        }
        QTRY_COMPARE(dialog->windowTitle(), QStringLiteral("Accounts"));
        QCOMPARE(dialog->stateText(), QStringLiteral("Not signed in."));
        // The accessible name is the label without mnemonic and colon, as before the switch.
        QCOMPARE(edit(*dialog, "clientId")->accessibleName(), QStringLiteral("Client ID"));
        QCOMPARE(edit(*dialog, "kid")->accessibleName(), QStringLiteral("Key ID (kid)"));
    }

    void retranslate_inlineErrorsBannerAndConfirmationAreSaidAgain()
    {
        Setup setup(m_keys.publicPem);
        setup.secrets.setFailure(secrets::SecretErrorKind::NoBackend);
        auto dialog = setup.dialog();
        QTRY_VERIFY(!dialog->bannerText().isEmpty());
        dialog->fields()->setMode(CredentialMode::WhiteLabelExchange);
        dialog->fields()->setJwtSource(connect::JwtSource::Pasted);
        type(edit(*dialog, "partnerJwt"), QStringLiteral("not-a-jwt"));
        type(edit(*dialog, "tokenUrl"), QStringLiteral("ftp://nowhere"));
        QTest::mouseClick(dialog->signInButton(), Qt::LeftButton);
        dialog->askSignOut();
        QVERIFY(shown(*dialog, "signOutConfirmation"));
        AccountsFields *fields = dialog->fields();
        const char *const failing[] = {"clientId", "clientSecret", "partnerJwt", "tokenUrl"};
        for (const char *name : failing)
            QVERIFY2(!fields->errorText(edit(*dialog, name)).isEmpty(), name);

        PseudoLanguage pseudo;
        test::UntranslatedText scanner(accountsData(setup));
        QStringList found;
        QTRY_VERIFY2((found = scanner.scan(dialog.get())).isEmpty(),
                     qPrintable(found.join(QLatin1Char('\n'))));
        // The same fields are in error, in the new language, naming the field by its new name.
        for (const char *name : failing) {
            QLineEdit *field = edit(*dialog, name);
            QVERIFY2(pseudoTranslated(fields->errorText(field)), name);
            QCOMPARE(field->accessibleDescription(), fields->errorText(field));
        }
        QVERIFY(fields->errorText(edit(*dialog, "clientId"))
                    .contains(edit(*dialog, "clientId")->accessibleName()));
        QVERIFY(fields->errorText(edit(*dialog, "kid")).isEmpty());
        QVERIFY(pseudoTranslated(dialog->statusText()));
        QVERIFY(pseudoTranslated(dialog->bannerText()));
        QVERIFY(shown(*dialog, "signOutConfirmation"));
        // The values typed stay, and typing still clears the field's own error.
        QCOMPARE(edit(*dialog, "partnerJwt")->text(), QStringLiteral("not-a-jwt"));
        QCOMPARE(edit(*dialog, "tokenUrl")->text(), QStringLiteral("ftp://nowhere"));
        QTest::keyClicks(edit(*dialog, "clientId"), QStringLiteral("x"));
        QVERIFY(fields->errorText(edit(*dialog, "clientId")).isEmpty());
        QCOMPARE(setup.tokenRequests(), 0);
    }

    void retranslate_refusedSignInIsSaidAgain()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        fillSignedExchange(*dialog, QStringLiteral("wrong-secret-77"),
                           QString::fromLatin1(m_keys.privatePem));
        QVERIFY(!signInAndWait(*dialog));
        const QString english = dialog->statusText();
        QVERIFY(english.contains(QLatin1String("client id or client secret")));

        {
            PseudoLanguage pseudo;
            test::UntranslatedText scanner(accountsData(setup));
            QStringList found;
            QTRY_VERIFY2((found = scanner.scan(dialog.get())).isEmpty(),
                         qPrintable(found.join(QLatin1Char('\n'))));
            QCOMPARE(dialog->statusText(),
                     test::PseudoTranslator::open + english + test::PseudoTranslator::close);
            QCOMPARE(edit(*dialog, "clientSecret")->text(), QStringLiteral("wrong-secret-77"));
            QCOMPARE(edit(*dialog, "kid")->text(), QStringLiteral("key-1"));
        }
        QTRY_COMPARE(dialog->statusText(), english);
        QCOMPARE(setup.tokenRequests(), 1);
    }

    void retranslate_signedInStateIsSaidAgain()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::AccessToken);
        edit(*dialog, "accessToken")->setText(pastedToken);
        QVERIFY(signInAndWait(*dialog));
        QCOMPARE(dialog->statusText(), QStringLiteral("Signed in."));

        PseudoLanguage pseudo;
        test::UntranslatedText scanner(accountsData(setup));
        QStringList found;
        QTRY_VERIFY2((found = scanner.scan(dialog.get())).isEmpty(),
                     qPrintable(found.join(QLatin1Char('\n'))));
        QVERIFY(pseudoTranslated(dialog->statusText()));
        QVERIFY(pseudoTranslated(dialog->stateText()));
        QCOMPARE(edit(*dialog, "accessToken")->placeholderText(),
                 AccountsMessages::storedPlaceholder());
        QVERIFY(pseudoTranslated(edit(*dialog, "accessToken")->placeholderText()));
        QVERIFY(dialog->signOutButton()->isEnabled());
        QCOMPARE(dialog->fields()->mode(), CredentialMode::AccessToken);
    }

    void retranslate_browserSignInKeepsWaiting()
    {
        Setup setup(m_keys.publicPem);
        auto dialog = setup.dialog();
        dialog->fields()->setMode(CredentialMode::OAuthPkce);
        type(edit(*dialog, "pkceClientId"), QStringLiteral("partner-client"));
        QSignalSpy url(setup.tokens.get(), &connect::TokenService::authorizationUrlReady);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("browserSignIn")),
                          Qt::LeftButton);
        QVERIFY(!url.isEmpty() || url.wait(10000));
        QVERIFY(dialog->isWaitingForBrowser());

        {
            PseudoLanguage pseudo;
            test::UntranslatedText scanner(accountsData(setup));
            QStringList found;
            QTRY_VERIFY2((found = scanner.scan(dialog.get())).isEmpty(),
                         qPrintable(found.join(QLatin1Char('\n'))));
            QVERIFY(pseudoTranslated(dialog->statusText()));
            // Still waiting for the same browser sign-in.
            QVERIFY(dialog->isBusy());
            QVERIFY(dialog->isWaitingForBrowser());
            QCOMPARE(dialog->authorizationUrl(), url.first().first().toUrl());
            QTest::mouseClick(dialog->cancelBrowserButton(), Qt::LeftButton);
            QTRY_VERIFY(!dialog->isBusy());
            QVERIFY(pseudoTranslated(dialog->statusText()));
        }
        QTRY_COMPARE(dialog->statusText(), QStringLiteral("Browser sign-in was cancelled."));
    }
};

QTEST_MAIN(TestAccountsDialog)
#include "tst_accountsdialog.moc"
