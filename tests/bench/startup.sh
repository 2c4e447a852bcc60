#!/usr/bin/env bash
# Cold start to a painted window with the sandbox catalog listed (issue 3: under 400 ms and
# within 2x of a bare Qt Widgets window, measured in one run), plus idle memory and whether
# WebEngine was loaded, as reported by `actionbench --self-test`.
#   tests/bench/startup.sh [build-dir] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
rounds=${2:-10}
platform=${QT_QPA_PLATFORM:-offscreen}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" QT_QPA_PLATFORM="$platform"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
app_times=(); bare_times=(); report=""
for _ in $(seq "$rounds"); do
    t0=$(now_ms); report=$("$build/bin/actionbench" --self-test 2>&1); app_times+=($(( $(now_ms) - t0 )))
    t0=$(now_ms); "$build/bin/bench_barewindow"; bare_times+=($(( $(now_ms) - t0 )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
a=$(median "${app_times[@]}"); b=$(median "${bare_times[@]}")
awk -v a="$a" -v b="$b" -v p="$platform" 'BEGIN { printf "start-up (%s): actionbench to painted window with the catalog listed median %d ms (target < 400 ms); bare Qt window %d ms; ratio %.2f (target <= 2)\n", p, a, b, a / (b > 0 ? b : 1) }'
echo "last self-test: $report"
