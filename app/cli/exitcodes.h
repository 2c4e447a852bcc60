#pragma once

namespace ab::cli {

// Documented in the README and `--help`; scripts depend on them.
enum ExitCode : int {
    ExitOk = 0,
    ExitRunError = 1,   // the run finished with status error (or third-party errors)
    ExitUsage = 2,      // bad arguments, unknown app/action/field/choice
    ExitApiFailure = 3, // API or network error (HTTP error, malformed reply, unreachable)
    ExitTimeout = 4,    // polling gave up, or the outcome of a submission is unknown
};

} // namespace ab::cli
