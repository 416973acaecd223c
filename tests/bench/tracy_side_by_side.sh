#!/usr/bin/env bash
# Opening the same events in Interleave (.itrace) and in Tracy (.tracy), side by side, on the
# 210 MB synthetic Chrome trace of bench_import: wall time and peak memory, medians of 5.
#
#   tests/bench/tracy_side_by_side.sh TRACY_SOURCE [BUILD_DIR]
#
# TRACY_SOURCE is a checkout of Tracy v0.10 (github.com/wolfpld/tracy, tag v0.10): its tools
# still build with plain Makefiles from Debian packages (libcapstone-dev), nothing downloaded.
# Its server/TracyMicroArchitecture.cpp is only needed by the GUI; the two tools built here
# (import-chrome, csvexport) do not use it. Tracy's load is measured with `csvexport -m`,
# which loads the whole file and prints only the (few) messages.
set -euo pipefail

tracy=${1:?usage: $0 TRACY_SOURCE [BUILD_DIR]}
build=${2:-build/dev}
work=${TMPDIR:-/tmp}/interleave-vs-tracy
mkdir -p "$work"

command -v pkg-config >/dev/null && pkg-config --exists capstone ||
    { echo "needs libcapstone-dev (apt-get install -y libcapstone-dev)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install -y time)" >&2; exit 1; }

importer=$tracy/import-chrome/build/unix/import-chrome-release
loader=$tracy/csvexport/build/unix/csvexport-release
[ -x "$importer" ] || make -C "$tracy/import-chrome/build/unix" release -j"$(nproc)" >/dev/null
[ -x "$loader" ] || make -C "$tracy/csvexport/build/unix" release -j"$(nproc)" >/dev/null

json=$work/trace.json
[ -s "$json" ] || "$build/bin/bench_import" --write-json "$json" 200
rm -f "$work/trace.itrace" "$work/trace.tracy"
# The conversions once each (Tracy's takes tens of seconds and gigabytes).
/usr/bin/time -f "%e %M" -o "$work/convert.interleave" \
    "$build/bin/interleave" convert "$json" -o "$work/trace.itrace" >/dev/null
/usr/bin/time -f "%e %M" -o "$work/convert.tracy" "$importer" "$json" "$work/trace.tracy" >/dev/null

# Median of five runs of a command: "seconds peak-KiB".
median_of_five() {
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 3p
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
printf "%-34s %10s %10s %12s\n" "" "input MB" "seconds" "peak MiB"
report() {
    read -r seconds kib <<<"$(median_of_five "${@:3}")"
    printf "%-34s %10.0f %10s %12.0f\n" "$1" "$(($(stat -c %s "$2") / 1000000))" "$seconds" "$((kib / 1024))"
}
converted() {
    read -r seconds kib <"$2"
    printf "%-34s %10.0f %10s %12.0f\n" "$1" "$(($(stat -c %s "$json") / 1000000))" "$seconds" "$((kib / 1024))"
}
converted "Interleave: convert the JSON" "$work/convert.interleave"
converted "Tracy v0.10: import-chrome" "$work/convert.tracy"
report "Interleave: interleave info .itrace" "$work/trace.itrace" "$build/bin/interleave" info "$work/trace.itrace"
report "Tracy v0.10: csvexport -m .tracy" "$work/trace.tracy" "$loader" -m "$work/trace.tracy"
