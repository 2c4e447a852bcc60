#pragma once

#include "core/requestrecord.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;

namespace ab::ui {

// One HTTP exchange in full: a summary line, the response headers kept, and the redacted
// request and response bodies (indented when they are JSON). Used by the API inspector and by
// the run detail view's API calls tab. The summary is the method with the outcome, then the URL
// in a read-only field: selectable whole, and never wider than the pane (a URL has no space to
// wrap at, and a label holding one would make the pane as wide as the URL).
class InspectorExchangeView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectorExchangeView)

public:
    explicit InspectorExchangeView(QWidget *parent = nullptr);

    void setRecord(const core::RequestRecord &record);
    void clear();

    // "GET https://… → 200 in 80 ms", or the hint shown while no request is selected.
    QString summaryText() const;
    QString urlText() const;
    QString outcomeText() const; // "→ 200 in 80 ms"; empty while no request is selected
    QString requestText() const;
    QString responseText() const;
    QString headersText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateSummary();
    void updateUrlPalette();

    std::optional<core::RequestRecord> m_record; // the one shown
    QLabel *m_hint;
    QWidget *m_summary;
    QLabel *m_method;
    QLineEdit *m_url;
    QLabel *m_outcome;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_response;
    QPlainTextEdit *m_headers;
};

} // namespace ab::ui
