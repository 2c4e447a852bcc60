#pragma once

#include "runs/runcodec.h"
#include "runs/runrecord.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantList>

class QSqlQuery;

// How HistoryStore's rows map to the value types: column lists, statements and binding. Kept
// apart from the store so the store reads as transactions and errors only.
namespace ab::runs::rows {

QString insertRunSql();
QString updateRunSql(); // the run columns, then the id
QString selectRunSql(); // "... WHERE id = ?"
QString insertEventSql();
QString selectEventsSql(); // of one run, in order
QString insertCallSql();
QString selectCallsSql();   // of one run, in order
QString selectSummarySql(); // without WHERE / ORDER BY
int runColumnCount();

// " WHERE ..." (or empty) for a filter, with the values to bind in order.
QString whereClause(const RunFilter &filter, QVariantList &values);

void bindRun(QSqlQuery &query, const RunRecord &record, const RunCodec &codec);
// Reads a selectRunSql() row; a blob the codec refuses, or an unknown phase, is reported in
// `problem` and left empty.
RunRecord readRun(const QSqlQuery &query, const RunCodec &codec, QString *problem);
void bindEvent(QSqlQuery &query, qint64 runId, const RunEvent &event);
RunEvent readEvent(const QSqlQuery &query);
void bindCall(QSqlQuery &query, qint64 runId, const core::RequestRecord &call);
core::RequestRecord readCall(const QSqlQuery &query);
RunSummary readSummary(const QSqlQuery &query);

// A column holding a string map (input titles, choice labels) in the codec: NULL when
// `nullWhenEmpty` and the map is empty. Reading, NULL is an empty map, and a blob the codec
// refuses is reported in `problem` and read as empty.
QVariant stringMapColumn(const QMap<QString, QString> &map, const RunCodec &codec,
                         bool nullWhenEmpty);
QMap<QString, QString> readStringMap(const QVariant &column, const RunCodec &codec,
                                     QString *problem);

} // namespace ab::runs::rows
