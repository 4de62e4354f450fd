"""content/articles/digital-payments/flows.<lang>.png: the steps of a state fee paid by a
person and of a benefit paid by the government, as the article describes them."""
from common import *

T = {
    "en": dict(
        l1="Person → government: a state fee",
        c1=[("Price up front", "The full amount, commission included, is shown before the form"),
            ("Payment", "From any bank’s app, at a post office, or in cash at a service centre"),
            ("Confirmation", "The service learns of the payment automatically: no photo of a receipt"),
            ("Electronic receipt", "Number, amount, purpose, payer and date; checkable by a code")],
        l2="Government → person: a benefit",
        c2=[("Eligibility", "Beneficiaries are checked against registers before each payment run"),
            ("Account mapper", "The person’s identifier → the account they chose"),
            ("Transfer", "To any bank or licensed wallet, with a notice by SMS"),
            ("If it fails", "The payment returns to the queue and the person is contacted")],
        note="Every step leaves a record that auditors, and the person concerned, can follow.",
    ),
    "ru": dict(
        l1="Гражданин → государство: пошлина",
        c1=[("Сумма заранее", "Полная сумма вместе с комиссией видна ещё до заполнения формы"),
            ("Оплата", "Из приложения любого банка, на почте или наличными в центре госуслуг"),
            ("Подтверждение", "Услуга получает подтверждение автоматически: фото квитанции не нужно"),
            ("Электронная квитанция", "Номер, сумма, назначение, плательщик и дата; проверка по коду")],
        l2="Государство → гражданин: пособие",
        c2=[("Проверка права", "Список получателей сверяется с реестрами перед каждой выплатой"),
            ("Справочник счетов", "Идентификатор получателя → выбранный им счёт"),
            ("Перевод", "В любой банк или лицензированный кошелёк, с уведомлением по SMS"),
            ("Если не прошёл", "Платёж возвращается в очередь, а с человеком связываются")],
        note="Каждый шаг оставляет след, который могут проследить аудиторы и сам получатель.",
    ),
    "kk": dict(
        l1="Азамат → мемлекет: мемлекеттік баж",
        c1=[("Сома алдын ала", "Комиссияны қоса алғандағы толық сома форма толтырылмай тұрып көрсетіледі"),
            ("Төлеу", "Кез келген банктің қосымшасынан, поштада немесе қызмет көрсету орталығында қолма-қол"),
            ("Растау", "Қызмет төлем туралы автоматты түрде біледі: түбіртектің суреті керек емес"),
            ("Электрондық түбіртек", "Нөмірі, сомасы, мақсаты, төлеушісі және күні; код арқылы тексеріледі")],
        l2="Мемлекет → азамат: жәрдемақы",
        c2=[("Құқықты тексеру", "Алушылар тізімі әр төлем алдында тізілімдермен салыстырылады"),
            ("Шоттар анықтамалығы", "Алушының сәйкестендіргіші → өзі таңдаған шот"),
            ("Аударым", "Кез келген банкке немесе лицензиясы бар әмиянға, SMS арқылы хабарламамен"),
            ("Өтпей қалса", "Төлем кезекке қайтарылады, ал алушымен хабарласады")],
        note="Әр қадам аудиторлар да, алушының өзі де бақылай алатын із қалдырады.",
    ),
}

STYLE = f"""
<style>
.lane {{ border-radius: 14px; padding: 12px 14px 14px; margin-bottom: 16px; }}
.lane h3 {{ margin: 0 0 10px; font-size: 23px; }}
.grid {{ display: grid; grid-template-columns: 1fr 30px 1fr; row-gap: 12px; align-items: stretch; }}
.c {{ background: #ffffff; border: 2px solid; border-radius: 10px; padding: 10px 12px; }}
.c b {{ display: block; font-size: 20px; margin-bottom: 6px; }}
.c b i {{ display: inline-block; width: 28px; height: 28px; border-radius: 14px; color: #fff; font-style: normal;
  text-align: center; line-height: 28px; font-size: 16px; margin-right: 8px; vertical-align: 1px; }}
.c span {{ font-size: 18px; color: #33404d; line-height: 1.3; display: block; }}
.ar {{ display: flex; align-items: center; justify-content: center; }}
</style>"""


def arrow(colour):
    return (f'<svg width="20" height="24" viewBox="0 0 20 24"><path d="M2,12 H15 M9,5 L16,12 L9,19" fill="none" '
            f'stroke="{colour}" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>')


def lane(title, cards, bg, line):
    cells = []
    for i, (h, txt) in enumerate(cards):
        if i % 2:
            cells.append(f'<div class="ar">{arrow(line)}</div>')
        cells.append(f'<div class="c" style="border-color:{line}"><b><i style="background:{line}">{i + 1}</i>{esc(h)}</b>'
                     f'<span>{esc(txt)}</span></div>')
    return (f'<div class="lane" style="background:{bg};border:2px solid {line}"><h3 style="color:{line}">{esc(title)}</h3>'
            f'<div class="grid">{"".join(cells)}</div></div>')


def page(t):
    return (STYLE + lane(t["l1"], t["c1"], BLUE_BG, BLUE_DARK) + lane(t["l2"], t["c2"], GREEN_BG, GREEN)
            + f'<p class="note" style="margin:4px 0 0;font-size:19px">{esc(t["note"])}</p>')


if __name__ == "__main__":
    import sys
    for lang, t in T.items():
        render(page(t), f"{sys.argv[1]}/flows.{lang}.png", height=900)
