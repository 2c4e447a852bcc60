#include "dialogs/aboutdialog.h"

#include "core/version.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace ab::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Actionbench"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(this);
    label->setTextFormat(Qt::RichText);
    label->setOpenExternalLinks(true);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setText(
        tr("<h2>Actionbench %1</h2>"
           "<p>A workbench for Zapier's embedded Action Runs: browse the catalog, fill an action's "
           "dynamic form, run it and keep every run.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later. "
           "<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">Read the license</a>.</p>"
           "<p>Built with Qt %2, running on Qt %3.</p>")
            .arg(core::applicationVersion().toHtmlEscaped(), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion())));
    label->setAccessibleName(tr("About Actionbench"));
    label->setAccessibleDescription(text());
    layout->addWidget(label);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::text() const
{
    return tr("Actionbench %1. GNU General Public License, version 3 or later. Built with Qt %2, "
              "running on Qt %3.")
        .arg(core::applicationVersion(), QStringLiteral(QT_VERSION_STR),
             QString::fromLatin1(qVersion()));
}

} // namespace ab::ui
