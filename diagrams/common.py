"""Shared code of the hub's diagrams: an HTML page per language, screenshot by headless
Chromium at twice its CSS size, cropped to its content and saved as a palette PNG."""
import math
import os
import subprocess
import sys
import tempfile

from PIL import Image

WIDTH = 800  # CSS pixels; the PNG is twice as wide
SCALE = 2

CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; background: #ffffff; }
body { font-family: "DejaVu Sans", sans-serif; color: #1b2a3a; width: %dpx; }
#d { padding: 18px 20px 20px; }
h2 { font-size: 23px; margin: 0 0 10px; font-weight: bold; }
.note { font-size: 17px; color: #3d4a57; }
svg text { font-family: "DejaVu Sans", sans-serif; fill: #1b2a3a; }
""" % WIDTH

BLUE, BLUE_BG, BLUE_DARK = "#2f6fb0", "#dcebfa", "#1f4f82"
GREY, GREY_BG = "#7a8896", "#f3f5f7"
AMBER, AMBER_BG = "#b5862a", "#fdf3dc"
GREEN, GREEN_BG = "#2e7d4f", "#e3f4ea"
RED, RED_BG = "#b03a2e", "#fbe6e3"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_lines(x, y, lines, size=17, weight="normal", anchor="middle", fill=None, gap=1.22):
    """SVG text of several lines, centred vertically on y."""
    n = len(lines)
    first = y - (n - 1) * size * gap / 2
    fill_attr = f' style="fill:{fill}"' if fill else ""
    out = []
    for i, line in enumerate(lines):
        out.append(
            f'<text x="{x:.1f}" y="{first + i * size * gap:.1f}" font-size="{size}" '
            f'font-weight="{weight}" text-anchor="{anchor}" dominant-baseline="central"{fill_attr}>{esc(line)}</text>'
        )
    return "\n".join(out)


def render(html, out_png, height=1400, colors=96):
    chromium = "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "d.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(
                f'<!doctype html><html><head><meta charset="utf-8"><style>{CSS}</style></head>'
                f'<body><div id="d">{html}</div></body></html>'
            )
        shot = os.path.join(tmp, "shot.png")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--force-device-scale-factor={SCALE}", f"--window-size={WIDTH},{height}",
             f"--screenshot={shot}", "file://" + src],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        img = Image.open(shot).convert("RGB")
    # Crop the empty bottom: the last row with a non-white pixel, plus a margin.
    gray = img.convert("L").point(lambda v: 255 if v < 250 else 0)
    box = gray.getbbox()
    bottom = min(img.height, box[3] + 20 * SCALE)
    if box[3] >= img.height - 2:
        sys.exit(f"{out_png}: the content is taller than {height}px; raise the height")
    img = img.crop((0, 0, img.width, bottom))
    img = img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    img.save(out_png, optimize=True)
    print(f"{out_png}: {img.width}x{img.height}, {os.path.getsize(out_png) // 1024} KB")


def person(x, y, s=1.0, fill=BLUE):
    """A person: head and shoulders, centred on x, standing on y."""
    return (f'<circle cx="{x}" cy="{y - 46 * s:.1f}" r="{11 * s:.1f}" fill="{fill}"/>'
            f'<path d="M{x - 19 * s:.1f},{y:.1f} v{-12 * s:.1f} a{19 * s:.1f},{19 * s:.1f} 0 0 1 {38 * s:.1f},0 '
            f'v{12 * s:.1f} z" fill="{fill}"/>')


def paper(x, y, fill="#ffffff", stroke=GREY):
    """A sheet of paper with lines, centred on x, y."""
    return (f'<path d="M{x - 9},{y - 12} h12 l6,6 v18 h-18 z" fill="{fill}" stroke="{stroke}" stroke-width="1.8"/>'
            f'<path d="M{x - 5},{y - 2} h10 M{x - 5},{y + 3} h10" stroke="{stroke}" stroke-width="1.5"/>')


def box(x, y, w, h, lines, size=15, fill=GREY_BG, stroke=GREY, weight="normal", color=None, rx=9):
    """A box with its top left corner at x, y and centred lines of text."""
    return (f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
            + text_lines(x + w / 2, y + h / 2, lines, size, weight, fill=color))


def arrow_defs(colour, name):
    return (f'<defs><marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker></defs>')
