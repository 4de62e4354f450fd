#!/usr/bin/env python3
"""A catalogue beside a plain site: dala builds a generated catalogue of N solutions and N
country practices in en, ru and kk (the hub's collections: typed fields, shared facts,
facets, references) and a plain site of N articles per language (gen_corpus.py), cold,
alternating, ROUNDS times each; prints the medians of wall time, CPU time and peak memory,
and what the catalogue page's filter data weighs (gzip -9).

    python3 bench/catalogue.py [--entries N] [--rounds R]

Needs /usr/bin/time and target/release/dala (DALA=path for another binary). Corpora go to
bench/corpus/, outputs to bench/out/ (both ignored by git).
"""

import argparse
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)

COUNTRIES = ["kz", "kg", "tj", "tm", "uz", "az", "am", "ge", "mn", "ee", "fi", "ua",
             "in", "ph", "ma", "et", "ke", "rw", "br", "de"]
BLOCKS = ["cloud-infrastructure", "consent", "content-management", "digital-registries",
          "e-marketplace", "e-signature", "gis", "identity", "information-mediator",
          "messaging", "payments", "registration", "scheduler", "wallet", "workflow"]
LICENCES = ["MIT", "Apache-2.0", "MPL-2.0", "AGPL-3.0-only", "BSD-3-Clause", "GPL-3.0-only",
            "MIT OR Apache-2.0"]
TYPES = ["software", "data", "content", "standard", "ai-model"]
STATUS = ["planned", "pilot", "active", "scaled", "retired"]
LEVELS = ["national", "subnational", "cross-border"]
CHANNELS = ["portal", "mobile", "service-centre", "sms", "call-centre"]
TEXT = {
    "en": "A ministry that weighs this needs people who can run it, hosting it trusts, and "
          "an agreement on who owns the data. The record lists the sources of each fact.",
    "ru": "Министерству, которое рассматривает этот вариант, нужны люди, способные его "
          "сопровождать, надёжный хостинг и договорённость о том, кому принадлежат данные.",
    "kk": "Мұны қарастырып отырған министрлікке оны сүйемелдей алатын мамандар, сенімді "
          "хостинг және деректердің иесі кім екені туралы келісім қажет.",
}
NAMES = {"en": ("Solution", "Practice"), "ru": ("Решение", "Практика"), "kk": ("Шешім", "Тәжірибе")}


def collections_yaml():
    """The hub's `collections:` from the repository's site.yaml."""
    text = open(os.path.join(ROOT, "site.yaml"), encoding="utf-8").read()
    start = text.index("\ncollections:") + 1
    rest = text[start:]
    end = re.search(r"\n(?=[a-z_]+:)", rest[len("collections:"):])
    return rest if end is None else rest[: len("collections:") + end.start() + 1]


def flow(items):
    return "[" + ", ".join(f'"{i}"' if " " in str(i) else str(i) for i in items) + "]"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def catalogue_site(n, out):
    if os.path.exists(os.path.join(out, ".generated")):
        return
    shutil.rmtree(out, ignore_errors=True)
    for part in ["themes", "templates", "i18n"]:
        shutil.copytree(os.path.join(ROOT, part), os.path.join(out, part))
    write(os.path.join(out, "site.yaml"),
          "base_url: https://bench.example.org\ndefault_language: en\nlanguages:\n"
          "  en: { name: English, title: Bench }\n"
          "  ru: { name: Русский, title: Бенч, fallback: [en] }\n"
          "  kk: { name: Қазақша, title: Бенч, fallback: [ru, en] }\n"
          "theme: hub\ntaxonomies: [tags, countries, sdgs, building_blocks]\n"
          + collections_yaml())
    for lang, suffix in [("en", ""), ("ru", ".ru"), ("kk", ".kk")]:
        write(os.path.join(out, f"content/_index{suffix}.md"), "---\ntitle: Bench\n---\n")
        write(os.path.join(out, f"content/solutions/_index{suffix}.md"),
              f"---\ntitle: {NAMES[lang][0]}\nsort_by: title\n---\n")
        write(os.path.join(out, f"content/cases/_index{suffix}.md"),
              f"---\ntitle: {NAMES[lang][1]}\nsort_by: date\n---\n")
        write(os.path.join(out, f"content/articles/_index{suffix}.md"),
              "---\ntitle: Articles\n---\n")
    rng = random.Random(14)
    for i in range(1, n + 1):
        sid = f"s{i:05d}"
        countries = sorted(rng.sample(COUNTRIES, rng.randint(1, 5)))
        sdgs = sorted(rng.sample(range(1, 18), rng.randint(1, 3)))
        blocks = sorted(rng.sample(BLOCKS, rng.randint(1, 3)))
        for lang, suffix in [("en", ""), ("ru", ".ru"), ("kk", ".kk")]:
            shared = ""
            if lang == "en":
                shared = (
                    f"countries: {flow(countries)}\nsdgs: {flow(sdgs)}\nbuilding_blocks: {flow(blocks)}\n"
                    f"extra:\n  website: https://example.org/{sid}/\n  type: {TYPES[i % 5]}\n"
                    f"  licences: [\"{LICENCES[i % 7]}\"]\n  dpg_status: {['registered', 'nominee', 'none'][i % 3]}\n"
                    f"  last_reviewed: 2026-12-02\n"
                    f"  sources:\n    - {{ title: Source {i}, url: https://example.org/{sid}/source }}\n"
                )
            else:
                shared = "extra: {}\n"
            write(os.path.join(out, f"content/solutions/{sid}{suffix}.md"),
                  f"---\ntitle: \"{NAMES[lang][0]} {i}\"\nsummary: \"{TEXT[lang][:80]}\"\n{shared}---\n\n"
                  + ("\n\n".join([TEXT[lang]] * 4)) + "\n")
        cid = f"c{i:05d}"
        used = sorted(rng.sample(range(1, n + 1), rng.randint(1, 3)))
        for lang, suffix in [("en", ""), ("ru", ".ru"), ("kk", ".kk")]:
            year = 2010 + i % 16
            body = "\n\n".join([TEXT[lang]] * 5)
            shared = ""
            if lang == "en":
                shared = (
                    f"countries: [{COUNTRIES[i % 8]}]\nsdgs: [{1 + i % 17}]\n"
                    f"building_blocks: {flow(sorted(rng.sample(BLOCKS, 2)))}\n"
                )
            extra = (
                f"extra:\n  agency: \"{NAMES[lang][1]} agency {i}\"\n"
                + (
                    f"  level: {LEVELS[i % 3]}\n  started: {year}\n  status: {STATUS[i % 5]}\n"
                    f"  channels: {flow(sorted(rng.sample(CHANNELS, 2)))}\n"
                    f"  solutions: {flow(f's{u:05d}' for u in used)}\n"
                    f"  sources:\n    - {{ title: Source {i}, url: https://example.org/{cid}/source }}\n"
                    if lang == "en" else ""
                )
            )
            write(os.path.join(out, f"content/cases/{cid}{suffix}.md"),
                  f"---\ntitle: \"{NAMES[lang][1]} {i}\"\ndate: {year}-0{1 + i % 9}-1{i % 9}\n"
                  f"summary: \"{TEXT[lang][:80]}\"\nauthors: [Bench]\n{shared}{extra}---\n\n{body}\n")
    write(os.path.join(out, ".generated"), "")


def plain_site(n, out):
    if os.path.exists(os.path.join(out, ".generated")):
        return
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(BENCH, "gen_corpus.py"), "--articles", str(n),
                    "--out", out, "--flavor", "dala"], check=True)
    for part in ["themes", "i18n"]:
        shutil.rmtree(os.path.join(out, part), ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, part), os.path.join(out, part))
    write(os.path.join(out, ".generated"), "")


def measure(dala, site, out):
    shutil.rmtree(out, ignore_errors=True)
    os.sync()
    started = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v", dala, "build", "--root", site, "--output", out],
                       capture_output=True, text=True)
    wall = time.monotonic() - started
    if p.returncode != 0:
        sys.exit(f"dala build {site} failed:\n{p.stderr[-3000:]}")
    field = lambda name: float(re.search(rf"{name}: ([\d.]+)", p.stderr).group(1))
    return wall, field("User time \\(seconds\\)") + field("System time \\(seconds\\)"), \
        field("Maximum resident set size \\(kbytes\\)") / 1024


def files(out):
    return sum(len(f) for _, _, f in os.walk(out))


def facet_data(out, entries):
    """The filter data of the English solutions catalogue: the data-facets attributes, and
    the first `entries` of them, raw and gzip -9; and the whole page gzipped."""
    html = open(os.path.join(out, "en/solutions/index.html"), encoding="utf-8").read()
    attrs = re.findall(r'data-facets="([^"]*)"', html)
    part = "\n".join(attrs[:entries]).encode()
    whole = "\n".join(attrs).encode()
    return {
        "entries": len(attrs),
        f"data for {entries}": (len(part), len(gzip.compress(part, 9))),
        "data for all": (len(whole), len(gzip.compress(whole, 9))),
        "page": (len(html.encode()), len(gzip.compress(html.encode(), 9))),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entries", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    dala = os.environ.get("DALA", os.path.join(ROOT, "target/release/dala"))
    corpus = os.path.join(BENCH, "corpus")
    sites = {
        "catalogue": os.path.join(corpus, f"catalogue-{args.entries}"),
        "plain": os.path.join(corpus, f"{args.entries}-dala"),
    }
    catalogue_site(args.entries, sites["catalogue"])
    plain_site(args.entries, sites["plain"])
    results = {k: [] for k in sites}
    for r in range(args.rounds):
        order = list(sites) if r % 2 == 0 else list(reversed(sites))
        for name in order:
            out = os.path.join(BENCH, "out", f"{name}-{args.entries}")
            results[name].append(measure(dala, sites[name], out))
            w, c, m = results[name][-1]
            print(f"round {r + 1} {name:9} wall {w:6.2f} s  cpu {c:6.2f} s  peak {m:7.1f} MiB",
                  flush=True)
    print()
    print(f"dala {subprocess.run([dala, '--version'], capture_output=True, text=True).stdout.strip()}, "
          f"{args.rounds} cold builds each, alternating; medians (min-max):")
    for name in sites:
        out = os.path.join(BENCH, "out", f"{name}-{args.entries}")
        cols = list(zip(*results[name]))
        fmt = lambda xs, u: f"{statistics.median(xs):.2f}{u} ({min(xs):.2f}-{max(xs):.2f})"
        print(f"  {name:9} wall {fmt(cols[0], ' s')}  cpu {fmt(cols[1], ' s')}  "
              f"peak {fmt(cols[2], ' MiB')}  files {files(out)}")
    wall = lambda n: statistics.median(r[0] for r in results[n])
    print(f"  catalogue/plain wall: {wall('catalogue') / wall('plain'):.2f}")
    data = facet_data(os.path.join(BENCH, "out", f"catalogue-{args.entries}"), 500)
    print(f"facet data (en/solutions/, {data['entries']} entries): "
          + "; ".join(f"{k}: {v[0]} B, {v[1]} B gzip -9" for k, v in data.items() if k != "entries"))


if __name__ == "__main__":
    main()
