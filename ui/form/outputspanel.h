#pragma once

#include "core/apierror.h"
#include "core/field.h"

#include <QWidget>

class QLabel;
class QTableWidget;
class QToolButton;

namespace ab::ui {

// The "Outputs" tab: the fields a run of the action returns (POST /outputs), with a loading
// line and an error line with Retry. The FormView asks the session and feeds this panel. Its
// table and lines are built when it is first shown or used, not with the window: most
// sessions never open the tab, and the window paints its first frame sooner without them.
class OutputsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputsPanel)

public:
    explicit OutputsPanel(QWidget *parent = nullptr);

    void setLoading();
    void setOutputs(const QList<core::OutputField> &fields);
    void setFailed(const core::ApiError &error);
    void clear();

    QTableWidget *table();
    QString statusText();
    QToolButton *retryButton();
    bool isBuilt() const { return m_table != nullptr; }

Q_SIGNALS:
    void retryRequested();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    enum class State { Empty, Loading, Loaded, Failed };

    void ensureBuilt();
    void retranslateUi();
    void fitRowHeight(); // one line of text and a little air per row
    void updateStatus();

    State m_state = State::Empty;
    core::ApiError m_error; // when Failed
    QLabel *m_status = nullptr;
    QToolButton *m_retry = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace ab::ui
