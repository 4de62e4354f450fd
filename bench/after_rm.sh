#!/usr/bin/env bash
# A build after `rm -rf OUT` with the build record left beside it, against a cold build
# (no output, no record), alternating, three rounds (bench/README.md#where-the-time-goes).
# Usage: bench/after_rm.sh CORPUS BEFORE_BIN AFTER_BIN [WORK]
#   CORPUS: a dala corpus of ../shared/bench/gen_corpus.py with themes/ and i18n/ copied in;
#   BEFORE_BIN, AFTER_BIN: two dala binaries to compare (the same one twice is fine).
set -euo pipefail
corpus=$1; before=$2; after=$3; work=${4:-$(mktemp -d)}
t() { /usr/bin/time -f '%e s wall, %M KiB peak, %U s user, %S s system' "$@" > /dev/null 2> "$work/t.err"; tail -1 "$work/t.err"; }
declare -A bin=([before]=$before [after]=$after)
for b in before after; do
  rm -rf "$work/o-$b" "$work"/.o-$b.dala-*
  "${bin[$b]}" build --root "$corpus" --output "$work/o-$b" > /dev/null 2>&1
done
for r in 1 2 3; do
  for b in before after; do
    sync; rm -rf "$work/o-$b"
    echo "round $r $b, after rm -rf with the record: $(t "${bin[$b]}" build --root "$corpus" --output "$work/o-$b")"
  done
  sync; rm -rf "$work/o-cold" "$work"/.o-cold.dala-*
  echo "round $r after, cold: $(t "$after" build --root "$corpus" --output "$work/o-cold")"
done
