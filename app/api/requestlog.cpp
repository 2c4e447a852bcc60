#include "api/requestlog.h"

#include "api/logging.h"

namespace ab::api {

// Headers worth keeping: rate limits and content description. Never Authorization or cookies.
static bool isRecordedHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower.startsWith("x-ratelimit-") || lower == "retry-after" || lower == "content-type" ||
           lower == "content-length" || lower == "date";
}

RequestLog::RequestLog(QObject *parent)
    : QObject(parent)
{}

void RequestLog::setCapacity(int capacity)
{
    m_capacity = qMax(1, capacity);
    while (int(m_records.size()) > m_capacity)
        m_records.pop_front();
}

void RequestLog::setMaxBodyBytes(qint64 bytes)
{
    m_maxBodyBytes = qMax<qint64>(0, bytes);
}

core::RequestRecord RequestLog::add(const RawExchange &exchange)
{
    core::RequestRecord record;
    record.id = m_nextId++;
    record.method = QString::fromLatin1(exchange.method);
    record.url = m_redactor.redactUrl(exchange.url);
    record.startedAt = exchange.startedAt;
    record.durationMs = exchange.durationMs;
    record.httpStatus = exchange.httpStatus;
    record.errorText = QString::fromUtf8(m_redactor.redactBody(exchange.errorText.toUtf8()));
    record.attempt = exchange.attempt;
    record.requestBody = m_redactor.redactAndTruncate(exchange.requestBody, m_maxBodyBytes);
    record.responseBody = m_redactor.redactAndTruncate(exchange.responseBody, m_maxBodyBytes);
    record.responseSize = qMax<qint64>(exchange.responseSize, exchange.responseBody.size());
    for (const auto &header : exchange.responseHeaders) {
        if (isRecordedHeader(header.first))
            record.responseHeaders.append(header);
    }

    m_records.push_back(record);
    while (int(m_records.size()) > m_capacity)
        m_records.pop_front();

    qCDebug(lcApi).noquote() << record.method << record.url << "->" << record.httpStatus
                             << record.durationMs << "ms" << record.errorText;
    Q_EMIT recordAdded(record);
    return record;
}

QList<core::RequestRecord> RequestLog::records() const
{
    return QList<core::RequestRecord>(m_records.begin(), m_records.end());
}

std::optional<core::RequestRecord> RequestLog::find(quint64 id) const
{
    for (const core::RequestRecord &record : m_records) {
        if (record.id == id)
            return record;
    }
    return std::nullopt;
}

void RequestLog::clear()
{
    m_records.clear();
}

} // namespace ab::api
