#pragma once

#include "core/apierror.h"
#include "core/run.h"
#include "runs/runrecord.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace ab::ui {

// What went wrong with a run, in plain words: the one place that maps third-party run error
// codes and API error kinds to titles, explanations and next steps.
struct Explanation {
    QString title;       // "The app asked Zapier to slow down"
    QString explanation; // what happened, for someone who has not read the API docs
    QString nextStep;    // what to do now
    QString details;     // the app's or server's own words, when they add something
    QString fieldId;     // the input the error points at ("message"), or empty
};

class ErrorExplainer final {
    Q_DECLARE_TR_FUNCTIONS(ab::ui::ErrorExplainer)

public:
    // A third-party error inside a finished run (`errors` of a run result).
    static Explanation explain(const core::RunError &error);
    // Why a run ended without a result: an API error of a Failed / OutcomeUnknown / TimedOut run.
    // `phase` matters: an OutcomeUnknown run is explained as such whatever the error kind.
    static Explanation explain(const core::ApiError &error, runs::Phase phase);
    // A run that ended without a result and without a recorded API error.
    static Explanation explainPhase(runs::Phase phase);
    // All there is to say about a run: each third-party error, then why it ended without a
    // result (its API error, or its phase alone when none was recorded).
    static QList<Explanation> explainRun(const QList<core::RunError> &errors,
                                         const std::optional<core::ApiError> &apiError,
                                         runs::Phase phase);

    // The input field id a JSON pointer names: "/data/inputs/message" and "/inputs/message" give
    // "message"; ~1 and ~0 are unescaped; anything else gives an empty string.
    static QString fieldIdFromPointer(const QString &pointer);

    static QString runErrorCodeTitle(core::RunErrorCode code);
};

} // namespace ab::ui
