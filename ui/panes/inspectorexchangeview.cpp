#include "panes/inspectorexchangeview.h"

#include "api/jsontree.h"
#include "models/historymodel.h"
#include "models/requestlogmodel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ab::ui {

namespace {

QPlainTextEdit *codeView(QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
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

QString keptHeaders(const core::RequestRecord &record)
{
    QStringList headers;
    for (const auto &[name, value] : record.responseHeaders)
        headers.append(QString::fromLatin1(name) + QStringLiteral(": ") +
                       QString::fromLatin1(value));
    return headers.isEmpty() ? InspectorExchangeView::tr("(none kept)") : headers.join(u'\n');
}

} // namespace

InspectorExchangeView::InspectorExchangeView(QWidget *parent)
    : QWidget(parent)
    , m_hint(new QLabel(this))
    , m_summary(new QWidget(this))
    , m_method(new QLabel(m_summary))
    , m_url(new QLineEdit(m_summary))
    , m_outcome(new QLabel(m_summary))
    , m_tabs(new QTabWidget(this))
    , m_request(codeView(this))
    , m_response(codeView(this))
    , m_headers(codeView(this))
{
    m_hint->setObjectName(QStringLiteral("exchangeHint"));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_summary->setObjectName(QStringLiteral("exchangeSummary"));
    m_method->setObjectName(QStringLiteral("exchangeMethod"));
    m_method->setTextFormat(Qt::PlainText);
    QFont bold = m_method->font();
    bold.setBold(true);
    m_method->setFont(bold);
    m_url->setObjectName(QStringLiteral("exchangeUrl"));
    m_url->setReadOnly(true);
    m_url->setFrame(false);
    updateUrlPalette();
    m_outcome->setObjectName(QStringLiteral("exchangeOutcome"));
    m_outcome->setTextFormat(Qt::PlainText);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The URL has a line of its own, so as much of it shows as the pane allows.
    auto *outcomeLine = new QHBoxLayout;
    outcomeLine->addWidget(m_method);
    outcomeLine->addWidget(m_outcome, 1);
    auto *lines = new QVBoxLayout(m_summary);
    lines->setContentsMargins(0, 0, 0, 0);
    lines->addLayout(outcomeLine);
    lines->addWidget(m_url);
    m_tabs->addTab(m_response, QString());
    m_tabs->addTab(m_request, QString());
    m_tabs->addTab(m_headers, QString());
    m_tabs->setDocumentMode(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_hint);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    clear();
    retranslateUi();
}

void InspectorExchangeView::retranslateUi()
{
    m_url->setAccessibleName(tr("Request URL"));
    m_request->setAccessibleName(tr("Request body"));
    m_response->setAccessibleName(tr("Response body"));
    m_headers->setAccessibleName(tr("Response headers"));
    m_tabs->setTabText(m_tabs->indexOf(m_response), tr("Response"));
    m_tabs->setTabText(m_tabs->indexOf(m_request), tr("Request"));
    m_tabs->setTabText(m_tabs->indexOf(m_headers), tr("Headers"));
    updateSummary();
    // Bodies and headers are data, left as they are (with their scroll positions); only the
    // notes standing in for missing ones are ours.
    if (m_record && m_record->requestBody.isEmpty())
        m_request->setPlainText(bodyText(m_record->requestBody, m_record->requestBody.size()));
    if (m_record && m_record->responseBody.isEmpty())
        m_response->setPlainText(bodyText(m_record->responseBody, m_record->responseSize));
    if (m_record && m_record->responseHeaders.isEmpty())
        m_headers->setPlainText(keptHeaders(*m_record));
}

void InspectorExchangeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::PaletteChange)
        updateUrlPalette(); // light to dark: the field follows the pane
    QWidget::changeEvent(event);
}

void InspectorExchangeView::updateUrlPalette()
{
    // The URL reads as text on the pane, not as an input waiting for one.
    QPalette flat = palette();
    flat.setColor(QPalette::Base, flat.color(QPalette::Window));
    m_url->setPalette(flat);
}

void InspectorExchangeView::setRecord(const core::RequestRecord &record)
{
    m_record = record;
    updateSummary();
    m_request->setPlainText(bodyText(record.requestBody, record.requestBody.size()));
    m_response->setPlainText(bodyText(record.responseBody, record.responseSize));
    m_headers->setPlainText(keptHeaders(record));
    m_tabs->setEnabled(true);
}

void InspectorExchangeView::updateSummary()
{
    m_hint->setText(tr("Select a request to see its bodies and headers."));
    m_hint->setVisible(!m_record);
    m_summary->setVisible(m_record.has_value());
    if (!m_record) {
        m_method->clear();
        m_url->clear();
        m_outcome->clear();
        return;
    }
    const core::RequestRecord &record = *m_record;
    const QString status = models::RequestLogModel::statusText(record);
    const QString duration = models::HistoryModel::durationText(record.durationMs);
    m_method->setText(record.method);
    if (m_url->text() != record.url) {
        m_url->setText(record.url);
        m_url->setCursorPosition(0); // the URL reads from its start, as in a browser
    }
    m_url->setToolTip(record.url);
    //: Status and duration of one HTTP request, after its method and URL: "→ 200 in 80 ms"
    const QString outcome = record.attempt > 1
                                ? tr("→ %1 in %2 (attempt %3)")
                                      .arg(status, duration, QLocale().toString(record.attempt))
                                : tr("→ %1 in %2").arg(status, duration);
    m_outcome->setText(outcome);
    m_url->setAccessibleDescription(outcome);
}

void InspectorExchangeView::clear()
{
    m_record.reset();
    updateSummary();
    m_request->clear();
    m_response->clear();
    m_headers->clear();
    m_tabs->setEnabled(false);
}

QString InspectorExchangeView::summaryText() const
{
    if (!m_record)
        return m_hint->text();
    return m_method->text() + u' ' + m_url->text() + u' ' + m_outcome->text();
}

QString InspectorExchangeView::urlText() const
{
    return m_url->text();
}

QString InspectorExchangeView::outcomeText() const
{
    return m_outcome->text();
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
