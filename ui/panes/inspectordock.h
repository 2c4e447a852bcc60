#pragma once

#include <QDockWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace ab::api {
class RequestLog;
}
namespace ab::models {
class RequestLogModel;
}

namespace ab::ui {

class InspectorExchangeView;

// The API inspector: every request the client made (method, path, status, duration), newest at
// the bottom and followed while the list is scrolled to the end; selecting one shows its
// redacted bodies and kept headers. A filter box narrows the list; Clear empties the list
// (not the log that runs and the CLI read).
class InspectorDock final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectorDock)

public:
    // `log` must outlive the dock.
    explicit InspectorDock(api::RequestLog *log, QWidget *parent = nullptr);

    models::RequestLogModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    InspectorExchangeView *exchangeView() const { return m_exchange; }

    void setFilterText(const QString &text);

public Q_SLOTS:
    void clear();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void onRowsInserted();
    void onCurrentChanged(const QModelIndex &current);
    void updateCount();

    models::RequestLogModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QPushButton *m_clear;
    QLabel *m_count;
    QTableView *m_view;
    InspectorExchangeView *m_exchange;
};

} // namespace ab::ui
