#!/usr/bin/env python3
"""The authoring loop, timed: how long from saving a one-line change to the rebuilt page
being served over HTTP by `dala serve`, and how long `serve` takes to start.

    python3 bench/serve.py [N] [--runs R] [--edit text|title]

N articles per language (default 10000). `--edit text` (the default) adds a line at the
end of an article's text: `serve` renders that page alone. `--edit title` changes its
title in the front matter, which listings, feeds, translations and related lists show:
the time until those are up to date is printed too.

Uses the corpus of bench/run.sh (generated if missing) and target/release/dala (or
DALA_BIN). Prints each run and the median.
"""
import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--edit", choices=["text", "title"], default="text")
    args = ap.parse_args()
    dala = os.environ.get("DALA_BIN") or os.path.join(ROOT, "target", "release", "dala")
    if "DALA_BIN" not in os.environ:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    site = os.path.join(BENCH, "corpus", f"{args.n}-dala")
    if not os.path.exists(os.path.join(site, ".generated")):
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(BENCH, "gen_corpus.py"), "--articles",
                        str(args.n), "--out", site, "--flavor", "dala"], check=True)
        open(os.path.join(site, ".generated"), "w").close()
    out = os.path.join(BENCH, "out", f"{args.n}-serve")
    shutil.rmtree(out, ignore_errors=True)
    page = os.path.join(site, "content", "articles", "a00001.md")
    original = open(page, encoding="utf-8").read()

    started = time.monotonic()
    server = subprocess.Popen([dala, "serve", "--root", site, "--output", out, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = None
        for line in server.stdout:
            if line.startswith("serving http://"):
                address = line.split()[1].rstrip("/")
                break
        startup = time.monotonic() - started
        # The server's later lines, with when they came: a whole build that follows a quick
        # one prints "rebuilt in".
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put((time.monotonic(), l)) for l in server.stdout],
                         daemon=True).start()
        print(f"N={args.n}, edit: {args.edit}")
        print(f"N={args.n}: serve started in {startup:.2f} s (a cold build and the server)")
        url = f"{address}/en/articles/a00001/"
        times, settled = [], []
        for run in range(args.runs):
            marker = f"dala-bench-marker-{run}-{time.time_ns()}"
            time.sleep(float(os.environ.get("BENCH_PAUSE", "0.5")))  # let the previous rebuild settle
            while not lines.empty():
                lines.get()
            t0 = time.monotonic()
            with open(page, "w", encoding="utf-8") as f:
                if args.edit == "text":
                    f.write(original + f"\n{marker}\n")
                else:
                    f.write(original.replace("title: ", f"title: {marker} ", 1))
            while True:
                with urllib.request.urlopen(url) as r:
                    if marker.encode() in r.read():
                        break
                if time.monotonic() - t0 > 120:
                    raise SystemExit("the change never showed up")
                time.sleep(0.005)
            times.append(time.monotonic() - t0)
            report = f"  run {run + 1}: saved -> served in {times[-1] * 1000:.0f} ms"
            if args.edit == "title":
                # Listings, feeds and translations show the title: the quick rebuild updates
                # them too, or says that a whole build follows.
                follows = False
                while True:
                    at, line = lines.get(timeout=120)
                    if line.startswith("rendered"):
                        follows = "follows" in line
                        if not follows:
                            break
                    if line.startswith("rebuilt in"):
                        break
                settled.append(at - t0)
                report += f", whole site in {settled[-1] * 1000:.0f} ms"
            print(report)
        print(f"  median: {statistics.median(times) * 1000:.0f} ms"
              + (f", whole site {statistics.median(settled) * 1000:.0f} ms" if settled else ""))
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
