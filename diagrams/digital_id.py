"""content/articles/digital-id/identity.<lang>.png: identification, authentication and
signature as three questions, and three services on a staircase of levels of assurance."""
from common import *

T = {
    "en": dict(
        h1="Three different questions",
        cards=[("Identification", "Who is this person?", "Usually answered from the population register"),
               ("Authentication", "Is the person using the service now that same person?", "Password, one-time code or certificate"),
               ("Electronic signature", "Does this person stand behind this document?", "Can be verified later and carries legal weight")],
        h2="Levels of assurance: each service gets the lowest level that is safe for it",
        steps=[("Office opening hours", "No check"), ("Status of an application", "One-time code"),
               ("Selling a flat", "Qualified signature")],
        up="Stricter check",
    ),
    "ru": dict(
        h1="Три разных вопроса",
        cards=[("Идентификация", "Кто этот человек?", "Ответ обычно даёт регистр населения"),
               ("Аутентификация", "Пользуется ли услугой сейчас именно этот человек?", "Пароль, одноразовый код или сертификат"),
               ("Электронная подпись", "Подтверждает ли этот человек документ?", "Проверяется позднее и имеет юридическую силу")],
        h2="Уровни доверия: каждой услуге — самый низкий из безопасных для неё уровней",
        steps=[("Часы работы учреждения", "Проверка не нужна"), ("Статус заявления", "Одноразовый код"),
               ("Продажа квартиры", "Квалифицированная подпись")],
        up="Проверка строже",
    ),
    "kk": dict(
        h1="Үш түрлі сұрақ",
        cards=[("Сәйкестендіру", "Бұл адам кім?", "Жауабын әдетте халық тізілімі береді"),
               ("Аутентификация", "Қызметті дәл қазір сол адамның өзі пайдаланып отыр ма?", "Құпиясөз, бір реттік код немесе сертификат"),
               ("Электрондық қолтаңба", "Бұл адам осы құжатты растай ма?", "Кейін тексеруге болады және заңды күші бар")],
        h2="Сенім деңгейлері: әр қызметке ол үшін қауіпсіз ең төменгі деңгей",
        steps=[("Мекеменің жұмыс уақыты", "Тексеру қажет емес"), ("Өтініштің мәртебесі", "Бір реттік код"),
               ("Пәтер сату", "Білікті қолтаңба")],
        up="Тексеру қатаңырақ",
    ),
}

STYLE = f"""
<style>
.cards {{ display: flex; align-items: stretch; gap: 0; }}
.card {{ flex: 1; border: 2px solid {BLUE}; border-radius: 12px; background: {BLUE_BG}; padding: 12px 12px 14px; }}
.card b {{ display: block; font-size: 18px; color: {BLUE_DARK}; margin-bottom: 8px; }}
.card .q {{ font-size: 17px; font-weight: bold; margin-bottom: 10px; }}
.card .a {{ font-size: 16px; color: #3d4a57; border-top: 1.5px solid {BLUE}; padding-top: 8px; }}
.arr {{ width: 34px; display: flex; align-items: center; justify-content: center; }}
.stairs {{ display: flex; align-items: flex-end; gap: 14px; margin-top: 8px; position: relative; }}
.step {{ flex: 1; border-radius: 12px 12px 0 0; padding: 12px; color: #1b2a3a; }}
.step .s {{ font-size: 16px; margin-bottom: 6px; }}
.step .m {{ font-size: 18px; font-weight: bold; }}
.base {{ border-top: 3px solid {GREY}; margin-bottom: 4px; }}
</style>"""

ARROW = (f'<svg width="30" height="30" viewBox="0 0 30 30"><path d="M3,15 H22 M15,7 L24,15 L15,23" '
         f'fill="none" stroke="{BLUE}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>')


def page(t):
    cards = []
    for i, (title, q, a) in enumerate(t["cards"]):
        if i:
            cards.append(f'<div class="arr">{ARROW}</div>')
        cards.append(f'<div class="card"><b>{i + 1}. {esc(title)}</b><div class="q">{esc(q)}</div>'
                     f'<div class="a">{esc(a)}</div></div>')
    colours = [(GREEN_BG, GREEN), (AMBER_BG, AMBER), (BLUE_BG, BLUE)]
    steps = []
    for i, ((service, method), (bg, line)) in enumerate(zip(t["steps"], colours)):
        steps.append(f'<div class="step" style="height:{96 + 44 * i}px;background:{bg};border:2px solid {line};'
                     f'border-bottom:0"><div class="s">{esc(service)}</div><div class="m">{esc(method)}</div></div>')
    up = (f'<div style="display:flex;align-items:center;gap:8px;font-size:16px;color:{GREY};margin:2px 0 6px">'
          f'<span>{esc(t["up"])}</span><svg width="300" height="16" viewBox="0 0 300 16"><path d="M2,8 H290 M282,2 L292,8 L282,14" '
          f'fill="none" stroke="{GREY}" stroke-width="2.5"/></svg></div>')
    return (STYLE + f'<h2>{esc(t["h1"])}</h2><div class="cards">{"".join(cards)}</div>'
            f'<h2 style="margin-top:26px">{esc(t["h2"])}</h2>{up}<div class="stairs">{"".join(steps)}</div>'
            f'<div class="base"></div>')


if __name__ == "__main__":
    import sys
    for lang, t in T.items():
        render(page(t), f"{sys.argv[1]}/identity.{lang}.png", height=1000)
