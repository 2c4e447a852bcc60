#pragma once

#include "runs/runrecord.h"

#include <QJsonObject>

namespace ab::cli {

int exitCodeForPhase(runs::Phase phase);
// A run as the CLI reports it; `full` adds inputs, timeline and API calls (history show).
QJsonObject runJson(const runs::RunRecord &record, bool full);
QString runText(const runs::RunRecord &record, bool full);
QJsonObject runSummaryJson(const runs::RunSummary &summary);

} // namespace ab::cli
