"""content/articles/one-stop-shops/back-office.<lang>.png: a citizen carrying paper from
office to office, and one counter whose operator queries the registers through data exchange."""
from common import *

T = {
    "en": dict(
        h1="Without data exchange, the citizen carries the paper",
        n1="Several visits and several queues: the citizen acts as the courier.",
        h2="With data exchange, the data travels instead",
        n2="The operator queries the registers directly, and documents move between agencies electronically.",
        regs=[["Civil", "registry"], ["Address", "register"], ["Property", "register"]],
        agency=["Agency that", "gives the service"],
        counter=["One counter,", "one operator"],
        exchange="Data exchange",
    ),
    "ru": dict(
        h1="Без обмена данными бумаги носит гражданин",
        n1="Несколько визитов и несколько очередей: гражданин работает курьером.",
        h2="С обменом данными перемещаются сведения, а не люди",
        n2="Оператор запрашивает реестры напрямую, а документы идут между ведомствами в электронном виде.",
        regs=[["Органы", "ЗАГС"], ["Адресный", "регистр"], ["Реестр", "недвижимости"]],
        agency=["Ведомство,", "оказывающее услугу"],
        counter=["Одно окно,", "один оператор"],
        exchange="Обмен данными",
        top=[["Органы", "ЗАГС"], ["Адресный", "регистр"], ["Реестр", "недвижимости"], ["Ведомство,", "оказывающее", "услугу"]],
    ),
    "kk": dict(
        h1="Деректер алмасу болмаса, қағазды азамат тасиды",
        n1="Бірнеше рет бару, бірнеше кезек: азамат курьердің рөлін атқарады.",
        h2="Деректер алмасу болса, адам емес, мәлімет жүреді",
        n2="Оператор тізілімдерге тікелей сұрау жібереді, ал құжаттар ведомстволар арасында электрондық түрде жөнелтіледі.",
        regs=[["АХАЖ", "органдары"], ["Мекенжай", "тіркелімі"], ["Жылжымайтын мүлік", "тізілімі"]],
        agency=["Қызмет көрсететін", "ведомство"],
        counter=["Бір терезе,", "бір оператор"],
        exchange="Деректер алмасу",
        top=[["АХАЖ", "органдары"], ["Мекенжай", "тіркелімі"], ["Жылжымайтын", "мүлік", "тізілімі"], ["Қызмет", "көрсететін", "ведомство"]],
    ),
}

W = 760


def courier(t):
    # citizen, then four offices in a row; the citizen's path runs below them, carrying paper
    h = 230
    out = [f'<svg width="{W}" height="{h}" viewBox="0 0 {W} {h}">', arrow_defs(RED, "ar")]
    bw, gap, x0, y0, bh = 152, 16, 88, 16, 76
    xs = [x0 + i * (bw + gap) for i in range(4)]
    labels = t.get("top") or t["regs"] + [t["agency"]]
    # the path: from the citizen up to each office and down again
    d = "M40,180 "
    for i, x in enumerate(xs):
        cx = x + bw / 2
        d += f"L{cx - 30},180 L{cx - 30},{y0 + bh + 8} "
        if i < 3:
            d += f"M{cx + 30},{y0 + bh + 8} L{cx + 30},180 "
    out.append(f'<path d="{d}" fill="none" stroke="{RED}" stroke-width="2.6" stroke-dasharray="7 5" '
               f'stroke-linejoin="round"/>')
    for i, x in enumerate(xs):
        cx = x + bw / 2
        out.append(f'<line x1="{cx - 30}" y1="181" x2="{cx - 30}" y2="{y0 + bh + 8}" stroke="{RED}" '
                   f'stroke-width="2.6" stroke-dasharray="7 5" marker-end="url(#ar)"/>')
    for i, (x, l) in enumerate(zip(xs, labels)):
        last = i == 3
        out.append(box(x, y0, bw, bh, l, 15, BLUE_BG if last else GREY_BG, BLUE if last else GREY))
        # a queue number on each door: one more visit
        out.append(f'<circle cx="{x + bw / 2 + 30}" cy="{y0 + bh + 30}" r="13" fill="{RED_BG}" stroke="{RED}" stroke-width="2"/>')
        out.append(text_lines(x + bw / 2 + 30, y0 + bh + 30, [str(i + 1)], 14, "bold", fill=RED))
        if not last:
            out.append(paper(x + bw + gap / 2, 180))
    out.append(person(40, 200, 1.0, RED))
    out.append("</svg>")
    return "".join(out)


def connected(t):
    h = 300
    out = [f'<svg width="{W}" height="{h}" viewBox="0 0 {W} {h}">', arrow_defs(BLUE, "ab")]
    ys = [20, 92, 164, 236]
    bx, bw, bh = 560, 190, 56
    labels = t["regs"] + [t["agency"]]
    barx, barw = 430, 56
    out.append(f'<rect x="{barx}" y="14" width="{barw}" height="{h - 28}" rx="10" fill="{BLUE}" stroke="{BLUE_DARK}" stroke-width="2"/>')
    out.append(f'<text x="0" y="0" font-size="18" font-weight="bold" text-anchor="middle" dominant-baseline="central" '
               f'style="fill:#ffffff" transform="translate({barx + barw / 2},{h / 2}) rotate(-90)">{esc(t["exchange"])}</text>')
    for y, l in zip(ys, labels):
        last = y == ys[-1]
        out.append(f'<line x1="{barx + barw}" y1="{y + bh / 2}" x2="{bx - 2}" y2="{y + bh / 2}" stroke="{BLUE}" '
                   f'stroke-width="3" marker-start="url(#ab)" marker-end="url(#ab)"/>')
        out.append(box(bx, y, bw, bh, l, 15, BLUE_BG if last else GREY_BG, BLUE if last else GREY))
    # the counter
    cx, cw, ch = 150, 200, 84
    cy = h / 2 - ch / 2
    out.append(box(cx, cy, cw, ch, t["counter"], 17, GREEN_BG, GREEN, "bold", rx=12))
    out.append(f'<line x1="{cx + cw}" y1="{h / 2}" x2="{barx - 2}" y2="{h / 2}" stroke="{BLUE}" stroke-width="3" '
               f'marker-start="url(#ab)" marker-end="url(#ab)"/>')
    out.append(f'<line x1="72" y1="{h / 2}" x2="{cx - 4}" y2="{h / 2}" stroke="{GREEN}" stroke-width="3"/>')
    out.append(person(40, h / 2 + 30, 1.0, GREEN))
    out.append(paper(395 - 4, h / 2 - 22, GREEN_BG, GREEN))
    out.append("</svg>")
    return "".join(out)


def page(t):
    return (f'<h2>{esc(t["h1"])}</h2>{courier(t)}<p class="note" style="margin-top:4px">{esc(t["n1"])}</p>'
            f'<hr style="border:0;border-top:2px solid #d6dae0;margin:18px 0">'
            f'<h2>{esc(t["h2"])}</h2>{connected(t)}<p class="note" style="margin-top:6px">{esc(t["n2"])}</p>')


if __name__ == "__main__":
    import sys
    for lang, t in T.items():
        render(page(t), f"{sys.argv[1]}/back-office.{lang}.png", height=1300)
