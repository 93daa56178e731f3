#!/usr/bin/env bash
# The .deb end to end: cpack builds it from the build tree, lintian finds no errors, its AppStream metadata
# validates, it holds every file the install rules promise, and — as root (CI) — it installs, the installed
# betthat-server runs with the installed configuration and answers /readyz (or /healthz), and it purges.
#
# usage: test_package.sh BUILD_DIR
# Outside CI a missing tool skips (exit 77); with CI set it fails, so the packaging never goes untested there.
set -euo pipefail

BUILD_DIR="$(cd "${1:?usage: test_package.sh BUILD_DIR}" && pwd)"
SKIP=77
WORK="$(mktemp -d)"
SERVER_PID=""
INSTALLED=0

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "--- $*"; }

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$INSTALLED" = 1 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=300 betthat >/dev/null 2>&1 \
            || dpkg --purge betthat >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

need() {
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            if [ -n "${CI:-}" ]; then
                fail "$tool is missing (add its package to BETTHAT_PACKAGES in scripts/lib.sh)"
            fi
            echo "SKIP: $tool is missing" >&2
            exit $SKIP
        fi
    done
}
need cpack dpkg-deb dpkg-shlibdeps fakeroot lintian appstreamcli curl

note "building the package"
# Into a directory of our own: the build tree's _CPack_Packages stays untouched.
(cd "$WORK" && cpack -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$WORK/out") > "$WORK/cpack.log" 2>&1 \
    || { cat "$WORK/cpack.log" >&2; fail "cpack failed"; }
DEB="$(ls "$WORK"/out/betthat_*.deb 2>/dev/null | head -n1)"
[ -f "$DEB" ] || { cat "$WORK/cpack.log" >&2; fail "cpack made no .deb"; }
note "package: $(basename "$DEB") ($(du -k "$DEB" | cut -f1) KiB)"

note "control"
dpkg-deb --field "$DEB" Package Version Section Maintainer Depends
[ "$(dpkg-deb --field "$DEB" Package)" = betthat ] || fail "the package is not called betthat"
depends="$(dpkg-deb --field "$DEB" Depends)"
for lib in libqt6core6 libqt6network6 libqt6widgets6 libqt6sql6-sqlite; do
    case "$depends" in *"$lib"*) ;; *) fail "Depends lacks $lib: $depends" ;; esac
done

note "contents"
dpkg-deb --contents "$DEB" | awk '{print $6}' | sed 's|^\./|/|' > "$WORK/contents"
expected=(
    /usr/bin/betthat
    /usr/bin/betthat-server
    /usr/share/applications/betthat.desktop
    /usr/share/icons/hicolor/scalable/apps/betthat.svg
    /usr/share/metainfo/org.betthat.BetThat.metainfo.xml
    /usr/share/man/man1/betthat.1.gz
    /usr/share/man/man1/betthat-server.1.gz
    /usr/share/betthat/translations/betthat_de.qm
    /usr/share/betthat/translations/betthat_es.qm
    /usr/share/doc/betthat/copyright
    /usr/share/doc/betthat/changelog.gz
    /usr/share/doc/betthat/openapi.yaml
    /usr/share/doc/betthat/email-templates/bet_resolved.html
    /lib/systemd/system/betthat-server.service
    /etc/betthat/server.conf
)
for size in 16 22 24 32 48 64 128 256; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/betthat.png")
done
for path in "${expected[@]}"; do
    grep -qxF "$path" "$WORK/contents" || fail "the package lacks $path"
done
control_files="$(dpkg-deb --ctrl-tarfile "$DEB" | tar -tf -)"
case "$control_files" in *conffiles*) ;; *) fail "no conffiles (the /etc file must be one)" ;; esac

note "lintian (errors fail, warnings are listed)"
lintian --fail-on error --display-level ">=warning" --tag-display-limit 0 "$DEB" \
    > "$WORK/lintian.log" 2>&1 || { cat "$WORK/lintian.log" >&2; fail "lintian found errors"; }
cat "$WORK/lintian.log"
grep -q '^E:' "$WORK/lintian.log" && fail "lintian reported errors"

note "appstream"
mkdir -p "$WORK/root"
dpkg-deb -x "$DEB" "$WORK/root"
appstreamcli validate --no-net "$WORK/root/usr/share/metainfo/org.betthat.BetThat.metainfo.xml" \
    || fail "appstreamcli validate failed"
grep -q '^ExecStart=/usr/bin/betthat-server ' "$WORK/root/lib/systemd/system/betthat-server.service" \
    || fail "the unit does not start the installed /usr/bin/betthat-server"
if [ "$(id -u)" -ne 0 ]; then
    if [ -n "${CI:-}" ]; then
        fail "CI must run this as root to install the package"
    fi
    note "not root: the install, run and purge steps are skipped"
    echo "SKIP: installing needs root" >&2
    exit $SKIP
fi

note "installing"
# apt resolves Depends from the archive if something is missing and waits for a dpkg lock held by others.
cp "$DEB" "$WORK/betthat.deb" && chmod 0644 "$WORK/betthat.deb" && chmod 0755 "$WORK"
INSTALLED=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 \
    "$WORK/betthat.deb" > "$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; fail "the install failed"; }
dpkg-query -W -f='${Status}\n' betthat | grep -q "install ok installed" || fail "betthat is not installed"

note "the installed unit"
# Its syntax, every option known to this systemd, and ExecStart's binary present and executable.
if command -v systemd-analyze >/dev/null 2>&1; then
    systemd-analyze verify --man=no /lib/systemd/system/betthat-server.service \
        || fail "systemd-analyze verify rejects the unit"
    systemd-analyze security --offline=yes /lib/systemd/system/betthat-server.service 2>/dev/null | tail -n1 || true
else
    note "systemd-analyze is not installed (package systemd): the unit is not verified"
fi

note "the installed binary"
version="$(/usr/bin/betthat-server --version)"
echo "$version"
case "$version" in "betthat-server "*) ;; *) fail "unexpected --version output: $version" ;; esac

note "the installed server with the installed configuration"
conf=/etc/betthat/server.conf
[ -f "$conf" ] || fail "$conf is not installed"
bind="$(sed -n '/^\[http\]/,/^\[/s/^bind=//p' "$conf" | head -n1)"
[ -n "$bind" ] || fail "no [http] bind in $conf"
args=()
if /usr/bin/betthat-server --help | grep -q -- '--config'; then
    args+=(--config "$conf")
else
    # Until the server reads the file, the values come over the command line as the unit passes them.
    args+=(--bind "$bind")
fi
# A free port (0) and a temporary database instead of the service's: this is not the service's run.
args+=(--port 0 --db "$WORK/betthat.sqlite")
/usr/bin/betthat-server "${args[@]}" > "$WORK/server.out" 2> "$WORK/server.err" &
SERVER_PID=$!
url=""
for _ in $(seq 1 100); do
    url="$(sed -n 's/^Bet That server listening on \(http:[^ ]*\).*/\1/p' "$WORK/server.out" | head -n1)"
    [ -n "$url" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; fail "the installed server exited"; }
    sleep 0.1
done
[ -n "$url" ] || { cat "$WORK/server.out" "$WORK/server.err" >&2; fail "the installed server did not start"; }
note "listening on $url"
ready="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/readyz" || true)"
if [ "$ready" = 200 ]; then
    note "/readyz: 200"
else
    health="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/healthz" || true)"
    [ "$health" = 200 ] || fail "/readyz answered $ready and /healthz $health"
    note "/readyz: $ready (not served by this build), /healthz: 200"
fi
openapi="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/api/v1/openapi.json" || true)"
[ "$openapi" = 200 ] || fail "/api/v1/openapi.json answered $openapi"

note "stopping"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || fail "the installed server did not exit cleanly on SIGTERM"
SERVER_PID=""

note "purging"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=300 betthat > "$WORK/purge.log" 2>&1 \
    || { cat "$WORK/purge.log" >&2; fail "the purge failed"; }
INSTALLED=0
[ ! -e /usr/bin/betthat-server ] || fail "/usr/bin/betthat-server is still there after the purge"
[ ! -e /etc/betthat/server.conf ] || fail "/etc/betthat/server.conf is still there after the purge"
echo "PASS"
