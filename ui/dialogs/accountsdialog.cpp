#include "dialogs/accountsdialog.h"

#include "connect/pkceflow.h"
#include "dialogs/accountsfields.h"
#include "dialogs/accountsmessages.h"
#include "form/formpalette.h"

#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace ab::ui {

using connect::CredentialMode;
using connect::TokenResult;

namespace {

QFrame *newStrip(QWidget *parent, const QString &name)
{
    auto *strip = new QFrame(parent);
    strip->setObjectName(name);
    strip->setFrameShape(QFrame::StyledPanel);
    strip->setVisible(false);
    return strip;
}

QProgressBar *newBusyBar(QWidget *parent)
{
    auto *bar = new QProgressBar(parent);
    bar->setRange(0, 0); // indeterminate: a token request has no known length
    bar->setTextVisible(false);
    bar->setMaximumWidth(bar->fontMetrics().averageCharWidth() * 12);
    bar->setMaximumHeight(bar->fontMetrics().height());
    return bar;
}

} // namespace

AccountsDialog::AccountsDialog(connect::TokenService *tokens, connect::CredentialStore *store,
                               const QString &environmentName, QWidget *parent)
    : QDialog(parent)
    , m_tokens(tokens)
    , m_store(store)
    , m_environment(environmentName)
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_banner(new QLabel(this))
    , m_fields(new AccountsFields(this))
    , m_waiting(newStrip(this, QStringLiteral("browserWaiting")))
    , m_waitingText(new QLabel(m_waiting))
    , m_copyLink(new QPushButton(m_waiting))
    , m_cancelBrowser(new QPushButton(m_waiting))
    , m_confirm(newStrip(this, QStringLiteral("signOutConfirmation")))
    , m_confirmText(new QLabel(m_confirm))
    , m_confirmSignOut(new QPushButton(m_confirm))
    , m_keep(new QPushButton(m_confirm))
    , m_progress(newBusyBar(this))
    , m_status(new QLabel(this))
    , m_signIn(new QPushButton(this))
    , m_signOut(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("accountsDialog"));

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_state->setObjectName(QStringLiteral("state"));
    m_state->setWordWrap(true);

    // The keyring warning: tinted from the palette so it reads in light and dark themes.
    m_banner->setObjectName(QStringLiteral("keyringBanner"));
    m_banner->setWordWrap(true);
    m_banner->setAutoFillBackground(true);
    m_banner->setMargin(m_banner->fontMetrics().height() / 2);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, formpalette::errorTint(bannerPalette));
    m_banner->setPalette(bannerPalette);
    m_banner->setVisible(false);

    // PKCE: the browser has the user now; say so, offer the link and a way out.
    m_waitingText->setWordWrap(true);
    auto *waitingLayout = new QHBoxLayout(m_waiting);
    waitingLayout->addWidget(newBusyBar(m_waiting));
    waitingLayout->addWidget(m_waitingText, 1);
    waitingLayout->addWidget(m_copyLink);
    waitingLayout->addWidget(m_cancelBrowser);

    m_confirmText->setWordWrap(true);
    m_confirmText->setTextFormat(Qt::PlainText);
    auto *confirmLayout = new QHBoxLayout(m_confirm);
    confirmLayout->addWidget(m_confirmText, 1);
    confirmLayout->addWidget(m_confirmSignOut);
    confirmLayout->addWidget(m_keep);

    m_progress->setVisible(false);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *statusLayout = new QHBoxLayout;
    statusLayout->addWidget(m_progress, 0, Qt::AlignTop);
    statusLayout->addWidget(m_status, 1);

    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setDefault(true);
    m_signOut->setObjectName(QStringLiteral("signOut"));
    auto *buttons = new QDialogButtonBox(this);
    // ActionRole: neither button closes the dialog; the result shows in it.
    buttons->addButton(m_signIn, QDialogButtonBox::ActionRole);
    buttons->addButton(m_signOut, QDialogButtonBox::ResetRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_state);
    layout->addWidget(m_banner);
    layout->addSpacing(m_title->fontMetrics().height() / 2);
    layout->addWidget(m_fields);
    layout->addWidget(m_waiting);
    layout->addWidget(m_confirm);
    layout->addStretch();
    layout->addLayout(statusLayout);
    layout->addWidget(buttons);

    connect(m_signIn, &QPushButton::clicked, this, &AccountsDialog::signIn);
    connect(m_signOut, &QPushButton::clicked, this, &AccountsDialog::askSignOut);
    connect(m_confirmSignOut, &QPushButton::clicked, this, &AccountsDialog::signOut);
    connect(m_keep, &QPushButton::clicked, m_confirm, &QWidget::hide);
    connect(m_keep, &QPushButton::clicked, m_signOut, qOverload<>(&QWidget::setFocus));
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    // Closed (Escape, Close) while the browser has the user: nobody is left to see the result.
    connect(this, &QDialog::rejected, this, [this] {
        if (isWaitingForBrowser())
            cancelBrowser();
    });
    connect(m_cancelBrowser, &QPushButton::clicked, this, &AccountsDialog::cancelBrowser);
    connect(m_copyLink, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_authorizationUrl.toString(QUrl::FullyEncoded));
    });
    connect(m_fields, &AccountsFields::browserSignInRequested, this, &AccountsDialog::signIn);
    connect(m_fields, &AccountsFields::modeChanged, this, &AccountsDialog::updateButtons);
    connect(m_tokens, &connect::TokenService::authorizationUrlReady, this,
            &AccountsDialog::onAuthorizationUrl);

    retranslateUi();
    reload();
    probeKeyring();
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
}

void AccountsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void AccountsDialog::retranslateUi()
{
    setWindowTitle(tr("Accounts"));
    setAccessibleName(tr("Accounts"));
    m_title->setText(tr("Accounts for %1").arg(m_environment));
    m_title->setAccessibleName(m_title->text());
    m_state->setAccessibleName(tr("Sign-in state"));
    showState();
    m_banner->setAccessibleName(tr("Keyring warning"));
    showNoKeyringBanner(m_banner->isVisibleTo(this));

    m_waitingText->setText(tr("Waiting for the browser… Finish signing in there."));
    m_waitingText->setAccessibleName(tr("Browser sign-in"));
    m_waitingText->setAccessibleDescription(m_waitingText->text());
    m_copyLink->setText(tr("Copy &link"));
    m_copyLink->setAccessibleName(tr("Copy the sign-in link"));
    m_copyLink->setToolTip(tr("If no browser opened, paste this link into one."));
    m_cancelBrowser->setText(tr("&Cancel"));
    m_cancelBrowser->setAccessibleName(tr("Cancel the browser sign-in"));

    m_confirmText->setText(
        tr("Sign out of %1? Its client secret, keys and tokens are removed from the keyring.")
            .arg(m_environment));
    m_confirmText->setAccessibleName(tr("Sign out confirmation"));
    m_confirmText->setAccessibleDescription(m_confirmText->text());
    m_confirmSignOut->setText(tr("Sign out and &remove"));
    m_confirmSignOut->setAccessibleName(tr("Sign out and remove the secrets"));
    m_keep->setText(tr("&Keep"));
    m_keep->setAccessibleName(tr("Keep the credentials"));

    m_progress->setAccessibleName(tr("Working"));
    m_status->setAccessibleName(tr("Sign-in status"));
    if (m_statusMessage)
        showStatus(m_statusMessage, m_statusFailure);

    m_signIn->setText(tr("&Sign in"));
    m_signIn->setAccessibleName(tr("Sign in"));
    m_signOut->setText(tr("Sign &out…"));
    m_signOut->setAccessibleName(tr("Sign out"));
    m_close->setText(tr("Close"));
    m_close->setAccessibleName(tr("Close"));
}

void AccountsDialog::reload()
{
    m_stored = m_store->load(m_environment);
    // The placeholder is the environment's default endpoint, which the service knows.
    const QUrl defaultTokenUrl =
        m_stored.exchange.tokenUrl.isEmpty() && onOurEnvironment() ? m_tokens->tokenUrl() : QUrl();
    m_fields->load(m_stored, defaultTokenUrl);
    showState();
    updateButtons();
}

void AccountsDialog::showState()
{
    using OwnToken = AccountsMessages::OwnToken;
    const OwnToken own = !m_tokens->hasOwnToken()                    ? OwnToken::None
                         : m_environment == QLatin1String("sandbox") ? OwnToken::Sandbox
                                                                     : OwnToken::Typed;
    m_state->setText(AccountsMessages::state(m_stored, QDateTime::currentSecsSinceEpoch(), own));
    m_state->setAccessibleDescription(m_state->text());
}

void AccountsDialog::probeKeyring()
{
    // Say there is no keyring before the user types a secret that could not be kept. The key
    // is never written, so a working keyring answers NotFound and nothing is read.
    m_store->secretStore()->read(m_environment + QStringLiteral("#keyring-check"), this,
                                 [this](const secrets::SecretError &error, const QString &) {
                                     if (error.kind == secrets::SecretErrorKind::NoBackend)
                                         showNoKeyringBanner(true);
                                 });
}

bool AccountsDialog::onOurEnvironment()
{
    return m_tokens->environment() == m_environment;
}

QString AccountsDialog::stateText() const
{
    return m_state->text();
}

QString AccountsDialog::statusText() const
{
    return m_status->text();
}

QString AccountsDialog::bannerText() const
{
    return m_banner->isVisibleTo(this) ? m_banner->text() : QString();
}

bool AccountsDialog::isWaitingForBrowser() const
{
    return m_waiting->isVisibleTo(this);
}

void AccountsDialog::updateButtons()
{
    const bool pkce = m_fields->mode() == CredentialMode::OAuthPkce;
    // With PKCE the page's own "Sign in in your browser" is the sign-in.
    m_signIn->setVisible(!pkce);
    m_signIn->setEnabled(!m_busy);
    m_fields->browserButton()->setDefault(pkce);
    m_signIn->setDefault(!pkce);
    m_signOut->setEnabled(!m_busy && m_stored.mode != CredentialMode::None);
    m_fields->setEnabled(!m_busy);
}

void AccountsDialog::setBusy(bool busy, const StatusMessage &progress)
{
    m_busy = busy;
    // The browser strip has its own progress bar; one moving bar is enough.
    m_progress->setVisible(busy && !isWaitingForBrowser());
    if (busy)
        showStatus(progress, false);
    updateButtons();
}

void AccountsDialog::showStatus(const StatusMessage &message, bool failure)
{
    m_statusMessage = message;
    m_statusFailure = failure;
    const QString text = message ? message() : QString();
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, failure ? formpalette::errorText(palette)
                                                   : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
    m_status->setText(text);
    m_status->setAccessibleDescription(text);
}

void AccountsDialog::showNoKeyringBanner(bool show)
{
    const QString text = show ? AccountsMessages::noKeyring() : QString();
    m_banner->setText(text);
    m_banner->setAccessibleDescription(text);
    m_banner->setVisible(show);
}

void AccountsDialog::signIn()
{
    if (m_busy)
        return;
    m_confirm->hide();
    if (!onOurEnvironment()) {
        showStatus(&AccountsMessages::otherEnvironment, true);
        return;
    }
    if (!m_fields->validate()) {
        showStatus([] { return tr("Check the highlighted fields."); }, true);
        return;
    }
    const connect::Credentials credentials = m_fields->credentials();
    const bool pkce = credentials.mode == CredentialMode::OAuthPkce;
    m_authorizationUrl.clear();
    // Before signIn(): the authorization URL may be announced from inside the call.
    if (pkce) {
        m_waiting->show();
        m_copyLink->setEnabled(false);
        m_cancelBrowser->setFocus(Qt::OtherFocusReason);
    }
    setBusy(true, [pkce] { return pkce ? tr("Opening the browser…") : tr("Signing in…"); });
    m_tokens->signIn(credentials, m_fields->secrets(), this,
                     [this](const TokenResult &result) { onSignedIn(result); });
}

void AccountsDialog::onAuthorizationUrl(const QUrl &url)
{
    // Only the flow this dialog started: a sign-in the app asked for elsewhere is its own.
    if (!isWaitingForBrowser())
        return;
    m_authorizationUrl = url;
    m_copyLink->setEnabled(true);
    if (m_openUrl && m_openUrl(url))
        showStatus([] { return tr("Your browser shows Zapier's sign-in page."); }, false);
    else
        showStatus(
            [] {
                return tr("No browser could be opened. Copy the link into a browser to sign in.");
            },
            true);
}

void AccountsDialog::cancelBrowser()
{
    if (m_tokens->pkceFlow())
        m_tokens->pkceFlow()->cancel(); // the sign-in ends with "cancelled"
}

void AccountsDialog::onSignedIn(const TokenResult &result)
{
    m_waiting->hide();
    setBusy(false);
    if (!result.ok()) {
        const bool noKeyring = result.error.keychain == secrets::SecretErrorKind::NoBackend;
        if (noKeyring) {
            showNoKeyringBanner(true);
            showStatus(&AccountsMessages::notSaved, true);
        } else {
            showStatus([error = result.error] { return AccountsMessages::tokenError(error); },
                       true);
        }
        return;
    }
    showNoKeyringBanner(false);
    reload(); // the saved settings, and "stored" placeholders where the secrets were
    const qint64 left =
        result.expiresAt > 0 ? result.expiresAt - QDateTime::currentSecsSinceEpoch() : 0;
    showStatus([left] { return AccountsMessages::signedIn(left); }, false);
    Q_EMIT signedIn();
}

void AccountsDialog::askSignOut()
{
    if (m_busy)
        return;
    m_confirm->show();
    m_keep->setFocus(Qt::OtherFocusReason); // the safe choice under Enter
}

void AccountsDialog::signOut()
{
    m_confirm->hide();
    if (!onOurEnvironment()) {
        showStatus(&AccountsMessages::otherEnvironment, true);
        return;
    }
    setBusy(true, [] { return tr("Signing out…"); });
    m_tokens->signOut(this, [this](const secrets::SecretError &error) {
        setBusy(false);
        reload(); // the settings are gone either way
        if (!error.ok()) {
            showStatus(
                [error] {
                    return tr("Signed out, but the keyring failed: %1")
                        .arg(AccountsMessages::keychainError(error));
                },
                true);
            if (error.kind == secrets::SecretErrorKind::NoBackend)
                showNoKeyringBanner(true);
        } else {
            showStatus(
                [environment = m_environment] {
                    return tr("Signed out. The secrets of %1 were removed from the keyring.")
                        .arg(environment);
                },
                false);
        }
        Q_EMIT signedOut();
    });
}

} // namespace ab::ui
