#!/usr/bin/env bash
# Builds the Debian package from a build folder, installs it on this machine (root; CI runs on
# a throw-away one), uses it from /usr/bin as a user would, then removes it and checks that
# nothing is left behind.
#   tests/package/test_deb.sh [BUILD_DIR]      (default build/dev)
set -euo pipefail

build=$(cd "${1:-build/dev}" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "test_deb: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root to install the package (run it in CI or a container)"
if dpkg-query -W -f='${Status}' interleave 2>/dev/null | grep -q 'install ok installed'; then
    fail "an interleave package is installed already; remove it first"
fi

echo "== building the package"
(cd "$build" && cpack -G DEB -B "$work/package" >/dev/null)
deb=$(ls "$work"/package/interleave_*.deb)
dpkg-deb --info "$deb" | sed -n '/Depends/p'
dpkg-deb --contents "$deb" | awk '{print $6}' > "$work/contents"
for path in ./usr/bin/interleave ./usr/libexec/interleave/interleave-worker \
    ./usr/lib/interleave/python/interleave_boot.py ./usr/lib/interleave/python/libinterleave_pytrace.so \
    ./usr/share/applications/interleave.desktop ./usr/share/icons/hicolor/scalable/apps/interleave.svg \
    ./usr/share/icons/hicolor/48x48/apps/interleave.png ./usr/share/mime/packages/interleave.xml \
    ./usr/share/metainfo/org.interleave.Interleave.metainfo.xml ./usr/share/man/man1/interleave.1.gz \
    ./usr/share/bash-completion/completions/interleave; do
    grep -qx "$path" "$work/contents" || fail "the package lacks $path"
done
if grep -q '^./usr/bin/\(tst_\|bench_\)' "$work/contents"; then
    fail "tests or benchmarks were packaged"
fi

echo "== installing it"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >/dev/null
trap 'apt-get remove -y -qq interleave >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

echo "== using it from /usr/bin"
cd "$work"
[ "$(command -v interleave)" = /usr/bin/interleave ] || fail "interleave is not on PATH in /usr/bin"
grep -q '^gil-cpu-threads ' <<<"$(/usr/bin/interleave list)" || fail "list does not name gil-cpu-threads"
/usr/bin/interleave run gil-cpu-threads --set time_scale=0.1 -o x.itrace --quiet
[ -s x.itrace ] || fail "run saved no trace"
grep -q 'gil-cpu-threads' <<<"$(/usr/bin/interleave info x.itrace)" || fail "info does not read the trace"
# Child processes run the worker from /usr/libexec/interleave.
doubler=$(/usr/bin/interleave run process-doubler -o p.itrace --quiet 2>&1)
grep -q '5 of 5 processes' <<<"$doubler" ||
    fail "a scenario's child processes did not run from the installed worker: $doubler"
env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/interleave export x.itrace -o x.png
[ "$(head -c 8 x.png | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] || fail "export wrote no PNG"
printf 'import threading\nt = threading.Thread(target=print, args=("hi",))\nt.start(); t.join()\n' > hi.py
/usr/bin/interleave trace -o hi.itrace --quiet hi.py
[ -s hi.itrace ] || fail "trace saved no trace of a Python script"
man -w interleave >/dev/null 2>&1 || [ -f /usr/share/man/man1/interleave.1.gz ] || fail "no man page"
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net /usr/share/metainfo/org.interleave.Interleave.metainfo.xml
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/interleave.desktop
fi
if command -v update-mime-database >/dev/null; then
    # What desktops read: the type known by its glob and by its magic bytes.
    update-mime-database /usr/share/mime
    [ -f /usr/share/mime/application/x-interleave-trace.xml ] || fail "the MIME type is not registered"
    grep -q 'application/x-interleave-trace:\*\.itrace' /usr/share/mime/globs2 ||
        fail "*.itrace is not a glob of application/x-interleave-trace"
    grep -aq 'application/x-interleave-trace' /usr/share/mime/magic ||
        fail "the .itrace magic bytes are not registered"
fi

echo "== removing it"
apt-get remove -y -qq interleave >/dev/null
trap 'rm -rf "$work"' EXIT
for path in /usr/bin/interleave /usr/libexec/interleave /usr/lib/interleave \
    /usr/share/mime/packages/interleave.xml; do
    [ ! -e "$path" ] || fail "$path is left after removal"
done
echo "test_deb: the package builds, installs, works from /usr/bin and removes cleanly"
