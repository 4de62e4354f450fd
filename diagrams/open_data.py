"""content/articles/open-data/lifecycle.<lang>.png: publishing open data as a cycle of six
steps, from the users' demand back to measuring use."""
from common import *

T = {
    "en": dict(
        h="Open data is a cycle, not a one-off upload",
        steps=[("Start from demand", "Who will use the data, and for what?"),
               ("Take it from the source", "The agency’s own system, in a machine-readable format"),
               ("Protect people", "Aggregate, remove direct identifiers, check small groups"),
               ("Publish", "UTF-8, an open licence such as CC\u00a0BY\u00a04.0, a named owner and update frequency"),
               ("Reuse", "Applications, news stories, research"),
               ("Measure", "Downloads, API calls, reuse, time to answer a request for new data")],
        note="Automated publishing from the source system keeps the data fresh.",
    ),
    "ru": dict(
        h="Открытые данные — это цикл, а не разовая выгрузка",
        steps=[("Начать со спроса", "Кто будет пользоваться данными и для чего?"),
               ("Брать из источника", "Из собственной системы ведомства, в машиночитаемом формате"),
               ("Защитить людей", "Агрегировать, убрать прямые идентификаторы, проверить малые группы"),
               ("Опубликовать", "UTF-8, открытая лицензия, например CC\u00a0BY\u00a04.0, владелец и периодичность обновления"),
               ("Использовать повторно", "Приложения, материалы СМИ, исследования"),
               ("Измерять", "Скачивания, обращения к API, повторное использование, срок ответа на запрос новых данных")],
        note="Автоматическая публикация из исходной системы поддерживает данные в актуальном состоянии.",
    ),
    "kk": dict(
        h="Ашық деректер — бір реттік жүктеу емес, тұрақты цикл",
        steps=[("Сұраныстан бастау", "Деректерді кім және не үшін пайдаланады?"),
               ("Дереккөзден алу", "Ведомствоның өз жүйесінен, машина оқи алатын форматта"),
               ("Адамдарды қорғау", "Агрегаттау, тікелей сәйкестендіргіштерді алып тастау, шағын топтарды тексеру"),
               ("Жариялау", "UTF-8, ашық лицензия, мысалы CC\u00a0BY\u00a04.0, жинақтың иесі және жаңарту жиілігі"),
               ("Қайта пайдалану", "Қосымшалар, жаңалық материалдары, зерттеулер"),
               ("Өлшеу", "Жүктеп алулар, API-ге жүгінулер, қайта пайдалану, жаңа деректер сұрауына жауап беру мерзімі")],
        note="Бастапқы жүйеден автоматты түрде жариялау деректерді өзекті күйде ұстайды.",
    ),
}

BW, BH, GX, GY = 222, 164, 47, 60
POS = [(0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1)]  # the order runs clockwise


def xy(c, r):
    return c * (BW + GX), r * (BH + GY)


def page(t):
    width, height = 3 * BW + 2 * GX, 2 * BH + GY
    cols = [(BLUE_BG, BLUE)] * 6
    cols[2] = (AMBER_BG, AMBER)
    cols[3] = (GREEN_BG, GREEN)
    boxes = []
    for i, ((title, text), (c, r)) in enumerate(zip(t["steps"], POS)):
        x, y = xy(c, r)
        bg, line = cols[i]
        boxes.append(
            f'<div style="position:absolute;left:{x}px;top:{y}px;width:{BW}px;height:{BH}px;background:{bg};'
            f'border:2px solid {line};border-radius:12px;padding:10px 12px">'
            f'<div style="font-size:18px;font-weight:bold;margin-bottom:6px"><span style="display:inline-block;'
            f'width:26px;height:26px;border-radius:13px;background:{line};color:#fff;text-align:center;'
            f'line-height:26px;font-size:15px;margin-right:6px">{i + 1}</span>{esc(title)}</div>'
            f'<div style="font-size:15px;color:#33404d;line-height:1.28">{esc(text)}</div></div>')
    a = []
    for i in range(6):
        (c1, r1), (c2, r2) = POS[i], POS[(i + 1) % 6]
        x1, y1 = xy(c1, r1)
        x2, y2 = xy(c2, r2)
        if r1 == r2:  # along a row
            y = y1 + BH / 2
            if c2 > c1:
                a.append((x1 + BW + 4, y, x2 - 6, y))
            else:
                a.append((x1 - 4, y, x2 + BW + 6, y))
        else:  # between the rows
            x = x1 + BW / 2
            if r2 > r1:
                a.append((x, y1 + BH + 4, x, y2 - 6))
            else:
                a.append((x, y1 - 4, x, y2 + BH + 6))
    svg = [f'<svg width="{width}" height="{height}" style="position:absolute;left:0;top:0">',
           arrow_defs(BLUE_DARK, "a")]
    for x1, y1, x2, y2 in a:
        svg.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{BLUE_DARK}" stroke-width="3.5" marker-end="url(#a)"/>')
    svg.append("</svg>")
    return (f'<h2>{esc(t["h"])}</h2><div style="position:relative;width:{width}px;height:{height}px;margin:14px auto 0">'
            + "".join(svg) + "".join(boxes) + f'</div><p class="note" style="margin:14px 0 0">{esc(t["note"])}</p>')


if __name__ == "__main__":
    import sys
    for lang, t in T.items():
        render(page(t), f"{sys.argv[1]}/lifecycle.{lang}.png", height=900)
