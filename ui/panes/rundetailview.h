#pragma once

#include "runs/runrecord.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QAction;
class QFrame;
class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTabWidget;
class QToolButton;
class QTreeWidget;
class QVBoxLayout;

namespace ab::runs {
class HistoryStore;
}

namespace ab::ui {

class HistoryPillLabel;
class InspectorExchangeView;
class RunDetailErrors;
class RunDetailInputs;
class RunDetailResults;

// Everything a run kept: a header (app, action, connection, status pill, server run id,
// duration, environment), tabs for Inputs, Results (searchable JSON tree), Errors (explained),
// Timeline and API calls, and actions: Re-run (Ctrl+R), Restore into form (Ctrl+Shift+R),
// Copy as cURL (Ctrl+Alt+C) and Delete (Del, after an inline confirmation). It follows the
// shown run live through the store's signals.
//
// Delete: the view removes the run from the store itself, after emitting deleteRequested(id)
// so that the owner can first stop tracking it (RunService::cancel) when it is still running.
class RunDetailView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunDetailView)

public:
    enum Tab { InputsTab, ResultsTab, ErrorsTab, TimelineTab, CallsTab };

    // `store` must outlive the view.
    explicit RunDetailView(runs::HistoryStore *store, QWidget *parent = nullptr);

    qint64 runId() const { return m_runId; } // 0 when none is shown
    const runs::RunRecord &record() const { return m_record; }
    // The command "Copy as cURL" puts on the clipboard (the token is $ZAPIER_TOKEN).
    QString curlCommand() const;

    // The tabs are built on first use (the first run shown, or one of these calls).
    QTabWidget *tabs();
    RunDetailResults *results();
    RunDetailErrors *errors();
    QAction *rerunAction() const { return m_rerun; }
    QAction *restoreAction() const { return m_restore; }
    QAction *copyCurlAction() const { return m_copyCurl; }
    QAction *deleteAction() const { return m_delete; }
    QString headerText() const;
    QString noticeText() const;

public Q_SLOTS:
    void showRun(qint64 id);
    void clear();
    // Deletes the shown run without asking (the confirmation bar's button calls it).
    void deleteRun();

Q_SIGNALS:
    void rerunRequested(qint64 id);
    void restoreRequested(qint64 id);
    void deleteRequested(qint64 id);
    void focusFieldRequested(const QString &fieldId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateMinimumSize();
    // A notice as the state it reports, worded when shown (and again on a language change).
    using Notice = std::function<QString()>;

    QWidget *buildHeader();
    void ensureTabs();
    void retranslateUi();
    void updateRestoreTip();
    void retranslateTabs();
    void reload();
    void updateHeader();
    void fillErrors();
    void updateErrorsTabText();
    void fillTimeline();
    void fillCalls();
    void showCurrentCall();
    void copyCurl();
    void askDelete();
    void cancelDelete();
    void returnFocusAfterDelete();
    void showNotice(Notice notice);
    void selectTabForPhase();

    runs::HistoryStore *m_store;
    qint64 m_runId = 0;
    runs::RunRecord m_record;
    QStackedWidget *m_stack;
    QScrollArea *m_scroll = nullptr; // the run's page: header over tabs
    QLabel *m_emptyLabel;
    QLabel *m_title;
    HistoryPillLabel *m_pill;
    QLabel *m_meta;
    QLabel *m_notice;
    Notice m_noticeText;
    QList<QToolButton *> m_actionButtons;
    QToolButton *m_moreActions = nullptr; // the tool bar's » menu, when the pane is narrow
    QFrame *m_confirm;
    QLabel *m_confirmText;
    QPushButton *m_confirmDelete;
    QPushButton *m_cancelDelete;
    QPointer<QWidget> m_focusBeforeDelete; // where Delete was asked from; focused again after
    QVBoxLayout *m_pageLayout = nullptr;   // header, then the tabs once built
    QTabWidget *m_tabs = nullptr;
    RunDetailInputs *m_inputs = nullptr;
    RunDetailResults *m_results = nullptr;
    RunDetailErrors *m_errors = nullptr;
    QTreeWidget *m_timeline = nullptr;
    QTreeWidget *m_calls = nullptr;
    InspectorExchangeView *m_call = nullptr;
    QAction *m_rerun;
    QAction *m_restore;
    QAction *m_copyCurl;
    QAction *m_delete;
    QTimer m_refresh; // coalesces the store's change signals
    QTimer m_ticker;  // the elapsed time of a waiting run
    QTimer m_noticeTimer;
};

} // namespace ab::ui
