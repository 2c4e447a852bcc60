#include "panes/inspectorexchangeview.h"

#include "api/jsontree.h"
#include "models/historymodel.h"
#include "models/requestlogmodel.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ab::ui {

namespace {

QPlainTextEdit *codeView(const QString &accessibleName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setAccessibleName(accessibleName);
    // Read-only text must still be reachable and selectable from the keyboard.
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

QString bodyText(const QByteArray &body, qint64 fullSize)
{
    if (body.isEmpty())
        return fullSize > 0 ? InspectorExchangeView::tr("(body not kept)")
                            : InspectorExchangeView::tr("(no body)");
    // The log marks a cut body with "…[truncated, N bytes in all]". Redaction can also add the
    // mark to a body it only shortened (a secret longer than "[redacted]"), so a body that
    // parses once the mark is set aside is still shown indented, with the mark below it.
    static const QRegularExpression mark(
        QStringLiteral("\u2026\\[truncated, \\d+ bytes in all\\]$"));
    const QString raw = QString::fromUtf8(body);
    const QRegularExpressionMatch found = mark.match(raw);
    if (found.hasMatch()) {
        const QByteArray json = raw.left(found.capturedStart()).toUtf8();
        if (api::JsonTree::parse(json))
            return api::JsonTree::prettyPrinted(json) + u'\n' + found.captured();
        return raw;
    }
    return api::JsonTree::prettyPrinted(body);
}

} // namespace

InspectorExchangeView::InspectorExchangeView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_request(codeView(tr("Request body"), this))
    , m_response(codeView(tr("Response body"), this))
    , m_headers(codeView(tr("Response headers"), this))
{
    m_summary->setObjectName(QStringLiteral("exchangeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Selected request"));
    m_tabs->addTab(m_response, tr("Response"));
    m_tabs->addTab(m_request, tr("Request"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->setDocumentMode(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    clear();
}

void InspectorExchangeView::setRecord(const core::RequestRecord &record)
{
    const QString status = models::RequestLogModel::statusText(record);
    QString summary = tr("%1 %2 → %3 in %4")
                          .arg(record.method, record.url, status,
                               models::HistoryModel::durationText(record.durationMs));
    if (record.attempt > 1)
        summary += u' ' + tr("(attempt %1)").arg(record.attempt);
    m_summary->setText(summary);
    m_summary->setAccessibleDescription(summary);
    m_request->setPlainText(bodyText(record.requestBody, record.requestBody.size()));
    m_response->setPlainText(bodyText(record.responseBody, record.responseSize));
    QStringList headers;
    for (const auto &[name, value] : record.responseHeaders)
        headers.append(QString::fromLatin1(name) + QStringLiteral(": ") +
                       QString::fromLatin1(value));
    m_headers->setPlainText(headers.isEmpty() ? tr("(none kept)") : headers.join(u'\n'));
    m_tabs->setEnabled(true);
}

void InspectorExchangeView::clear()
{
    m_summary->setText(tr("Select a request to see its bodies and headers."));
    m_summary->setAccessibleDescription(m_summary->text());
    m_request->clear();
    m_response->clear();
    m_headers->clear();
    m_tabs->setEnabled(false);
}

QString InspectorExchangeView::summaryText() const
{
    return m_summary->text();
}

QString InspectorExchangeView::requestText() const
{
    return m_request->toPlainText();
}

QString InspectorExchangeView::responseText() const
{
    return m_response->toPlainText();
}

QString InspectorExchangeView::headersText() const
{
    return m_headers->toPlainText();
}

} // namespace ab::ui
