#include "dialogs/accountsfields.h"

#include "dialogs/accountsinput.h"
#include "dialogs/accountsmessages.h"
#include "form/formpalette.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace ab::ui {

using connect::CredentialMode;
using connect::Credentials;
using connect::JwtAlgorithm;
using connect::JwtSource;
using Check = AccountsMessages::Check;

namespace {

constexpr qint64 maxKeyFileBytes = 64 * 1024; // a 16384-bit RSA key is ~13 KiB

// The pages of the stack, in the order of the mode combo.
constexpr CredentialMode pageModes[] = {
    CredentialMode::AccessToken, CredentialMode::WhiteLabelExchange, CredentialMode::OAuthPkce};

int pageOf(CredentialMode mode)
{
    for (int index = 0; index < int(std::size(pageModes)); ++index) {
        if (pageModes[index] == mode)
            return index;
    }
    return 0;
}

QFormLayout *newForm(QWidget *page)
{
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}

} // namespace

AccountsFields::AccountsFields(QWidget *parent)
    : QWidget(parent)
    , m_modeLabel(new QLabel(this))
    , m_mode(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_sourceLabel(new QLabel(this))
    , m_pasted(new QRadioButton(this))
    , m_signed(new QRadioButton(this))
    , m_source(new QButtonGroup(this))
    , m_chooseKey(new QPushButton(this))
    , m_keyFile(new QLabel(this))
    , m_algorithmLabel(new QLabel(this))
    , m_algorithm(new QComboBox(this))
    , m_browser(new QPushButton(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = newForm(nullptr);
    layout->addLayout(top);
    for (const CredentialMode mode : pageModes)
        m_mode->addItem(QString(), int(mode));
    m_mode->setObjectName(QStringLiteral("mode"));
    m_modeLabel->setBuddy(m_mode);
    top->addRow(m_modeLabel, m_mode);
    layout->addWidget(m_pages);

    // Paste an access token.
    auto *tokenPage = new QWidget(m_pages);
    auto *tokenForm = newForm(tokenPage);
    m_token = addField(tokenForm, QStringLiteral("accessToken"), true);
    m_tokenHint = new QLabel(tokenPage);
    m_tokenHint->setWordWrap(true);
    m_tokenHint->setForegroundRole(QPalette::PlaceholderText);
    tokenForm->addRow(QString(), m_tokenHint);
    m_pages->addWidget(tokenPage);

    // White Label token exchange.
    auto *exchangePage = new QWidget(m_pages);
    m_exchangeForm = newForm(exchangePage);
    QFormLayout *ex = m_exchangeForm;
    m_clientId = addField(ex, QStringLiteral("clientId"), false);
    m_clientSecret = addField(ex, QStringLiteral("clientSecret"), true);
    m_source->addButton(m_pasted, int(JwtSource::Pasted));
    m_source->addButton(m_signed, int(JwtSource::SignedLocally));
    m_pasted->setChecked(true);
    auto *sources = new QWidget(exchangePage);
    auto *sourcesLayout = new QHBoxLayout(sources);
    sourcesLayout->setContentsMargins(0, 0, 0, 0);
    sourcesLayout->addWidget(m_pasted);
    sourcesLayout->addWidget(m_signed);
    sourcesLayout->addStretch();
    ex->addRow(m_sourceLabel, sources);
    m_jwt = addField(ex, QStringLiteral("partnerJwt"), true);
    m_chooseKey->setObjectName(QStringLiteral("chooseKeyFile"));
    m_pem = addField(ex, QStringLiteral("privateKey"), true, m_chooseKey);
    m_keyFile->setObjectName(QStringLiteral("keyFile"));
    m_keyFile->setForegroundRole(QPalette::PlaceholderText);
    m_keyFile->setVisible(false);
    qobject_cast<QVBoxLayout *>(m_pem.row->layout())->addWidget(m_keyFile);
    // Algorithm names, not words: the same in every language.
    m_algorithm->addItem(QStringLiteral("RS256"), int(JwtAlgorithm::RS256));
    m_algorithm->addItem(QStringLiteral("ES256"), int(JwtAlgorithm::ES256));
    m_algorithm->setObjectName(QStringLiteral("algorithm"));
    m_algorithmLabel->setBuddy(m_algorithm);
    ex->addRow(m_algorithmLabel, m_algorithm);
    m_kid = addField(ex, QStringLiteral("kid"), false);
    m_iss = addField(ex, QStringLiteral("iss"), false);
    m_sub = addField(ex, QStringLiteral("sub"), false);
    m_orgClaim = addField(ex, QStringLiteral("orgClaim"), false);
    m_orgValue = addField(ex, QStringLiteral("orgValue"), false);
    m_tokenUrl = addField(ex, QStringLiteral("tokenUrl"), false);
    m_exchangeScopes = addField(ex, QStringLiteral("exchangeScopes"), false);
    m_exchangeScopes.edit->setPlaceholderText(connect::ExchangeSettings::defaultScope());
    m_pages->addWidget(exchangePage);

    // OAuth authorization code with PKCE.
    auto *pkcePage = new QWidget(m_pages);
    auto *pkceForm = newForm(pkcePage);
    m_pkceClientId = addField(pkceForm, QStringLiteral("pkceClientId"), false);
    m_pkceScopes = addField(pkceForm, QStringLiteral("pkceScopes"), false);
    m_pkceScopes.edit->setPlaceholderText(connect::PkceSettings().scope);
    m_browser->setObjectName(QStringLiteral("browserSignIn"));
    m_browser->setAutoDefault(false);
    m_pkceHint = new QLabel(pkcePage);
    m_pkceHint->setWordWrap(true);
    m_pkceHint->setForegroundRole(QPalette::PlaceholderText);
    pkceForm->addRow(QString(), m_browser);
    pkceForm->addRow(QString(), m_pkceHint);
    m_pages->addWidget(pkcePage);
    m_fields = {&m_token,        &m_clientId,  &m_clientSecret, &m_jwt,
                &m_pem,          &m_kid,       &m_iss,          &m_sub,
                &m_orgClaim,     &m_orgValue,  &m_tokenUrl,     &m_exchangeScopes,
                &m_pkceClientId, &m_pkceScopes};
    m_forms = {top, tokenForm, m_exchangeForm, pkceForm};

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        Q_EMIT modeChanged();
    });
    connect(m_source, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on)
            updateVisibility();
    });
    connect(m_chooseKey, &QPushButton::clicked, this, &AccountsFields::chooseKeyFile);
    connect(m_browser, &QPushButton::clicked, this, &AccountsFields::browserSignInRequested);
    // A key pasted over a loaded file is no longer that file.
    connect(m_pem.edit, &QLineEdit::textEdited, this, [this] {
        m_keyFileName.clear();
        m_keyFile->hide();
    });
    retranslateUi();
    updateVisibility();
}

void AccountsFields::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AccountsFields::retranslateUi()
{
    for (int index = 0; index < m_mode->count(); ++index)
        m_mode->setItemText(index, AccountsMessages::modeTitle(pageModes[index]));
    m_modeLabel->setText(tr("Sign-in &method:"));
    m_mode->setAccessibleName(tr("Sign-in method"));

    setLabel(m_token, tr("Access &token:"));
    m_tokenHint->setText(
        tr("A Zapier access token for this environment. It is kept in the system keyring."));

    setLabel(m_clientId, tr("Client &ID:"));
    setLabel(m_clientSecret, tr("Client &secret:"));
    m_sourceLabel->setText(tr("Partner JWT:"));
    m_pasted->setText(tr("&Paste a signed JWT"));
    m_pasted->setAccessibleName(tr("Paste a signed JWT"));
    m_signed->setText(tr("Sign it &here with a private key"));
    m_signed->setAccessibleName(tr("Sign the JWT here with a private key"));
    setLabel(m_jwt, tr("&JWT:"));
    setLabel(m_pem, tr("Private &key:"));
    m_chooseKey->setText(tr("Choose &file…"));
    m_chooseKey->setAccessibleName(tr("Choose a private key file"));
    m_algorithmLabel->setText(tr("&Algorithm:"));
    m_algorithm->setAccessibleName(tr("Signing algorithm"));
    setLabel(m_kid, tr("Key I&D (kid):"));
    setLabel(m_iss, tr("Iss&uer (iss):"));
    setLabel(m_sub, tr("Su&bject (sub):"));
    setLabel(m_orgClaim, tr("Organisation c&laim:"));
    m_orgClaim.edit->setPlaceholderText(tr("The claim's name, e.g. org_id"));
    setLabel(m_orgValue, tr("Organisation &value:"));
    setLabel(m_tokenUrl, tr("Token &URL:"));
    setLabel(m_exchangeScopes, tr("Sco&pes:"));

    setLabel(m_pkceClientId, tr("Client &ID:"));
    setLabel(m_pkceScopes, tr("Sco&pes:"));
    m_browser->setText(tr("Sign in in your &browser"));
    m_browser->setAccessibleName(tr("Sign in in your browser"));
    m_pkceHint->setText(tr("Zapier's sign-in page opens in your browser; Actionbench "
                           "waits for it on a local port."));

    updatePlaceholders();
    showKeyFile();
    if (m_keyChooser)
        m_keyChooser->setWindowTitle(tr("Choose the private key"));
    // The errors say their words again, after the fields got their new names.
    for (const Field *field : std::as_const(m_fields)) {
        if (const ErrorMessage message = m_errors.value(field->edit))
            showError(*field, message);
    }
    alignLabels();
}

void AccountsFields::alignLabels()
{
    // One label column for the method row and every page, so the fields line up when the
    // method changes.
    int labelWidth = 0;
    for (QFormLayout *form : std::as_const(m_forms)) {
        for (int row = 0; row < form->rowCount(); ++row) {
            if (QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole))
                labelWidth = qMax(labelWidth, item->widget()->sizeHint().width());
        }
    }
    for (QFormLayout *form : std::as_const(m_forms)) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            if (auto *label = item ? qobject_cast<QLabel *>(item->widget()) : nullptr) {
                label->setMinimumWidth(labelWidth);
                label->setAlignment(form->labelAlignment());
            }
        }
    }
}

AccountsFields::Field AccountsFields::addField(QFormLayout *form, const QString &objectName,
                                               bool masked, QWidget *trailing)
{
    Field field;
    field.label = new QLabel(this);
    field.row = new QWidget(this);
    auto *column = new QVBoxLayout(field.row);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    field.edit = new QLineEdit(field.row);
    field.edit->setObjectName(objectName);
    field.label->setBuddy(field.edit);
    if (masked) {
        // Password mode: nothing readable on screen, by copy or drag, or through accessibility
        // (QAccessibleLineEdit reports a password field and hides the value).
        field.edit->setEchoMode(QLineEdit::Password);
        field.edit->setClearButtonEnabled(true);
    }
    if (trailing) {
        auto *line = new QHBoxLayout;
        line->setContentsMargins(0, 0, 0, 0);
        line->addWidget(field.edit, 1);
        line->addWidget(trailing);
        column->addLayout(line);
    } else {
        column->addWidget(field.edit);
    }
    field.error = new QLabel(field.row);
    field.error->setObjectName(objectName + QStringLiteral("Error"));
    field.error->setWordWrap(true);
    QPalette errorPalette = field.error->palette();
    errorPalette.setColor(QPalette::WindowText, formpalette::errorText(errorPalette));
    field.error->setPalette(errorPalette);
    field.error->setVisible(false);
    column->addWidget(field.error);
    form->addRow(field.label, field.row);
    // Any edit makes the field's old error stale.
    connect(field.edit, &QLineEdit::textEdited, field.error, [this, edit = field.edit] {
        if (const Field *known = fieldOf(edit))
            showError(*known, {});
    });
    return field;
}

void AccountsFields::setLabel(const Field &field, const QString &label)
{
    field.label->setText(label);
    // The accessible name is the label without its mnemonic and colon ("(&K)" in the style of
    // CJK translations included).
    static const QRegularExpression mnemonic(QStringLiteral("\\(&[^)]\\)|&(?=.)"));
    QString name = label;
    name.remove(mnemonic);
    name = name.trimmed();
    if (name.endsWith(QLatin1Char(':')) || name.endsWith(QChar(0xFF1A))) // ':' or '：'
        name.chop(1);
    field.edit->setAccessibleName(name.trimmed());
}

const AccountsFields::Field *AccountsFields::fieldOf(const QLineEdit *edit) const
{
    for (const Field *field : m_fields) {
        if (field->edit == edit)
            return field;
    }
    return nullptr;
}

QString AccountsFields::errorText(const QLineEdit *edit) const
{
    const Field *field = fieldOf(edit);
    return field && field->error->isVisibleTo(field->row) ? field->error->text() : QString();
}

void AccountsFields::showError(const Field &field, const ErrorMessage &errorMessage)
{
    const QString message = errorMessage ? errorMessage() : QString();
    if (message.isEmpty())
        m_errors.remove(field.edit);
    else
        m_errors.insert(field.edit, errorMessage);
    field.error->setText(message);
    field.error->setVisible(!message.isEmpty());
    // A screen reader hears the error with the field, not only as a separate label.
    field.edit->setAccessibleDescription(message);
    // A wrapped error needs height the window's minimum size does not know about (it is
    // height-for-width), so grow the window to fit once the layout has taken the label in.
    if (QWidget *top = window(); top && top->isVisible() && !message.isEmpty()) {
        QTimer::singleShot(0, top, [top] {
            const int needed = top->heightForWidth(top->width());
            if (needed > top->height())
                top->resize(top->width(), needed);
        });
    }
}

bool AccountsFields::check(const Field &field, const ErrorMessage &message)
{
    showError(field, message);
    return !m_errors.contains(field.edit);
}

CredentialMode AccountsFields::mode() const
{
    return CredentialMode(m_mode->currentData().toInt());
}

void AccountsFields::setMode(CredentialMode mode)
{
    m_mode->setCurrentIndex(pageOf(mode));
}

JwtSource AccountsFields::jwtSource() const
{
    return m_signed->isChecked() ? JwtSource::SignedLocally : JwtSource::Pasted;
}

void AccountsFields::setJwtSource(JwtSource source)
{
    (source == JwtSource::SignedLocally ? m_signed : m_pasted)->setChecked(true);
}

void AccountsFields::updateVisibility()
{
    m_pages->setCurrentIndex(pageOf(mode()));
    const bool signedHere = jwtSource() == JwtSource::SignedLocally;
    m_exchangeForm->setRowVisible(m_jwt.row, !signedHere);
    for (QWidget *row : {m_pem.row, static_cast<QWidget *>(m_algorithm), m_kid.row, m_iss.row,
                         m_sub.row, m_orgClaim.row, m_orgValue.row})
        m_exchangeForm->setRowVisible(row, signedHere);
    // The stack is as tall as its tallest page unless the others are told to shrink.
    for (int index = 0; index < m_pages->count(); ++index) {
        m_pages->widget(index)->setSizePolicy(
            QSizePolicy::Preferred,
            index == m_pages->currentIndex() ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_pages->adjustSize();
    updateGeometry();
}

bool AccountsFields::secretStored(CredentialMode mode) const
{
    return m_stored.mode == mode;
}

void AccountsFields::load(const Credentials &stored, const QUrl &defaultTokenUrl)
{
    m_stored = stored;
    if (stored.mode != CredentialMode::None)
        setMode(stored.mode);
    const connect::ExchangeSettings &exchange = stored.exchange;
    m_clientId.edit->setText(exchange.clientId);
    setJwtSource(exchange.jwtSource);
    m_algorithm->setCurrentIndex(m_algorithm->findData(int(exchange.claims.algorithm)));
    m_kid.edit->setText(exchange.claims.keyId);
    m_iss.edit->setText(exchange.claims.issuer);
    m_sub.edit->setText(exchange.claims.subject);
    m_orgClaim.edit->setText(exchange.claims.organisationClaim);
    m_orgValue.edit->setText(exchange.claims.organisationValue);
    m_tokenUrl.edit->setText(exchange.tokenUrl.toString());
    m_tokenUrl.edit->setPlaceholderText(defaultTokenUrl.toString());
    // The default scope shows as the placeholder; only a changed one is text.
    m_exchangeScopes.edit->setText(
        exchange.scope == connect::ExchangeSettings::defaultScope() ? QString() : exchange.scope);
    m_pkceClientId.edit->setText(stored.pkce.clientId);
    m_pkceScopes.edit->setText(
        stored.pkce.scope == connect::PkceSettings().scope ? QString() : stored.pkce.scope);
    clearSecrets(stored);
    for (const Field *field : m_fields)
        showError(*field, {});
    updateVisibility();
}

void AccountsFields::clearSecrets(const Credentials &stored)
{
    m_stored = stored;
    m_token.edit->clear();
    m_clientSecret.edit->clear();
    m_jwt.edit->clear();
    m_pem.edit->clear();
    m_keyFileName.clear();
    m_keyFile->hide();
    updatePlaceholders();
}

void AccountsFields::updatePlaceholders()
{
    // A secret kept in the keychain for the stored method says so where it would be typed.
    const auto placeholder = [](bool stored) {
        return stored ? AccountsMessages::storedPlaceholder() : QString();
    };
    const bool exchange = m_stored.mode == CredentialMode::WhiteLabelExchange;
    const bool signedHere = m_stored.exchange.jwtSource == JwtSource::SignedLocally;
    m_token.edit->setPlaceholderText(placeholder(m_stored.mode == CredentialMode::AccessToken));
    m_clientSecret.edit->setPlaceholderText(placeholder(exchange));
    m_jwt.edit->setPlaceholderText(placeholder(exchange && !signedHere));
    m_pem.edit->setPlaceholderText(exchange && signedHere
                                       ? AccountsMessages::storedPlaceholder()
                                       : tr("Paste the PEM key, or choose a file"));
}

bool AccountsFields::validate()
{
    QList<std::pair<const Field *, ErrorMessage>> checks;
    // The message reads the field each time it is said: the field's value is not kept in it.
    const auto required = [](const Field &field, Check kind = Check::Required) -> ErrorMessage {
        return [edit = field.edit, kind] {
            return AccountsMessages::validate(kind, edit->text(), edit->accessibleName());
        };
    };
    // A secret may stay empty when it is in the keychain for this very method.
    const auto secret = [&](const Field &field, Check kind, bool stored) -> ErrorMessage {
        return stored && field.edit->text().isEmpty() ? ErrorMessage() : required(field, kind);
    };
    switch (mode()) {
    case CredentialMode::AccessToken:
        checks.append({&m_token, secret(m_token, Check::Required,
                                        secretStored(CredentialMode::AccessToken))});
        break;
    case CredentialMode::WhiteLabelExchange: {
        const bool stored = secretStored(CredentialMode::WhiteLabelExchange);
        const bool sameSource = stored && m_stored.exchange.jwtSource == jwtSource();
        checks.append({&m_clientId, required(m_clientId)});
        checks.append({&m_clientSecret, secret(m_clientSecret, Check::Required, stored)});
        if (jwtSource() == JwtSource::Pasted) {
            checks.append({&m_jwt, secret(m_jwt, Check::Jwt, sameSource)});
        } else {
            checks.append({&m_pem, secret(m_pem, Check::Pem, sameSource)});
            for (const Field *field : {&m_kid, &m_iss, &m_sub, &m_orgClaim, &m_orgValue})
                checks.append({field, required(*field)});
        }
        checks.append({&m_tokenUrl, required(m_tokenUrl, Check::Url)});
        break;
    }
    case CredentialMode::OAuthPkce:
        checks.append({&m_pkceClientId, required(m_pkceClientId)});
        break;
    case CredentialMode::None:
        break;
    }
    for (const Field *field : m_fields)
        showError(*field, {});
    const Field *first = nullptr;
    for (const auto &[field, message] : checks) {
        if (!check(*field, message) && !first)
            first = field;
    }
    if (first)
        first->edit->setFocus(Qt::OtherFocusReason);
    return first == nullptr;
}

Credentials AccountsFields::credentials() const
{
    Credentials credentials = m_stored; // keeps what the dialog does not show (connectBase...)
    credentials.mode = mode();
    credentials.accessTokenExpiresAt = 0;
    connect::ExchangeSettings &exchange = credentials.exchange;
    exchange.clientId = m_clientId.edit->text().trimmed();
    exchange.tokenUrl = QUrl(m_tokenUrl.edit->text().trimmed());
    const QString scopes = accountsinput::normaliseScopes(m_exchangeScopes.edit->text());
    exchange.scope = scopes.isEmpty() ? connect::ExchangeSettings::defaultScope() : scopes;
    exchange.jwtSource = jwtSource();
    exchange.claims.keyId = m_kid.edit->text().trimmed();
    exchange.claims.issuer = m_iss.edit->text().trimmed();
    exchange.claims.subject = m_sub.edit->text().trimmed();
    exchange.claims.organisationClaim = m_orgClaim.edit->text().trimmed();
    exchange.claims.organisationValue = m_orgValue.edit->text().trimmed();
    exchange.claims.algorithm = JwtAlgorithm(m_algorithm->currentData().toInt());
    connect::PkceSettings &pkce = credentials.pkce;
    pkce.clientId = m_pkceClientId.edit->text().trimmed();
    const QString pkceScopes = accountsinput::normaliseScopes(m_pkceScopes.edit->text());
    pkce.scope = pkceScopes.isEmpty() ? connect::PkceSettings().scope : pkceScopes;
    return credentials;
}

connect::SecretValues AccountsFields::secrets() const
{
    connect::SecretValues values;
    switch (mode()) {
    case CredentialMode::AccessToken:
        values.accessToken = m_token.edit->text().trimmed();
        break;
    case CredentialMode::WhiteLabelExchange:
        values.clientSecret = m_clientSecret.edit->text().trimmed();
        if (jwtSource() == JwtSource::Pasted)
            values.partnerJwt = m_jwt.edit->text().trimmed();
        else if (!m_pem.edit->text().trimmed().isEmpty())
            values.privateKeyPem = accountsinput::normalisePem(m_pem.edit->text());
        break;
    case CredentialMode::OAuthPkce:
    case CredentialMode::None:
        break;
    }
    return values;
}

void AccountsFields::chooseKeyFile()
{
    // open(), not exec(): the dialog stays responsive and no nested event loop runs.
    auto *chooser = new QFileDialog(this, tr("Choose the private key"), QString(),
                                    tr("PEM private keys (*.pem *.key);;All files (*)"));
    m_keyChooser = chooser;
    chooser->setObjectName(QStringLiteral("keyFileChooser"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    connect(chooser, &QFileDialog::fileSelected, this, &AccountsFields::loadKeyFile);
    chooser->open();
}

void AccountsFields::loadKeyFile(const QString &path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly)) {
        showError(m_pem, [name, reason = file.errorString()] {
            return tr("Cannot read %1: %2").arg(name, reason);
        });
        return;
    }
    if (file.size() > maxKeyFileBytes) {
        showError(m_pem, [name] { return tr("%1 is too large to be a private key.").arg(name); });
        return;
    }
    // Into the masked field, like a paste: the key reaches the keychain only after a sign-in.
    m_pem.edit->setText(accountsinput::normalisePem(QString::fromUtf8(file.readAll())));
    showError(m_pem, [edit = m_pem.edit] {
        return AccountsMessages::validate(Check::Pem, edit->text(), edit->accessibleName());
    });
    m_keyFileName = name;
    showKeyFile();
}

void AccountsFields::showKeyFile()
{
    if (m_keyFileName.isEmpty())
        return;
    m_keyFile->setText(tr("Loaded from %1").arg(m_keyFileName));
    m_keyFile->setAccessibleDescription(m_keyFile->text());
    m_keyFile->show();
}

} // namespace ab::ui
