#pragma once

#include "runs/runrecord.h"

#include <QIcon>
#include <QTimer>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace ab::runs {
class HistoryStore;
}
namespace ab::models {
class HistoryModel;
}

namespace ab::ui {

// The run history: a table (time, app, action, connection, status pill, duration) that pages
// runs in as it scrolls, a text filter and a status filter, and an empty state. Selecting a
// row announces the run; the detail view shows it.
class HistoryPane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPane)

public:
    // The status filter's entries, in the combo's order.
    enum class StatusFilter { All, Waiting, Success, Error, Failed, TimedOut, OutcomeUnknown };

    // `store` must outlive the pane.
    explicit HistoryPane(runs::HistoryStore *store, QWidget *parent = nullptr);

    models::HistoryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    qint64 currentRun() const; // 0 when none

    void setFilterText(const QString &text);
    void setStatusFilter(StatusFilter filter);
    // The server in use (its environment name, as runs record it): "This server only" shows
    // its runs. Off by default: the history keeps every server's runs together.
    void setEnvironment(const QString &name);
    QCheckBox *thisServerBox() const { return m_thisServer; }
    // App icons for the App column, e.g. from the catalog's IconCache.
    void setIconProvider(std::function<QIcon(const runs::RunSummary &run)> provider);
    // Repaints the App column's icons (the provider has new ones).
    void refreshIcons();

public Q_SLOTS:
    // Selects and shows the run; clears the filters when they hide it.
    void selectRun(qint64 id);
    void focusFilter();

Q_SIGNALS:
    void runSelected(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    static QString statusFilterText(StatusFilter filter);
    void retranslateUi();
    void fitStatusColumn();
    void applyFilter();
    void onCurrentChanged();
    void updateEmptyState();
    void prefetchIfNearTheEnd();
    runs::RunFilter currentFilter() const;

    runs::HistoryStore *m_store;
    models::HistoryModel *m_model;
    QLineEdit *m_filter;
    QComboBox *m_status;
    QCheckBox *m_thisServer;
    QString m_environment;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QTableView *m_view;
    QLabel *m_empty;
    QTimer m_filterDelay;
    QTimer m_prefetch;
    qint64 m_selected = 0;
};

} // namespace ab::ui
