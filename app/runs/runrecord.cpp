#include "runs/runrecord.h"

#include <QCoreApplication>

namespace ab::runs {

QString RunEvent::displayNote() const
{
    // Only the fixed notes are in the catalogue: any other comes back as it is.
    return note.isEmpty()
               ? note
               : QCoreApplication::translate("ab::runs::RunEvent", note.toUtf8().constData());
}

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Preparing:
        return QStringLiteral("preparing");
    case Phase::Submitting:
        return QStringLiteral("submitting");
    case Phase::Waiting:
        return QStringLiteral("waiting");
    case Phase::Success:
        return QStringLiteral("success");
    case Phase::Error:
        return QStringLiteral("error");
    case Phase::Failed:
        return QStringLiteral("failed");
    case Phase::OutcomeUnknown:
        return QStringLiteral("outcome_unknown");
    case Phase::TimedOut:
        return QStringLiteral("timed_out");
    case Phase::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("failed");
}

std::optional<Phase> phaseFromName(const QString &name)
{
    for (int value = 0; value <= int(Phase::Cancelled); ++value) {
        if (phaseName(Phase(value)) == name)
            return Phase(value);
    }
    return std::nullopt;
}

bool isUnfinishedPhase(Phase phase)
{
    return phase == Phase::Preparing || phase == Phase::Submitting || phase == Phase::Waiting;
}

bool isFinalPhase(Phase phase)
{
    return !isUnfinishedPhase(phase);
}

QString runKindName(RunKind kind)
{
    return kind == RunKind::Stored ? QStringLiteral("stored") : QStringLiteral("action");
}

std::optional<RunKind> runKindFromName(const QString &name)
{
    if (name == QLatin1String("action"))
        return RunKind::Action;
    if (name == QLatin1String("stored"))
        return RunKind::Stored;
    return std::nullopt;
}

std::optional<core::ErrorKind> errorKindFromName(const QString &name)
{
    for (int value = 0; value <= int(core::ErrorKind::Unknown); ++value) {
        if (core::errorKindName(core::ErrorKind(value)) == name)
            return core::ErrorKind(value);
    }
    return std::nullopt;
}

qint64 RunRecord::durationMs() const
{
    if (!finishedAt.isValid())
        return -1;
    const QDateTime &start = submittedAt.isValid() ? submittedAt : createdAt;
    return start.isValid() ? qMax<qint64>(0, start.msecsTo(finishedAt)) : -1;
}

} // namespace ab::runs
