#pragma once

#include "core/requestrecord.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace ab::ui {

// One HTTP exchange in full: a summary line, the response headers kept, and the redacted
// request and response bodies (indented when they are JSON). Used by the API inspector and by
// the run detail view's API calls tab.
class InspectorExchangeView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectorExchangeView)

public:
    explicit InspectorExchangeView(QWidget *parent = nullptr);

    void setRecord(const core::RequestRecord &record);
    void clear();

    QString summaryText() const;
    QString requestText() const;
    QString responseText() const;
    QString headersText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateSummary();

    std::optional<core::RequestRecord> m_record; // the one shown
    QLabel *m_summary;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_response;
    QPlainTextEdit *m_headers;
};

} // namespace ab::ui
