"""content/articles/interoperability/exchange.<lang>.png: six agencies linked point to
point (15 links) and through an information mediator (6 connections)."""
import math
from common import *

T = {
    "en": dict(
        h1="Point to point: each pair of agencies builds its own link",
        n1="6 agencies: 15 links, each with its own format, security and contract",
        h2="Information mediator: each agency connects once",
        n2="6 agencies: 6 connections. The mediator routes requests, checks certificates "
           "and keeps signed logs; it stores no data itself.",
        ss="security server",
        centre=["Information", "mediator"],
        nodes=[["Tax", "authority"], ["Population", "register"], ["Pension", "fund"],
               ["Land", "cadastre"], ["Social benefits", "agency"], ["Civil", "registry"]],
    ),
    "ru": dict(
        h1="Прямые связи: каждая пара ведомств строит свой канал",
        n1="6 ведомств — 15 связей, и у каждой свой формат, защита и договор",
        h2="Информационный посредник: каждое ведомство подключается один раз",
        n2="6 ведомств — 6 подключений. Посредник маршрутизирует запросы, проверяет "
           "сертификаты и ведёт подписанные журналы; сам он данные не хранит.",
        ss="сервер безопасности",
        centre=["Информационный", "посредник"],
        nodes=[["Налоговая", "служба"], ["Регистр", "населения"], ["Пенсионный", "фонд"],
               ["Земельный", "кадастр"], ["Служба социальных", "пособий"], ["Органы", "ЗАГС"]],
    ),
    "kk": dict(
        h1="Тікелей байланыс: әр екі ведомство арасына жеке арна тартылады",
        n1="6 ведомство — 15 байланыс, әрқайсысының өз форматы, қорғанысы және шарты бар",
        h2="Ақпараттық делдал: әр ведомство бір рет қосылады",
        n2="6 ведомство — 6 қосылым. Делдал сұрауларды бағыттайды, сертификаттарды "
           "тексереді және қол қойылған журналдар жүргізеді; деректерді өзі сақтамайды.",
        ss="қауіпсіздік сервері",
        centre=["Ақпараттық", "делдал"],
        nodes=[["Салық", "қызметі"], ["Халық", "тізілімі"], ["Зейнетақы", "қоры"],
               ["Жер", "кадастры"], ["Әлеуметтік", "жәрдемақы қызметі"], ["АХАЖ", "органдары"]],
    ),
}

W, H = 760, 330
CX, CY, RX, RY = 380, 165, 272, 126
BW, BH = 206, 60


def positions():
    return [(CX + RX * math.cos(math.radians(a)), CY + RY * math.sin(math.radians(a)))
            for a in (0, 60, 120, 180, 240, 300)]


def node(x, y, lines):
    return (f'<rect x="{x - BW / 2:.1f}" y="{y - BH / 2:.1f}" width="{BW}" height="{BH}" rx="9" '
            f'fill="{GREY_BG}" stroke="{GREY}" stroke-width="2"/>' + text_lines(x, y, lines, 17))


def mesh(t):
    p = positions()
    out = [f'<svg width="{W}" height="{H}" viewBox="0 0 {W} {H}">']
    for i in range(6):
        for j in range(i + 1, 6):
            out.append(f'<line x1="{p[i][0]:.1f}" y1="{p[i][1]:.1f}" x2="{p[j][0]:.1f}" '
                       f'y2="{p[j][1]:.1f}" stroke="{RED}" stroke-width="2.2" opacity="0.75"/>')
    out += [node(x, y, l) for (x, y), l in zip(p, t["nodes"])]
    out.append("</svg>")
    return "".join(out)


def hub(t):
    p = positions()
    out = [f'<svg width="{W}" height="{H}" viewBox="0 0 {W} {H}">']
    for x, y in p:
        out.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{CX}" y2="{CY}" stroke="{BLUE}" stroke-width="3"/>')
    for x, y in p:
        # the security server: a small square where the link leaves the agency
        dx, dy = CX - x, CY - y
        k = min((BW / 2) / abs(dx) if dx else 1e9, (BH / 2) / abs(dy) if dy else 1e9)
        u = math.hypot(dx, dy)
        sx, sy = x + dx * k + dx / u * 16, y + dy * k + dy / u * 16
        out.append(f'<rect x="{sx - 10:.1f}" y="{sy - 10:.1f}" width="20" height="20" rx="3" '
                   f'fill="{AMBER_BG}" stroke="{AMBER}" stroke-width="2.5"/>')
    out.append(f'<rect x="{CX - 110}" y="{CY - 34}" width="220" height="68" rx="12" '
               f'fill="{BLUE}" stroke="{BLUE_DARK}" stroke-width="2"/>')
    out.append(text_lines(CX, CY, t["centre"], 18, "bold", fill="#ffffff"))
    out += [node(x, y, l) for (x, y), l in zip(p, t["nodes"])]
    out.append("</svg>")
    return "".join(out)


def page(t):
    legend = (f'<svg width="22" height="18" style="vertical-align:-3px"><rect x="2" y="0" width="16" '
              f'height="16" rx="3" fill="{AMBER_BG}" stroke="{AMBER}" stroke-width="2.5"/></svg>')
    return (f'<h2>{esc(t["h1"])}</h2>{mesh(t)}<p class="note" style="margin-top:4px">{esc(t["n1"])}</p>'
            f'<hr style="border:0;border-top:2px solid #d6dae0;margin:18px 0">'
            f'<h2>{esc(t["h2"])}</h2>{hub(t)}<p class="note" style="margin-top:4px">{esc(t["n2"])}</p>'
            f'<p class="note" style="margin:0">{legend} {esc(t["ss"])}</p>')


if __name__ == "__main__":
    import sys
    out = sys.argv[1]
    for lang, t in T.items():
        render(page(t), f"{out}/exchange.{lang}.png", height=1300)
