#include "panes/connectionpicker.h"

#include "models/connectionlistmodel.h"
#include "panes/catalogmessages.h"
#include "panes/catalogstatusline.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace ab::ui {

namespace {

// Marks expired connections inside the combo's list: a warning icon and a word, so the mark
// does not depend on colour alone. The word is translated when asked for; the source model's
// retranslate() has the combo ask again.
class ExpiredMarks final : public QIdentityProxyModel {
public:
    // `styleSource` gives the warning icon, fetched when an expired connection is first shown:
    // the style finds it through the icon theme, whose first lookup reads the theme's whole
    // index (over 10 ms under X at start-up).
    ExpiredMarks(const QWidget *styleSource, QObject *parent)
        : QIdentityProxyModel(parent)
        , m_styleSource(styleSource)
    {}

    QVariant data(const QModelIndex &index, int role) const override
    {
        const bool expired =
            QIdentityProxyModel::data(index, models::ConnectionListModel::ExpiredRole).toBool();
        if (expired && role == Qt::DecorationRole) {
            if (m_warning.isNull())
                m_warning = m_styleSource->style()->standardIcon(QStyle::SP_MessageBoxWarning,
                                                                 nullptr, m_styleSource);
            return m_warning;
        }
        if (expired && (role == Qt::DisplayRole || role == Qt::AccessibleTextRole))
            //: A connection in the list of connected accounts; %1 is its name.
            return ConnectionPicker::tr("%1 \u2014 expired")
                .arg(QIdentityProxyModel::data(index, Qt::DisplayRole).toString());
        return QIdentityProxyModel::data(index, role);
    }

private:
    const QWidget *m_styleSource;
    mutable QIcon m_warning;
};

QColor blend(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() * (1 - amountOfB) + b.redF() * amountOfB,
                            a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB,
                            a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB);
}

} // namespace

ConnectionPicker::ConnectionPicker(core::ZapierBackend *backend, QWidget *parent)
    : QWidget(parent)
    , m_model(new models::ConnectionListModel(backend, this))
    , m_label(new QLabel(this))
    , m_combo(new QComboBox(this))
    , m_badge(new QLabel(this))
    , m_message(new QLabel(this))
    , m_status(new CatalogStatusLine(this))
    , m_actionSlot(new QHBoxLayout)
    , m_connect(new QPushButton(this))
    , m_reconnect(new QPushButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label->setBuddy(m_combo);
    auto *marks = new ExpiredMarks(this, this);
    marks->setSourceModel(m_model);
    m_combo->setModel(marks);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(24);
    m_badge->setAutoFillBackground(true);
    const int padding = fontMetrics().height() / 4;
    m_badge->setContentsMargins(padding * 2, padding, padding * 2, padding);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->setWordWrap(false);
    updateBadgeColours();
    // As tall with a note as with the combo: switching apps must not make the form jump.
    setMinimumHeight(m_combo->sizeHint().height());

    layout->addWidget(m_label);
    layout->addWidget(m_combo);
    layout->addWidget(m_badge);
    layout->addWidget(m_message);
    layout->addWidget(m_status, 1);
    layout->addStretch(0);
    // "Reconnect" and "Connect account…" (issue 4) at the right.
    layout->addLayout(m_actionSlot);
    m_actionSlot->addWidget(m_reconnect);
    m_actionSlot->addWidget(m_connect);
    connect(m_connect, &QPushButton::clicked, this,
            [this] { Q_EMIT connectRequested(m_model->app(), QString()); });
    connect(m_reconnect, &QPushButton::clicked, this,
            [this] { Q_EMIT connectRequested(m_model->app(), currentConnection().id); });

    connect(m_model, &models::ConnectionListModel::loadingChanged, this,
            &ConnectionPicker::updateState);
    connect(m_model, &models::ConnectionListModel::failed, this, &ConnectionPicker::updateState);
    connect(m_model, &models::ConnectionListModel::loaded, this, &ConnectionPicker::onLoaded);
    connect(m_status, &CatalogStatusLine::retryRequested, m_model,
            &models::ConnectionListModel::reload);
    connect(m_combo, &QComboBox::currentIndexChanged, this,
            &ConnectionPicker::onCurrentIndexChanged);
    retranslateUi();
}

ConnectionPicker::~ConnectionPicker() = default;

void ConnectionPicker::retranslateUi()
{
    m_label->setText(tr("C&onnection:"));
    m_combo->setAccessibleName(tr("Connection"));
    m_badge->setText(tr("Expired \u2014 reconnect"));
    m_badge->setAccessibleName(tr("Connection expired"));
    m_badge->setToolTip(tr("Zapier reports this connection as expired: runs with it will fail "
                           "until it is reconnected."));
    m_badge->setAccessibleDescription(m_badge->toolTip());
    m_message->setAccessibleName(tr("Connection note"));
    m_status->setSubject(tr("Connections status"));
    m_connect->setText(tr("Conn&ect account\u2026"));
    m_connect->setAccessibleName(tr("Connect an account"));
    m_connect->setToolTip(tr("Sign in to the app through Zapier's Connect page"));
    m_reconnect->setText(tr("Reco&nnect"));
    m_reconnect->setAccessibleName(tr("Reconnect the expired connection"));
    m_reconnect->setToolTip(tr("Sign in again so this connection can run actions"));
    m_model->retranslate(); // the combo's "— expired" marks and tooltips, through the proxy
    updateState();
    updateComboToolTip();
}

void ConnectionPicker::setApp(const core::App &app)
{
    m_pendingId.clear();
    m_model->setApp(app);
    updateState();
    onCurrentIndexChanged();
}

const core::App &ConnectionPicker::app() const
{
    return m_model->app();
}

core::Connection ConnectionPicker::currentConnection() const
{
    const int row = m_combo->currentIndex();
    if (row < 0 || row >= m_model->rowCount())
        return {};
    return m_model->connection(row);
}

QString ConnectionPicker::messageText() const
{
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

bool ConnectionPicker::isExpiredBadgeShown() const
{
    return m_badge->isVisibleTo(this);
}

void ConnectionPicker::selectConnection(const QString &id)
{
    const int row = m_model->rowOfConnection(id);
    if (row >= 0) {
        m_pendingId.clear();
        m_combo->setCurrentIndex(row);
    } else if (m_model->loading() || !m_model->isLoaded()) {
        m_pendingId = id;
    }
}

void ConnectionPicker::reload()
{
    const QString keep = currentConnection().id;
    m_model->reload();
    m_pendingId = keep;
    updateState();
    onCurrentIndexChanged();
}

void ConnectionPicker::onLoaded()
{
    int row = m_pendingId.isEmpty() ? -1 : m_model->rowOfConnection(m_pendingId);
    m_pendingId.clear();
    if (row < 0)
        row = m_model->firstUsableRow();
    // Only expired ones: still choose one, so the badge tells the user what to do.
    if (row < 0 && m_model->rowCount() > 0)
        row = 0;
    m_combo->setCurrentIndex(row);
    updateState();
    onCurrentIndexChanged();
}

void ConnectionPicker::updateState()
{
    const core::App &app = m_model->app();
    const bool listed = m_model->isLoaded() && m_model->rowCount() > 0;
    QString message;
    // The picker serves the form's action, so it has no app until an action is chosen: "choose
    // an app" would be wrong once the catalog has one selected.
    if (app.id.isEmpty())
        message = tr("Choose an app and an action first.");
    else if (!app.needsAuthentication)
        message = tr("This app needs no connection.");
    else if (m_model->isLoaded() && m_model->rowCount() == 0)
        message = tr("No connected accounts for %1 yet.").arg(app.title);

    if (m_model->loading())
        m_status->showBusy(tr("Loading connections\u2026"));
    else if (const auto error = m_model->lastError())
        m_status->showError(CatalogMessages::connectionsFailed(*error));
    else
        m_status->clear();

    m_combo->setVisible(listed);
    m_message->setText(message);
    m_message->setAccessibleDescription(message);
    m_message->setVisible(!message.isEmpty());
    m_badge->setVisible(listed && currentConnection().isExpired);
    updateConnectButtons();
}

void ConnectionPicker::onCurrentIndexChanged()
{
    const core::Connection connection = currentConnection();
    // QComboBox picks row 0 by itself as rows arrive; onLoaded() chooses properly right after.
    if (m_model->loading() && !connection.id.isEmpty())
        return;
    m_badge->setVisible(m_combo->isVisibleTo(this) && connection.isExpired);
    updateConnectButtons();
    updateComboToolTip();
    if (m_emittedOnce && connection.id == m_emittedId)
        return;
    m_emittedOnce = true;
    m_emittedId = connection.id;
    Q_EMIT connectionChanged(connection);
}

void ConnectionPicker::updateComboToolTip()
{
    const core::Connection connection = currentConnection();
    m_combo->setToolTip(
        connection.isExpired
            ? tr("%1 has expired: reconnect it before running.").arg(connection.title)
            : connection.title);
}

void ConnectionPicker::updateConnectButtons()
{
    const core::App &app = m_model->app();
    const bool canConnect = !app.id.isEmpty() && app.needsAuthentication;
    m_connect->setVisible(canConnect);
    m_reconnect->setVisible(canConnect && currentConnection().isExpired);
}

void ConnectionPicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateBadgeColours();
    else if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ConnectionPicker::updateBadgeColours()
{
    // A warm tint over the window colour, derived from the palette, so the badge keeps its
    // contrast in light and dark themes alike.
    QPalette badge = palette();
    const QColor window = palette().color(QPalette::Window);
    const QColor warning =
        window.lightnessF() < 0.5 ? QColor(0xff, 0xa0, 0x30) : QColor(0xe0, 0x80, 0x00);
    badge.setColor(QPalette::Window, blend(window, warning, 0.3));
    badge.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    const QSignalBlocker blocker(this);
    m_badge->setPalette(badge);
}

} // namespace ab::ui
