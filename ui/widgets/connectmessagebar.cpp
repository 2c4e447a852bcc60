#include "widgets/connectmessagebar.h"

#include "widgets/wraplabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace ab::ui {

namespace {

QColor blend(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() * (1 - amountOfB) + b.redF() * amountOfB,
                            a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB,
                            a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB);
}

} // namespace

ConnectMessageBar::ConnectMessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_text(new WrapLabel(this))
    , m_retry(new QPushButton(this))
    , m_accounts(new QPushButton(this))
    , m_dismiss(new QToolButton(this))
{
    setObjectName(QStringLiteral("connectMessageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    const int margin = fontMetrics().height() / 3;
    layout->setContentsMargins(margin * 2, margin, margin, margin);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setFixedSize(iconSize, iconSize);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedWidth(fontMetrics().averageCharWidth() * 8);
    m_busy->setMaximumHeight(fontMetrics().height() / 2);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dismiss->setAutoRaise(true);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_busy, 0, Qt::AlignVCenter);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_accounts, 0, Qt::AlignVCenter);
    layout->addWidget(m_retry, 0, Qt::AlignVCenter);
    layout->addWidget(m_dismiss, 0, Qt::AlignTop);

    connect(m_retry, &QPushButton::clicked, this, &ConnectMessageBar::retryRequested);
    connect(m_accounts, &QPushButton::clicked, this, &ConnectMessageBar::accountsRequested);
    connect(m_dismiss, &QToolButton::clicked, this, &ConnectMessageBar::clear);
    clear();
    retranslateUi();
}

void ConnectMessageBar::retranslateUi()
{
    setAccessibleName(tr("Connecting accounts"));
    m_busy->setAccessibleName(tr("Working"));
    m_text->setAccessibleName(tr("Connecting status"));
    m_retry->setText(tr("&Retry"));
    m_retry->setAccessibleName(tr("Retry connecting"));
    m_accounts->setText(tr("Accou&nts…"));
    m_accounts->setAccessibleName(tr("Open the account settings"));
    m_dismiss->setToolTip(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss the message"));
    updateText();
}

void ConnectMessageBar::updateText()
{
    const QString text = m_message ? m_message() : QString();
    m_text->setText(text);
    m_text->setAccessibleDescription(text);
}

QString ConnectMessageBar::text() const
{
    return m_kind == Kind::None ? QString() : m_text->text();
}

void ConnectMessageBar::showMessage(Kind kind, const Text &text)
{
    m_kind = kind;
    m_message = text;
    setVisible(kind != Kind::None);
    updateText();
    m_busy->setVisible(kind == Kind::Busy);
    m_icon->setVisible(kind != Kind::Busy);
    const bool error = kind == Kind::Error || kind == Kind::CredentialsError;
    m_retry->setVisible(error);
    m_accounts->setVisible(kind == Kind::CredentialsError);
    m_dismiss->setVisible(kind != Kind::Busy);
    // Icons only for a message that shows them: the style finds them through the icon theme,
    // whose first lookup reads the theme's whole index (over 10 ms under X), and the bar is
    // built empty at start-up.
    if (kind != Kind::None && kind != Kind::Busy) {
        const QStyle::StandardPixmap icon =
            error ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation;
        m_icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(m_icon->size()));
        if (m_dismiss->icon().isNull())
            m_dismiss->setIcon(
                style()->standardIcon(QStyle::SP_TitleBarCloseButton, nullptr, this));
    }
    updateColours();
}

void ConnectMessageBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !m_updatingColours)
        updateColours();
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void ConnectMessageBar::updateColours()
{
    // A tint of the window colour: warm for errors, the highlight for the rest, so the bar
    // keeps its contrast in light and dark palettes.
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    const QColor window = base.color(QPalette::Window);
    const bool dark = window.lightnessF() < 0.5;
    const bool error = m_kind == Kind::Error || m_kind == Kind::CredentialsError;
    const QColor tint = error ? (dark ? QColor(0xff, 0xa0, 0x30) : QColor(0xe0, 0x80, 0x00))
                              : base.color(QPalette::Highlight);
    QPalette own = base;
    own.setColor(QPalette::Window, blend(window, tint, error ? 0.25 : 0.15));
    m_updatingColours = true; // setPalette() comes back here as a PaletteChange
    setPalette(own);
    m_updatingColours = false;
}

} // namespace ab::ui
