#pragma once

#include "core/apierror.h"
#include "core/field.h"

#include <QWidget>

class QLabel;
class QTableWidget;
class QToolButton;

namespace ab::ui {

// The "Outputs" tab: the fields a run of the action returns (POST /outputs), with a loading
// line and an error line with Retry. The FormView asks the session and feeds this panel.
class OutputsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputsPanel)

public:
    explicit OutputsPanel(QWidget *parent = nullptr);

    void setLoading();
    void setOutputs(const QList<core::OutputField> &fields);
    void setFailed(const core::ApiError &error);
    void clear();

    QTableWidget *table() const { return m_table; }
    QString statusText() const;
    QToolButton *retryButton() const { return m_retry; }

Q_SIGNALS:
    void retryRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class State { Empty, Loading, Loaded, Failed };

    void retranslateUi();
    void updateStatus();

    State m_state = State::Empty;
    core::ApiError m_error; // when Failed
    QLabel *m_status;
    QToolButton *m_retry;
    QTableWidget *m_table;
};

} // namespace ab::ui
