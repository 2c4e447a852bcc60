#include "form/formsession.h"

#include "form/fieldgraph.h"
#include "form/formlogging.h"
#include "form/formvalidator.h"
#include "form/valuecoercion.h"

#include <QMetaObject>

namespace ab::form {

using core::ApiError;
using core::ApiResult;
using core::Choice;
using core::ChoicePage;
using core::FieldNode;

namespace {

// A server whose choices always claim a next page must not keep the CLI paging forever.
constexpr int kMaxChoicePages = 100;

// Asked for choices or outputs before start(): answered like a failed call, so a CLI waiting on
// the reply is never left hanging.
ApiError notStarted()
{
    ApiError error;
    error.kind = core::ErrorKind::BadRequest;
    error.code = QStringLiteral("form_not_started");
    error.detail = QStringLiteral("FormSession::start() was not called");
    return error;
}

bool sameValue(const QVariant &a, const QVariant &b)
{
    return a.metaType() == b.metaType() && a == b;
}

} // namespace

// One loadAllChoices() or resolveChoice(): pages under whatever key the field has when each
// page is asked for, so a depended-on value changing midway restarts from the cache of the new
// key instead of mixing the choices of two spreadsheets.
struct FormSession::PagingJob {
    QString fieldId;
    QString text; // resolveChoice only
    bool resolving = false;
    ResolveCallback done;
    int pagesFetched = 0;
};

FormSession::FormSession(core::ZapierBackend *backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
{
    Q_ASSERT(m_backend);
    m_refetchTimer.setSingleShot(true);
    m_refetchTimer.setInterval(m_debounceMs);
    connect(&m_refetchTimer, &QTimer::timeout, this, &FormSession::sendInputs);
}

FormSession::~FormSession() = default;

void FormSession::start(const QString &actionKey, const QString &actionId,
                        const QString &connectionId)
{
    // Values set before the first start() (a restore) are meant for this action.
    if (!m_actionKey.isEmpty() && actionKey != m_actionKey && !m_values.isEmpty()) {
        const QStringList cleared = m_values.keys();
        m_values.clear();
        m_labels.clear();
        for (const QString &id : cleared)
            Q_EMIT valueChanged(id);
    }
    m_actionKey = actionKey;
    m_actionId = actionId;
    m_connectionId = connectionId;
    m_fields.clear();
    m_loaded = false;
    scheduleRefetch();
}

void FormSession::setActionId(const QString &actionId)
{
    m_actionId = actionId;
}

void FormSession::setConnection(const QString &connectionId)
{
    if (connectionId == m_connectionId)
        return;
    m_connectionId = connectionId;
    // The cache key holds the connection, so nothing stale could be served; this only frees it.
    m_choiceCache.clear();
    scheduleRefetch();
}

const FieldNode *FormSession::field(const QString &fieldId) const
{
    return core::findInput(m_fields, fieldId);
}

QMap<QString, QString> FormSession::inputTitles() const
{
    QMap<QString, QString> titles;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        const FieldNode *node = field(it.key());
        if (node && !node->title.isEmpty())
            titles.insert(it.key(), node->title);
    }
    return titles;
}

QStringList FormSession::blockedBy(const QString &fieldId) const
{
    return blockingFields(m_fields, m_values, fieldId);
}

void FormSession::setValue(const QString &fieldId, const QVariant &value, const QString &label)
{
    if (fieldId.isEmpty())
        return;
    const bool empty = isEmptyValue(value);
    const bool had = m_values.contains(fieldId);
    if (empty ? !had : (had && sameValue(m_values.value(fieldId), value))) {
        // Same value: only a new label (a choice page arrived later) is worth telling.
        if (!empty && label != m_labels.value(fieldId)) {
            if (label.isEmpty())
                m_labels.remove(fieldId);
            else
                m_labels.insert(fieldId, label);
            Q_EMIT valueChanged(fieldId);
        }
        return;
    }

    if (empty) {
        m_values.remove(fieldId);
        m_labels.remove(fieldId);
    } else {
        m_values.insert(fieldId, value);
        if (label.isEmpty())
            m_labels.remove(fieldId);
        else
            m_labels.insert(fieldId, label);
    }
    Q_EMIT valueChanged(fieldId);

    const QStringList cleared = clearDependantsOf(fieldId);
    if (!cleared.isEmpty())
        Q_EMIT valuesCleared(cleared);

    const FieldNode *changed = field(fieldId);
    if ((changed && changed->invalidatesInputFields) || hasDependants(m_fields, fieldId))
        scheduleRefetch();
}

QStringList FormSession::clearDependantsOf(const QString &fieldId)
{
    QStringList cleared;
    for (const QString &dependant : transitiveDependants(m_fields, fieldId)) {
        if (!m_values.contains(dependant))
            continue;
        m_values.remove(dependant);
        m_labels.remove(dependant);
        cleared.append(dependant);
        Q_EMIT valueChanged(dependant);
    }
    if (!cleared.isEmpty())
        qCDebug(lcForm) << "change of" << fieldId << "cleared" << cleared;
    return cleared;
}

void FormSession::restore(const QVariantMap &values, const QMap<QString, QString> &labels)
{
    QStringList touched = m_values.keys();
    m_values.clear();
    m_labels.clear();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (isEmptyValue(it.value()))
            continue;
        m_values.insert(it.key(), it.value());
        if (!touched.contains(it.key()))
            touched.append(it.key());
    }
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        if (m_values.contains(it.key()) && !it.value().isEmpty())
            m_labels.insert(it.key(), it.value());
    }
    for (const QString &id : std::as_const(touched))
        Q_EMIT valueChanged(id);
    scheduleRefetch();
}

void FormSession::refetch()
{
    scheduleRefetch();
}

void FormSession::setDebounceInterval(int milliseconds)
{
    m_debounceMs = qMax(0, milliseconds);
    m_refetchTimer.setInterval(m_debounceMs);
}

void FormSession::scheduleRefetch()
{
    // Bumped now, not when sent: a reply landing while a newer refetch waits for the timer is
    // already out of date.
    ++m_inputsSequence;
    if (m_actionId.isEmpty())
        return; // not started: start() sends whatever is set by then
    m_refetchTimer.start();
    updateBusy();
}

void FormSession::sendInputs()
{
    const quint64 sequence = m_inputsSequence;
    m_latestInFlight = true;
    qCDebug(lcForm) << "POST /inputs #" << sequence << "with" << m_values.size() << "values";
    m_backend->inputs(m_actionId, m_connectionId, inputs(), this,
                      [this, sequence](const ApiResult<QList<FieldNode>> &result) {
                          onInputsReply(sequence, result);
                      });
    updateBusy();
}

void FormSession::onInputsReply(quint64 sequence, const ApiResult<QList<FieldNode>> &result)
{
    if (sequence != m_inputsSequence) {
        qCDebug(lcForm) << "dropped stale /inputs reply #" << sequence << "(latest"
                        << m_inputsSequence << ")";
        return;
    }
    m_latestInFlight = false;
    if (!result.ok()) {
        qCInfo(lcForm) << "/inputs failed:" << result.error().summary();
        // Failure first, then "not busy": a listener that waits for the session to settle
        // (the CLI's form filler) must already know the fetch failed, or it reads the unchanged
        // (possibly empty) tree as the answer.
        Q_EMIT fetchFailed(result.error());
        updateBusy();
        return;
    }
    applyTree(result.value());
    updateBusy();
}

void FormSession::applyTree(const QList<FieldNode> &tree)
{
    FormDiff diff = diffInputs(m_fields, tree);
    diff.initial = !m_loaded;
    for (const QString &id : m_values.keys()) {
        if (core::findInput(tree, id))
            continue;
        m_values.remove(id);
        m_labels.remove(id);
        diff.droppedValues.append(id);
    }
    m_fields = tree;
    m_loaded = true;
    for (const QString &id : secretInputs())
        m_backend->protectInput(id);
    if (!diff.droppedValues.isEmpty())
        qCDebug(lcForm) << "values of vanished fields dropped:" << diff.droppedValues;
    for (const QString &id : std::as_const(diff.droppedValues))
        Q_EMIT valueChanged(id);
    Q_EMIT fieldsChanged(diff);
}

QStringList FormSession::secretInputs() const
{
    QStringList ids;
    for (const FieldNode *input : core::flattenInputs(m_fields)) {
        if (input->format == core::FieldFormat::Password)
            ids.append(input->id);
    }
    return ids;
}

void FormSession::updateBusy()
{
    const bool busy = m_refetchTimer.isActive() || m_latestInFlight;
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(m_busy);
}

CoercionResult FormSession::coerceText(const QString &fieldId, const QString &text) const
{
    if (const FieldNode *known = field(fieldId))
        return form::coerceText(*known, text, m_json);
    return form::coerceText(FieldNode(), text, m_json);
}

QList<ValidationIssue> FormSession::validate() const
{
    if (!m_validationEnabled)
        return {};
    return validateForm(m_fields, m_values);
}

// --- Choices

ChoiceCache::Key FormSession::choiceKey(const QString &fieldId) const
{
    ChoiceCache::Key key{m_actionKey, m_connectionId, fieldId, {}};
    if (const FieldNode *select = field(fieldId)) {
        for (const QString &dependency : select->dependsOn) {
            if (m_values.contains(dependency))
                key.dependsOn.insert(dependency, m_values.value(dependency));
        }
    }
    return key;
}

void FormSession::loadChoices(const QString &fieldId, int page)
{
    if (page < 1) {
        qCWarning(lcForm) << "choices page" << page << "asked for; pages start at 1";
        page = 1;
    }
    const ChoiceCache::Key key = choiceKey(fieldId);
    if (const auto cached = m_choiceCache.page(key, page)) {
        // Queued like a network reply, so callers see one behaviour whichever way it comes.
        const ChoicePage copy = *cached;
        QMetaObject::invokeMethod(
            this, [this, fieldId, page, copy] { Q_EMIT choicesLoaded(fieldId, page, copy); },
            Qt::QueuedConnection);
        return;
    }
    // The reply emits choicesLoaded / choicesFailed itself.
    fetchChoicePage(fieldId, page, [](const ApiResult<ChoicePage> &) {});
}

void FormSession::fetchChoicePage(const QString &fieldId, int page, PageDone done)
{
    const ChoiceCache::Key key = choiceKey(fieldId);
    if (const auto cached = m_choiceCache.page(key, page)) {
        const ChoicePage copy = *cached;
        QMetaObject::invokeMethod(
            this, [done, copy] { done(ApiResult<ChoicePage>(copy)); }, Qt::QueuedConnection);
        return;
    }
    for (PageRequest &request : m_pageRequests) {
        if (request.key == key && request.page == page) {
            request.waiters.append(std::move(done));
            return;
        }
    }
    m_pageRequests.append(PageRequest{key, page, {std::move(done)}});
    if (m_actionId.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, fieldId, key, page] { onChoicesReply(fieldId, key, page, notStarted()); },
            Qt::QueuedConnection);
        return;
    }
    qCDebug(lcForm) << "POST /choices" << fieldId << "page" << page;
    m_backend->choices(m_actionId, fieldId, m_connectionId, inputs(), page, this,
                       [this, fieldId, key, page](const ApiResult<ChoicePage> &result) {
                           onChoicesReply(fieldId, key, page, result);
                       });
}

void FormSession::onChoicesReply(const QString &fieldId, const ChoiceCache::Key &key, int page,
                                 const ApiResult<ChoicePage> &result)
{
    QList<PageDone> waiters;
    for (qsizetype i = 0; i < m_pageRequests.size(); ++i) {
        if (m_pageRequests.at(i).key == key && m_pageRequests.at(i).page == page) {
            waiters = m_pageRequests.takeAt(i).waiters;
            break;
        }
    }
    // Still what the field shows? A reply for an earlier spreadsheet is cached under its own
    // key but not announced.
    const bool current = choiceKey(fieldId) == key;
    if (result.ok()) {
        ChoicePage stored = result.value();
        stored.page = page; // filed under the page asked for, whatever meta.page said
        m_choiceCache.insert(key, stored);
        if (current)
            Q_EMIT choicesLoaded(fieldId, page, stored);
        for (const PageDone &waiter : std::as_const(waiters))
            waiter(ApiResult<ChoicePage>(stored));
        return;
    }
    qCInfo(lcForm) << "/choices" << fieldId << "page" << page
                   << "failed:" << result.error().summary();
    if (current)
        Q_EMIT choicesFailed(fieldId, page, result.error());
    for (const PageDone &waiter : std::as_const(waiters))
        waiter(ApiResult<ChoicePage>(result.error()));
}

QList<Choice> FormSession::cachedChoices(const QString &fieldId) const
{
    return m_choiceCache.choices(choiceKey(fieldId));
}

bool FormSession::hasAllChoices(const QString &fieldId) const
{
    return m_choiceCache.isComplete(choiceKey(fieldId));
}

std::optional<Choice> FormSession::findChoice(const QString &fieldId, const QString &text) const
{
    return m_choiceCache.find(choiceKey(fieldId), text);
}

void FormSession::loadAllChoices(const QString &fieldId)
{
    auto job = std::make_shared<PagingJob>();
    job->fieldId = fieldId;
    // Deferred so that allChoicesLoaded never fires inside the call, even when all is cached.
    QMetaObject::invokeMethod(
        this, [this, job] { continuePaging(job); }, Qt::QueuedConnection);
}

void FormSession::resolveChoice(const QString &fieldId, const QString &text, ResolveCallback done)
{
    auto job = std::make_shared<PagingJob>();
    job->fieldId = fieldId;
    job->text = text;
    job->resolving = true;
    job->done = std::move(done);
    QMetaObject::invokeMethod(
        this, [this, job] { continuePaging(job); }, Qt::QueuedConnection);
}

void FormSession::continuePaging(const std::shared_ptr<PagingJob> &job)
{
    const ChoiceCache::Key key = choiceKey(job->fieldId);
    const auto finish = [job](ChoiceResolution resolution) {
        resolution.fieldId = job->fieldId;
        resolution.text = job->text;
        resolution.pagesSearched = job->pagesFetched;
        if (job->done)
            job->done(resolution);
    };

    if (job->resolving) {
        if (const auto found = m_choiceCache.find(key, job->text)) {
            ChoiceResolution resolution;
            resolution.status = ChoiceResolution::Status::Found;
            resolution.choice = *found;
            finish(resolution);
            return;
        }
    }
    const int next = m_choiceCache.nextMissingPage(key);
    if (next == 0 || job->pagesFetched >= kMaxChoicePages) {
        if (next != 0)
            qCWarning(lcForm) << "stopped paging" << job->fieldId << "after" << kMaxChoicePages
                              << "pages";
        if (job->resolving)
            finish(ChoiceResolution{});
        else
            Q_EMIT allChoicesLoaded(job->fieldId, m_choiceCache.choices(key));
        return;
    }
    ++job->pagesFetched;
    fetchChoicePage(job->fieldId, next, [this, job, finish](const ApiResult<ChoicePage> &result) {
        if (result.ok()) {
            continuePaging(job);
            return;
        }
        if (job->resolving) {
            ChoiceResolution resolution;
            resolution.status = ChoiceResolution::Status::Failed;
            resolution.error = result.error();
            finish(resolution);
        }
        // loadAllChoices: choicesFailed already told the UI which page failed.
    });
}

// --- Outputs

void FormSession::fetchOutputs()
{
    const quint64 sequence = ++m_outputsSequence;
    if (m_actionId.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this, sequence] {
                if (sequence == m_outputsSequence)
                    Q_EMIT outputsFailed(notStarted());
            },
            Qt::QueuedConnection);
        return;
    }
    m_backend->outputs(m_actionId, m_connectionId, inputs(), this,
                       [this, sequence](const ApiResult<QList<core::OutputField>> &result) {
                           if (sequence != m_outputsSequence)
                               return; // a newer preview was asked for
                           if (result.ok())
                               Q_EMIT outputsLoaded(result.value());
                           else
                               Q_EMIT outputsFailed(result.error());
                       });
}

} // namespace ab::form
