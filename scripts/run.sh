#!/usr/bin/env bash
# Installs what is missing, builds, and starts Actionbench on the built-in sandbox.
#   scripts/run.sh [arguments for the program]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps-debian.sh
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" -j "$(nproc 2>/dev/null || echo 2)"
if [[ -x "$build_dir/bin/actionbench" ]]; then
    exec "$build_dir/bin/actionbench" "$@"
fi
# Until the desktop app exists the command-line client is the product.
if [[ $# -eq 0 ]]; then
    exec "$build_dir/bin/actionbench-cli" --help
fi
exec "$build_dir/bin/actionbench-cli" "$@"
