#include "widgets/connectcontroller.h"

#include "connect/connectsession.h"
#include "models/connectionlistmodel.h"
#include "panes/connectionpicker.h"
#include "widgets/connectmessages.h"
#include "widgets/connectwindow.h"
#include "widgets/connectwindowloader.h"

#include <QDesktopServices>
#include <QLoggingCategory>

namespace ab::ui {

namespace {
Q_LOGGING_CATEGORY(lcController, "ab.ui.connect")
}

using Kind = ConnectMessageBar::Kind;

ConnectController::ConnectController(ConnectionPicker *picker, ConnectWindowLoader *loader,
                                     QWidget *windowParent, QObject *parent)
    : QObject(parent)
    , m_picker(picker)
    , m_loader(loader)
    , m_windowParent(windowParent)
    , m_openUrl([](const QUrl &url) { QDesktopServices::openUrl(url); })
{}

ConnectController::~ConnectController()
{
    delete m_window.data();
}

QUrl ConnectController::sandboxRedirectUri(const QUrl &sandboxBaseUrl)
{
    QUrl uri = sandboxBaseUrl;
    QString path = uri.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    uri.setPath(path + QStringLiteral("/connect/callback"));
    uri.setQuery(QString());
    return uri;
}

void ConnectController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

QSet<QString> ConnectController::listedIds() const
{
    QSet<QString> ids;
    const models::ConnectionListModel *model = m_picker->model();
    if (model->app().id != m_app.id)
        return ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids.insert(model->connection(row).id);
    return ids;
}

void ConnectController::start(const core::App &app, const QString &reconnectId)
{
    if (m_window) {
        m_window->raise(); // one Connect window at a time
        return;
    }
    const quint64 attempt = ++m_attempt;
    m_app = app;
    m_reconnectId = reconnectId;
    m_reconnectTitle.clear();
    const models::ConnectionListModel *model = m_picker->model();
    if (!reconnectId.isEmpty() && model->app().id == app.id) {
        const int row = model->rowOfConnection(reconnectId);
        if (row >= 0)
            m_reconnectTitle = model->connection(row).title;
    }
    m_before = listedIds();
    if (!m_tokens) {
        Q_EMIT message(Kind::Error, &ConnectMessages::notSignedIn);
        return;
    }
    // The plugin first: no token is spent when the window cannot open anyway.
    if (!m_loader->factory()) {
        Q_EMIT message(Kind::Error, [loader = QPointer<ConnectWindowLoader>(m_loader)] {
            return loader ? loader->errorString() : QString();
        });
        return;
    }
    setBusy(true);
    Q_EMIT message(Kind::Busy,
                   [title = app.title] { return ConnectMessages::gettingToken(title); });
    connect::ConnectRequest request;
    request.app = app.id;
    request.redirectUri = m_redirectUri;
    request.reconnectId = reconnectId;
    connect::prepareConnect(
        m_tokens, request, this,
        [this, attempt](const connect::TokenError &error, const connect::ConnectSession &session) {
            if (attempt != m_attempt)
                return;
            if (error.kind != connect::TokenErrorKind::None) {
                setBusy(false);
                qCWarning(lcController).noquote() << "no connect token:" << error.summary();
                // The account credentials failed: the bar offers Accounts besides Retry.
                Q_EMIT message(Kind::CredentialsError, [title = m_app.title, error] {
                    return ConnectMessages::tokenFailed(title, error);
                });
                return;
            }
            openWindow(session);
        });
}

void ConnectController::retry()
{
    if (!m_app.id.isEmpty())
        start(m_app, m_reconnectId);
}

void ConnectController::cancel()
{
    if (m_window)
        m_window->close();
}

void ConnectController::openWindow(const connect::ConnectSession &session)
{
    ConnectWindowSpec spec;
    spec.session = session;
    spec.appTitle = m_app.title;
    spec.accountTitle = m_reconnectTitle;
    m_window = new ConnectWindow(m_loader->factory(), spec, m_windowParent, this);
    connect(m_window, &ConnectWindow::finished, this, &ConnectController::onFinished);
    connect(m_window, &ConnectWindow::externalLinkRequested, this,
            [this](const QUrl &url) { m_openUrl(url); });
    Q_EMIT message(Kind::Busy,
                   [title = m_app.title] { return ConnectMessages::waitingForWindow(title); });
    Q_EMIT windowOpened(m_window);
    m_window->show();
}

void ConnectController::onFinished(const connect::ConnectResult &result)
{
    const bool timedOut = m_window && m_window->timedOut();
    if (m_window)
        m_window->deleteLater();
    m_window = nullptr;
    if (result.isError()) {
        setBusy(false);
        const connect::ConnectErrorInfo info = connect::explain(result);
        qCInfo(lcController).noquote()
            << "Connect failed:" << connect::connectProblemName(info.problem);
        Q_EMIT message(Kind::Error, [title = m_app.title, result] {
            return ConnectMessages::resultFailed(title, result);
        });
        return;
    }
    // Success names the connection; "closed" may still have made one: the list tells.
    const QString wanted = result.isSuccess() ? result.authenticationId : QString();
    Q_EMIT message(Kind::Busy, &ConnectMessages::listingConnections);
    relist([this, wanted, timedOut] { chooseAfterRelist(wanted, timedOut); });
}

void ConnectController::relist(std::function<void()> then)
{
    QObject::disconnect(m_waitLoaded);
    QObject::disconnect(m_waitFailed);
    if (m_picker->app().id != m_app.id) {
        then(); // the user moved on to another app: nothing to choose in the picker
        return;
    }
    models::ConnectionListModel *model = m_picker->model();
    const auto done = [this, then] {
        QObject::disconnect(m_waitLoaded);
        QObject::disconnect(m_waitFailed);
        then();
    };
    m_waitLoaded = connect(model, &models::ConnectionListModel::loaded, this, done);
    m_waitFailed = connect(model, &models::ConnectionListModel::failed, this, done);
    m_picker->reload();
}

void ConnectController::chooseAfterRelist(const QString &wanted, bool timedOut)
{
    setBusy(false);
    const models::ConnectionListModel *model = m_picker->model();
    const bool listed = model->app().id == m_app.id;
    QString id = wanted;
    if (id.isEmpty() && listed) {
        // Closed without a word: the reconnected connection if it is usable now, else the
        // first one that was not there before.
        const int row = m_reconnectId.isEmpty() ? -1 : model->rowOfConnection(m_reconnectId);
        if (row >= 0 && !model->connection(row).isExpired) {
            id = m_reconnectId;
        } else {
            for (int r = 0; r < model->rowCount() && id.isEmpty(); ++r) {
                if (!m_before.contains(model->connection(r).id))
                    id = model->connection(r).id;
            }
        }
    }
    const int row = listed && !id.isEmpty() ? model->rowOfConnection(id) : -1;
    const QString appTitle = m_app.title;
    if (row < 0) {
        if (timedOut) {
            Q_EMIT message(Kind::Error, [appTitle] { return ConnectMessages::timedOut(appTitle); });
        } else if (wanted.isEmpty()) {
            Q_EMIT message(Kind::Note, [appTitle] {
                return ConnectMessages::closedWithoutConnecting(appTitle);
            });
        } else { // connected, but listed elsewhere (another app chosen meanwhile)
            Q_EMIT message(Kind::Success, [wanted] { return ConnectMessages::connected(wanted); });
        }
        return;
    }
    const QString title = model->connection(row).title;
    const bool reconnected = m_before.contains(id);
    m_picker->selectConnection(id);
    Q_EMIT message(Kind::Success, [title, reconnected] {
        return reconnected ? ConnectMessages::reconnected(title)
                           : ConnectMessages::connected(title);
    });
    Q_EMIT connectionReady(id, reconnected);
}

} // namespace ab::ui
