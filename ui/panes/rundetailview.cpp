#include "panes/rundetailview.h"

#include "api/curlexport.h"
#include "api/jsontext.h"
#include "models/historymodel.h"
#include "models/requestlogmodel.h"
#include "panes/errorexplainer.h"
#include "panes/historypill.h"
#include "panes/inspectorexchangeview.h"
#include "panes/rundetailerrors.h"
#include "panes/rundetailresults.h"
#include "runs/historystore.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ab::ui {

using models::HistoryModel;
using runs::Phase;

namespace {

QTreeWidget *table(const QStringList &headers, const QString &accessibleName, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setAccessibleName(accessibleName);
    tree->header()->setStretchLastSection(true);
    return tree;
}

QString valueText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QVariantList:
    case QMetaType::QVariantMap:
    case QMetaType::QStringList:
        return QString::fromUtf8(api::toJsonText(value));
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return value.isNull() ? QString() : value.toString();
    }
}

QString plainActionText(const QAction *action)
{
    return QString(action->text()).remove(u'&');
}

} // namespace

RunDetailView::RunDetailView(runs::HistoryStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_stack(new QStackedWidget(this))
    , m_emptyLabel(new QLabel(this))
    , m_title(new QLabel(this))
    , m_pill(new HistoryPillLabel(this))
    , m_meta(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_confirm(new QFrame(this))
    , m_tabs(new QTabWidget(this))
    , m_inputs(table({tr("Field"), tr("Value")}, tr("Inputs"), this))
    , m_results(new RunDetailResults(this))
    , m_errors(new RunDetailErrors(this))
    , m_timeline(table({tr("Time"), tr("Status"), tr("Note")}, tr("Timeline"), this))
    , m_calls(table({tr("Method"), tr("Path"), tr("Status"), tr("Duration"), tr("Attempt")},
                    tr("API calls"), this))
    , m_call(new InspectorExchangeView(this))
    , m_rerun(new QAction(tr("Re-&run"), this))
    , m_restore(new QAction(tr("Re&store into form"), this))
    , m_copyCurl(new QAction(tr("Copy as c&URL"), this))
    , m_delete(new QAction(tr("&Delete…"), this))
{
    setObjectName(QStringLiteral("runDetailView"));
    m_emptyLabel->setObjectName(QStringLiteral("runDetailEmpty"));
    m_emptyLabel->setText(tr("Select a run to see its inputs, results, errors and API calls."));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    m_rerun->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_rerun->setToolTip(tr("Run the same action with the same inputs again (Ctrl+R)"));
    m_restore->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_restore->setToolTip(tr("Put this run's action, connection and inputs back into the form "
                             "(Ctrl+Shift+R)"));
    m_copyCurl->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    m_copyCurl->setToolTip(tr("Copy a cURL command that repeats this run; the token is the "
                              "$ZAPIER_TOKEN shell variable (Ctrl+Alt+C)"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setToolTip(tr("Delete this run from the history (Del)"));
    for (QAction *action : {m_rerun, m_restore, m_copyCurl, m_delete}) {
        // Shortcuts act on the run shown here, so they work while focus is inside the view.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(m_rerun, &QAction::triggered, this, [this] {
        if (m_runId)
            Q_EMIT rerunRequested(m_runId);
    });
    connect(m_restore, &QAction::triggered, this, [this] {
        if (m_runId)
            Q_EMIT restoreRequested(m_runId);
    });
    connect(m_copyCurl, &QAction::triggered, this, &RunDetailView::copyCurl);
    connect(m_delete, &QAction::triggered, this, &RunDetailView::askDelete);

    m_tabs->setObjectName(QStringLiteral("runDetailTabs"));
    m_tabs->setAccessibleName(tr("Run details"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_inputs, tr("&Inputs"));
    m_tabs->addTab(m_results, tr("Res&ults"));
    m_tabs->addTab(m_errors, tr("&Errors"));
    m_tabs->addTab(m_timeline, tr("&Timeline"));
    auto *calls = new QSplitter(Qt::Vertical, this);
    calls->addWidget(m_calls);
    calls->addWidget(m_call);
    calls->setStretchFactor(1, 2);
    m_tabs->addTab(calls, tr("&API calls"));
    m_calls->setObjectName(QStringLiteral("runCalls"));
    m_inputs->setObjectName(QStringLiteral("runInputs"));
    m_timeline->setObjectName(QStringLiteral("runTimeline"));

    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(buildHeader());
    pageLayout->addWidget(m_tabs, 1);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, &RunDetailView::reload);
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &RunDetailView::updateHeader);
    m_noticeTimer.setSingleShot(true);
    m_noticeTimer.setInterval(4000);
    connect(&m_noticeTimer, &QTimer::timeout, m_notice, &QLabel::clear);

    connect(m_store, &runs::HistoryStore::runChanged, this, [this](qint64 id) {
        if (id == m_runId)
            m_refresh.start();
    });
    connect(m_store, &runs::HistoryStore::runRemoved, this, [this](qint64 id) {
        if (id == m_runId)
            clear();
    });
    connect(m_errors, &RunDetailErrors::focusFieldRequested, this,
            &RunDetailView::focusFieldRequested);
    connect(m_results, &RunDetailResults::copied, this, &RunDetailView::showNotice);
    connect(m_calls, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const int row = item ? m_calls->indexOfTopLevelItem(item) : -1;
        if (row >= 0 && row < m_record.calls.size())
            m_call->setRecord(m_record.calls.at(row));
        else
            m_call->clear();
    });
    clear();
}

QWidget *RunDetailView::buildHeader()
{
    auto *header = new QWidget(this);
    m_title->setObjectName(QStringLiteral("runTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Run"));
    m_pill->setObjectName(QStringLiteral("runStatus"));
    m_meta->setObjectName(QStringLiteral("runMeta"));
    m_meta->setTextFormat(Qt::PlainText);
    m_meta->setWordWrap(true);
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    m_meta->setAccessibleName(tr("Run information"));
    m_notice->setObjectName(QStringLiteral("runNotice"));
    m_notice->setAccessibleName(tr("Notice"));

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_pill, 0, Qt::AlignTop);

    auto *buttons = new QHBoxLayout;
    for (QAction *action : {m_rerun, m_restore, m_copyCurl, m_delete}) {
        auto *button = new QToolButton(header);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAccessibleName(plainActionText(action));
        buttons->addWidget(button);
    }
    buttons->addWidget(m_notice, 1);

    // Deleting asks inline rather than in a modal dialog (no nested event loop, and the
    // keyboard stays where it was).
    m_confirm->setObjectName(QStringLiteral("deleteConfirmation"));
    m_confirm->setFrameShape(QFrame::StyledPanel);
    auto *confirmText =
        new QLabel(tr("Delete this run from the history? This cannot be undone."), m_confirm);
    confirmText->setWordWrap(true);
    auto *confirmDelete = new QPushButton(tr("Delete run"), m_confirm);
    confirmDelete->setObjectName(QStringLiteral("confirmDelete"));
    confirmDelete->setAccessibleName(tr("Confirm deleting the run"));
    auto *cancel = new QPushButton(tr("Keep it"), m_confirm);
    cancel->setObjectName(QStringLiteral("cancelDelete"));
    cancel->setAccessibleName(tr("Cancel deleting the run"));
    auto *confirmLayout = new QHBoxLayout(m_confirm);
    confirmLayout->addWidget(confirmText, 1);
    confirmLayout->addWidget(confirmDelete);
    confirmLayout->addWidget(cancel);
    connect(confirmDelete, &QPushButton::clicked, this, &RunDetailView::deleteRun);
    connect(cancel, &QPushButton::clicked, m_confirm, &QWidget::hide);
    m_confirm->hide();

    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(titleRow);
    layout->addWidget(m_meta);
    layout->addLayout(buttons);
    layout->addWidget(m_confirm);
    return header;
}

void RunDetailView::showRun(qint64 id)
{
    if (id == m_runId && id != 0) {
        reload();
        return;
    }
    m_runId = id;
    m_confirm->hide();
    m_notice->clear();
    m_record = {};
    m_results->clear();
    reload();
    selectTabForPhase();
}

void RunDetailView::clear()
{
    m_runId = 0;
    m_record = {};
    m_ticker.stop();
    m_confirm->hide();
    m_results->clear();
    for (QAction *action : {m_rerun, m_restore, m_copyCurl, m_delete})
        action->setEnabled(false);
    m_stack->setCurrentWidget(m_emptyLabel);
}

void RunDetailView::reload()
{
    if (m_runId == 0)
        return;
    const std::optional<runs::RunRecord> record = m_store->load(m_runId);
    if (!record) {
        clear();
        return;
    }
    const bool finishedNow = runs::isUnfinishedPhase(m_record.phase) && m_record.id == m_runId &&
                             runs::isFinalPhase(record->phase);
    m_record = *record;
    for (QAction *action : {m_rerun, m_restore, m_copyCurl, m_delete})
        action->setEnabled(true);
    updateHeader();
    fillInputs();
    m_results->setJson(m_record.resultsJson, QStringLiteral("results"));
    fillErrors();
    fillTimeline();
    fillCalls();
    m_stack->setCurrentIndex(1);
    if (runs::isUnfinishedPhase(m_record.phase))
        m_ticker.start();
    else
        m_ticker.stop();
    if (finishedNow)
        selectTabForPhase();
}

void RunDetailView::selectTabForPhase()
{
    if (m_runId == 0)
        return;
    if (m_errors->count() > 0 && runs::isFinalPhase(m_record.phase) &&
        m_record.phase != Phase::Success)
        m_tabs->setCurrentIndex(ErrorsTab);
    else if (runs::isFinalPhase(m_record.phase))
        m_tabs->setCurrentIndex(ResultsTab);
}

void RunDetailView::updateHeader()
{
    const runs::RunRecord &run = m_record;
    m_title->setText(tr("%1 · %2").arg(run.appTitle, run.actionTitle));
    qint64 duration = run.durationMs();
    const bool running = runs::isUnfinishedPhase(run.phase);
    if (running && run.createdAt.isValid())
        duration = qMax<qint64>(0, run.createdAt.msecsTo(QDateTime::currentDateTimeUtc()));
    QString pill = HistoryModel::phaseLabel(run.phase);
    if (running)
        pill = tr("%1 %2").arg(pill, HistoryModel::durationText(duration));
    m_pill->setPill(pill, HistoryModel::pillCategory(run.phase),
                    running ? int(duration / 1000) : -1);

    QStringList meta;
    meta.append(run.connectionTitle.isEmpty() ? tr("No connection")
                                              : tr("Connection: %1").arg(run.connectionTitle));
    if (run.kind == runs::RunKind::Stored)
        meta.append(tr("Stored action %1").arg(run.storedActionId));
    meta.append(run.serverRunId.isEmpty() ? tr("Not created on the server")
                                          : tr("Run id: %1").arg(run.serverRunId));
    if (duration >= 0)
        meta.append(running ? tr("Running for %1").arg(HistoryModel::durationText(duration))
                            : tr("Took %1").arg(HistoryModel::durationText(duration)));
    meta.append(tr("Started %1")
                    .arg(QLocale().toString(run.createdAt.toLocalTime(), QLocale::ShortFormat)));
    meta.append(tr("Environment: %1").arg(run.environment));
    m_meta->setText(meta.join(QStringLiteral("  ·  ")));
    m_meta->setAccessibleDescription(m_meta->text());
    m_title->setAccessibleDescription(m_title->text() + u' ' + pill);
}

QString RunDetailView::headerText() const
{
    return m_title->text() + u'\n' + m_pill->text() + u'\n' + m_meta->text();
}

QString RunDetailView::noticeText() const
{
    return m_notice->text();
}

void RunDetailView::fillInputs()
{
    m_inputs->clear();
    QMap<QString, QString> titles;
    QStringList order;
    // flattenInputs points into the tree, so the tree must outlive the loop.
    const QList<core::FieldNode> fields = api::decodeFieldTree(m_record.fieldsJson);
    for (const core::FieldNode *field : core::flattenInputs(fields)) {
        titles.insert(field->id, field->title);
        order.append(field->id);
    }
    // Inputs the schema does not list (or a run kept without one) follow in key order.
    for (auto it = m_record.inputs.cbegin(); it != m_record.inputs.cend(); ++it) {
        if (!order.contains(it.key()))
            order.append(it.key());
    }
    for (const QString &id : std::as_const(order)) {
        if (!m_record.inputs.contains(id))
            continue;
        const QString value = valueText(m_record.inputs.value(id));
        const QString label = m_record.inputLabels.value(id).toString();
        auto *item = new QTreeWidgetItem(m_inputs);
        item->setText(0, titles.value(id).isEmpty() ? id : titles.value(id));
        item->setToolTip(0, id);
        // A SELECT shows the label the user picked, with the id that was sent.
        item->setText(1,
                      label.isEmpty() || label == value ? value : tr("%1 (%2)").arg(label, value));
        item->setToolTip(1, value);
    }
    if (m_inputs->topLevelItemCount() == 0) {
        auto *item = new QTreeWidgetItem(m_inputs);
        item->setText(0, tr("No inputs"));
        item->setFlags(Qt::NoItemFlags);
    }
    m_inputs->resizeColumnToContents(0);
}

void RunDetailView::fillErrors()
{
    QList<Explanation> explanations;
    for (const core::RunError &error : std::as_const(m_record.errors))
        explanations.append(ErrorExplainer::explain(error));
    if (m_record.apiError)
        explanations.append(ErrorExplainer::explain(*m_record.apiError, m_record.phase));
    else if (explanations.isEmpty() && runs::isFinalPhase(m_record.phase) &&
             m_record.phase != Phase::Success && m_record.phase != Phase::Error)
        explanations.append(ErrorExplainer::explainPhase(m_record.phase));
    m_errors->setExplanations(explanations);
    m_tabs->setTabText(ErrorsTab, explanations.isEmpty()
                                      ? tr("&Errors")
                                      : tr("&Errors (%1)").arg(explanations.size()));
}

void RunDetailView::fillTimeline()
{
    m_timeline->clear();
    const QDateTime start = m_record.events.isEmpty() ? QDateTime() : m_record.events.first().at;
    for (const runs::RunEvent &event : std::as_const(m_record.events)) {
        auto *item = new QTreeWidgetItem(m_timeline);
        const qint64 offset = start.isValid() ? start.msecsTo(event.at) : 0;
        item->setText(0, tr("%1 (+%2)")
                             .arg(QLocale().toString(event.at.toLocalTime().time(),
                                                     QStringLiteral("HH:mm:ss.zzz")),
                                  HistoryModel::durationText(offset)));
        item->setToolTip(0, QLocale().toString(event.at.toLocalTime(), QLocale::LongFormat));
        item->setText(1,
                      event.status.isEmpty()
                          ? HistoryModel::phaseLabel(event.phase)
                          : tr("%1 (%2)").arg(HistoryModel::phaseLabel(event.phase), event.status));
        item->setText(2, event.note);
    }
    m_timeline->resizeColumnToContents(0);
    m_timeline->resizeColumnToContents(1);
}

void RunDetailView::fillCalls()
{
    const int current =
        m_calls->currentItem() ? m_calls->indexOfTopLevelItem(m_calls->currentItem()) : -1;
    m_calls->clear();
    for (const core::RequestRecord &call : std::as_const(m_record.calls)) {
        auto *item = new QTreeWidgetItem(m_calls);
        item->setText(0, call.method);
        item->setText(1, models::RequestLogModel::pathText(call));
        item->setToolTip(1, call.url);
        item->setText(2, models::RequestLogModel::statusText(call));
        item->setText(3, HistoryModel::durationText(call.durationMs));
        item->setText(4, QString::number(call.attempt));
    }
    if (m_calls->topLevelItemCount() > 0)
        m_calls->setCurrentItem(
            m_calls->topLevelItem(qBound(0, current, m_calls->topLevelItemCount() - 1)));
    else
        m_call->clear();
    m_calls->resizeColumnToContents(0);
    m_calls->resizeColumnToContents(1);
}

QString RunDetailView::curlCommand() const
{
    if (m_runId == 0)
        return {};
    const QUrl base(m_record.environment);
    if (m_record.kind == runs::RunKind::Stored)
        return api::curlForStoredRun(base, m_record.storedActionId, m_record.inputs, m_record.page);
    return api::curlForActionRun(base, m_record.actionId, m_record.connectionId, m_record.inputs);
}

void RunDetailView::copyCurl()
{
    if (m_runId == 0)
        return;
    QGuiApplication::clipboard()->setText(curlCommand());
    showNotice(tr("Copied a cURL command; set $ZAPIER_TOKEN in the shell before running it."));
}

void RunDetailView::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setAccessibleDescription(text);
    m_noticeTimer.start();
}

void RunDetailView::askDelete()
{
    if (m_runId == 0)
        return;
    m_confirm->show();
    if (auto *button = m_confirm->findChild<QPushButton *>(QStringLiteral("cancelDelete")))
        button->setFocus(Qt::OtherFocusReason); // the safe choice has the focus
}

void RunDetailView::deleteRun()
{
    const qint64 id = m_runId;
    if (id == 0)
        return;
    m_confirm->hide();
    Q_EMIT deleteRequested(id);
    if (m_store->remove(id)) {
        if (m_runId == id)
            clear();
    } else {
        showNotice(tr("Could not delete the run: the history file could not be written."));
    }
}

} // namespace ab::ui
