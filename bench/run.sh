#!/usr/bin/env bash
# Benchmark dala against Zola and Hugo, then dala's incremental build, on generated
# trilingual sites.
# Usage: bench/run.sh [N ...]   (N = articles per language; default: 1000 10000)
#
# 1. The peers: ../shared/bench/side_by_side.py builds the same corpus cold with dala (the
#    hub theme), Zola 0.22.1 and Hugo, alternating in one run, BENCH_ROUNDS times (default
#    3), and prints every round, the medians with their spread, and the ratios dala/zola
#    and dala/hugo. BENCH_PEERS=path names another folder holding side_by_side.py.
# 2. dala alone on this project's corpus (gen_corpus.py): a cold build, then the same build
#    again after one article changed.
#
# BENCH_TOOLS="dala zola hugo" (default) picks which tools run; DALA_BIN=path benchmarks
# that binary instead of building target/release/dala.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
DALA=${DALA_BIN:-$ROOT/target/release/dala}
TOOLS=${BENCH_TOOLS:-dala zola hugo}
ROUNDS=${BENCH_ROUNDS:-3}
PEERS=${BENCH_PEERS:-$ROOT/../shared/bench}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)

if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time is missing; install it with: apt-get install time" >&2
    exit 1
fi
want() { [[ " $TOOLS " == *" $1 "* ]]; }
if want hugo && ! command -v hugo >/dev/null; then
    echo "hugo is not on PATH: skipping Hugo (install it with: apt-get install hugo)"
    TOOLS=${TOOLS//hugo/}
fi
if want dala && [ -z "${DALA_BIN:-}" ]; then
    echo "building dala (cargo build --release)"
    (cd "$ROOT" && cargo build --release --quiet)
fi

# 1. The same corpus, the three tools alternating.
if [ -f "$PEERS/side_by_side.py" ]; then
    peers=$(for t in $TOOLS; do printf '%s,' "$t"; done)
    for n in "${SIZES[@]}"; do
        echo "== side by side, N=$n, $ROUNDS rounds ($(date -u '+%Y-%m-%d %H:%M UTC'), dala $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?'))"
        DALA=$DALA THEMES_FROM=$ROOT python3 "$PEERS/side_by_side.py" --pages "$n" \
            --rounds "$ROUNDS" --tools "${peers%,}" --work "$BENCH/side"
    done
else
    echo "no $PEERS/side_by_side.py: skipping the comparison with Zola and Hugo"
fi
want dala || exit 0

LOG=$(mktemp -d)
BACKUP=""
restore() { if [ -n "$BACKUP" ]; then cp "$LOG/backup.md" "$BACKUP"; BACKUP=""; fi; }
trap 'restore; rm -rf "$LOG"' EXIT

ROWS=()      # "N tool wall_s peak_mib files out_mib"
declare -A WALL MEM

# measure N TOOL OUT CMD...: run CMD under /usr/bin/time -v, record wall time, peak RSS and output size.
measure() {
    local n=$1 tool=$2 out=$3; shift 3
    # Start each run with nothing left for the kernel to write back from the previous one.
    sync
    if ! /usr/bin/time -v -o "$LOG/time" "$@" >"$LOG/out" 2>&1; then
        echo "error: $tool failed for N=$n: $*" >&2
        tail -n 30 "$LOG/out" "$LOG/time" >&2
        exit 1
    fi
    local wall mem files mib
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.2f", s}' "$LOG/time")
    mem=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$LOG/time")
    files=0 mib=0.0
    if [ -d "$out" ]; then
        files=$(find "$out" -type f | wc -l)
        mib=$(du -sb "$out" | awk '{printf "%.1f", $1 / 1048576}')
    fi
    WALL[$n/$tool]=$wall; MEM[$n/$tool]=$mem
    ROWS+=("$n $tool $wall $mem $files $mib")
    printf '  %-10s %8s s %8s MiB %8s files %8s MiB out\n' "$tool" "$wall" "$mem" "$files" "$mib"
}

# 2. dala alone: cold, then incremental after a one-line change.
for n in "${SIZES[@]}"; do
    site=$BENCH/corpus/$n-dala
    if [ ! -f "$site/.generated" ]; then
        echo "generating $site"
        rm -rf "$site"
        python3 "$BENCH/gen_corpus.py" --articles "$n" --out "$site" --flavor dala
        touch "$site/.generated"
    fi
    for dir in themes i18n; do   # keep the copied theme in step with the repository's
        if [ -d "$ROOT/$dir" ]; then rm -rf "${site:?}/$dir"; cp -r "$ROOT/$dir" "$site/$dir"; fi
    done

    echo "== dala alone, N=$n"
    out=$BENCH/out/$n-dala
    # Cold: no output and no build record beside it.
    rm -rf "$out" "$BENCH/out/.$n-dala.dala-"*
    measure "$n" dala-cold "$out" "$DALA" build --root "$site" --output "$out"
    BACKUP=$site/content/articles/a00001.md
    cp "$BACKUP" "$LOG/backup.md"
    printf '\nOne more line for the incremental build.\n' >>"$BACKUP"
    measure "$n" dala-incr "$out" "$DALA" build --root "$site" --output "$out"
    restore
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
printf '%7s  %-10s %9s %10s %8s %9s\n' N tool "wall s" "peak MiB" files "out MiB"
for row in "${ROWS[@]}"; do
    # shellcheck disable=SC2086
    printf '%7s  %-10s %9s %10s %8s %9s\n' $row
done
for n in "${SIZES[@]}"; do
    d=$n/dala-cold
    if [ -n "${WALL[$d]:-}" ]; then
        echo "N=$n  dala incremental/cold time $(ratio "${WALL[$n/dala-incr]}" "${WALL[$d]}")"
    fi
done
