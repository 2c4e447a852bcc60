#include "models/historymodel.h"

#include "core/clock.h"

#include <QLocale>
#include <QScopedValueRollback>

#include <algorithm>

namespace ab::models {

using runs::Phase;
using runs::RunSummary;

namespace {

RunSummary summaryOf(const runs::RunRecord &record)
{
    RunSummary summary;
    summary.id = record.id;
    summary.kind = record.kind;
    summary.createdAt = record.createdAt;
    summary.appId = record.appId;
    summary.appTitle = record.appTitle;
    summary.actionTitle = record.actionTitle;
    summary.connectionTitle = record.connectionTitle;
    summary.serverRunId = record.serverRunId;
    summary.phase = record.phase;
    summary.durationMs = record.durationMs();
    summary.environment = record.environment;
    return summary;
}

// Newest first, as HistoryStore::list orders them.
bool before(const RunSummary &a, const RunSummary &b)
{
    if (a.createdAt != b.createdAt)
        return a.createdAt > b.createdAt;
    return a.id > b.id;
}

} // namespace

HistoryModel::HistoryModel(runs::HistoryStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_ownClock(std::make_unique<core::SystemClock>())
    , m_clock(m_ownClock.get())
{
    // Only the elapsed time of unfinished runs moves; the timer runs while there is one.
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &HistoryModel::tick);
    connect(m_store, &runs::HistoryStore::runAdded, this, &HistoryModel::onRunAdded);
    connect(m_store, &runs::HistoryStore::runChanged, this, &HistoryModel::onRunChanged);
    connect(m_store, &runs::HistoryStore::runRemoved, this, &HistoryModel::onRunRemoved);
    connect(m_store, &runs::HistoryStore::runsImported, this, &HistoryModel::reload);
    reload();
}

HistoryModel::~HistoryModel() = default;

void HistoryModel::setIconProvider(IconProvider provider)
{
    m_iconProvider = std::move(provider);
    refreshIcons();
}

void HistoryModel::refreshIcons()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, AppColumn), index(int(m_rows.size()) - 1, AppColumn),
                           {Qt::DecorationRole});
}

void HistoryModel::setClock(const core::Clock *clock)
{
    m_clock = clock ? clock : m_ownClock.get();
}

void HistoryModel::setFilter(const runs::RunFilter &filter)
{
    m_filter = filter;
    reload();
}

void HistoryModel::reload()
{
    m_changing = true;
    beginResetModel();
    m_rows.clear();
    m_total = m_store->isOpen() ? m_store->count(m_filter) : 0;
    m_exhausted = m_total == 0;
    // The first page comes with the reset, so a view (and its empty state) is right at once.
    if (!m_exhausted) {
        m_rows = m_store->list(m_filter, 0, pageSize);
        m_exhausted = m_rows.size() < pageSize;
    }
    endResetModel();
    m_changing = false;
    updateTicking();
}

qint64 HistoryModel::runId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int HistoryModel::rowOfRun(qint64 id) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return int(row);
    }
    return -1;
}

RunSummary HistoryModel::summary(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : RunSummary{};
}

QString HistoryModel::phaseLabel(Phase phase)
{
    switch (phase) {
    case Phase::Preparing:
        return tr("Preparing");
    case Phase::Submitting:
        return tr("Sending");
    case Phase::Waiting:
        return tr("Waiting");
    case Phase::Success:
        return tr("Success");
    case Phase::Error:
        return tr("Error");
    case Phase::Failed:
        return tr("Failed");
    case Phase::OutcomeUnknown:
        return tr("Outcome unknown");
    case Phase::TimedOut:
        return tr("Timed out");
    case Phase::Cancelled:
        return tr("Cancelled");
    }
    return tr("Unknown");
}

HistoryModel::PillCategory HistoryModel::pillCategory(Phase phase)
{
    switch (phase) {
    case Phase::Preparing:
    case Phase::Submitting:
    case Phase::Waiting:
        return PillCategory::Waiting;
    case Phase::Success:
        return PillCategory::Success;
    case Phase::Error:
    case Phase::Failed:
        return PillCategory::Error;
    case Phase::OutcomeUnknown:
    case Phase::TimedOut:
        return PillCategory::Warning;
    case Phase::Cancelled:
        return PillCategory::Neutral;
    }
    return PillCategory::Neutral;
}

QString HistoryModel::durationText(qint64 ms)
{
    if (ms < 0)
        return QString();
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 10000)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 HistoryModel::elapsedMs(const RunSummary &summary) const
{
    if (summary.durationMs >= 0)
        return summary.durationMs;
    if (!runs::isUnfinishedPhase(summary.phase))
        return -1; // ended without an end time (cancelled, say): nothing to show
    return summary.createdAt.isValid() ? qMax<qint64>(0, summary.createdAt.msecsTo(m_clock->now()))
                                       : 0;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunSummary &run = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: {
            // Compact: today's runs show the time, older ones the day too (the year only when
            // it is not this one); the tooltip has the full date.
            const QDateTime local = run.createdAt.toLocalTime();
            const QDate today = m_clock->now().toLocalTime().date();
            const QString time = QLocale().toString(local.time(), QLocale::ShortFormat);
            if (local.date() == today)
                return time;
            if (local.date().year() == today.year())
                return QLocale().toString(local.date(), QStringLiteral("d MMM")) + u' ' + time;
            return QLocale().toString(local.date(), QLocale::ShortFormat) + u' ' + time;
        }
        case AppColumn:
            return run.appTitle;
        case ActionColumn:
            return run.actionTitle;
        case ConnectionColumn:
            return run.connectionTitle.isEmpty() ? tr("No connection") : run.connectionTitle;
        case StatusColumn:
            if (runs::isUnfinishedPhase(run.phase))
                return tr("%1 %2").arg(phaseLabel(run.phase), durationText(elapsedMs(run)));
            return phaseLabel(run.phase);
        case DurationColumn:
            return durationText(elapsedMs(run));
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == AppColumn && m_iconProvider)
            return m_iconProvider(run);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QLocale().toString(run.createdAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == StatusColumn && !run.serverRunId.isEmpty())
            return tr("%1 — run %2").arg(phaseLabel(run.phase), run.serverRunId);
        if (index.column() == AppColumn)
            return run.environment;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RunIdRole:
        return run.id;
    case PhaseRole:
        return int(run.phase);
    case PillCategoryRole:
        return int(pillCategory(run.phase));
    case ElapsedMsRole:
        return elapsedMs(run);
    case FinishedRole:
        return runs::isFinalPhase(run.phase);
    case EnvironmentRole:
        return run.environment;
    case ServerRunIdRole:
        return run.serverRunId;
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case AppColumn:
        return tr("App");
    case ActionColumn:
        return tr("Action");
    case ConnectionColumn:
        return tr("Connection");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    }
    return {};
}

void HistoryModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_changing;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    // A view (or the model tester) may ask for more from inside our own change signals;
    // reading a page then would read it twice.
    if (parent.isValid() || m_exhausted || m_changing)
        return;
    const QScopedValueRollback guard(m_changing, true);
    // The loaded rows always mirror the head of the store's list (live changes keep them in
    // step), so the next page is the one after the last row held.
    const QList<RunSummary> page = m_rows.isEmpty()
                                       ? m_store->list(m_filter, 0, pageSize)
                                       : m_store->listAfter(m_filter, m_rows.last(), pageSize);
    if (page.size() < pageSize)
        m_exhausted = true;
    if (!page.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size()) - 1);
        m_rows.append(page);
        endInsertRows();
    }
    m_total = qMax(m_total, int(m_rows.size()));
    // Only the new page can start the clock: scanning every loaded row here made each page
    // cost more the further down the history it was (100,000 rows at the end). tick() stops it.
    const bool unfinished = std::any_of(page.cbegin(), page.cend(), [](const RunSummary &run) {
        return runs::isUnfinishedPhase(run.phase);
    });
    if (unfinished && !m_ticker.isActive())
        m_ticker.start();
}

bool HistoryModel::matches(const RunSummary &run) const
{
    if (!m_filter.phases.isEmpty() && !m_filter.phases.contains(run.phase))
        return false;
    if (!m_filter.environment.isEmpty() && run.environment != m_filter.environment)
        return false;
    const QString text = m_filter.text.trimmed();
    if (text.isEmpty())
        return true;
    for (const QString *field :
         {&run.appTitle, &run.actionTitle, &run.connectionTitle, &run.serverRunId}) {
        if (field->contains(text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

int HistoryModel::insertPosition(const RunSummary &run) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), run, before);
    return int(it - m_rows.cbegin());
}

std::optional<RunSummary> HistoryModel::readSummary(qint64 id)
{
    const std::optional<runs::RunRecord> record =
        m_store->load(id, runs::HistoryStore::Detail::RunOnly);
    if (!record)
        return std::nullopt;
    return summaryOf(*record);
}

void HistoryModel::onRunAdded(qint64 id)
{
    const QScopedValueRollback guard(m_changing, true);
    const std::optional<RunSummary> run = readSummary(id);
    if (!run || !matches(*run))
        return;
    ++m_total;
    const int row = insertPosition(*run);
    // A run that sorts after the loaded rows arrives with its page instead.
    if (row == m_rows.size() && !m_exhausted)
        return;
    beginInsertRows({}, row, row);
    m_rows.insert(row, *run);
    endInsertRows();
    updateTicking();
}

void HistoryModel::onRunChanged(qint64 id)
{
    const QScopedValueRollback guard(m_changing, true);
    const int row = rowOfRun(id);
    const std::optional<RunSummary> run = readSummary(id);
    if (row < 0) {
        // Not shown: it may have just come to match the filter (a phase filter, say).
        if (run && matches(*run)) {
            ++m_total;
            const int at = insertPosition(*run);
            if (at < m_rows.size() || m_exhausted) {
                beginInsertRows({}, at, at);
                m_rows.insert(at, *run);
                endInsertRows();
            }
        }
    } else if (!run || !matches(*run)) {
        onRunRemoved(id);
    } else {
        m_rows[row] = *run;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    updateTicking();
}

void HistoryModel::onRunRemoved(qint64 id)
{
    const QScopedValueRollback guard(m_changing, true);
    const int row = rowOfRun(id);
    if (row < 0)
        return;
    m_total = qMax(0, m_total - 1); // before the signal, so listeners read the new count
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    updateTicking();
}

void HistoryModel::tick()
{
    // Only the cells that show a running clock change.
    bool any = false;
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (!runs::isUnfinishedPhase(m_rows.at(row).phase))
            continue;
        any = true;
        Q_EMIT dataChanged(index(int(row), StatusColumn), index(int(row), DurationColumn),
                           {Qt::DisplayRole, ElapsedMsRole});
    }
    if (!any)
        m_ticker.stop();
}

void HistoryModel::updateTicking()
{
    const bool unfinished = std::any_of(m_rows.cbegin(), m_rows.cend(), [](const RunSummary &run) {
        return runs::isUnfinishedPhase(run.phase);
    });
    if (unfinished && !m_ticker.isActive())
        m_ticker.start();
    else if (!unfinished)
        m_ticker.stop();
}

} // namespace ab::models
