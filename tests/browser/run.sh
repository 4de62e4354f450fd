#!/usr/bin/env bash
# The real-browser checks of a built site, as CI runs them:
#   tests/browser/run.sh <public-dir> [--screenshots DIR]
# The caller builds the site first (e.g. `dala build --output <public-dir>`).
# Installs what is missing (Debian's Chromium, a Java runtime for the Nu Html
# Checker) with apt-get, which needs root, as in CI; never downloads a browser.
set -euo pipefail

if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then
  echo "usage: $0 <public-dir> [--screenshots DIR]" >&2
  exit 2
fi
public=$(cd "$1" && pwd)
shift
# Relative paths among the options are taken from the caller's directory.
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshots)
      [ $# -ge 2 ] || { echo "run.sh: --screenshots needs a directory" >&2; exit 2; }
      mkdir -p "$2"; args+=("$1" "$(cd "$2" && pwd)"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

here=$(cd "$(dirname "$0")" && pwd)

apt_updated=
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "run.sh: $* missing and not root: install it with apt-get" >&2
    exit 1
  fi
  if [ -z "$apt_updated" ]; then apt-get update -q; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  apt_install chromium
fi
if ! command -v java >/dev/null 2>&1; then
  echo "== installing a Java runtime for the Nu Html Checker"
  apt_install default-jre-headless
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "run.sh: node and npm (Node 20 or newer) are needed" >&2
  exit 1
fi

echo "== npm ci (tests/browser)"
# --ignore-scripts: vnu-jar's install script would download a Java runtime
# when it finds none; the Java from apt-get is used instead.
(cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

echo "== browser checks of $public"
status=0
node "$here/check.mjs" "$public" "${args[@]}" || status=$?
# A site built with `offline: true` (it has a service worker): offline reading.
if [ -f "$public/sw.js" ]; then
  echo "== offline reading"
  node "$here/offline.mjs" "$public" || status=$?
fi
# A site with "Is this page useful?" (site.yaml `feedback:`): the form against the
# reference receiver, in a copy of the repository's site built by the newest dala binary
# (or $DALA).
if grep -rqs --include=index.html 'class="feedback-form"' "$public"; then
  repo=$(cd "$here/../.." && pwd)
  dala=${DALA:-}
  if [ -z "$dala" ]; then
    for candidate in "$repo/target/release/dala" "$repo/target/debug/dala"; do
      if [ -x "$candidate" ] && { [ -z "$dala" ] || [ "$candidate" -nt "$dala" ]; }; then
        dala=$candidate
      fi
    done
  fi
  if [ -z "$dala" ]; then
    echo "run.sh: no dala binary for the feedback check: build it, or set DALA" >&2
    status=1
  else
    echo "== feedback form"
    node "$here/feedback.mjs" "$dala" "$repo" || status=$?
  fi
fi
exit "$status"
