#!/usr/bin/env bash
# Shared by scripts/run and scripts/test: install what is missing (Debian packages only) and build in build/.
set -euo pipefail

BETTHAT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BETTHAT_BUILD="${BETTHAT_BUILD:-$BETTHAT_ROOT/build}"

# Everything the build, the app and the test suite need; nothing comes from outside Debian's archive.
BETTHAT_PACKAGES=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-svg-dev
    libqt6sql6-sqlite libqt6sql6-psql
    qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools qtkeychain-qt6-dev
    libcurl4-openssl-dev libgl-dev
    xvfb xauth fonts-dejavu-core dbus-daemon
    python3 python3-aiosmtpd openssl curl
    # The package and its checks (cmake/BetThatPackaging.cmake, tests/dist): icons drawn from the SVG, the
    # OpenAPI document converted at build time, cpack's .deb with its dependencies, lintian, AppStream.
    librsvg2-bin python3-yaml dpkg-dev fakeroot file lintian appstream
    prometheus
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing_packages() {
    local missing=()
    for pkg in "${BETTHAT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing missing packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# configure_and_build [extra cmake args...] -- [targets...]
configure_and_build() {
    local cmake_args=() targets=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do cmake_args+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    targets=("$@")
    log "configuring in $BETTHAT_BUILD"
    cmake -S "$BETTHAT_ROOT" -B "$BETTHAT_BUILD" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" \
        "${cmake_args[@]}" >/dev/null
    log "building ${targets[*]:-everything}"
    cmake --build "$BETTHAT_BUILD" --parallel "$(nproc)" ${targets[@]:+--target "${targets[@]}"}
}
