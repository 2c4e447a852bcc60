#pragma once

#include "sandbox/catalog.h"
#include "sandbox/sandboxstate.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace ab::sandbox {

// What a finished run reports.
struct RunOutcome {
    QString status; // "success" or "error"
    QJsonArray results;
    QJsonArray errors; // third-party errors: {code, title, detail, delay?, meta}
    QJsonValue nextPage = QJsonValue::Null; // bulk reads: the page to ask for next, or null
    int polls = 0;                          // reads answered "waiting" before this outcome
};

// Interprets an action's declarative "run" block (catalog.json):
//   "polls": 2                      reads that answer "waiting" first (0 = done at once)
//   "polls_input": "polls"          ... or taken from an input when it holds an integer
//   "results": [ {..} ]             templates: "{{inputs.<id>}}", "{{run_id}}",
//                                   "{{run_number}}", "{{connection_id}}", "{{now}}",
//                                   "{{page}}", "{{n}}"; a string that is exactly one
//                                   placeholder keeps the input's JSON type
//   "repeat_results": {"count": N, "template": {..}}  N results ({{n}} = 1..N)
//   "bulk": {"total": T, "page_size": P, "template": {..}}  READ_BULK paging by `page`
//   "fail_when": [{"input": id, "not_contains"|"contains"|"equals": v | "empty": true,
//                  "outcome": name}]
//   "outcome_input": id             the input's value names an entry of "outcomes"
//   "outcomes": {name: {"status", "errors", "results", "polls"}}
// A run on an expired connection fails with a third-party `authentication` error.
class RunEngine {
public:
    static int polls(const CatalogAction &action, const QJsonObject &inputs);
    static RunOutcome outcome(const CatalogApp &app, const CatalogAction &action,
                              const RunRecord &run, bool connectionExpired);
    // One read of a run: std::nullopt while it is still waiting (the read counts as a poll).
    static std::optional<RunOutcome> read(const SandboxContext &context, RunRecord *run);
};

} // namespace ab::sandbox
