#!/usr/bin/env bash
# bench/compare.sh [N ...]        (default: 1000 10000)
#
# Builds the same generated course with lecgen and Hugo and prints wall time, CPU (user+sys)
# and peak RSS from /usr/bin/time -v (median of RUNS timed builds after WARMUP untimed ones;
# each round runs every build below once, so they are measured side by side), with the
# ratios lecgen/Hugo and lecgen/floor that issue 6 sets targets for:
#
#   lecgen cold        lecgen build --no-cache, fresh output folder each run
#   lecgen warm        cache of an earlier build in place (.lecgen/cache), fresh output folder
#                      beside the site
#   lecgen warm public/  the default layout: `lecgen build --source SITE` into SITE/public, with the
#                      cache and the previous build's public/ in place (what a user's second build
#                      does; its page store links into a folder inside the site)
#   lecgen warm+edit   as warm, after a one-slide edit (one paragraph and one code line changed,
#                      different in every run, so each run has one new code block to highlight)
#   Hugo               hugo --quiet -s SITE -d <fresh folder>  (skipped when Hugo is missing)
#   floor              goldmark + chroma conversion of every slide, no site logic, GOMAXPROCS
#                      workers (internal/bench/floor); "goldmark only" is the same without chroma
#
# The course is ../shared/bench/gen_corpus.py's (the peer benchmark's): lecgen reads its
# config.toml + content/, Hugo its hugo.toml + layouts/. It is generated once into
# $BENCH_ROOT/lecgen-compare/bench-N and reused while the generator and its options are
# unchanged (a stamp file tracks that). It is kept apart from $BENCH_ROOT/bench-N, which
# ../shared/bench/run_*.sh use, because this script edits a slide while it runs.
#
# Environment:
#   BENCH_ROOT (/dev/shm: tmpfs; the disk adds seconds of noise at 10,000 files)
#   RUNS (3)  WARMUP (1)  PER_LECTURE (25)  SEED (1)
#   MODES (all): the builds to measure, a space-separated subset of lecgen-cold lecgen-warm
#              lecgen-warm-public lecgen-warm+edit hugo floor goldmark-only
#   HUGO (/tmp/hugobin/hugo)   SKIP_HUGO=1   SKIP_FLOOR=1
#   LECGEN_BIN (use this lecgen binary instead of building ./cmd/lecgen into /tmp/lecgen-bench)
#   LECGEN_EXTRA_ARGS (appended to every lecgen build command)
#   SHARED_BENCH (../shared/bench relative to the repository)
#   WAIT_IDLE (0): before each size, wait up to this many seconds for the 1-minute load average
#              to drop below 0.5 (other work on the machine inflates wall times; CPU and RSS
#              suffer much less). Each run line shows the load; a run whose load passed 1.25 x nproc
#              (the builds themselves add up to about nproc) is flagged at the end.
#
# Save a run:  bench/compare.sh 1000 10000 2>&1 | tee bench/results/$(date -u +%F).txt
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
case "${1:-}" in -h | --help) usage; exit 0 ;; esac
[ $# -gt 0 ] || set -- 1000 10000
for n in "$@"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: not a slide count: $n (try --help)" >&2; exit 2; }
done

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$REPO/../shared/bench}
BENCH_ROOT=${BENCH_ROOT:-/dev/shm}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
PER_LECTURE=${PER_LECTURE:-25}
SEED=${SEED:-1}
HUGO=${HUGO:-/tmp/hugobin/hugo}
HUGO_INSTALL='CGO_ENABLED=0 GOTOOLCHAIN=auto GOBIN=/tmp/hugobin go install github.com/gohugoio/hugo@v0.166.0'
((RUNS >= 1 && WARMUP >= 0)) || { echo "compare.sh: need RUNS >= 1 and WARMUP >= 0" >&2; exit 2; }

die() { echo "compare.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------- tools

if [ ! -x /usr/bin/time ]; then
    echo "compare.sh: /usr/bin/time (GNU time) is missing; installing the Debian package 'time'" >&2
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; } ||
            die "could not install GNU time: run 'apt-get install time'"
    else
        die "install GNU time first: sudo apt-get install time"
    fi
fi
command -v python3 >/dev/null || die "python3 is needed for $SHARED_BENCH/gen_corpus.py"
[ -f "$SHARED_BENCH/gen_corpus.py" ] || die "no corpus generator at $SHARED_BENCH/gen_corpus.py (set SHARED_BENCH)"
mkdir -p "$BENCH_ROOT/lecgen-compare" || die "cannot create $BENCH_ROOT/lecgen-compare"

cd "$REPO"
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null | wc -l || true)
if [ -n "${LECGEN_BIN:-}" ]; then
    LECGEN=$LECGEN_BIN
    [ -x "$LECGEN" ] || die "LECGEN_BIN=$LECGEN is not an executable"
else
    LECGEN=/tmp/lecgen-bench
    # The generated lexer engines are not in the repository (see
    # internal/highlight/lexcode/engines): without them lecgen lexes
    # interpreted, about a quarter slower.
    echo "generating the lexer engines: go generate ./internal/highlight/lexcode" >&2
    go generate ./internal/highlight/lexcode || die "go generate ./internal/highlight/lexcode failed"
    echo "building lecgen: go build -o $LECGEN ./cmd/lecgen" >&2
    go build -o "$LECGEN" ./cmd/lecgen || die "go build ./cmd/lecgen failed (someone may be mid-edit: retry, or set LECGEN_BIN)"
fi
FLOOR=/tmp/lecgen-bench-floor
if [ "${SKIP_FLOOR:-0}" != 1 ]; then
    go build -o "$FLOOR" ./internal/bench/floor || die "go build ./internal/bench/floor failed"
fi
HAVE_HUGO=0
if [ "${SKIP_HUGO:-0}" = 1 ]; then
    echo "Hugo skipped (SKIP_HUGO=1)" >&2
elif [ -x "$HUGO" ]; then
    HAVE_HUGO=1
else
    echo "compare.sh: no Hugo at $HUGO: Hugo rows and ratios are skipped. Install it (about 10 min on 2 cores) with" >&2
    echo "    $HUGO_INSTALL" >&2
    echo "or point HUGO at a hugo binary." >&2
fi
modver() { awk -v m="$1" '$1 == m {print $2; exit}' go.mod; }

echo "== lecgen compare.sh  $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
echo "   machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(free -g | awk '/^Mem:/{print $2}') GiB RAM, kernel $(uname -r)"
echo "   BENCH_ROOT=$BENCH_ROOT ($(df --output=fstype "$BENCH_ROOT/lecgen-compare" | tail -n 1)), RUNS=$RUNS, WARMUP=$WARMUP, corpus: gen_corpus.py --per-lecture $PER_LECTURE --seed $SEED"
echo "   lecgen: commit $COMMIT$( ((DIRTY > 0)) && echo " + $DIRTY modified tracked files (uncommitted work measured)"), $("$LECGEN" version 2>/dev/null | head -n 1), $(go version | awk '{print $3}'), goldmark $(modver github.com/yuin/goldmark), chroma $(modver github.com/alecthomas/chroma/v2)"
if ((HAVE_HUGO)); then
    echo "   hugo: $("$HUGO" version | head -n 1)"
fi
echo "   lecgen cmd: $LECGEN build --source SITE --dest <fresh dir> [--no-cache] ${LECGEN_EXTRA_ARGS:-}"
echo "               (lecgen-warm-public: $LECGEN build --source SITE ${LECGEN_EXTRA_ARGS:-}, into SITE/public)"
echo "   hugo cmd:   $HUGO --quiet -s SITE -d <fresh dir>"
echo "   floor cmd:  $FLOOR -site SITE [-highlight=false]"

# ---------------------------------------------------------------------------- helpers

ensure_corpus() { # N -> SITE, N_SLIDES
    local n=$1 stamp
    SITE=$BENCH_ROOT/lecgen-compare/bench-$n
    stamp="$(sha256sum <"$SHARED_BENCH/gen_corpus.py" | cut -c1-16) n=$n s=$PER_LECTURE seed=$SEED"
    if [ "$(cat "$SITE/.corpus-stamp" 2>/dev/null)" != "$stamp" ]; then
        python3 "$SHARED_BENCH/gen_corpus.py" --slides "$n" --out "$SITE" \
            --per-lecture "$PER_LECTURE" --seed "$SEED" --force >&2
        echo "$stamp" >"$SITE/.corpus-stamp"
    fi
    N_SLIDES=$(find "$SITE/content" -name 'slide-*.md' | wc -l)
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
to_seconds() { awk -F: '{s=0; for (i=1;i<=NF;i++) s=s*60+$i; printf "%.2f\n", s}' <<<"$1"; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }
MAX_LOAD=0
note_load() { MAX_LOAD=$(awk -v a="$MAX_LOAD" -v b="$(loadavg)" 'BEGIN { print (b > a) ? b : a }'); }
wait_idle() { # seconds
    local end=$((SECONDS + $1))
    while awk -v l="$(loadavg)" 'BEGIN { exit !(l >= 0.5) }' && ((SECONDS < end)); do sleep 5; done
}

# The one-slide edit: a slide with a code block in the middle lecture gets a new first code
# line and a new last paragraph, different for every run; the original is put back at exit.
EDIT_FILE= EDIT_ORIG=
restore_edit() { if [ -n "$EDIT_FILE" ] && [ -f "$EDIT_ORIG" ]; then cp "$EDIT_ORIG" "$EDIT_FILE"; rm -f "$EDIT_ORIG"; fi; EDIT_FILE=; }
trap restore_edit EXIT
trap 'exit 130' INT TERM
pick_edit_slide() {
    local lectures mid
    mapfile -t lectures < <(find "$SITE/content" -mindepth 1 -maxdepth 1 -type d | sort)
    mid=${lectures[$((${#lectures[@]} / 2))]}
    EDIT_FILE=$(grep -l '^```\(go\|python\)$' "$mid"/slide-*.md | sort | head -n 1) ||
        die "no slide with a code block in $mid"
    EDIT_ORIG=$(mktemp)
    cp "$EDIT_FILE" "$EDIT_ORIG"
}
edit_slide() { # run-id
    python3 - "$EDIT_ORIG" "$EDIT_FILE" "$1-$RANDOM$RANDOM" <<'EOF'
import sys
orig, dest, tag = sys.argv[1:]
out, done = [], False
for line in open(orig, encoding="utf-8").read().split("\n"):
    out.append(line)
    if not done and line in ("```go", "```python"):
        out.append(("// " if line == "```go" else "# ") + "edited: " + tag)
        done = True
text = "\n".join(out).rstrip("\n") + "\n\nEdited for the benchmark (" + tag + "): the optimizer smooths the loss.\n"
open(dest, "w", encoding="utf-8").write(text)
EOF
}

# The builds measured, in the order each round runs them. mode_cmd MODE DEST sets CMD to the
# command line that builds MODE into the output folder DEST.
mode_cmd() {
    # shellcheck disable=SC2206  # LECGEN_EXTRA_ARGS is meant to word-split
    case $1 in
    lecgen-cold) CMD=("$LECGEN" build --source "$SITE" --dest "$2" --no-cache ${LECGEN_EXTRA_ARGS:-}) ;;
    lecgen-warm | lecgen-warm+edit) CMD=("$LECGEN" build --source "$SITE" --dest "$2" ${LECGEN_EXTRA_ARGS:-}) ;;
    lecgen-warm-public) CMD=("$LECGEN" build --source "$SITE" ${LECGEN_EXTRA_ARGS:-}) ;; # always SITE/public
    hugo) CMD=("$HUGO" --quiet -s "$SITE" -d "$2") ;;
    floor) CMD=("$FLOOR" -site "$SITE") ;;
    goldmark-only) CMD=("$FLOOR" -site "$SITE" -highlight=false) ;;
    *) die "unknown mode $1" ;;
    esac
}
before() { if [ "$1" = lecgen-warm+edit ]; then edit_slide "$2"; fi; }
after() { if [ "$1" = lecgen-warm+edit ]; then cp "$EDIT_ORIG" "$EDIT_FILE"; fi; }

# measure_all MODE...   Runs WARMUP untimed rounds, then RUNS timed rounds; each round builds
# every MODE once, each build into its own fresh folder ($OUT-<mode>.<run>). Interleaving the
# modes spreads any drift in the machine's load over all of them instead of one. Old outputs
# are deleted before the warm-up only, never right before a timed build (the harness in
# ../shared/bench found that deleting ~10k files on ext4 inflates the next build). Sets
# WALL RANGE CPU RSS (MiB, medians) and HTML (files in the last run's output, kept in
# $OUT-<mode>) per mode.
declare -A WALL RANGE CPU RSS HTML WALLS CPUS RSSS
measure_all() {
    local mode i d tlog elog
    tlog=$(mktemp) elog=$(mktemp)
    for mode in "$@"; do rm -rf "$OUT-$mode" "$OUT-$mode".*; WALLS[$mode]= CPUS[$mode]= RSSS[$mode]=; done
    sync
    for ((i = 1; i <= WARMUP; i++)); do
        for mode in "$@"; do
            d=$OUT-$mode.warm$i
            mode_cmd "$mode" "$d"
            before "$mode" "w$i"
            if ! "${CMD[@]}" >"$elog" 2>&1; then
                echo "warm-up build failed: ${CMD[*]}" >&2; tail -n 40 "$elog" >&2; return 1
            fi
            after "$mode"
            if [ "$mode" = lecgen-cold ]; then cp "$elog" "$SITE/lecgen-build.log"; fi
        done
    done
    for ((i = 1; i <= RUNS; i++)); do
        for mode in "$@"; do
            d=$OUT-$mode.run$i
            mode_cmd "$mode" "$d"
            before "$mode" "r$i"
            sync
            if ! /usr/bin/time -v -o "$tlog" "${CMD[@]}" >"$elog" 2>&1; then
                echo "build failed: ${CMD[*]}" >&2; tail -n 40 "$elog" >&2; cat "$tlog" >&2; return 1
            fi
            after "$mode"
            if [ "$mode" = lecgen-cold ] && ((WARMUP == 0)); then cp "$elog" "$SITE/lecgen-build.log"; fi
            local wall rss usr sys cpu
            wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tlog")")
            rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tlog")
            usr=$(sed -n 's/.*User time (seconds): //p' "$tlog")
            sys=$(sed -n 's/.*System time (seconds): //p' "$tlog")
            cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
            rss=$(awk -v k="$rss" 'BEGIN{printf "%.1f", k/1024}')
            WALLS[$mode]+=" $wall" CPUS[$mode]+=" $cpu" RSSS[$mode]+=" $rss"
            note_load
            printf '  run %d  %-17s wall %6.2f s  cpu %6.2f s (sys %5.2f)  peak RSS %7.1f MiB  load %s\n' \
                "$i" "$mode" "$wall" "$cpu" "$sys" "$rss" "$(loadavg)"
        done
    done
    for mode in "$@"; do
        if [ "$mode" = lecgen-warm-public ]; then
            HTML[$mode]=$(find "$SITE/public" -name '*.html' | wc -l)
        elif [ -d "$OUT-$mode.run$RUNS" ]; then
            mv "$OUT-$mode.run$RUNS" "$OUT-$mode"
            HTML[$mode]=$(find "$OUT-$mode" -name '*.html' | wc -l)
        else
            HTML[$mode]=-
        fi
        rm -rf "$OUT-$mode".run* "$OUT-$mode".warm*
        # shellcheck disable=SC2086  # the lists are space-separated on purpose
        WALL[$mode]=$(printf '%.2f' "$(median ${WALLS[$mode]})") CPU[$mode]=$(printf '%.2f' "$(median ${CPUS[$mode]})")
        # shellcheck disable=SC2086
        RSS[$mode]=$(printf '%.1f' "$(median ${RSSS[$mode]})")
        RANGE[$mode]=$(printf '%s\n' ${WALLS[$mode]} | sort -g | sed -n '1p;$p' | paste -sd-)
    done
    rm -f "$tlog" "$elog"
}

ratio() { # a b -> a/b with 2 decimals, or "-"
    if [ -z "${1:-}" ] || [ -z "${2:-}" ]; then echo -; return; fi
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "-" }'
}
check() { # value op limit -> "ok" / "MISSED"
    if [ "$1" = - ]; then echo "n/a"; return; fi
    awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=") ? (v <= l) : 0; print ok ? "ok" : "MISSED" }'
}

# ---------------------------------------------------------------------------- runs

SUMMARY=()
for n in "$@"; do
    ensure_corpus "$n"
    if ((${WAIT_IDLE:-0} > 0)); then wait_idle "$WAIT_IDLE"; fi
    echo
    echo "== N=$n: $SITE ($N_SLIDES slides, $(du -sh "$SITE/content" | cut -f1) content on disk), load average $(loadavg) before starting"
    if awk -v l="$(loadavg)" -v c="$(nproc)" 'BEGIN { exit !(l > c * 0.5) }'; then
        echo "   WARNING: the machine is busy (load $(loadavg) on $(nproc) CPUs): wall times will be inflated" >&2
    fi
    OUT=$(dirname "$SITE")/out-$n
    rm -rf "$SITE/.lecgen" "$SITE/public"
    # Warm builds need the cache of an earlier build: prime it once, untimed.
    prime=$OUT-prime
    rm -rf "$prime"
    # shellcheck disable=SC2086
    "$LECGEN" build --source "$SITE" --dest "$prime" ${LECGEN_EXTRA_ARGS:-} >/dev/null 2>&1 ||
        die "priming build failed: $LECGEN build --source $SITE --dest $prime"
    rm -rf "$prime"
    pick_edit_slide
    echo "   lecgen-warm+edit changes ${EDIT_FILE#"$SITE"/} before each of its builds (and restores it after)"
    modes=(lecgen-cold lecgen-warm lecgen-warm-public lecgen-warm+edit)
    if ((HAVE_HUGO)); then modes+=(hugo); fi
    if [ "${SKIP_FLOOR:-0}" != 1 ]; then modes+=(floor goldmark-only); fi
    if [ -n "${MODES:-}" ]; then
        for m in $MODES; do
            [[ " ${modes[*]} " == *" $m "* ]] || die "MODES: $m is not one of ${modes[*]}"
        done
        read -r -a modes <<<"$MODES"
    fi
    measure_all "${modes[@]}"
    restore_edit

    # Per-size table.
    hw=${WALL[hugo]:-} hc=${CPU[hugo]:-} hr=${RSS[hugo]:-} fw=${WALL[floor]:-}
    echo
    echo "N=$n ($N_SLIDES slides, median of $RUNS; ratios use medians)"
    printf '%-18s %9s %13s %9s %10s %7s %9s %9s %9s %10s\n' build "wall(s)" "range(s)" "cpu(s)" "RSS(MiB)" HTML \
        wall/Hugo cpu/Hugo RSS/Hugo wall/floor
    for k in lecgen-cold lecgen-warm lecgen-warm-public lecgen-warm+edit hugo floor goldmark-only; do
        [ -n "${WALL[$k]:-}" ] || continue
        printf '%-18s %9.2f %13s %9.2f %10.1f %7s %9s %9s %9s %10s\n' "$k" "${WALL[$k]}" "${RANGE[$k]}" "${CPU[$k]}" \
            "${RSS[$k]}" "${HTML[$k]}" "$(ratio "${WALL[$k]}" "$hw")" "$(ratio "${CPU[$k]}" "$hc")" \
            "$(ratio "${RSS[$k]}" "$hr")" "$(ratio "${WALL[$k]}" "$fw")"
        SUMMARY+=("| $n | $k | ${WALL[$k]} | ${RANGE[$k]} | ${CPU[$k]} | ${RSS[$k]} | ${HTML[$k]} | $(ratio "${WALL[$k]}" "$hw") | $(ratio "${CPU[$k]}" "$hc") | $(ratio "${RSS[$k]}" "$hr") | $(ratio "${WALL[$k]}" "$fw") |")
        echo "RESULT n=$n build=$k median_wall_s=${WALL[$k]} wall_range_s=${RANGE[$k]} median_cpu_s=${CPU[$k]} median_peak_rss_mib=${RSS[$k]} html=${HTML[$k]}" >>"$BENCH_ROOT/lecgen-compare/.results.$$"
    done
    cw=${WALL[lecgen-cold]:-} cr=${RSS[lecgen-cold]:-} ww=${WALL[lecgen-warm]:-} ew=${WALL[lecgen-warm+edit]:-}
    pw=${WALL[lecgen-warm-public]:-}
    echo "issue 6 targets at N=$n:"
    printf '  cold wall <= 0.60 x Hugo:  %5s  %s\n' "$(ratio "$cw" "$hw")" "$(check "$(ratio "$cw" "$hw")" '<=' 0.60)"
    printf '  cold RSS  <= 0.50 x Hugo:  %5s  %s\n' "$(ratio "$cr" "$hr")" "$(check "$(ratio "$cr" "$hr")" '<=' 0.50)"
    printf '  cold wall <= 1.15 x floor: %5s  %s\n' "$(ratio "$cw" "$fw")" "$(check "$(ratio "$cw" "$fw")" '<=' 1.15)"
    printf '  warm wall <= 0.25 x Hugo:  %5s  %s\n' "$(ratio "$ww" "$hw")" "$(check "$(ratio "$ww" "$hw")" '<=' 0.25)"
    printf '  warm+edit <= 0.25 x Hugo:  %5s  %s\n' "$(ratio "$ew" "$hw")" "$(check "$(ratio "$ew" "$hw")" '<=' 0.25)"
    printf '  warm public/ <= 0.25 x Hugo: %5s  %s\n' "$(ratio "$pw" "$hw")" "$(check "$(ratio "$pw" "$hw")" '<=' 0.25)"
    if [ -s "$SITE/lecgen-build.log" ]; then
        echo "lecgen's messages (cold warm-up build, in $SITE/lecgen-build.log):"
        sed 's/^/  | /' "$SITE/lecgen-build.log" | head -n 20
    fi
    echo "lecgen slide pages: $(find "$OUT-lecgen-cold" -path '*/slide-*' -name index.html 2>/dev/null | wc -l) of $N_SLIDES slides;" \
        "outputs of the last runs are in $OUT-<build>"
    unset WALL RANGE CPU RSS HTML
    declare -A WALL RANGE CPU RSS HTML
done

echo
echo "== summary (Markdown; $(nproc) CPUs, BENCH_ROOT=$BENCH_ROOT, lecgen $COMMIT$( ((DIRTY > 0)) && echo "+dirty"), median of $RUNS)"
echo "| N | build | wall (s) | wall range (s) | CPU user+sys (s) | peak RSS (MiB) | HTML files | wall / Hugo | CPU / Hugo | RSS / Hugo | wall / floor |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${SUMMARY[@]}"
if awk -v l="$MAX_LOAD" -v c="$(nproc)" 'BEGIN { exit !(l > c * 1.25) }'; then
    echo
    echo "WARNING: the 1-minute load average reached $MAX_LOAD on $(nproc) CPUs during the timed runs: other work" \
        "competed for the CPUs, so wall times (and their ratios) are inflated and noisy; CPU time and RSS" \
        "are more trustworthy. Rerun on an idle machine (WAIT_IDLE=600 waits for one)."
fi
echo
cat "$BENCH_ROOT/lecgen-compare/.results.$$"
rm -f "$BENCH_ROOT/lecgen-compare/.results.$$"
