#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ab::core {

// Server-side status of an action run (contract §10.2). Anything but success/error is pending.
enum class RunStatus { Waiting, Success, Error, Unknown };
RunStatus runStatusFromString(const QString &text); // "waiting" / "queued" / "running" -> Waiting
QString runStatusToString(RunStatus status);

// A third-party error inside a run result (contract §2.5).
enum class RunErrorCode {
    User,
    Authentication,
    Partner,
    System,
    Throttled,
    SystemThrottled,
    Hydration,
    Unknown
};
RunErrorCode runErrorCodeFromString(const QString &text);
QString runErrorCodeToString(RunErrorCode code);

struct RunError {
    RunErrorCode code = RunErrorCode::Unknown;
    QString codeRaw;
    QString title;
    QString detail;
    std::optional<int> delaySeconds; // set with `throttled`
    QString sourcePointer;           // from meta, when the error names an input field
};

// One read of a run (GET /v2/action-runs/{id} or a stored-action run).
struct RunState {
    QString id;
    RunStatus status = RunStatus::Waiting;
    QString statusRaw;
    QByteArray resultsJson; // compact JSON text of `results` exactly as received ("[]" when none)
    QList<RunError> errors;
    QString nextPage; // stored-action bulk reads
    int httpStatus = 0;

    // A finished run with errors is a failure even when `status` says success (Zapier's SDK does
    // the same).
    bool isFinished() const { return status == RunStatus::Success || status == RunStatus::Error; }
    bool isFailure() const
    {
        return status == RunStatus::Error || (isFinished() && !errors.isEmpty());
    }
};

} // namespace ab::core
