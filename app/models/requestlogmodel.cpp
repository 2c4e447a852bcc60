#include "models/requestlogmodel.h"

#include "api/requestlog.h"
#include "models/historymodel.h"

#include <QLocale>
#include <QUrl>

namespace ab::models {

RequestLogModel::RequestLogModel(api::RequestLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
    , m_rows(log->records())
{
    connect(m_log, &api::RequestLog::recordAdded, this, &RequestLogModel::onRecordAdded);
}

core::RequestRecord RequestLogModel::record(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : core::RequestRecord{};
}

int RequestLogModel::rowOfRecord(quint64 id) const
{
    // Ids grow with time and rows are in id order.
    const auto it = std::lower_bound(
        m_rows.cbegin(), m_rows.cend(), id,
        [](const core::RequestRecord &record, quint64 wanted) { return record.id < wanted; });
    return it != m_rows.cend() && it->id == id ? int(it - m_rows.cbegin()) : -1;
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void RequestLogModel::onRecordAdded(const core::RequestRecord &record)
{
    // Stay within the log's own cap, dropping the oldest first as the log does.
    const int overflow = int(m_rows.size()) + 1 - qMax(1, m_log->capacity());
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_rows.remove(0, overflow);
        endRemoveRows();
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(record);
    endInsertRows();
}

RequestLogModel::StatusCategory RequestLogModel::statusCategory(const core::RequestRecord &record)
{
    if (record.httpStatus <= 0)
        return StatusCategory::NoResponse;
    if (record.httpStatus < 300)
        return StatusCategory::Success;
    if (record.httpStatus < 400)
        return StatusCategory::Redirect;
    if (record.httpStatus < 500)
        return StatusCategory::ClientError;
    return StatusCategory::ServerError;
}

QString RequestLogModel::statusText(const core::RequestRecord &record)
{
    if (record.httpStatus > 0)
        return QString::number(record.httpStatus);
    return record.errorText.isEmpty() ? tr("No response") : record.errorText;
}

QString RequestLogModel::pathText(const core::RequestRecord &record)
{
    const QUrl url(record.url);
    QString text = url.path();
    if (url.hasQuery())
        text += u'?' + url.query();
    return text.isEmpty() ? record.url : text;
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::RequestRecord &record = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(record.startedAt.toLocalTime().time(),
                                      QStringLiteral("HH:mm:ss.zzz"));
        case MethodColumn:
            return record.method;
        case PathColumn:
            return pathText(record);
        case StatusColumn:
            return record.attempt > 1
                       ? tr("%1 (attempt %2)").arg(statusText(record)).arg(record.attempt)
                       : statusText(record);
        case DurationColumn:
            return HistoryModel::durationText(record.durationMs);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == PathColumn)
            return record.url;
        if (index.column() == StatusColumn && !record.errorText.isEmpty())
            return record.errorText;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RecordIdRole:
        return record.id;
    case StatusCategoryRole:
        return int(statusCategory(record));
    case UrlRole:
        return record.url;
    case SearchTextRole:
        return record.method + u' ' + record.url + u' ' + statusText(record);
    default:
        return {};
    }
}

void RequestLogModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    }
    return {};
}

} // namespace ab::models
