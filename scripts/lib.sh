#!/usr/bin/env bash
# Shared by scripts/run and scripts/test: install what is missing (Debian packages only) and build in build/.
set -euo pipefail

BETTHAT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BETTHAT_BUILD="${BETTHAT_BUILD:-$BETTHAT_ROOT/build}"
# ccache keys on relative paths below the checkout, so every clone (CI's included) shares one compiler cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$BETTHAT_ROOT}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"

# Everything the build, the app and the test suite need; nothing comes from outside Debian's archive.
BETTHAT_PACKAGES=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-svg-dev
    # Qt Charts for the admin window's server panel; its CMake package needs Qt6OpenGL, which qt6-base-dev only
    # recommends (and --no-install-recommends skips).
    qt6-charts-dev libqt6opengl6-dev
    libqt6sql6-sqlite libqt6sql6-psql
    qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools qtkeychain-qt6-dev
    libcurl4-openssl-dev libgl-dev
    xvfb xauth fonts-dejavu-core dbus-daemon
    python3 python3-aiosmtpd openssl curl
    # The package and its checks (cmake/BetThatPackaging.cmake, tests/dist): icons drawn from the SVG, the
    # OpenAPI document converted at build time, cpack's .deb with its dependencies, lintian, AppStream.
    librsvg2-bin python3-yaml dpkg-dev fakeroot file lintian appstream
    prometheus
    postgresql
    # The fuzz build (scripts/fuzz, tests/fuzz): clang 14 and its runtimes, libFuzzer's engine included
    # (libclang_rt.fuzzer, what -fsanitize=fuzzer links; libfuzzer-14-dev is only the standalone copy).
    clang libclang-rt-14-dev
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

# start_test_postgres: a throwaway PostgreSQL cluster for the storage tests, in $BETTHAT_BUILD/pg, listening on
# 127.0.0.1 only (trust authentication, nothing else can reach it), on a free port, started with pg_ctl (no
# system service). Exports BETTHAT_TEST_PG=postgres://USER@127.0.0.1:PORT/betthat_test and stops the cluster
# when the calling shell exits. Without the PostgreSQL binaries it does nothing: the PostgreSQL rows of the
# tests then fail loudly under CI=true and are left out (with a message) on a developer machine.
start_test_postgres() {
    if [ -n "${BETTHAT_TEST_PG:-}" ]; then
        log "using the PostgreSQL named by BETTHAT_TEST_PG"
        return 0
    fi
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        log "no PostgreSQL binaries: the PostgreSQL storage tests will not run"
        return 0
    fi
    local dir="$BETTHAT_BUILD/pg" user as=()
    user="$(id -un)"
    # initdb refuses to run as root: the cluster then belongs to the postgres system user.
    if [ "$(id -u)" -eq 0 ]; then
        user=postgres
        as=(runuser -u postgres --)
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    # The postgres user must reach the folder: a clone under a private home (mode 700) is out of its reach, and
    # the cluster then lives in a temporary folder instead.
    if [ ${#as[@]} -gt 0 ] && ! "${as[@]}" test -x "$dir"; then
        dir="$(mktemp -d /tmp/betthat-pg.XXXXXX)"
        log "the postgres user cannot reach $BETTHAT_BUILD: the test cluster lives in $dir"
    fi
    [ ${#as[@]} -gt 0 ] && chown postgres: "$dir"
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; return 1; }
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    # The socket directory is the cluster's own folder: no need for /run/postgresql. fsync off: a throwaway.
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" >/dev/null \
        || { cat "$dir/server.log" >&2; return 1; }
    BETTHAT_TEST_PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop)
    trap 'stop_test_postgres' EXIT
    "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" betthat_test
    export BETTHAT_TEST_PG="postgres://$user@127.0.0.1:$port/betthat_test"
    log "PostgreSQL for the tests: $BETTHAT_TEST_PG"
}

stop_test_postgres() {
    [ -n "${BETTHAT_TEST_PG_STOP:-}" ] && "${BETTHAT_TEST_PG_STOP[@]}" >/dev/null 2>&1 || true
}
