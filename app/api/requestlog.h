#pragma once

#include "api/redactor.h"
#include "core/requestrecord.h"

#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <deque>
#include <optional>

namespace ab::api {

// One HTTP exchange before redaction. Only RequestLog::add() turns it into a RequestRecord,
// so the redactor is the only path by which bodies reach a record or a log line.
struct RawExchange {
    QByteArray method;
    QUrl url;
    QDateTime startedAt;
    qint64 durationMs = 0;
    int httpStatus = 0;
    QString errorText;
    int attempt = 1;
    QByteArray requestBody;
    QByteArray responseBody; // what was read (may stop early for a too-large body)
    qint64 responseSize = 0; // bytes announced or received, whichever is larger
    QList<QPair<QByteArray, QByteArray>> responseHeaders; // all of them; filtered on record
};

// The last N exchanges (a ring buffer) for the API inspector, each run's record and the CLI.
class RequestLog final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLog)

public:
    static constexpr int defaultCapacity = 2000;
    static constexpr qint64 defaultMaxBodyBytes = 64 * 1024;

    explicit RequestLog(QObject *parent = nullptr);

    Redactor &redactor() { return m_redactor; }
    const Redactor &redactor() const { return m_redactor; }

    int capacity() const { return m_capacity; }
    void setCapacity(int capacity); // drops the oldest records beyond it
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    void setMaxBodyBytes(qint64 bytes);

    // Redacts, truncates and stores; returns the record that was stored.
    core::RequestRecord add(const RawExchange &exchange);

    QList<core::RequestRecord> records() const; // oldest first
    std::optional<core::RequestRecord> find(quint64 id) const;
    int size() const { return int(m_records.size()); }
    void clear();

Q_SIGNALS:
    void recordAdded(const ab::core::RequestRecord &record);

private:
    Redactor m_redactor;
    std::deque<core::RequestRecord> m_records;
    int m_capacity = defaultCapacity;
    qint64 m_maxBodyBytes = defaultMaxBodyBytes;
    quint64 m_nextId = 1;
};

} // namespace ab::api
