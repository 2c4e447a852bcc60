#include "runs/runrecord.h"

#include "core/field.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ab::runs {

namespace {

// A note template as a pattern that gives back its values: "accepted as run %1" matches
// "accepted as run 42" with "42".
struct NotePattern {
    const char *source;
    QRegularExpression pattern;
};

QList<NotePattern> notePatterns()
{
    QList<NotePattern> patterns;
    for (const char *source :
         {notes::sendingWithIdempotencyId, notes::sendingWithActionId, notes::attemptFailed,
          notes::gaveUp, notes::acceptedAsRun, notes::pollFailed, notes::pollingGaveUp,
          notes::stillPending, notes::finishedWithErrors, notes::throttledWait, notes::throttled}) {
        QString pattern = QRegularExpression::escape(QString::fromLatin1(source));
        // escape() turns "%1" into a backslash, "%" and "1".
        pattern.replace(QRegularExpression(QStringLiteral("\\\\%\\d")), QStringLiteral("(.*)"));
        patterns.append(
            {source, QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$'),
                                        QRegularExpression::DotMatchesEverythingOption)});
    }
    return patterns;
}

} // namespace

QString RunEvent::displayNote() const
{
    if (note.isEmpty())
        return note;
    // A note with values: translate its template, then put the values back (ids, counts and
    // a server's own words stay as they came).
    static const QList<NotePattern> patterns = notePatterns();
    for (const NotePattern &candidate : patterns) {
        const QRegularExpressionMatch match = candidate.pattern.match(note);
        if (!match.hasMatch())
            continue;
        const QString text = QCoreApplication::translate("ab::runs::RunEvent", candidate.source);
        // One arg() call for all values, so a value holding "%1" is not substituted again.
        return match.lastCapturedIndex() == 1 ? text.arg(match.captured(1))
                                              : text.arg(match.captured(1), match.captured(2));
    }
    // A fixed note is in the catalogue as it is; anything else comes back unchanged.
    return QCoreApplication::translate("ab::runs::RunEvent", note.toUtf8().constData());
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

QVariantMap RunRecord::shownInputs(const QVariant &mask) const
{
    return core::maskSecretInputs(inputs, secretInputs, mask);
}

} // namespace ab::runs
