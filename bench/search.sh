#!/usr/bin/env bash
# What search costs: the build with and without the index, and what a reader's first query
# downloads, on a generated trilingual site.
# Usage: bench/search.sh [N]   (N = articles per language; default 10000)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
DALA=${DALA_BIN:-$ROOT/target/release/dala}
N=${1:-10000}
[ -n "${DALA_BIN:-}" ] || (cd "$ROOT" && cargo build --release --quiet)
command -v node >/dev/null || { echo "error: node is needed (apt-get install nodejs)" >&2; exit 1; }

base=$BENCH/corpus/$N-dala
if [ ! -f "$base/.generated" ]; then
    echo "generating $base"
    rm -rf "$base"
    python3 "$BENCH/gen_corpus.py" --articles "$N" --out "$base" --flavor dala
    touch "$base/.generated"
fi
# The same site with search on: its own site.yaml, the corpus's content.
site=$BENCH/corpus/$N-search
rm -rf "$site"; mkdir -p "$site"
ln -s "$base/content" "$site/content"
cp -r "$ROOT/themes" "$ROOT/i18n" "$site/"
{ cat "$base/site.yaml"; echo "search: true"; } >"$site/site.yaml"

run() {  # run NAME SITE OUT: a cold build, its wall time and peak memory
    rm -rf "$3"; sync
    /usr/bin/time -f "%e %M" -o "$BENCH/out/time" "$DALA" build --root "$2" --output "$3" >/dev/null
    read -r wall kib <"$BENCH/out/time"
    printf '  %-16s %6.2f s %8.1f MiB\n' "$1" "$wall" "$(echo "$kib / 1024" | bc -l)"
}
mkdir -p "$BENCH/out"
echo "N=$N articles per language (en, ru, kk)"
run "without search" "$base" "$BENCH/out/$N-nosearch"
run "with search" "$site" "$BENCH/out/$N-search"
out=$BENCH/out/$N-search
echo "  index: $(du -sb "$out/search" | awk '{printf "%.1f MiB", $1 / 1048576}')," \
     "$(find "$out/search" -type f | wc -l) files"
rm -rf "$BENCH/out/$N-nosearch"
echo "first query (bytes the browser fetches):"
node "$BENCH/search_query.mjs" "$out" ru "цифровых"
node "$BENCH/search_query.mjs" "$out" ru "цифровой портал"
node "$BENCH/search_query.mjs" "$out" kk "қызметтерді"
node "$BENCH/search_query.mjs" "$out" en "services"
