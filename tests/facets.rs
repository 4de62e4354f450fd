//! Catalogues (issue 14, step 4): a collection with `facets:` gives its section's page the
//! values of each facet with their counts, and each value a page of its own listing the
//! entries that have it, in every language.

mod common;
use common::*;
use dala::error::Severity;

const SITE: &str = "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест, fallback: [en], untranslated: show }\ntaxonomies: [countries, sdgs]\ncollections:\n  solutions:\n    facets: [type, licences, countries, sdgs]\n    fields:\n      type: { type: enum, values: [software, data, standard], shared: true }\n      licences: { type: list, of: spdx, shared: true }\n      countries: { type: list, of: country, shared: true }\n      sdgs: { type: list, of: sdg, shared: true }\n";

const SECTION: &str = "<!doctype html><html lang=\"{{ lang }}\"><title>{{ section.title }}</title><main>\
{% if catalogue %}<p id=\"count\">{{ catalogue.count }}</p>\
{% for f in catalogue.facets %}<ul class=\"facet\" id=\"f-{{ f.field }}\">{% for v in f.values %}<li><a href=\"{{ v.path }}\">{{ v.value }}</a> <span>{{ v.count }}</span></li>{% endfor %}</ul>{% endfor %}{% endif %}\
<ol id=\"entries\">{% for p in section.pages %}<li data-facets=\"{{ catalogue.filters[p.path] | default(value='') }}\"><a href=\"{{ p.path }}\">{{ p.title }}</a></li>{% endfor %}</ol>\
</main></html>\n";

const FACET: &str = "<!doctype html><html lang=\"{{ lang }}\"><title>{{ facet.value }}</title><main><h1>{{ facet.field }}: {{ facet.value }} ({{ facet.count }} of {{ catalogue.count }})</h1>\
<ol>{% for p in facet.pages %}<li><a href=\"{{ p.path }}\">{{ p.title }}</a></li>{% endfor %}</ol></main></html>\n";

fn site() -> SiteTest {
    SiteTest::new()
        .file("site.yaml", SITE)
        .file("templates/section.html", SECTION)
        .file("templates/facet.html", FACET)
        .file("templates/taxonomy.html", "{{ taxonomy.name }}\n")
        .file("templates/taxonomy_term.html", "{{ term.name }}\n")
        .file("content/solutions/_index.md", "---\ntitle: Solutions\n---\n")
        .file("content/solutions/_index.ru.md", "---\ntitle: Решения\n---\n")
        .file(
            "content/solutions/x-road.md",
            "---\ntitle: X-Road\ncountries: [ee, fi, kg]\nsdgs: [16, 9]\nextra:\n  type: software\n  licences: [MIT]\n---\nText.\n",
        )
        .file("content/solutions/x-road.ru.md", "---\ntitle: Икс-Роуд\n---\nТекст.\n")
        .file(
            "content/solutions/mosip.md",
            "---\ntitle: MOSIP\ncountries: [ph, ma]\nsdgs: [16]\nextra:\n  type: software\n  licences: [MPL-2.0]\n---\nText.\n",
        )
        .file(
            "content/solutions/osm.md",
            "---\ntitle: OpenStreetMap\nsdgs: [9, 11]\nextra:\n  type: data\n  licences: [\"ODbL-1.0\"]\n---\nText.\n",
        )
        .file(
            "content/solutions/dual.md",
            "---\ntitle: Dual\nextra:\n  type: software\n  licences: [\"MIT OR Apache-2.0\"]\n---\nText.\n",
        )
}

/// Each value of facet `field` on the page at `path`: (value, count, link).
fn facet(built: &Built, path: &str, field: &str) -> Vec<(String, String, String)> {
    let doc = built.page(path);
    select(&doc, &format!("#f-{field} li"))
        .iter()
        .map(|li| {
            let a = li
                .select(&scraper::Selector::parse("a").unwrap())
                .next()
                .unwrap();
            let n = li
                .select(&scraper::Selector::parse("span").unwrap())
                .next()
                .unwrap();
            (
                a.text().collect(),
                n.text().collect(),
                a.value().attr("href").unwrap().to_string(),
            )
        })
        .collect()
}

fn t(v: (&str, &str, &str)) -> (String, String, String) {
    (v.0.to_string(), v.1.to_string(), v.2.to_string())
}

#[test]
fn the_catalogue_counts_each_value_of_each_facet() {
    let built = site().build();
    built.assert_ok();
    assert_eq!(built.texts("en/solutions/", "#count"), ["4"]);
    // An enum's values in the order site.yaml gives them; a value no entry has is absent.
    assert_eq!(
        facet(&built, "en/solutions/", "type"),
        [
            t(("software", "3", "/en/solutions/type/software/")),
            t(("data", "1", "/en/solutions/type/data/")),
        ]
    );
    // Numbers by value; a list gives each of its items.
    assert_eq!(
        facet(&built, "en/solutions/", "sdgs"),
        [
            t(("9", "2", "/en/solutions/sdgs/9/")),
            t(("11", "1", "/en/solutions/sdgs/11/")),
            t(("16", "2", "/en/solutions/sdgs/16/")),
        ]
    );
    // A licence expression is one value, with a URL segment of its own.
    let licences = facet(&built, "en/solutions/", "licences");
    assert!(licences.contains(&t((
        "MIT OR Apache-2.0",
        "1",
        "/en/solutions/licences/mit-or-apache-2-0/"
    ))));
    // The Russian catalogue: the translated entry and, shown untranslated, the others.
    assert_eq!(built.texts("ru/solutions/", "#count"), ["4"]);
    // Countries by their names in the language: Киргизия, Марокко, Филиппины...
    let countries: Vec<String> = facet(&built, "ru/solutions/", "countries")
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(countries, ["kg", "ma", "ph", "fi", "ee"]);
}

#[test]
fn each_value_has_a_page_that_lists_its_entries() {
    let built = site().build();
    built.assert_ok();
    assert_eq!(
        built.texts("en/solutions/type/software/", "h1"),
        ["type: software (3 of 4)"]
    );
    let titles = built.texts("en/solutions/type/software/", "li a");
    assert_eq!(titles.len(), 3);
    assert!(titles.contains(&"X-Road".to_string()));
    assert!(!titles.contains(&"OpenStreetMap".to_string()));
    assert_eq!(
        built.texts("ru/solutions/countries/kg/", "li a"),
        ["Икс-Роуд"]
    );
    // Each entry carries its values for the filter script.
    let doc = built.page("en/solutions/");
    let li = select(&doc, "#entries li");
    let xroad = li
        .iter()
        .find(|l| l.text().collect::<String>() == "X-Road")
        .unwrap();
    assert_eq!(
        xroad.value().attr("data-facets"),
        Some("type=software licences=mit countries=ee countries=fi countries=kg sdgs=9 sdgs=16")
    );
}

#[test]
fn a_facet_must_be_a_field_a_reader_can_choose_a_value_of() {
    let built = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\ncollections:\n  solutions:\n    facets: [typ, website]\n    fields:\n      type: { type: enum, values: [software] }\n      website: url\n",
        )
        .build();
    // Both at the line of `facets:`, in the order of their messages.
    let errors: Vec<String> = built
        .at(Severity::Error, "site.yaml")
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        errors,
        [
            "`collections`: `solutions` cannot filter by `website`: a facet's values are chosen by readers, so it cannot be of type `text`, `url`, `datetime` or `object`",
            "`collections`: `solutions` has no field `typ` to filter by; did you mean `type`?",
        ]
    );
}

#[test]
fn a_theme_without_a_facet_template_is_told() {
    let built = site().without("templates/facet.html").build();
    let errors: Vec<String> = built
        .at(Severity::Error, "site.yaml")
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        errors,
        ["the collection `solutions` has facets, but the theme has no template `facet.html`"]
    );
}

#[test]
fn a_value_of_many_entries_lists_them_twenty_at_a_time() {
    let mut site = site().file(
        "templates/facet.html",
        "<!doctype html><html lang=\"{{ lang }}\"><title>{{ facet.value }}</title><main><ol>{% for p in facet.pages %}<li>{{ p.title }}</li>{% endfor %}</ol>{% if facet.paginator %}<p id=\"pages\">{{ facet.paginator.current }}/{{ facet.paginator.total }}</p>{% endif %}</main></html>\n",
    );
    for i in 0..23 {
        site = site.file(
            &format!("content/solutions/s{i:02}.md"),
            &format!("---\ntitle: S{i:02}\nextra:\n  type: standard\n---\nText.\n"),
        );
    }
    let built = site.build();
    built.assert_ok();
    assert_eq!(built.texts("en/solutions/type/standard/", "li").len(), 20);
    assert_eq!(
        built.texts("en/solutions/type/standard/", "#pages"),
        ["1/2"]
    );
    assert_eq!(
        built.texts("en/solutions/type/standard/page/2/", "li"),
        ["S20", "S21", "S22"]
    );
}
