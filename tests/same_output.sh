#!/usr/bin/env bash
# Proof that a restructuring changed nothing a user sees: the output and messages of
# `dala build` for the hub, every fixture under tests/fixtures/ and a 1,000-article corpus,
# plus `dala check --format json` and `dala translations --format json`, each from a fresh
# state (no build record, no check scratch folder), elapsed times and progress masked.
#
#   tests/same_output.sh save DIR       # before the change: record everything in DIR
#   tests/same_output.sh compare DIR    # after it: the same, compared with `diff -r`
#
# Builds dala (release) first. Exit status 0 when nothing differs.
set -euo pipefail

if [ $# -ne 2 ] || { [ "$1" != save ] && [ "$1" != compare ]; }; then
  echo "usage: $0 save|compare DIR" >&2
  exit 2
fi
mode=$1
mkdir -p "$2"
target=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

cargo build --release --quiet
dala="$here/target/release/dala"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
result="$work/result"
mkdir -p "$result"
# check and serve keep their scratch builds in the user's cache: a fresh one each run.
export XDG_CACHE_HOME="$work/cache"

# Masks what differs from run to run: times, and the progress lines of long builds
# (`pages: 543/3000 (18%)`, `loading…`), written every few seconds.
mask() {
  # Paths first: a temporary folder's name can hold what looks like a time (`tmp.x2s`).
  sed -E \
    -e "s#$work#<work>#g" \
    -e "s#$here#<repo>#g" \
    -e 's/[0-9]+(\.[0-9]+)? ?(ms|s|µs)\b/<time>/g' \
    -e '/^[a-z ]+: [0-9]+\/[0-9]+ \([0-9]+%\)$/d' \
    -e '/^[a-z ]+…$/d'
}

# run NAME SITE: a copy of SITE is built, checked and reported on, each into NAME/.
run() {
  local name=$1 site=$2 copy="$work/sites/$1"
  mkdir -p "$copy" "$result/$name"
  cp -r "$site/." "$copy"
  rm -rf "$copy/public" "$copy"/.public.dala-* "$copy/target"
  local out="$work/out/$name"
  set +e
  "$dala" build --root "$copy" --output "$out" >"$result/$name/build.stdout" 2>"$result/$name/build.stderr"
  echo "exit $?" >>"$result/$name/build.stdout"
  "$dala" check --root "$copy" --format json >"$result/$name/check.json" 2>"$result/$name/check.stderr"
  echo "exit $?" >>"$result/$name/check.json"
  "$dala" translations --root "$copy" --format json >"$result/$name/translations.json" 2>"$result/$name/translations.stderr"
  echo "exit $?" >>"$result/$name/translations.json"
  set -e
  for f in "$result/$name"/*; do
    mask <"$f" >"$f.masked" && mv "$f.masked" "$f"
  done
  if [ -d "$out" ]; then
    cp -r "$out" "$result/$name/public"
  fi
}

# The hub: the repository's own site, without what is not the site.
hub="$work/hub-source"
mkdir -p "$hub"
for part in site.yaml content themes i18n static templates; do
  if [ -e "$part" ]; then cp -r "$part" "$hub/"; fi
done
run hub "$hub"

for fixture in tests/fixtures/*/; do
  name=$(basename "$fixture")
  # Fixtures that borrow the hub's theme and strings get them as their tests do.
  if grep -q '^theme: hub' "$fixture/site.yaml" 2>/dev/null && [ ! -d "$fixture/themes" ]; then
    mkdir -p "$work/fixture-$name"
    cp -r "$fixture/." "$work/fixture-$name"
    cp -r themes i18n "$work/fixture-$name/"
    run "fixture-$name" "$work/fixture-$name"
  else
    run "fixture-$name" "$fixture"
  fi
done

python3 bench/gen_corpus.py --articles 1000 --out "$work/corpus" >/dev/null
run corpus-1000 "$work/corpus"

if [ "$mode" = save ]; then
  rm -rf "$target"
  mkdir -p "$target"
  cp -r "$result/." "$target"
  echo "saved $(find "$target" -type f | wc -l) files in $target"
else
  if diff -r "$target" "$result" >"$work/diff" 2>&1; then
    echo "same output: $(find "$result" -type f | wc -l) files, no difference"
  else
    head -100 "$work/diff"
    echo "the output differs from $target (first 100 lines above)" >&2
    exit 1
  fi
fi
