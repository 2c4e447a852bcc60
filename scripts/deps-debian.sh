#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Actionbench needs to build, test and run.
# Idempotent: it installs only what is missing. Uses sudo only when not root.
set -euo pipefail

packages=(
    git cmake ninja-build g++ pkg-config curl ca-certificates clang-format
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-qpa-plugins libgl-dev
    qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qt6-webengine-dev qt6-webengine-dev-tools
    qtkeychain-qt6-dev libssl-dev
    # the history keeps a small WAL at close through the SQLite Qt's driver links (app/runs)
    libsqlite3-dev
    xvfb xauth dbus gnome-keyring
    # a Japanese font, so the screenshots of the Japanese UI show glyphs rather than boxes
    fonts-ipafont-gothic
    # packaging: icons (Qt SVG), DEB (dpkg-shlibdeps needs file), RPM, desktop/AppStream validators
    qt6-svg-dev dpkg-dev file rpm desktop-file-utils appstream
)

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
echo "Installing: ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
