#!/usr/bin/env bash
# bench/scale.sh [SMALL BIG]      (default: 10000 100000)
#
# Issue 6's scaling check: cold builds (lecgen build --no-cache) of the peer benchmark's
# generated course at SMALL and BIG slides, alternating (small, big, small, big, small), each
# into a fresh folder, with wall time, CPU and peak RSS from /usr/bin/time; then the ratio of
# the medians. The target is BIG/SMALL <= 11 for 10x the slides, without swapping.
#
# Environment: BENCH_ROOT (/dev/shm), LECGEN_BIN (default: build ./cmd/lecgen into
# /tmp/lecgen-scale), SHARED_BENCH (../shared/bench). A BIG of 100000 needs ~0.5 GB for the
# course, ~2.5 GB for the output and ~4.5 GB of memory for the build.
set -euo pipefail

case "${1:-}" in -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
SMALL=${1:-10000}
BIG=${2:-100000}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$REPO/../shared/bench}
BENCH_ROOT=${BENCH_ROOT:-/dev/shm}
LECGEN=${LECGEN_BIN:-/tmp/lecgen-scale}
if [ -z "${LECGEN_BIN:-}" ]; then
    (cd "$REPO" && go build -o "$LECGEN" ./cmd/lecgen)
fi
for n in "$SMALL" "$BIG"; do
    site=$BENCH_ROOT/lecgen-scale/bench-$n
    if [ ! -f "$site/config.toml" ]; then
        echo "generating $n slides into $site" >&2
        python3 "$SHARED_BENCH/gen_corpus.py" --slides "$n" --per-lecture 25 --seed 1 --out "$site" >/dev/null
    fi
done

out=$BENCH_ROOT/lecgen-scale/out
declare -A walls
run() {
    local n=$1 line
    rm -rf "$out"
    line=$(/usr/bin/time -f "%e %U %S %M" "$LECGEN" build -s "$BENCH_ROOT/lecgen-scale/bench-$n" -d "$out" --no-cache 2>&1 >/dev/null | tail -1)
    read -r wall user sys rss <<<"$line"
    awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
        'BEGIN { printf "%7d slides  wall %6.2f s  cpu %6.2f s (sys %5.2f)  peak RSS %6.0f MiB  load %s\n", n, w, u + s, s, r / 1024, l }'
    walls[$n]="${walls[$n]:-} $wall"
}
for n in "$SMALL" "$BIG" "$SMALL" "$BIG" "$SMALL"; do run "$n"; done
rm -rf "$out"
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms=$(median "${walls[$SMALL]}")
mb=$(median "${walls[$BIG]}")
awk -v ms="$ms" -v mb="$mb" -v s="$SMALL" -v b="$BIG" \
    'BEGIN { printf "median wall (of 3 and the lower of 2): %s s at %d slides, %s s at %d: %.2f x\n", ms, s, mb, b, mb / ms }'
