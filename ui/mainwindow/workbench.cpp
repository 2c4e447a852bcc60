#include "mainwindow/workbench.h"

#include "api/jsontext.h"
#include "form/formsession.h"
#include "runs/historystore.h"
#include "runs/runservice.h"

#include <QTimer>
#include <QUrl>
#include <QUuid>

namespace ab::ui {

using namespace ab::core;

Workbench::Workbench(ZapierBackend *backend, runs::RunService *runs, runs::HistoryStore *store,
                     QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_runs(runs)
    , m_store(store)
    , m_session(new form::FormSession(backend, this))
    , m_draftTimer(new QTimer(this))
{
    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(1000);
    connect(m_draftTimer, &QTimer::timeout, this, &Workbench::saveDraft);
    connect(m_session, &form::FormSession::valueChanged, m_draftTimer, qOverload<>(&QTimer::start));
    // Values put in before the fields arrived (a restored run) are written once they are known.
    connect(m_session, &form::FormSession::fieldsChanged, m_draftTimer,
            qOverload<>(&QTimer::start));
    m_session->setJsonTextParser([](const QString &text) -> std::optional<QVariant> {
        QString error;
        const QVariant value = api::fromJsonText(text.toUtf8(), &error);
        if (!error.isEmpty())
            return std::nullopt;
        return value;
    });
}

Workbench::~Workbench() = default;

void Workbench::chooseAction(const App &app, const Action &action)
{
    stashDraft(app.id, action.key);
    const bool sameApp = app.id == m_app.id;
    m_app = app;
    m_action = action;
    if (!sameApp) {
        m_connection = Connection{};
        m_connectionKnown = !app.needsAuthentication;
    }
    Q_EMIT formTargetChanged();
    startFormIfReady();
}

void Workbench::chooseConnection(const Connection &connection)
{
    if (!connection.appId.isEmpty() && connection.appId != m_app.id)
        return; // a late answer for the previous app
    const bool changed = !m_connectionKnown || connection.id != m_connection.id;
    m_connection = connection;
    m_connectionKnown = true;
    if (!changed)
        return;
    Q_EMIT formTargetChanged();
    if (m_session->actionKey() == m_action.key && m_session->isLoaded())
        m_session->setConnection(connection.id); // keeps the values, refetches the form
    else
        startFormIfReady();
}

void Workbench::clear()
{
    m_app = App{};
    m_action = Action{};
    m_connection = Connection{};
    m_connectionKnown = false;
    saveDraft(); // under the server left, which keeps it for when it is chosen again
    m_pendingRestore.reset();
    m_drafts.clear(); // their ids belong to the server left
    m_formAppId.clear();
    Q_EMIT formTargetChanged();
}

QString Workbench::draftKey(const QString &appId, const QString &actionKey)
{
    return appId + QChar(0) + actionKey;
}

Workbench::Draft Workbench::currentDraft() const
{
    return Draft{m_formAppId, m_session->actionKey(), m_session->values(),
                 m_session->valueLabels()};
}

void Workbench::saveDraft()
{
    m_draftTimer->stop();
    // Until the fields are known, which values are passwords is not: nothing is written (the
    // values stay in memory, and fieldsChanged starts the timer again).
    if (!m_store || m_session->actionKey().isEmpty() || m_formAppId.isEmpty() ||
        !m_session->isLoaded())
        return;
    // A password is the user's to type again: it stays in memory only.
    Draft draft = currentDraft();
    for (const QString &secret : m_session->secretInputs()) {
        draft.inputs.remove(secret);
        draft.labels.remove(secret);
    }
    m_store->saveFormDraft(m_environment, draft);
}

void Workbench::stashDraft(const QString &nextAppId, const QString &nextActionKey)
{
    // The form's values, kept for when its action is chosen again in this session, and in the
    // history file for the next one.
    const QString actionKey = m_session->actionKey();
    if (actionKey.isEmpty() || (m_formAppId == nextAppId && actionKey == nextActionKey))
        return;
    saveDraft();
    const QString key = draftKey(m_formAppId, actionKey);
    if (m_session->values().isEmpty())
        m_drafts.remove(key);
    else
        m_drafts.insert(key, currentDraft());
}

void Workbench::startFormIfReady()
{
    if (m_action.key.isEmpty() || !m_connectionKnown)
        return;
    // A restored run's values go in after start(), which drops another action's values; the
    // form is fetched once, with them. A restore aimed at another action is dropped.
    // Otherwise another action's form comes back as it was left.
    std::optional<Draft> restored = std::exchange(m_pendingRestore, std::nullopt);
    if (restored && (restored->appId != m_app.id || restored->actionKey != m_action.key))
        restored.reset();
    const bool fromRun = restored.has_value();
    const bool otherForm = m_formAppId != m_app.id || m_session->actionKey() != m_action.key;
    // The values this form was left with (in this session, or a past one's).
    std::optional<Draft> kept;
    const auto left = m_drafts.constFind(draftKey(m_app.id, m_action.key));
    if (otherForm && left != m_drafts.cend()) {
        kept = *left;
        m_drafts.erase(left);
    } else if (otherForm && m_store) {
        kept = m_store->formDraft(m_environment, m_app.id, m_action.key);
    }
    if (!restored)
        restored = kept;
    // start() keeps the values of an action with the same key (another app's, or this one's on
    // the server left): this form has none of its own, so it starts empty.
    if (otherForm && !restored && m_session->actionKey() == m_action.key &&
        !m_session->values().isEmpty())
        restored = Draft{m_app.id, m_action.key, {}, {}};
    m_formAppId = m_app.id;
    m_session->start(m_action.key, m_action.id, m_connection.id);
    if (restored)
        m_session->restore(restored->inputs, restored->labels);
    if (fromRun && kept && !kept->inputs.isEmpty() && kept->inputs != restored->inputs)
        Q_EMIT valuesReplaced(kept->inputs, kept->labels);
}

qint64 Workbench::run()
{
    if (!hasAction())
        return 0;
    runs::RunRequest request;
    request.environment = m_environment;
    request.appId = m_app.id;
    request.appTitle = m_app.title;
    request.actionKey = m_action.key;
    request.actionTitle = m_action.title;
    request.actionType = m_action.actionType == ActionType::Unknown
                             ? m_action.actionTypeRaw
                             : actionTypeToString(m_action.actionType);
    request.connectionId = m_connection.id;
    request.connectionTitle = m_connection.title;
    request.inputs = m_session->inputs();
    const QMap<QString, QString> labels = m_session->valueLabels();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        request.inputLabels.insert(it.key(), it.value());
    request.fieldsJson = api::encodeFieldTree(m_session->fields());
    request.secretInputs = m_session->secretInputs();
    const qint64 id = m_runs->startRun(request);
    if (id > 0)
        Q_EMIT runStarted(id);
    return id;
}

StoredAction Workbench::storedActionDraft(const QString &selectedApi) const
{
    StoredAction action;
    action.connectionId = m_connection.id;
    action.selectedApi = selectedApi;
    action.actionKey = m_action.key;
    action.actionType =
        (m_action.actionType == ActionType::Unknown ? m_action.actionTypeRaw
                                                    : actionTypeToString(m_action.actionType))
            .toLower();
    action.inputs = m_session->inputs();
    return action;
}

StoredActionNames Workbench::storedActionNames() const
{
    return StoredActionNames{m_app.id,
                             m_app.title,
                             m_action.title,
                             m_connection.title,
                             m_session->inputTitles(),
                             m_session->secretInputs(),
                             m_session->valueLabels()};
}

QString Workbench::guessSelectedApi(const App &app)
{
    // Zapier's connect links read https://zapier.com/engine/auth/start/<Implementation@version>?...
    // Connect UI links (connect.zapier.com/to/<app>, the sandbox's <base>/connect/to/<app>) name
    // the app by its implementation key too, or by its uuid, which is no key.
    const QString path = QUrl(app.connectUrl).path();
    for (const QLatin1String marker : {QLatin1String("/auth/start/"), QLatin1String("/to/")}) {
        const qsizetype at = path.indexOf(marker);
        if (at < 0)
            continue;
        const QString key = path.mid(at + marker.size()).section(QLatin1Char('/'), 0, 0);
        if (!key.isEmpty() && QUuid::fromString(key).isNull())
            return key;
    }
    return app.id; // the sandbox accepts app ids; a real server needs the user to say
}

Workbench::PastRun Workbench::rerun(qint64 runId, QString *runEnvironment)
{
    const std::optional<runs::RunRecord> record =
        m_store->load(runId, runs::HistoryStore::Detail::RunOnly);
    if (!record)
        return PastRun::NoAction;
    if (runEnvironment)
        *runEnvironment = record->environment;
    if (!record->environment.isEmpty() && record->environment != m_environment)
        return PastRun::OtherServer;
    const qint64 id = m_runs->rerun(runId);
    if (id > 0)
        Q_EMIT runStarted(id);
    return PastRun::Done;
}

Workbench::PastRun Workbench::restore(qint64 runId, QString *runEnvironment)
{
    const std::optional<runs::RunRecord> record = m_store->load(runId);
    if (!record || record->actionKey.isEmpty())
        return PastRun::NoAction;
    if (runEnvironment)
        *runEnvironment = record->environment;
    if (record->kind == runs::RunKind::Stored)
        return PastRun::StoredRun;
    if (record->appId.isEmpty())
        return PastRun::NoAction;
    if (!record->environment.isEmpty() && record->environment != m_environment)
        return PastRun::OtherServer;
    QMap<QString, QString> labels;
    for (auto it = record->inputLabels.begin(); it != record->inputLabels.end(); ++it)
        labels.insert(it.key(), it.value().toString());
    if (record->appId == m_app.id && record->actionKey == m_action.key) {
        const QVariantMap previous = m_session->values();
        const QMap<QString, QString> previousLabels = m_session->valueLabels();
        m_session->restore(record->inputs, labels);
        if (!previous.isEmpty() && previous != record->inputs)
            Q_EMIT valuesReplaced(previous, previousLabels);
        if (!record->connectionId.isEmpty() && record->connectionId != m_connection.id)
            Q_EMIT restoreTargetNeeded(record->appId, record->actionKey, record->connectionId);
        return PastRun::Done;
    }
    // Another action: its values wait for its form to start (startFormIfReady()).
    m_pendingRestore = Draft{record->appId, record->actionKey, record->inputs, labels};
    Q_EMIT restoreTargetNeeded(record->appId, record->actionKey, record->connectionId);
    return PastRun::Done;
}

} // namespace ab::ui
