#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test with CTest.
#   scripts/test.sh [extra ctest arguments]
# Environment: BUILD_DIR (default build), ACTIONBENCH_BUILD_GUI (default ON).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/deps-debian.sh

build_dir=${BUILD_DIR:-build}
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DACTIONBENCH_BUILD_GUI="${ACTIONBENCH_BUILD_GUI:-ON}" -DACTIONBENCH_BUILD_TESTS=ON
cmake --build "$build_dir" -j "$jobs"

# Tests run offscreen, with a throw-away HOME and a private D-Bus session holding an unlocked
# keyring, so keychain tests never touch (or hang on) the user's real keyring.
test_home=$(mktemp -d)
trap 'rm -rf "$test_home"' EXIT
export HOME="$test_home" XDG_CONFIG_HOME="$test_home/.config" XDG_DATA_HOME="$test_home/.local/share"
export XDG_RUNTIME_DIR="$test_home/runtime" QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

ctest_args=(--test-dir "$root/$build_dir" --output-on-failure -j "$jobs" "$@")
exec dbus-run-session -- bash -c '
    printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
    exec ctest "$@"' ctest "${ctest_args[@]}"
