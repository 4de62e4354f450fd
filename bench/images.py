#!/usr/bin/env python3
"""Images processed at build time, dala beside Hugo: a site of N articles (page bundles), each
with one generated JPEG photograph of 2-4 megapixels, built by both tools in alternating
rounds: cold (no output, no build record, no image cache) and a second time with everything
kept (nothing may be encoded again). Prints the medians of wall time, CPU time and peak
memory, the ratios dala/Hugo, and what each tool published of the images.

    python3 bench/images.py [--articles 200] [--rounds 3] [--seed 15] [--work DIR]
                            [--tools dala,hugo] [--generate-only]

Needs numpy and Pillow (`pip install numpy pillow`; the script offers to install them),
/usr/bin/time (`apt-get install time`), Hugo extended (`apt-get install hugo`) and
target/release/dala (DALA=path for another binary, HUGO=path for another Hugo).

The photographs are made once per seed into WORK/photos-<version>-<seed>/ (photograph i is
the same whatever N is) and linked into both sites; the sites go to WORK/sites-<N>-<seed>/,
outputs and caches to WORK/out-<N>-<seed>/. WORK defaults to dala-bench-images in the temp
folder.
"""

import argparse
import hashlib
import io
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)
import gen_corpus  # noqa: E402  (the text of the articles, as the other benchmarks make it)

# Bump when the photographs change, so that cached ones are made again.
PHOTO_VERSION = "p2"
WIDTHS = (360, 720, 1200)
MAX_WIDTH = 2400
QUALITY = 78
JPEG_QUALITY = 85  # what dala gives the copy under the source's name: quality + 7
SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
IMAGE_EXTS = (".webp", ".jpg", ".jpeg", ".png")

# Shapes of the photographs (width:height of the upright picture); portraits are turned.
ASPECTS = ((3, 2), (4, 3), (16, 9), (1, 1), (5, 4), (2, 1), (21, 9))


def need_imaging():
    """numpy and Pillow, installed with pip when missing."""
    try:
        import numpy  # noqa: F401
        import PIL  # noqa: F401
    except ImportError:
        print("installing numpy and Pillow with pip", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "numpy", "pillow"], check=True)


# ---------------------------------------------------------------------------------------
# Photographs
# ---------------------------------------------------------------------------------------

def photo_plan(seed, i):
    """(width, height, orientation) of photograph i: the stored pixels' size and its EXIF
    orientation. Every fourth is a portrait stored sideways with orientation 6, as a phone
    saves it; one in ten is a portrait stored upright."""
    rng = random.Random("photo/%s/%d" % (seed, i))
    aw, ah = ASPECTS[rng.randrange(len(ASPECTS))]
    pixels = rng.uniform(2.0e6, 4.0e6)
    w = int(round(math.sqrt(pixels * aw / ah)))
    h = int(round(w * ah / aw))
    if i % 4 == 1 and w > h:
        return w, h, 6  # a portrait h wide, w high, stored as w x h
    if i % 10 == 7 and w > h:
        return h, w, 1
    return w, h, 1


def fractal(np, Image, rng, w, h, octaves=9, base=3, keep=0.7):
    """Value noise of several octaves, 0..1: clouds, hills, texture at every scale."""
    acc = np.zeros((h, w), np.float32)
    amp, total = 1.0, 0.0
    for k in range(octaves):
        cells = base * 2 ** k
        gw = max(2, int(cells * w / max(w, h)) + 1)
        gh = max(2, int(cells * h / max(w, h)) + 1)
        if max(gw, gh) > max(w, h):
            break
        small = Image.fromarray((rng.random((gh, gw), dtype=np.float32) * 255).astype(np.uint8))
        acc += np.asarray(small.resize((w, h), Image.BICUBIC), np.float32) * np.float32(amp)
        total += amp
        amp *= keep
    return acc / np.float32(total * 255.0)


def make_photo(seed, i):
    """The JPEG bytes of photograph i: a landscape of sky and ground with a textured horizon,
    soft shapes in front, small detail, fine texture and sensor noise; EXIF with the camera,
    the date, an orientation and a GPS position; quality 90."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    sw, sh, orientation = photo_plan(seed, i)
    w, h = (sh, sw) if orientation == 6 else (sw, sh)  # the upright picture
    rng = np.random.default_rng([int(hashlib.sha256(str(seed).encode()).hexdigest()[:8], 16), i])
    f32 = np.float32

    y = np.linspace(0, 1, h, dtype=f32)[:, None]
    horizon = f32(rng.uniform(0.3, 0.7))
    sky0, sky1 = rng.uniform(0.45, 1, 3).astype(f32), rng.uniform(0.15, 0.8, 3).astype(f32)
    g0, g1 = rng.uniform(0.1, 0.7, 3).astype(f32), rng.uniform(0.0, 0.4, 3).astype(f32)
    t = np.clip(y / horizon, 0, 1)[..., None]
    u = np.clip((y - horizon) / (1 - horizon), 0, 1)[..., None]
    sky = sky0 * (1 - t) + sky1 * t
    ground = g0 * (1 - u) + g1 * u
    ridge = horizon + (fractal(np, Image, rng, w, 1, octaves=8)[0] - f32(0.5)) * f32(0.3)
    mask = (y >= ridge[None, :]).astype(f32)[..., None]
    base = Image.fromarray((np.clip(sky * (1 - mask) + ground * mask, 0, 1) * 255).astype(np.uint8))
    del sky, ground, mask, t, u

    # Soft shapes in front (buildings, trees, stones), then small detail (leaves, pebbles).
    over = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(over)
    side = max(w, h)
    for _ in range(int(rng.integers(6, 16))):
        colour = tuple(int(v) for v in rng.integers(30, 220, 3)) + (int(rng.integers(120, 240)),)
        x0, y0 = rng.uniform(-0.1, 1) * w, rng.uniform(0.2, 1) * h
        s = rng.uniform(0.03, 0.3) * side
        if rng.random() < 0.5:
            draw.ellipse([x0, y0, x0 + s, y0 + s * rng.uniform(0.4, 1.6)], fill=colour)
        else:
            pts = [(x0 + rng.uniform(-s, s), y0 + rng.uniform(-s, s)) for _ in range(int(rng.integers(3, 7)))]
            draw.polygon(pts, fill=colour)
    over = over.filter(ImageFilter.GaussianBlur(float(rng.uniform(1, 3))))
    detail = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(detail)
    for _ in range(int(rng.integers(300, 800))):
        colour = tuple(int(v) for v in rng.integers(10, 240, 3)) + (int(rng.integers(60, 200)),)
        x0, y0 = rng.uniform(0, 1) * w, rng.uniform(float(horizon), 1) * h
        s = rng.uniform(0.002, 0.02) * side
        if rng.random() < 0.7:
            draw.ellipse([x0, y0, x0 + s, y0 + s * rng.uniform(0.3, 1.5)], fill=colour)
        else:
            draw.line([x0, y0, x0 + rng.uniform(-4, 4) * s, y0 - rng.uniform(1, 6) * s], fill=colour,
                      width=int(rng.integers(1, 4)))
    over = Image.alpha_composite(over, detail.filter(ImageFilter.GaussianBlur(0.7)))
    base = Image.alpha_composite(base.convert("RGBA"), over).convert("RGB")
    del over, detail, draw

    # Light and texture at every scale, then sensor noise.
    a = np.asarray(base, f32).copy()
    a *= (f32(0.45) + f32(1.1) * fractal(np, Image, rng, w, h))[..., None]
    a += rng.normal(0, 4.0, (h, w, 1)).astype(f32)
    a += rng.normal(0, 2.0, (h, w, 3)).astype(f32)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    del a
    if orientation == 6:
        img = img.transpose(Image.Transpose.ROTATE_90)  # stored sideways: turn it 90° clockwise to see it

    exif = Image.Exif()
    exif[0x010F] = "DalaBench"  # Make
    exif[0x0110] = "Generated %s" % PHOTO_VERSION  # Model
    exif[0x0112] = orientation
    exif[0x0131] = "bench/images.py"  # Software
    r = random.Random("exif/%s/%d" % (seed, i))
    when = "2025:%02d:%02d %02d:%02d:%02d" % (r.randint(1, 12), r.randint(1, 28), r.randint(6, 20),
                                               r.randint(0, 59), r.randint(0, 59))
    exif[0x0132] = when
    exif.get_ifd(0x8769)[0x9003] = when  # DateTimeOriginal
    lat, lon = r.uniform(40.6, 55.4), r.uniform(46.5, 87.3)  # somewhere in Kazakhstan

    def dms(v):
        d, m = int(v), int((v % 1) * 60)
        return (float(d), float(m), round(((v * 60) % 1) * 60, 2))

    gps = exif.get_ifd(0x8825)
    gps[0] = b"\x02\x02\x00\x00"  # GPSVersionID
    gps[1], gps[2] = "N", dms(lat)
    gps[3], gps[4] = "E", dms(lon)
    gps[5], gps[6] = b"\x00", float(r.randint(200, 2500))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def photo_path(folder, i):
    return os.path.join(folder, "p%05d.jpg" % i)


def _make_one(job):
    seed, i, folder = job
    path = photo_path(folder, i)
    data = make_photo(seed, i)
    tmp = path + ".tmp%d" % os.getpid()
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return len(data)


def photographs(seed, n, work, jobs):
    """The folder of photographs 1..n, making the missing ones (`jobs` at a time)."""
    folder = os.path.join(work, "photos-%s-%s" % (PHOTO_VERSION, seed))
    os.makedirs(folder, exist_ok=True)
    todo = [(seed, i, folder) for i in range(1, n + 1) if not os.path.exists(photo_path(folder, i))]
    if todo:
        need_imaging()
        print("making %d photographs in %s (%d at a time)" % (len(todo), folder, jobs), file=sys.stderr)
        start = time.time()
        if jobs > 1:
            import multiprocessing
            with multiprocessing.Pool(jobs) as pool:
                for k, _ in enumerate(pool.imap_unordered(_make_one, todo), 1):
                    if k % 20 == 0:
                        print("  %d/%d" % (k, len(todo)), file=sys.stderr)
        else:
            for job in todo:
                _make_one(job)
        print("  done in %.0f s" % (time.time() - start), file=sys.stderr)
    return folder


# ---------------------------------------------------------------------------------------
# The two sites
# ---------------------------------------------------------------------------------------

DALA_SITE_YAML = """base_url: https://bench.example.org
default_language: en
languages:
  en: { name: English, title: Bench }
theme: hub
taxonomies: [tags]
images:
  widths: [%s]
  max_width: %d
  quality: %d
""" % (", ".join(map(str, WIDTHS)), MAX_WIDTH, QUALITY)

HUGO_YAML = """baseURL: https://bench.example.org/
title: Bench
languageCode: en
defaultContentLanguage: en
buildFuture: true
timeout: 1800s  # image processing of a whole site on a busy machine: the default 30 s is too short
taxonomies:
  tag: tags
markup:
  highlight:
    noClasses: false
imaging:
  resampleFilter: CatmullRom
  quality: %d
""" % QUALITY

# The same work as dala's: WebP at each width below the picture's (upright) width and at that
# width capped at MAX_WIDTH, a JPEG without metadata at the widest, <img srcset sizes width
# height loading=lazy>. Hugo 0.111 does not turn a picture upright by itself: the hook reads
# the EXIF orientation and rotates (Hugo rotates before it resizes, counter-clockwise).
HUGO_RENDER_IMAGE = """{{- $img := .Page.Resources.Get .Destination -}}
{{- if and $img (eq $img.ResourceType "image") -}}
{{- $w := $img.Width -}}{{- $h := $img.Height -}}{{- $turn := "" -}}
{{- with $img.Exif -}}{{- with .Tags.Orientation -}}
{{- $o := int . -}}
{{- if eq $o 3 -}}{{- $turn = " r180" -}}
{{- else if eq $o 6 -}}{{- $turn = " r270" -}}{{- $w = $img.Height -}}{{- $h = $img.Width -}}
{{- else if eq $o 8 -}}{{- $turn = " r90" -}}{{- $w = $img.Height -}}{{- $h = $img.Width -}}
{{- end -}}
{{- end -}}{{- end -}}
{{- $top := cond (gt $w %(max)d) %(max)d $w -}}
{{- $widths := slice -}}
{{- range slice %(widths)s -}}{{- if lt . $top -}}{{- $widths = $widths | append . -}}{{- end -}}{{- end -}}
{{- $widths = $widths | append $top -}}
{{- $set := slice -}}
{{- range $widths -}}
{{- $r := $img.Resize (printf "%%dx webp q%(q)d%%s" . $turn) -}}
{{- $set = $set | append (printf "%%s %%dw" $r.RelPermalink $r.Width) -}}
{{- end -}}
{{- $jpg := $img.Resize (printf "%%dx jpg q%(jq)d%%s" $top $turn) -}}
<img src="{{ $jpg.RelPermalink }}" srcset="{{ delimit $set ", " }}" sizes="%(sizes)s" width="{{ $jpg.Width }}" height="{{ $jpg.Height }}" alt="{{ .Text }}" loading="lazy" decoding="async">
{{- else -}}
<img src="{{ .Destination | safeURL }}" alt="{{ .Text }}">
{{- end -}}
""" % {"max": MAX_WIDTH, "widths": " ".join(map(str, WIDTHS)), "q": QUALITY, "jq": JPEG_QUALITY,
       "sizes": SIZES}

HUGO_PEERS = os.path.join(os.path.dirname(ROOT), "shared", "bench", "peers", "hugo")


def write_if_changed(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8")
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except FileNotFoundError:
        pass
    with open(path, "wb") as f:
        f.write(data)


def link(src, dst):
    """dst as a hard link to src (a copy across file systems), left alone when it is one."""
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    try:
        if os.path.samefile(src, dst):
            return
        os.remove(dst)
    except FileNotFoundError:
        pass
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def article(seed, i):
    """(front matter fields, Markdown body) of article i: gen_corpus's English text (4-8 KB:
    headings, paragraphs, a table, a code block, a list) with the photograph after the first
    paragraph."""
    rng = random.Random("images/%s/%d" % (seed, i))
    start = gen_corpus.datetime.date(2024, 1, 1)
    date = start + gen_corpus.datetime.timedelta(days=rng.randrange(1000))
    fields = {"title": gen_corpus.title(rng, "en"), "date": date.isoformat(),
              "summary": gen_corpus.sentence(rng, "en"), "tags": rng.sample(gen_corpus.TAGS, rng.randint(2, 4))}
    blocks = gen_corpus.body(rng, "en", gen_corpus.CODE_LANGS[i % len(gen_corpus.CODE_LANGS)]).rstrip("\n").split("\n\n")
    alt = gen_corpus.title(rng, "en", rng.randint(4, 9))
    blocks.insert(2, "![%s](photo.jpg)" % alt)  # blocks[0] is a heading, blocks[1] a paragraph
    return fields, "\n\n".join(blocks) + "\n"


def sites(seed, n, work, photos):
    """The dala and the Hugo site of n articles, the same content; returns their folders."""
    folder = os.path.join(work, "sites-%d-%s" % (n, seed))
    dala, hugo = os.path.join(folder, "dala"), os.path.join(folder, "hugo")
    for site, flavor in ((dala, "dala"), (hugo, "hugo")):
        content = os.path.join(site, "content")
        write_if_changed(os.path.join(content, "_index.md"), gen_corpus.front_matter({"title": "Bench"}))
        section = {"title": "Articles"}
        if flavor == "dala":
            section.update(sort_by="date", paginate_by=10)
        text = gen_corpus.front_matter(section)
        if flavor == "hugo":
            # Hugo publishes a bundle's files as they are, the original photograph with its
            # EXIF included; dala publishes only what it made of it. Only what the render
            # hook asks for is published then.
            text = text.replace("---\n\n", "cascade:\n  _build:\n    publishResources: false\n---\n\n", 1)
        write_if_changed(os.path.join(content, "articles", "_index.md"), text)
        for i in range(1, n + 1):
            fields, body = article(seed, i)
            bundle = os.path.join(content, "articles", "a%05d" % i)
            write_if_changed(os.path.join(bundle, "index.md"), gen_corpus.front_matter(fields) + body)
            link(photo_path(photos, i), os.path.join(bundle, "photo.jpg"))
    # dala: the repository's theme and translations, fresh each run (as run.sh does).
    write_if_changed(os.path.join(dala, "site.yaml"), DALA_SITE_YAML)
    for name in ("themes", "i18n"):
        src, dst = os.path.join(ROOT, name), os.path.join(dala, name)
        shutil.rmtree(dst, ignore_errors=True)
        if os.path.isdir(src):
            shutil.copytree(src, dst)
    # Hugo: the shared peer layouts and stylesheets, the render hook, the config.
    write_if_changed(os.path.join(hugo, "hugo.yaml"), HUGO_YAML)
    for name in ("layouts", "static"):
        src, dst = os.path.join(HUGO_PEERS, name), os.path.join(hugo, name)
        shutil.rmtree(dst, ignore_errors=True)
        if os.path.isdir(src):
            shutil.copytree(src, dst)
        else:
            print("warning: %s is missing; Hugo gets only the render hook" % src, file=sys.stderr)
    write_if_changed(os.path.join(hugo, "layouts", "_default", "_markup", "render-image.html"), HUGO_RENDER_IMAGE)
    return dala, hugo


# ---------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------

def snapshot(folder):
    """{path: (size, mtime_ns)} of every file under folder."""
    files = {}
    for top, _, names in os.walk(folder):
        for name in names:
            p = os.path.join(top, name)
            st = os.stat(p)
            files[p] = (st.st_size, st.st_mtime_ns)
    return files


def images_in(folder):
    """(files, bytes) of the images under folder."""
    count = size = 0
    for top, _, names in os.walk(folder):
        for name in names:
            if name.lower().endswith(IMAGE_EXTS):
                count += 1
                size += os.path.getsize(os.path.join(top, name))
    return count, size


def srcsets_in(folder):
    """How many <img> of the output's HTML have a srcset."""
    count = 0
    for top, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".html"):
                with open(os.path.join(top, name), encoding="utf-8", errors="replace") as f:
                    count += f.read().count(" srcset=")
    return count


def timed(cmd, log, env=None):
    """Runs cmd under GNU time after a sync; (wall s, user+sys s, peak RSS MiB)."""
    subprocess.run(["sync"], check=True)
    fd, tfile = tempfile.mkstemp(prefix="time-", suffix=".txt")
    os.close(fd)
    try:
        with open(log, "w") as out:
            rc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tfile] + cmd,
                                stdout=out, stderr=subprocess.STDOUT, env=env).returncode
        with open(tfile) as f:
            last = f.read().strip().splitlines()[-1]
    finally:
        os.remove(tfile)
    if rc != 0:
        with open(log) as f:
            sys.exit("failed (%d): %s\n%s" % (rc, " ".join(cmd), f.read()[-3000:]))
    e, u, s, m = last.split()
    return float(e), float(u) + float(s), int(m) / 1024


class Tool:
    def __init__(self, name, site, out):
        self.name, self.site, self.out = name, site, out
        self.results = {"cold": [], "second": []}
        self.re_encoded = []  # per second build: (images the tool says it made or None, cache files changed)
        self.logs = os.path.join(out, "logs")

    def measure(self, which, r):
        if which == "cold":
            self.clean()
        os.makedirs(self.logs, exist_ok=True)
        before = snapshot(self.cache()) if which == "second" else None
        log = os.path.join(self.logs, "%s-%d.log" % (which, r))
        res = timed(self.command(), log)
        self.results[which].append(res)
        if before is not None:
            after = snapshot(self.cache())
            changed = sum(1 for p, v in after.items() if before.get(p) != v)
            self.re_encoded.append((self.made(log), changed))
        print("  round %d %-5s %-6s %6.2f s wall %6.2f s cpu %6.0f MiB" % (r, self.name, which, *res),
              file=sys.stderr, flush=True)
        return log

    def made(self, log):
        """Images the tool says it encoded, when it says so."""
        return None


class Dala(Tool):
    def __init__(self, binary, site, out):
        super().__init__("dala", site, out)
        self.binary = binary
        self.public = os.path.join(out, "public")

    def clean(self):
        # The output, its build record (.public.dala-state*) and its image cache
        # (.public.dala-images), all beside the output.
        shutil.rmtree(self.public, ignore_errors=True)
        for name in os.listdir(self.out) if os.path.isdir(self.out) else ():
            if name.startswith(".public.dala-"):
                p = os.path.join(self.out, name)
                shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)

    def cache(self):
        return os.path.join(self.out, ".public.dala-images")

    def command(self):
        return [self.binary, "build", "--root", self.site, "--output", self.public, "--timings"]

    def made(self, log):
        # `--timings` ends with "images: N made, M from the cache, S seconds".
        with open(log, encoding="utf-8", errors="replace") as f:
            m = re.search(r"images: (\d+) made, (\d+) from the cache", f.read())
        return int(m.group(1)) if m else None

    def version(self):
        return subprocess.run([self.binary, "--version"], capture_output=True, text=True).stdout.strip()


class Hugo(Tool):
    def __init__(self, binary, site, out):
        super().__init__("hugo", site, out)
        self.binary = binary
        self.public = os.path.join(out, "public")

    def clean(self):
        # The output, the processed images (resources/_gen) and Hugo's other caches.
        for p in (self.public, os.path.join(self.site, "resources", "_gen"), os.path.join(self.out, "cache")):
            shutil.rmtree(p, ignore_errors=True)

    def cache(self):
        return os.path.join(self.site, "resources", "_gen")

    def command(self):
        return [self.binary, "--source", self.site, "--destination", self.public,
                "--cacheDir", os.path.join(self.out, "cache"), "--quiet"]

    def version(self):
        return subprocess.run([self.binary, "version"], capture_output=True, text=True).stdout.strip()


def fmt_span(values, unit, digits=2):
    med = statistics.median(values)
    if len(values) == 1:
        return "%.*f %s" % (digits, med, unit)
    return "%.*f %s (%.*f-%.*f)" % (digits, med, unit, digits, min(values), digits, max(values))


def report(tools, rounds):
    print()
    print("| tool | build | wall, median (min-max) | CPU user+sys | peak RSS | encoded again (second build) |")
    print("|---|---|---|---|---|---|")
    for which in ("cold", "second"):
        for t in tools:
            res = t.results[which]
            if not res:
                continue
            changed = "-" if which == "cold" else ", ".join(
                ("%d made, " % made if made is not None else "") + "%d cache files changed" % files
                for made, files in t.re_encoded)
            print("| %s | %s | %s | %s | %s | %s |" % (
                t.name, which, fmt_span([r[0] for r in res], "s"),
                fmt_span([r[1] for r in res], "s", 1), fmt_span([r[2] for r in res], "MiB", 0), changed))
    by = {t.name: t for t in tools}
    if "dala" in by and "hugo" in by:
        print()
        print("| dala/hugo | wall | CPU | peak RSS |")
        print("|---|---|---|---|")
        for which in ("cold", "second"):
            d, h = by["dala"].results[which], by["hugo"].results[which]
            ratio = [statistics.median(x[k] for x in d) / statistics.median(x[k] for x in h) for k in range(3)]
            print("| %s | %.2f | %.2f | %.2f |" % (which, *ratio))
    print()
    print("| tool | image files published | their size | `<img srcset>` in the HTML |")
    print("|---|---|---|---|")
    for t in tools:
        count, size = images_in(t.public)
        print("| %s | %d | %.1f MiB | %d |" % (t.name, count, size / 2**20, srcsets_in(t.public)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", default="15")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "dala-bench-images"))
    ap.add_argument("--tools", default="dala,hugo", help="comma-separated: dala, hugo")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="processes making photographs")
    ap.add_argument("--generate-only", action="store_true", help="make the photographs and the sites, then stop")
    args = ap.parse_args()
    if args.articles < 1 or args.rounds < 1:
        ap.error("--articles and --rounds must be at least 1")
    tools_wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    if not set(tools_wanted) <= {"dala", "hugo"} or not tools_wanted:
        ap.error("--tools: dala, hugo or both")

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    photos = photographs(args.seed, args.articles, work, args.jobs)
    dala_site, hugo_site = sites(args.seed, args.articles, work, photos)
    mp = []
    for i in range(1, args.articles + 1):
        w, h, _ = photo_plan(args.seed, i)
        mp.append(w * h / 1e6)
    print("sites: %s, %s (%d photographs, %.1f-%.1f MP, %.0f MiB)" % (
        dala_site, hugo_site, args.articles, min(mp), max(mp),
        sum(os.path.getsize(photo_path(photos, i)) for i in range(1, args.articles + 1)) / 2**20), file=sys.stderr)
    if args.generate_only:
        return

    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs /usr/bin/time: apt-get install time")
    out = os.path.join(work, "out-%d-%s" % (args.articles, args.seed))
    tools = []
    for name in tools_wanted:
        if name == "dala":
            binary = os.environ.get("DALA", os.path.join(ROOT, "target", "release", "dala"))
            if not os.access(binary, os.X_OK):
                sys.exit("no dala at %s: cargo build --release (or DALA=path)" % binary)
            tools.append(Dala(os.path.abspath(binary), dala_site, os.path.join(out, "dala")))
        else:
            binary = os.environ.get("HUGO") or shutil.which("hugo")
            if not binary:
                sys.exit("no hugo: apt-get install hugo (or HUGO=path)")
            tools.append(Hugo(binary, hugo_site, os.path.join(out, "hugo")))
    for t in tools:
        v = t.version()
        print("%s: %s" % (t.name, v), file=sys.stderr)
        if t.name == "hugo" and "+extended" not in v:
            print("warning: this Hugo is not the extended edition and cannot encode WebP", file=sys.stderr)

    for r in range(1, args.rounds + 1):
        for which in ("cold", "second"):
            for t in tools:
                t.measure(which, r)
    for t in tools:
        if t.name == "dala":
            for which in ("cold", "second"):
                log = os.path.join(t.logs, "%s-%d.log" % (which, args.rounds))
                print("\ndala, the last %s build's report (%s):" % (which, log))
                with open(log, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                phases = text.split("\n\ntemplate")[0]
                tail = re.findall(r"images: \d+ made.*", text)
                lines = [l for l in phases.strip().splitlines() if not re.search(r"images: \d+/\d+$", l)]
                print("".join("    " + line + "\n" for line in lines + tail), end="")
    report(tools, args.rounds)


if __name__ == "__main__":
    main()
