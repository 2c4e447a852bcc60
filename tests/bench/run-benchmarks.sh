#!/usr/bin/env bash
# Runs every benchmark and prints one line per target (the README quotes them). Build first
# (scripts/test.sh or cmake --build build). Numbers only: nothing here passes or fails.
#   tests/bench/run-benchmarks.sh [build-dir]
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
bin="$build/bin"
chosen_platform=${QT_QPA_PLATFORM:-} # start-up measures offscreen and under X unless one is chosen
export QT_LOGGING_RULES="ab.*=false" QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

run() { if [[ -x "$bin/$1" ]]; then "$bin/$1" "${@:2}"; else echo "$1: not built"; fi; }

run bench_decode
run bench_sandbox
run bench_history

# actionbench-cli --help: process start to exit, best of 20 (target < 50 ms).
if [[ -x "$bin/actionbench-cli" ]]; then
    best=999999
    for _ in $(seq 20); do
        t0=$(date +%s%N); "$bin/actionbench-cli" --help >/dev/null; t=$(( ($(date +%s%N) - t0) / 1000 ))
        (( t < best )) && best=$t
    done
    awk -v us="$best" 'BEGIN { printf "actionbench-cli --help: best of 20 %.1f ms (target < 50 ms)\n", us / 1000 }'
fi

bash tests/bench/flow-vs-curl.sh "$build" 15 2>/dev/null

for gui in bench_form bench_history_scroll bench_catalog_typing; do
    [[ -x "$bin/$gui" ]] && "$bin/$gui"
done
[[ -x "$bin/actionbench" ]] && QT_QPA_PLATFORM=$chosen_platform bash tests/bench/startup.sh "$build" 10
exit 0
