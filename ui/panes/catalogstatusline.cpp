#include "panes/catalogstatusline.h"

#include "widgets/wraplabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>

namespace ab::ui {

QLabel *createCatalogPlaceholder(QWidget *parent)
{
    auto *label = new WrapLabel(parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setFrameShape(QFrame::StyledPanel);
    label->setBackgroundRole(QPalette::Base);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setAutoFillBackground(true);
    label->setMargin(label->fontMetrics().height());
    return label;
}

CatalogStatusLine::CatalogStatusLine(QWidget *parent)
    : QWidget(parent)
    , m_busy(new QProgressBar(this))
    , m_icon(new QLabel(this))
    , m_text(new WrapLabel(this))
    , m_retry(new QPushButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // An indeterminate bar as wide as a word: motion says "busy" without taking the line.
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 5);
    m_busy->setMaximumHeight(fontMetrics().height() / 2 + 2);
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    layout->addWidget(m_busy, 0, Qt::AlignVCenter);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry, 0, Qt::AlignTop);
    connect(m_retry, &QPushButton::clicked, this, &CatalogStatusLine::retryRequested);
    clear();
    retranslateUi();
}

void CatalogStatusLine::retranslateUi()
{
    m_busy->setAccessibleName(tr("Busy"));
    m_retry->setText(tr("Retry"));
    m_retry->setAccessibleName(tr("Retry"));
}

void CatalogStatusLine::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CatalogStatusLine::setSubject(const QString &subject)
{
    setAccessibleName(subject);
    m_text->setAccessibleName(subject);
    m_retry->setAccessibleDescription(subject);
}

void CatalogStatusLine::showBusy(const QString &text)
{
    show(State::Busy, text);
}

void CatalogStatusLine::showError(const QString &text)
{
    show(State::Error, text);
}

void CatalogStatusLine::showNote(const QString &text)
{
    show(State::Note, text);
}

void CatalogStatusLine::clear()
{
    show(State::Idle, QString());
}

QString CatalogStatusLine::text() const
{
    return m_text->text();
}

void CatalogStatusLine::show(State state, const QString &text)
{
    m_state = state;
    m_text->setText(text);
    // Screen readers read the description of a live status line.
    m_text->setAccessibleName(accessibleName());
    m_text->setAccessibleDescription(text);
    setAccessibleDescription(text);
    m_busy->setVisible(state == State::Busy);
    // The warning icon is fetched when first needed: the style finds it through the icon theme,
    // whose first lookup reads the theme's whole index (over 10 ms under X at start-up).
    if (state == State::Error && m_icon->pixmap().isNull()) {
        const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        m_icon->setPixmap(style()
                              ->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                              .pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    }
    m_icon->setVisible(state == State::Error);
    m_retry->setVisible(state == State::Error);
    setVisible(state != State::Idle);
}

} // namespace ab::ui
