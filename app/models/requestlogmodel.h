#pragma once

#include "core/requestrecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace ab::api {
class RequestLog;
}

namespace ab::models {

// The API inspector's list: every exchange RequestLog records, oldest at the top and the newest
// at the bottom (like a console), capped at the log's capacity.
class RequestLogModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLogModel)

public:
    enum Column { TimeColumn, MethodColumn, PathColumn, StatusColumn, DurationColumn, ColumnCount };

    // How a status reads at a glance; the view maps each to a palette-derived colour.
    enum class StatusCategory { Success, Redirect, ClientError, ServerError, NoResponse };
    Q_ENUM(StatusCategory)

    enum Role {
        RecordIdRole = Qt::UserRole + 1, // quint64
        StatusCategoryRole,              // int(StatusCategory)
        UrlRole,                         // QString, the full (redacted) URL
        // Method, URL, status and error text in one string, for a filter proxy.
        SearchTextRole,
    };

    // `log` must outlive the model.
    explicit RequestLogModel(api::RequestLog *log, QObject *parent = nullptr);

    core::RequestRecord record(int row) const; // a default record when out of range
    int rowOfRecord(quint64 id) const;         // -1 when not shown

    // Hides what is listed now; the log itself (which runs and the CLI read) is left alone.
    void clear();

    static StatusCategory statusCategory(const core::RequestRecord &record);
    static QString statusText(const core::RequestRecord &record);
    static QString pathText(const core::RequestRecord &record); // path and query, no host

    // After a language change: tells views the headers, statuses and durations are new.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void onRecordAdded(const core::RequestRecord &record);

    api::RequestLog *m_log;
    QList<core::RequestRecord> m_rows;
};

} // namespace ab::models
