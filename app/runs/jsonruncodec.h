#pragma once

#include "runs/runcodec.h"

#include <QString>

namespace ab::runs {

// The codec every real store uses: JSON text produced by api/ (so history rows stay readable
// by other tools and exports). Tests may still inject their own.
RunCodec jsonRunCodec();

// Where the CLI and the desktop app keep their shared data (history, sandbox state):
// <user data directory>/actionbench.
QString defaultDataDirectory();
QString defaultHistoryPath();

} // namespace ab::runs
