//! Country names: CLDR's, unless the interface strings of a language name the country
//! (`country_kg: "Кыргызстан"` in `i18n/ru.yaml`). The name is the same on the term page,
//! in listings and from `country_name()`.

mod common;
use common::*;

const SITE: &str = "base_url: https://test.example.org
default_language: en
theme: t
taxonomies: [countries]
languages:
  en: { name: English, title: Test }
  ru: { name: Русский, title: Тест }
  kk: { name: Қазақша, title: Тест, fallback: [ru] }
  kk-Latn: { name: Qazaqşa, derive_from: kk }
";

/// A page with its countries and `country_name()` of each of them, and the taxonomy
/// templates: a term page's title and heading, the listing of a taxonomy's terms.
fn site() -> SiteTest {
    let mut site = SiteTest::new()
        .file("site.yaml", SITE)
        .file(
            "templates/page.html",
            "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main>\
             {% for t in page.taxonomies.countries %}<a class=\"country\" href=\"{{ t.path }}\">{{ t.name }}</a>{% endfor %}\
             {% for code in [\"kg\", \"kz\", \"tm\"] %}<p class=\"name\">{{ country_name(code=code) }}</p>{% endfor %}\
             </main></html>\n",
        )
        .file(
            "templates/taxonomy.html",
            "<!doctype html><html lang=\"{{ lang }}\"><title>{{ taxonomy.name }}</title><ul class=\"terms\">\
             {% for t in taxonomy.terms %}<li><a href=\"{{ t.path }}\">{{ t.name }}</a></li>{% endfor %}</ul></html>\n",
        )
        .file(
            "templates/taxonomy_term.html",
            "<!doctype html><html lang=\"{{ lang }}\"><title>{{ term.name }}</title><h1>{{ term.name }}</h1></html>\n",
        )
        .file("themes/t/i18n/en.yaml", "home: \"Home\"\n");
    for file in ["content/x.md", "content/x.ru.md", "content/x.kk.md"] {
        site = site.file(file, "---\ntitle: X\ncountries: [kg, kz]\n---\n");
    }
    site
}

/// The name of `code` as the term page of `lang` shows it: its title and its heading.
fn term_page(built: &Built, lang: &str, code: &str) -> (String, String) {
    let path = format!("{lang}/countries/{code}/");
    (
        built.texts(&path, "title").concat(),
        built.texts(&path, "h1").concat(),
    )
}

/// The same name as title and heading.
fn pair(name: &str) -> (String, String) {
    (name.to_string(), name.to_string())
}

#[test]
fn without_an_override_a_country_has_its_cldr_name() {
    let built = site().build();
    built.assert_ok();
    assert_eq!(term_page(&built, "ru", "kg"), pair("Киргизия"));
    assert_eq!(term_page(&built, "kk", "kg"), pair("Қырғызстан"));
    assert_eq!(term_page(&built, "kk-Latn", "kg"), pair("Qyrğyzstan"));
    assert_eq!(
        built.texts("ru/x/", "p.name"),
        ["Киргизия", "Казахстан", "Туркменистан"]
    );
}

#[test]
fn an_override_names_the_country_everywhere_in_its_language() {
    let built = site()
        .file("i18n/ru.yaml", "country_kg: \"Кыргызстан\"\n")
        .build();
    built.assert_ok();
    assert_eq!(term_page(&built, "ru", "kg"), pair("Кыргызстан"));
    assert_eq!(
        built.texts("ru/countries/", ".terms a"),
        ["Казахстан", "Кыргызстан"]
    );
    assert_eq!(
        built.texts("ru/x/", "a.country"),
        ["Кыргызстан", "Казахстан"]
    );
    assert_eq!(
        built.texts("ru/x/", "p.name"),
        ["Кыргызстан", "Казахстан", "Туркменистан"]
    );
    // Other languages keep CLDR's name in their own language: Kazakh, whose interface
    // strings fall back to Russian, does not take the Russian name.
    assert_eq!(term_page(&built, "en", "kg"), pair("Kyrgyzstan"));
    assert_eq!(term_page(&built, "kk", "kg"), pair("Қырғызстан"));
    assert_eq!(built.texts("kk/x/", "p.name")[0], "Қырғызстан");
    // An override is not a missing string taken from another language: no warning.
    assert!(built.diagnostics().is_empty(), "{:?}", built.diagnostics());
}

#[test]
fn a_derived_language_transliterates_its_parents_override() {
    let built = site()
        .file("i18n/kk.yaml", "country_kz: \"Қазақстан Республикасы\"\n")
        .build();
    built.assert_ok();
    assert_eq!(
        term_page(&built, "kk", "kz"),
        pair("Қазақстан Республикасы")
    );
    assert_eq!(
        term_page(&built, "kk-Latn", "kz"),
        pair("Qazaqstan Respublikasy")
    );
    assert_eq!(
        built.texts("kk-Latn/x/", "p.name"),
        ["Qyrğyzstan", "Qazaqstan Respublikasy", "Türıkmenstan"]
    );
    assert_eq!(
        built.texts("kk-Latn/countries/", ".terms a"),
        ["Qazaqstan Respublikasy", "Qyrğyzstan"]
    );
}

#[test]
fn the_sites_override_wins_over_the_themes() {
    let built = site()
        .file(
            "themes/t/i18n/ru.yaml",
            "country_kg: \"Киргизская Республика\"\ncountry_tm: \"Туркмения\"\n",
        )
        .file("i18n/ru.yaml", "country_kg: \"Кыргызстан\"\n")
        .build();
    built.assert_ok();
    assert_eq!(
        built.texts("ru/x/", "p.name"),
        ["Кыргызстан", "Казахстан", "Туркмения"]
    );
}
