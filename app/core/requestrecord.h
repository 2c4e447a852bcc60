#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace ab::core {

// One HTTP exchange as the inspector, the history and the CLI see it. Everything in here is
// already redacted: no bearer token, client secret, JWT or connect token ever reaches it.
struct RequestRecord {
    quint64 id = 0;
    QString method;
    QString url; // query values of secret parameters replaced by "[redacted]"
    QDateTime startedAt;
    qint64 durationMs = 0;
    int httpStatus = 0;      // 0 when no response arrived
    QString errorText;       // network error, timeout, ... (empty on a normal reply)
    int attempt = 1;         // 1 for the first try, 2+ for scheduler retries
    QByteArray requestBody;  // redacted, truncated
    QByteArray responseBody; // redacted, truncated
    qint64 responseSize = 0; // full size before truncation
    QList<QPair<QByteArray, QByteArray>> responseHeaders; // rate-limit and content headers only
};

} // namespace ab::core
