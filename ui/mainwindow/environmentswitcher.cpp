#include "mainwindow/environmentswitcher.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>

namespace ab::ui {

EnvironmentSwitcher::EnvironmentSwitcher(QUrl sandboxUrl, QString sandboxToken, QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_sandboxUrl(std::move(sandboxUrl))
    , m_sandboxToken(std::move(sandboxToken))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("&Environment:"), this);
    label->setBuddy(m_combo);
    layout->addWidget(label);
    layout->addWidget(m_combo);
    m_combo->addItem(tr("Sandbox (offline)"), int(Kind::Sandbox));
    m_combo->addItem(tr("Zapier (api.zapier.com)"), int(Kind::Zapier));
    m_combo->addItem(tr("Custom server…"), int(Kind::Custom));
    m_combo->setAccessibleName(tr("Environment"));
    m_combo->setToolTip(
        tr("The server Actionbench talks to. The sandbox simulates Zapier offline."));
    m_current = Environment{Kind::Sandbox, m_sandboxUrl, m_sandboxToken, QStringLiteral("sandbox")};
    connect(m_combo, &QComboBox::activated, this, &EnvironmentSwitcher::onActivated);
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
    dialog->setWindowTitle(tr("Custom server"));
    dialog->setLabelText(tr("Base URL of a server that speaks Zapier's API:"));
    dialog->setTextValue(m_customUrl.toString());
    dialog->setAccessibleName(tr("Custom server URL"));
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
    if (!next.token.isEmpty()) {
        apply(next);
        return;
    }
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Access token"));
    dialog->setLabelText(tr("Access token for %1 (kept in memory only):").arg(next.baseUrl.host()));
    dialog->setTextEchoMode(QLineEdit::Password);
    dialog->setAccessibleName(tr("Access token"));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, next](const QString &token) mutable {
                next.token = token.trimmed();
                if (!next.token.isEmpty())
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

void EnvironmentSwitcher::showCurrent()
{
    const int index = m_combo->findData(int(m_current.kind));
    if (index >= 0)
        m_combo->setCurrentIndex(index);
    m_combo->setAccessibleDescription(m_current.name);
}

} // namespace ab::ui
