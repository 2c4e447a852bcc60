#include "web/connectview.h"

#include "web/connectbridge.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>
#include <QWebEngineDownloadRequest>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineSettings>
#include <QWebEngineUrlRequestInterceptor>
#include <QWebEngineView>

namespace ab::ui {

namespace {

Q_LOGGING_CATEGORY(lcView, "ab.connectview")

// Every request of every page, scripts and images included: the same rules as navigations,
// plus data: and blob: (which never leave the process) and WebSockets on allowed origins.
class RequestGuard final : public QWebEngineUrlRequestInterceptor {
public:
    RequestGuard(const ConnectRules *rules, QObject *parent)
        : QWebEngineUrlRequestInterceptor(parent)
        , m_rules(rules)
    {}

    void interceptRequest(QWebEngineUrlRequestInfo &info) override
    {
        QUrl url = info.requestUrl();
        const QString scheme = url.scheme();
        if (scheme == QLatin1String("data") || scheme == QLatin1String("blob"))
            return;
        if (scheme == QLatin1String("wss") || scheme == QLatin1String("ws"))
            url.setScheme(scheme == QLatin1String("wss") ? QStringLiteral("https")
                                                         : QStringLiteral("http"));
        if (!m_rules->mayLoadInside(url) || url.scheme() == QLatin1String("about")) {
            qCInfo(lcView).noquote() << "blocked a request to" << scheme << url.host();
            info.block(true);
        }
    }

private:
    const ConnectRules *m_rules;
};

// How long after a click or key press a navigation still counts as the user's.
constexpr qint64 userActivationMs = 1500;

QString clockText(qint64 seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ConnectView::ConnectView(const ConnectWindowSpec &spec, ConnectWindowListener *listener,
                         QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_spec(spec)
    , m_listener(listener)
    , m_rules{spec.session.url, spec.session.redirectUri}
    , m_profile(new QWebEngineProfile(this)) // no storage name: off the record
    , m_page(new LockedPage(&m_rules, m_profile, this))
    , m_view(new QWebEngineView(this))
    , m_bridge(new ConnectBridge(m_page, &m_rules))
    , m_title(new QLabel(this))
    , m_host(new QLabel(this))
    , m_timeLeft(new QLabel(this))
    , m_cancel(new QPushButton(this))
    , m_progress(new QProgressBar(this))
    , m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("connectWindow"));
    resize(980, 700); // the size Zapier's docs give for the Connect popup
    configureProfile();

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_host->setForegroundRole(QPalette::PlaceholderText);
    m_host->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setTextVisible(false);
    m_progress->setRange(0, 100);
    m_progress->setMaximumHeight(qMax(4, fontMetrics().height() / 4));
    QSizePolicy keep = m_progress->sizePolicy();
    keep.setRetainSizeWhenHidden(true); // a load must not make the page jump
    m_progress->setSizePolicy(keep);
    m_progress->hide();
    m_view->setObjectName(QStringLiteral("connectWebView"));
    m_view->setPage(m_page);

    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("connectHeader"));
    header->setBackgroundRole(QPalette::Base);
    header->setAutoFillBackground(true);
    auto *headerLayout = new QHBoxLayout(header);
    const int margin = style()->pixelMetric(QStyle::PM_LayoutLeftMargin);
    headerLayout->setContentsMargins(margin, margin / 2, margin, margin / 2);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_title);
    titles->addWidget(m_host);
    headerLayout->addLayout(titles, 1);
    headerLayout->addWidget(m_timeLeft);
    headerLayout->addSpacing(margin);
    headerLayout->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(m_progress);
    layout->addWidget(m_view, 1);
    setTabOrder(m_view, m_cancel);

    watch(m_page);
    connect(m_bridge, &ConnectBridge::message, this,
            [this](const connect::ConnectResult &result) { m_listener->connectResult(result); });
    connect(m_bridge, &ConnectBridge::refused, this,
            [this](ConnectRefusal what, const QUrl &url) { m_listener->refused(what, url); });
    connect(m_page, &QWebEnginePage::loadStarted, this, [this] {
        m_progress->setValue(0);
        m_progress->show();
    });
    connect(m_page, &QWebEnginePage::loadProgress, m_progress, &QProgressBar::setValue);
    connect(m_page, &QWebEnginePage::loadFinished, m_progress, &QWidget::hide);
    connect(m_page, &QWebEnginePage::urlChanged, this, &ConnectView::updateHost);
    connect(m_page, &QWebEnginePage::windowCloseRequested, this, &ConnectView::closeWhenPageIsDone);
    connect(m_cancel, &QPushButton::clicked, this, &QWidget::close);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &QWidget::close);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &ConnectView::tick);

    m_hostUrl = spec.session.url;
    updateColours();
    tick();
    retranslateUi();
}

void ConnectView::retranslateUi()
{
    const bool reconnect = !m_spec.session.reconnectId.isEmpty();
    const QString app = m_spec.appTitle.isEmpty() ? m_spec.session.app : m_spec.appTitle;
    setWindowTitle(reconnect ? tr("Reconnect %1").arg(app) : tr("Connect %1").arg(app));
    m_title->setText(reconnect && !m_spec.accountTitle.isEmpty()
                         ? tr("Reconnect %1").arg(m_spec.accountTitle)
                         : windowTitle());
    m_title->setAccessibleName(tr("Connecting"));
    m_title->setAccessibleDescription(m_title->text());
    m_host->setAccessibleName(tr("Page address"));
    m_timeLeft->setAccessibleName(tr("Time left on the connect token"));
    m_timeLeft->setToolTip(tr("The connect token lasts six minutes; the window closes when it "
                              "runs out and you can start again."));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel connecting"));
    m_cancel->setToolTip(tr("Close without connecting (Esc)"));
    m_progress->setAccessibleName(tr("Page loading"));
    m_view->setAccessibleName(tr("Connect page"));
    updateHost(m_hostUrl);
    if (m_spec.session.expiresAt > 0)
        updateTimeLeft(secondsLeft());
    for (const QPointer<QWidget> &popup : std::as_const(m_popups)) {
        auto *view = popup ? popup->findChild<QWebEngineView *>() : nullptr;
        if (!view)
            continue;
        view->setAccessibleName(tr("Sign-in page"));
        // Titled by its page once the page has a title; until then after this window.
        if (view->page()->title().isEmpty())
            popup->setWindowTitle(windowTitle());
    }
}

ConnectView::~ConnectView()
{
    // Pages first: a profile must outlive every page that uses it.
    for (const QPointer<QWidget> &popup : std::as_const(m_popups))
        delete popup.data();
    delete m_view;
    delete m_page;
    delete m_profile;
}

void ConnectView::configureProfile()
{
    m_profile->setHttpCacheType(QWebEngineProfile::MemoryHttpCache);
    m_profile->setPersistentCookiesPolicy(QWebEngineProfile::NoPersistentCookies);
    m_profile->setSpellCheckEnabled(false);
    m_profile->setUrlRequestInterceptor(new RequestGuard(&m_rules, m_profile));
    connect(m_profile, &QWebEngineProfile::downloadRequested, this,
            [this](QWebEngineDownloadRequest *download) {
                qCInfo(lcView) << "cancelled a download";
                download->cancel();
                m_listener->refused(ConnectRefusal::Download, download->url());
            });

    QWebEngineSettings *settings = m_profile->settings();
    using S = QWebEngineSettings;
    for (const S::WebAttribute off :
         {S::LocalContentCanAccessFileUrls, S::LocalContentCanAccessRemoteUrls,
          S::LocalStorageEnabled, S::PluginsEnabled, S::FullScreenSupportEnabled,
          S::ScreenCaptureEnabled, S::JavascriptCanAccessClipboard, S::JavascriptCanPaste,
          S::AllowRunningInsecureContent, S::AllowGeolocationOnInsecureOrigins,
          S::AllowWindowActivationFromJavaScript, S::HyperlinkAuditingEnabled,
          S::DnsPrefetchEnabled, S::PdfViewerEnabled, S::NavigateOnDropEnabled})
        settings->setAttribute(off, false);
    // OAuth providers open their sign-in in popups; createWindow keeps them locked down too.
    settings->setAttribute(S::JavascriptCanOpenWindows, true);
    settings->setAttribute(S::WebRTCPublicInterfacesOnly, true);
    settings->setUnknownUrlSchemePolicy(S::DisallowUnknownUrlSchemes);
}

void ConnectView::watch(QWebEnginePage *page)
{
    const auto userActive = [this] {
        return m_lastInput.isValid() && m_lastInput.elapsed() < userActivationMs;
    };
    if (auto *locked = qobject_cast<LockedPage *>(page)) {
        locked->setUserActivation(userActive);
        locked->setWindowFactory([this](LockedPage *opener, QWebEnginePage::WebWindowType type) {
            return createWindow(opener, type);
        });
        connect(locked, &LockedPage::redirectReached, this, [this](const QUrl &url) {
            m_listener->connectResult(connect::ConnectResult::fromRedirect(url));
        });
        connect(locked, &LockedPage::externalLinkRequested, this,
                [this](const QUrl &url) { m_listener->openExternally(url); });
        connect(locked, &LockedPage::refused, this,
                [this](ConnectRefusal what, const QUrl &url) { m_listener->refused(what, url); });
    } else if (auto *external = qobject_cast<ExternalLinkPage *>(page)) {
        external->setUserActivation(userActive);
        connect(external, &ExternalLinkPage::externalLinkRequested, this,
                [this](const QUrl &url) { m_listener->openExternally(url); });
        connect(external, &ExternalLinkPage::refused, this,
                [this](ConnectRefusal what, const QUrl &url) { m_listener->refused(what, url); });
    }
}

QWebEnginePage *ConnectView::createWindow(LockedPage *opener, QWebEnginePage::WebWindowType type)
{
    // A scripted popup (the OAuth provider's sign-in), or a new tab opened by Connect itself,
    // stays inside, in a child window of the same profile. A new tab from anywhere else (a help
    // link on the provider's page) is the user's business: the system browser.
    const bool partOfFlow =
        type == QWebEnginePage::WebDialog || m_rules.isConnectOrigin(opener->url());
    if (!partOfFlow) {
        auto *external = new ExternalLinkPage(m_profile, this);
        watch(external);
        return external;
    }
    auto *popup = new QWidget(this, Qt::Window);
    popup->setObjectName(QStringLiteral("connectPopup"));
    popup->setAttribute(Qt::WA_DeleteOnClose);
    popup->setWindowTitle(windowTitle());
    auto *layout = new QVBoxLayout(popup);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *page = new LockedPage(&m_rules, m_profile, popup);
    auto *view = new QWebEngineView(popup);
    view->setAccessibleName(tr("Sign-in page"));
    view->setPage(page);
    layout->addWidget(view);
    watch(page);
    connect(page, &QWebEnginePage::titleChanged, popup, &QWidget::setWindowTitle);
    connect(page, &QWebEnginePage::windowCloseRequested, popup, &QWidget::close);
    connect(page, &QWebEnginePage::geometryChangeRequested, popup,
            [popup](const QRect &geometry) { popup->resize(geometry.size()); });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), popup);
    connect(escape, &QShortcut::activated, popup, &QWidget::close);
    popup->resize(620, 700);
    popup->show();
    watchInput(view);
    m_popups.append(popup);
    return page;
}

void ConnectView::closeWhenPageIsDone()
{
    // Connect may post its message and close itself at once. A round trip through the page
    // lets a message already on its way arrive before "closed" is reported.
    const QPointer<ConnectView> self(this);
    m_page->runJavaScript(QStringLiteral("0"), QWebEngineScript::ApplicationWorld,
                          [self](const QVariant &) {
                              if (self)
                                  self->close();
                          });
}

bool ConnectView::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonRelease:
    case QEvent::KeyPress:
    case QEvent::TouchEnd:
        m_lastInput.start();
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void ConnectView::watchInput(QWebEngineView *view)
{
    // The web view's input goes to the child widget it renders into (its focus proxy), which
    // comes and goes with the page's renderer: watched again after every load.
    if (QWidget *proxy = view->focusProxy())
        proxy->installEventFilter(this);
    view->installEventFilter(this);
    if (!view->property("abInputWatched").toBool()) {
        view->setProperty("abInputWatched", true);
        connect(view, &QWebEngineView::loadFinished, this, [this, view] { watchInput(view); });
    }
}

void ConnectView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    watchInput(m_view);
    if (m_started)
        return;
    // The connect token is single use: it is spent only when the window is really shown.
    m_started = true;
    m_view->load(m_spec.session.url);
    m_view->setFocus();
    m_clock->start();
}

void ConnectView::closeEvent(QCloseEvent *event)
{
    event->accept();
    if (m_closed)
        return;
    m_closed = true;
    m_clock->stop();
    m_page->triggerAction(QWebEnginePage::Stop);
    for (const QPointer<QWidget> &popup : std::as_const(m_popups)) {
        if (popup)
            popup->close();
    }
    m_listener->connectClosed(m_timedOut);
}

qint64 ConnectView::secondsLeft() const
{
    return qMax<qint64>(0, m_spec.session.expiresAt - QDateTime::currentSecsSinceEpoch());
}

void ConnectView::updateTimeLeft(qint64 secondsLeft)
{
    //: Time left on the connect token; %1 is minutes:seconds, like 5:42.
    m_timeLeft->setText(tr("%1 left").arg(clockText(secondsLeft)));
    m_timeLeft->setAccessibleDescription(
        tr("%n second(s) left to finish connecting", nullptr, int(secondsLeft)));
}

void ConnectView::tick()
{
    if (m_spec.session.expiresAt <= 0) {
        m_timeLeft->hide();
        return;
    }
    const qint64 left = secondsLeft();
    updateTimeLeft(left);
    QFont font = m_timeLeft->font();
    font.setBold(left < 60); // the last minute stands out
    m_timeLeft->setFont(font);
    if (left == 0 && m_started && !m_closed) {
        qCInfo(lcView) << "the connect token ran out";
        m_timedOut = true;
        close();
    }
}

void ConnectView::updateHost(const QUrl &url)
{
    m_hostUrl = url;
    if (url.scheme() == QLatin1String("https")) {
        m_host->setText(url.host());
        m_host->setAccessibleDescription(tr("Secure page on %1").arg(url.host()));
    } else if (ConnectRules::isLoopback(url.host())) {
        m_host->setText(tr("%1 \u2014 the offline sandbox on this computer")
                            .arg(QStringLiteral("%1:%2").arg(url.host()).arg(url.port(80))));
        m_host->setAccessibleDescription(m_host->text());
    } else {
        m_host->setText(url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo));
        m_host->setAccessibleDescription(m_host->text());
    }
}

void ConnectView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateColours();
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ConnectView::updateColours()
{
    // Pages that set no background expect the web's white canvas, dark theme or not (their
    // text is black); the header around the page follows the system palette.
    m_page->setBackgroundColor(Qt::white);
}

} // namespace ab::ui
