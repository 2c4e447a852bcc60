#pragma once

#include "runs/historystore.h"
#include "runs/runrecord.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QTimer>

#include <functional>
#include <memory>

namespace ab::core {
class Clock;
}

namespace ab::models {

// The run history as a table, newest first, paged in from HistoryStore with fetchMore (200 runs a
// page, so a 100,000-run history costs what is on screen) and kept live by the store's signals.
// data() never touches the database: every row is a RunSummary read with its page.
class HistoryModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)

public:
    enum Column {
        TimeColumn,
        AppColumn,
        ActionColumn,
        ConnectionColumn,
        StatusColumn,
        DurationColumn,
        ColumnCount
    };

    // How a status pill is coloured; the view maps each to palette-derived colours.
    enum class PillCategory { Neutral, Waiting, Success, Error, Warning };
    Q_ENUM(PillCategory)

    enum Role {
        RunIdRole = Qt::UserRole + 1, // qint64
        PhaseRole,                    // int(runs::Phase)
        PillCategoryRole,             // int(PillCategory)
        ElapsedMsRole,                // qint64: duration, or time since creation while unfinished
        FinishedRole,                 // bool
        EnvironmentRole,              // QString base URL
        ServerRunIdRole,              // QString
    };

    static constexpr int pageSize = 200;

    // `store` must outlive the model.
    explicit HistoryModel(runs::HistoryStore *store, QObject *parent = nullptr);
    ~HistoryModel() override;

    // Optional app icons (an IconCache lookup, say) for a row, by its app id, title and
    // environment; asked for in data(), so it must be cheap.
    using IconProvider = std::function<QIcon(const runs::RunSummary &run)>;
    void setIconProvider(IconProvider provider);
    // Repaints the App column, e.g. after the provider's icons finished downloading.
    void refreshIcons();
    // Time source for the elapsed time of waiting runs; not owned. Null: the system clock.
    void setClock(const core::Clock *clock);

    const runs::RunFilter &filter() const { return m_filter; }
    void setFilter(const runs::RunFilter &filter); // resets and reads the first page

    qint64 runId(int row) const;   // 0 when out of range
    int rowOfRun(qint64 id) const; // -1 when not loaded (or filtered out)
    runs::RunSummary summary(int row) const;
    int totalCount() const { return m_total; } // runs matching the filter, loaded or not

    // Labels shared with the detail view, so a phase reads the same everywhere.
    static QString phaseLabel(runs::Phase phase);
    static PillCategory pillCategory(runs::Phase phase);
    static QString durationText(qint64 ms);

    // After a language change: tells views the headers, phases and durations are new.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    void reload();
    void onRunAdded(qint64 id);
    void onRunChanged(qint64 id);
    void onRunRemoved(qint64 id);
    void tick();
    void updateTicking();
    bool matches(const runs::RunSummary &summary) const;
    int insertPosition(const runs::RunSummary &summary) const;
    std::optional<runs::RunSummary> readSummary(qint64 id);
    qint64 elapsedMs(const runs::RunSummary &summary) const;

    runs::HistoryStore *m_store;
    runs::RunFilter m_filter;
    QList<runs::RunSummary> m_rows;
    IconProvider m_iconProvider;
    std::unique_ptr<core::Clock> m_ownClock;
    const core::Clock *m_clock;
    QTimer m_ticker;
    int m_total = 0;
    bool m_exhausted = false;
    bool m_changing = false; // inside a reset or a page insertion
};

} // namespace ab::models
