#include "web/connectbridge.h"

#include <QFile>
#include <QLoggingCategory>
#include <QWebChannel>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>

namespace ab::ui {

namespace {

Q_LOGGING_CATEGORY(lcBridge, "ab.connectview.bridge")

// In the page's world: window.opener for Connect UI. The message crosses to the isolated world
// as a string in a DOM event (objects do not cross worlds); only the three documented fields.
const char openerShim[] = R"JS(
(function () {
  var shim = {
    closed: false,
    postMessage: function (data) {
      var m = data || {};
      var error = m.error;
      if (error !== undefined && error !== null && typeof error !== 'string')
        error = JSON.stringify(error);
      var detail = JSON.stringify({
        type: String(m.type || ''),
        authId: m.authId === undefined || m.authId === null ? '' : String(m.authId),
        error: error === undefined || error === null ? '' : error
      });
      window.dispatchEvent(new CustomEvent('actionbench-connect-message', { detail: detail }));
    }
  };
  try {
    Object.defineProperty(window, 'opener', { get: function () { return shim; } });
  } catch (e) {}
})();
)JS";

// In the isolated world, after qwebchannel.js: forwards messages to the bridge, keeping any
// that arrive before the channel is up.
const char bridgeScript[] = R"JS(
(function () {
  var bridge = null;
  var pending = [];
  function send(m) { bridge.result(m.type, m.authId, m.error); }
  new QWebChannel(qt.webChannelTransport, function (channel) {
    bridge = channel.objects.actionbenchConnect;
    pending.forEach(send);
    pending = [];
  });
  window.addEventListener('actionbench-connect-message', function (event) {
    var m;
    try { m = JSON.parse(event.detail); } catch (e) { return; }
    if (bridge) send(m); else pending.push(m);
  });
})();
)JS";

QWebEngineScript script(const QString &name, const QString &source, quint32 world)
{
    QWebEngineScript s;
    s.setName(name);
    s.setSourceCode(source);
    s.setInjectionPoint(QWebEngineScript::DocumentCreation);
    s.setWorldId(world);
    s.setRunsOnSubFrames(false); // frames of other origins get no opener
    return s;
}

} // namespace

ConnectBridge::ConnectBridge(LockedPage *page, const ConnectRules *rules)
    : QObject(page)
    , m_page(page)
    , m_rules(rules)
    , m_channel(new QWebChannel(this))
{
    setObjectName(QStringLiteral("connectBridge"));
    m_channel->registerObject(QStringLiteral("actionbenchConnect"), this);
    m_page->setWebChannel(m_channel, QWebEngineScript::ApplicationWorld);

    QFile channelJs(QStringLiteral(":/qtwebchannel/qwebchannel.js"));
    const bool read = channelJs.open(QIODevice::ReadOnly);
    if (!read)
        qCWarning(lcBridge) << "qwebchannel.js is missing: Connect messages cannot arrive";
    const QString world = QString::fromUtf8(read ? channelJs.readAll() : QByteArray());
    m_page->scripts().insert(script(QStringLiteral("actionbench-opener"),
                                    QString::fromUtf8(openerShim), QWebEngineScript::MainWorld));
    m_page->scripts().insert(script(QStringLiteral("actionbench-bridge"),
                                    world + QString::fromUtf8(bridgeScript),
                                    QWebEngineScript::ApplicationWorld));
}

void ConnectBridge::result(const QString &type, const QString &authId, const QString &error)
{
    // The sender is whatever document is in the main frame now; only Connect may answer.
    const QUrl from = m_page->url();
    if (!m_rules->isConnectOrigin(from)) {
        qCWarning(lcBridge).noquote() << "ignored a Connect message from" << from.host();
        Q_EMIT refused(ConnectRefusal::Message, from);
        return;
    }
    const connect::ConnectResult parsed =
        connect::ConnectResult::fromPopupMessage(type, authId, error);
    if (parsed.kind == connect::ConnectResult::Kind::None)
        return; // another message type: not ours to read
    Q_EMIT message(parsed);
}

} // namespace ab::ui
