#include "cli/output.h"

#include <QJsonDocument>

#include <cstdio>

namespace ab::cli {

static void writeTo(FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void Output::result(const QJsonObject &document, const QString &text) const
{
    if (m_json) {
        writeTo(stdout, QJsonDocument(document).toJson(QJsonDocument::Indented));
        return;
    }
    QByteArray bytes = text.toUtf8();
    if (!bytes.endsWith('\n'))
        bytes.append('\n');
    writeTo(stdout, bytes);
}

void Output::error(const QString &message, int exitCode) const
{
    if (m_json) {
        QJsonObject error{{QStringLiteral("message"), message},
                          {QStringLiteral("exit_code"), exitCode}};
        writeTo(stdout, QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson());
    }
    writeTo(stderr, QStringLiteral("actionbench-cli: %1\n").arg(message).toUtf8());
}

QJsonObject Output::errorJson(const core::ApiError &error)
{
    QJsonObject object{{QStringLiteral("kind"), core::errorKindName(error.kind)},
                       {QStringLiteral("http_status"), error.httpStatus},
                       {QStringLiteral("code"), error.code},
                       {QStringLiteral("title"), error.title},
                       {QStringLiteral("detail"), error.detail}};
    if (!error.sourcePointer.isEmpty())
        object.insert(QStringLiteral("source_pointer"), error.sourcePointer);
    if (error.retryAfterSeconds)
        object.insert(QStringLiteral("retry_after"), *error.retryAfterSeconds);
    return object;
}

void Output::apiError(const core::ApiError &error, const QString &context) const
{
    if (m_json) {
        QJsonObject object = errorJson(error);
        object.insert(QStringLiteral("message"), context);
        writeTo(stdout, QJsonDocument(QJsonObject{{QStringLiteral("error"), object}}).toJson());
    }
    writeTo(stderr,
            QStringLiteral("actionbench-cli: %1: %2\n").arg(context, error.summary()).toUtf8());
}

void Output::progress(const QString &message) const
{
    if (!m_json)
        writeTo(stderr, (message + QLatin1Char('\n')).toUtf8());
}

void Output::notice(const QJsonObject &document, const QString &text) const
{
    if (m_json) {
        writeTo(stderr, QJsonDocument(document).toJson(QJsonDocument::Compact) + '\n');
        return;
    }
    writeTo(stderr, (text + QLatin1Char('\n')).toUtf8());
}

QString Output::table(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &header : headers)
        widths.append(header.size());
    for (const QStringList &row : rows) {
        for (qsizetype column = 0; column < row.size() && column < widths.size(); ++column)
            widths[column] = std::max(widths[column], std::min<qsizetype>(row[column].size(), 60));
    }
    auto line = [&widths](const QStringList &cells) {
        QString text;
        for (qsizetype column = 0; column < cells.size(); ++column) {
            QString cell = cells[column];
            if (cell.size() > 60)
                cell = cell.left(59) + QChar(0x2026);
            const bool last = column + 1 == cells.size();
            text += last ? cell : cell.leftJustified(widths.value(column) + 2);
        }
        return text.trimmed() + QLatin1Char('\n');
    };
    QString text = line(headers);
    for (const QStringList &row : rows)
        text += line(row);
    return text;
}

} // namespace ab::cli
