#include "dialogs/aboutdialog.h"

#include "core/version.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace ab::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_label(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    m_label->setTextFormat(Qt::RichText);
    m_label->setOpenExternalLinks(true);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    layout->addWidget(m_label);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    retranslateUi();
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void AboutDialog::retranslateUi()
{
    setWindowTitle(tr("About Actionbench"));
    //: %1 is the version, %2 and %3 Qt versions. Keep the HTML tags and the link.
    m_label->setText(
        tr("<h2>Actionbench %1</h2>"
           "<p>A workbench for Zapier's embedded Action Runs: browse the catalog, fill an action's "
           "dynamic form, run it and keep every run.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later. "
           "<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">Read the license</a>.</p>"
           "<p>Built with Qt %2, running on Qt %3.</p>")
            .arg(core::applicationVersion().toHtmlEscaped(), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion())));
    m_label->setAccessibleName(tr("About Actionbench"));
    m_label->setAccessibleDescription(text());
}

QString AboutDialog::text() const
{
    return tr("Actionbench %1. GNU General Public License, version 3 or later. Built with Qt %2, "
              "running on Qt %3.")
        .arg(core::applicationVersion(), QStringLiteral(QT_VERSION_STR),
             QString::fromLatin1(qVersion()));
}

} // namespace ab::ui
