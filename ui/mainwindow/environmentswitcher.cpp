#include "mainwindow/environmentswitcher.h"

#include "connect/credentials.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>

namespace ab::ui {

EnvironmentSwitcher::EnvironmentSwitcher(QUrl sandboxUrl, QString sandboxToken,
                                         const connect::CredentialStore *accounts, QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_combo(new QComboBox(this))
    , m_accounts(accounts)
    , m_sandboxUrl(std::move(sandboxUrl))
    , m_sandboxToken(std::move(sandboxToken))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label->setBuddy(m_combo);
    // Its items change: a custom server's name, another language.
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    layout->addWidget(m_label);
    layout->addWidget(m_combo);
    m_combo->addItem(QString(), int(Kind::Sandbox));
    m_combo->addItem(QString(), int(Kind::Zapier));
    m_combo->addItem(QString(), int(Kind::Custom));
    m_current = Environment{Kind::Sandbox, m_sandboxUrl, m_sandboxToken, QStringLiteral("sandbox")};
    connect(m_combo, &QComboBox::activated, this, &EnvironmentSwitcher::onActivated);
    retranslateUi();
}

void EnvironmentSwitcher::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void EnvironmentSwitcher::retranslateUi()
{
    m_label->setText(tr("&Environment:"));
    m_combo->setItemText(m_combo->findData(int(Kind::Sandbox)), tr("Sandbox (offline)"));
    m_combo->setItemText(m_combo->findData(int(Kind::Zapier)), tr("Zapier (api.zapier.com)"));
    updateCustomItem();
    m_combo->setAccessibleName(tr("Environment"));
    m_combo->setToolTip(
        tr("The server Actionbench talks to. The sandbox simulates Zapier offline."));
    retranslatePrompts();
}

void EnvironmentSwitcher::retranslatePrompts()
{
    if (m_urlDialog) {
        m_urlDialog->setWindowTitle(tr("Custom server"));
        m_urlDialog->setLabelText(tr("Base URL of a server that speaks Zapier's API:"));
        m_urlDialog->setAccessibleName(tr("Custom server URL"));
    }
    if (m_tokenDialog) {
        m_tokenDialog->setWindowTitle(tr("Access token"));
        m_tokenDialog->setLabelText(
            m_accounts ? tr("Access token for %1, kept in memory only. Leave it empty to sign in "
                            "under Accounts instead:")
                             .arg(m_tokenHost)
                       : tr("Access token for %1 (kept in memory only):").arg(m_tokenHost));
        m_tokenDialog->setAccessibleName(tr("Access token"));
    }
}

void EnvironmentSwitcher::onActivated(int index)
{
    select(Kind(m_combo->itemData(index).toInt()));
    showCurrent(); // until a dialog is accepted, the combo shows what is in use
}

void EnvironmentSwitcher::select(Kind kind, const QString &token)
{
    Environment next;
    next.kind = kind;
    next.token = token;
    if (kind == Kind::Sandbox) {
        apply(Environment{Kind::Sandbox, m_sandboxUrl, m_sandboxToken, QStringLiteral("sandbox")});
        return;
    }
    if (kind == Kind::Zapier) {
        next.baseUrl = QUrl(QStringLiteral("https://api.zapier.com"));
        askForToken(next);
        return;
    }
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTextValue(m_customUrl.toString());
    m_urlDialog = dialog;
    retranslatePrompts();
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, next](const QString &text) mutable {
                const QUrl url(text.trimmed());
                if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
                    return;
                m_customUrl = url;
                next.baseUrl = url;
                askForToken(next);
            });
    dialog->open();
}

void EnvironmentSwitcher::askForToken(Environment next)
{
    next.name = next.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    // With a stored sign-in the token service supplies the token.
    if (!next.token.isEmpty() || (m_accounts && m_accounts->isConfigured(next.name))) {
        apply(next);
        return;
    }
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTextEchoMode(QLineEdit::Password);
    m_tokenDialog = dialog;
    m_tokenHost = next.baseUrl.host();
    retranslatePrompts();
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, next](const QString &token) mutable {
                next.token = token.trimmed();
                if (!next.token.isEmpty() || m_accounts) // empty: Accounts signs in
                    apply(next);
            });
    dialog->open();
}

void EnvironmentSwitcher::apply(const Environment &next)
{
    m_current = next;
    showCurrent();
    Q_EMIT environmentChanged(m_current);
}

void EnvironmentSwitcher::updateCustomItem()
{
    // In use, the item names its server (choosing it again asks for another).
    QString server = m_current.baseUrl.host();
    if (m_current.baseUrl.port() != -1)
        server += QLatin1Char(':') + QString::number(m_current.baseUrl.port());
    //: The environment combo's item for a custom server in use; %1 is its host (and port).
    m_combo->setItemText(m_combo->findData(int(Kind::Custom)), m_current.kind == Kind::Custom
                                                                   ? tr("Custom: %1").arg(server)
                                                                   : tr("Custom server…"));
}

void EnvironmentSwitcher::showCurrent()
{
    updateCustomItem();
    const int index = m_combo->findData(int(m_current.kind));
    if (index >= 0)
        m_combo->setCurrentIndex(index);
    m_combo->setAccessibleDescription(m_current.name);
}

} // namespace ab::ui
