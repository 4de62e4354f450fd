#!/usr/bin/env python3
"""Generate a deterministic trilingual (en, ru, kk) benchmark site for dala or Hugo.

    python3 bench/gen_corpus.py --articles N --out DIR [--flavor dala|hugo]

Article i is the same whatever N is: each article has its own seeded random.Random.
"""
import argparse
import datetime
import os
import random
import shutil
import sys

LANGS = ("en", "ru", "kk")
SEED = 20240601

WORDS = {
    "en": """government service citizen digital identity portal data registry open platform
        license permit request agency ministry budget report access record network secure
        public private sector strategy policy framework standard design user account payment
        tax health education transport energy city region village local national system
        document signature certificate verify process online mobile application interface
        support review update release quality metric growth reform law court notice archive
        the a of and to in for with on by from across every each new shared simple fast
        reliable modern clear better common single trusted""".split(),
    "ru": """государство услуга гражданин цифровой личность портал данные реестр открытый
        платформа лицензия разрешение запрос агентство министерство бюджет отчёт доступ
        запись сеть безопасный публичный частный сектор стратегия политика стандарт дизайн
        пользователь счёт платёж налог здоровье образование транспорт энергия город регион
        село местный национальный система документ подпись сертификат проверка процесс
        онлайн мобильный приложение интерфейс поддержка обзор обновление выпуск качество
        рост реформа закон суд архив и в на с по для из каждый новый общий простой быстрый
        надёжный современный ясный лучший единый""".split(),
    "kk": """мемлекет қызмет азамат цифрлық сәйкестік портал деректер тізілім ашық платформа
        лицензия рұқсат сұраныс агенттік министрлік бюджет есеп қолжетімділік жазба желі
        қауіпсіз қоғамдық жеке сала стратегия саясат стандарт дизайн пайдаланушы төлем
        салық денсаулық білім көлік энергия қала өңір ауыл жергілікті ұлттық жүйе құжат
        қолтаңба сертификат тексеру үдеріс онлайн мобильді қосымша интерфейс қолдау шолу
        жаңарту шығарылым сапа өсу реформа заң сот мұрағат және мен үшін бойынша әрбір жаңа
        ортақ қарапайым жылдам сенімді заманауи түсінікті үздік бірыңғай әкімдік ғылым
        һижра іскер өнім ұйым үкімет""".split(),
}

TAGS = """e-government digital-id open-data cloud security privacy payments taxes health
    education transport energy smart-city agriculture justice elections procurement
    registries mobile accessibility api interoperability standards identity signatures
    licensing permits statistics budget audit anti-corruption citizen-feedback one-stop-shop
    broadband cybersecurity ai machine-learning blockchain gis maps archives libraries
    social-welfare pensions employment migration customs land-registry business-registry
    courts police emergency water environment climate tourism culture sports youth
    languages translation""".split()

SECTIONS = ("articles", "news", "guides", "reports", "services",
            "policy", "data", "security", "identity", "events")

SECTION_TITLES = {
    "en": "Articles News Guides Reports Services Policy Data Security Identity Events",
    "ru": "Статьи Новости Руководства Отчёты Услуги Политика Данные Безопасность Идентичность События",
    "kk": "Мақалалар Жаңалықтар Нұсқаулықтар Есептер Қызметтер Саясат Деректер Қауіпсіздік Сәйкестік Іс-шаралар",
}

HOME_TITLES = {"en": "Bench", "ru": "Бенч", "kk": "Бенч"}
CODE_LANGS = ("rust", "python", "json", "yaml", "bash")
BODY_MIN, BODY_MAX = 4096, 8192

DALA_SITE_YAML = """base_url: https://bench.example.org
default_language: en
languages:
  en: { name: English, title: Bench }
  ru: { name: Русский, title: Бенч }
  kk: { name: Қазақша, title: Бенч }
theme: hub
taxonomies: [tags]
"""

HUGO_YAML = """baseURL: https://bench.example.org/
title: Bench
defaultContentLanguage: en
defaultContentLanguageInSubdir: true
buildFuture: true
paginate: 10
languages:
  en: { languageName: English, title: Bench, weight: 1 }
  ru: { languageName: Русский, title: Бенч, weight: 2 }
  kk: { languageName: Қазақша, title: Бенч, weight: 3 }
taxonomies:
  tag: tags
markup:
  highlight:
    noClasses: false
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<nav><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Site.Sections }} <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}
{{ with .Translations }}<ul class="translations">{{ range . }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul>{{ end }}
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages.ByDate.Reverse 10 }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary }}</p></li>{{ end }}</ul>
<nav class="pager">{{ with $pager.Prev }}<a href="{{ .URL }}">&larr;</a>{{ end }} {{ $pager.PageNumber }}/{{ $pager.TotalPages }} {{ with $pager.Next }}<a href="{{ .URL }}">&rarr;</a>{{ end }}</nav>
{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>
<ul>{{ range first 10 .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
}

CODE_LINES = {
    "rust": ("let {a} = {b}.{c}();", "if {a}.is_empty() {{ return Err(Error::{B}); }}",
             "for {a} in {b}.iter() {{ total += {a}.len(); }}", "// {a} {b} {c}",
             "let {a}: Vec<String> = Vec::with_capacity({n});"),
    "python": ("{a} = {b}.{c}()", "if not {a}:\n    raise ValueError(\"{b}\")",
               "for {a} in {b}:\n    total += len({a})", "# {a} {b} {c}", "{a} = [{n}] * {n}"),
    "json": ('  "{a}": {n},', '  "{a}": "{b}",', '  "{a}": [{n}, {n}],', '  "{a}": true,',
             '  "{a}": {{ "{b}": "{c}" }},'),
    "yaml": ("{a}: {n}", "{a}: {b}", "{a}:\n  - {b}\n  - {c}", "# {a} {b}", "{a}: {{ {b}: {n} }}"),
    "bash": ("{a}=\"${{{B}:-{n}}}\"", "echo \"{a} {b}\"", "if [ -f \"{a}.txt\" ]; then rm \"{a}.txt\"; fi",
             "# {a} {b} {c}", "cp -r \"{a}\" \"{b}/{c}\""),
}
IDENTS = "alpha beta gamma delta items total user record cache index token entry value node".split()


def sentence(rng, lang):
    words = [rng.choice(WORDS[lang]) for _ in range(rng.randint(6, 16))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng, lang):
    return " ".join(sentence(rng, lang) for _ in range(rng.randint(2, 5)))


def title(rng, lang, n=None):
    words = [rng.choice(WORDS[lang]) for _ in range(n or rng.randint(3, 7))]
    return " ".join(words).capitalize()


def code_block(rng, code_lang):
    """A fenced block of 10-25 lines; templates may span lines, so aim at most 23 then stop."""
    want, lines = rng.randint(10, 23), []
    templates = CODE_LINES[code_lang]
    if code_lang == "json":
        want, lines = want - 3, ["{"]
    while len(lines) < want + (code_lang == "json"):
        a, b, c = rng.sample(IDENTS, 3)
        line = rng.choice(templates).format(a=a, b=b, c=c, B=b.upper(), n=rng.randint(1, 999))
        lines.extend(line.split("\n"))
    if code_lang == "json":
        lines += ['  "end": null', "}"]
    return "```%s\n%s\n```" % (code_lang, "\n".join(lines))


def table(rng, lang):
    cols = [title(rng, lang, 1) for _ in range(3)]
    rows = ["| %s |" % " | ".join(cols), "|---|---|---:|"]
    for _ in range(rng.randint(3, 5)):
        rows.append("| %s | %s | %d |" % (title(rng, lang, 2), rng.choice(WORDS[lang]), rng.randint(1, 100000)))
    return "\n".join(rows)


def bullet_list(rng, lang):
    return "\n".join("- " + title(rng, lang, rng.randint(2, 6)) for _ in range(rng.randint(3, 6)))


def body(rng, lang, code_lang):
    """Markdown of BODY_MIN..BODY_MAX UTF-8 bytes: 3-5 ## sections of paragraphs, a table, code, a list."""
    target = rng.randint(BODY_MIN + 600, BODY_MAX - 600)
    extras = [table(rng, lang), code_block(rng, code_lang), bullet_list(rng, lang)]
    headings = ["## " + title(rng, lang) for _ in range(rng.randint(3, 5))]
    size = sum(len(b.encode()) + 2 for b in extras + headings)
    paras = []
    while size < target:
        p = paragraph(rng, lang)
        if size + len(p.encode()) + 2 > BODY_MAX:
            break
        paras.append(p)
        size += len(p.encode()) + 2
    headings = headings[:len(paras)]
    blocks = list(paras)
    step = len(paras) / len(headings)
    for h in reversed(range(len(headings))):
        blocks.insert(int(h * step), headings[h])
    for extra in extras:  # each right after some paragraph
        after = [k for k, b in enumerate(blocks) if b in paras]
        blocks.insert(rng.choice(after) + 1, extra)
    return "\n\n".join(blocks) + "\n"


def yaml_str(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def front_matter(fields):
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            value = "[%s]" % ", ".join(yaml_str(v) for v in value)
        elif isinstance(value, str) and key != "date":
            value = yaml_str(value)
        lines.append("%s: %s" % (key, value))
    return "\n".join(lines + ["---", ""]) + "\n"


def lang_suffix(lang):
    return "" if lang == "en" else "." + lang


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def article(i):
    """(section, {lang: text}) of article i, independent of the corpus size."""
    rng = random.Random("%d/%d" % (SEED, i))
    start = datetime.date(2024, 1, 1)
    date = start + datetime.timedelta(days=rng.randrange((datetime.date(2026, 12, 31) - start).days + 1))
    tags = rng.sample(TAGS, rng.randint(2, 4))
    code_lang = CODE_LANGS[(i - 1) % len(CODE_LANGS)]
    texts = {}
    for lang in LANGS:
        fm = {"title": title(rng, lang), "date": date.isoformat(),
              "summary": sentence(rng, lang), "tags": tags}
        texts[lang] = front_matter(fm) + body(rng, lang, code_lang)
    return SECTIONS[(i - 1) % len(SECTIONS)], texts


def generate(n, out, flavor):
    content = os.path.join(out, "content")
    for lang in LANGS:
        write(os.path.join(content, "_index%s.md" % lang_suffix(lang)), front_matter({"title": HOME_TITLES[lang]}))
        for section, stitle in zip(SECTIONS, SECTION_TITLES[lang].split()):
            fm = {"title": stitle}
            if flavor == "dala":
                fm.update(sort_by="date", paginate_by=10)
            write(os.path.join(content, section, "_index%s.md" % lang_suffix(lang)), front_matter(fm))
    for i in range(1, n + 1):
        section, texts = article(i)
        for lang, text in texts.items():
            write(os.path.join(content, section, "a%05d%s.md" % (i, lang_suffix(lang))), text)

    if flavor == "dala":
        write(os.path.join(out, "site.yaml"), DALA_SITE_YAML)
        repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        for name in ("themes", "i18n"):
            src, dst = os.path.join(repo, name), os.path.join(out, name)
            if os.path.isdir(src):
                shutil.rmtree(dst, ignore_errors=True)
                shutil.copytree(src, dst)
    else:
        write(os.path.join(out, "hugo.yaml"), HUGO_YAML)
        for rel, text in HUGO_LAYOUTS.items():
            write(os.path.join(out, "layouts", rel), text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, required=True, help="articles per language")
    ap.add_argument("--out", required=True, help="site folder to write")
    ap.add_argument("--flavor", choices=("dala", "hugo"), default="dala")
    args = ap.parse_args()
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    generate(args.articles, args.out, args.flavor)
    print("wrote %d articles x %d languages (%s) to %s" % (args.articles, len(LANGS), args.flavor, args.out),
          file=sys.stderr)


if __name__ == "__main__":
    main()
