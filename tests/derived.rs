//! A language published by transliteration: `kk-Latn: { derive_from: kk }`.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The derived fixture, with the multilingual fixture's theme, built once.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let site = site_copy("derived");
        copy_dir(
            &fixture("multilingual").join("themes"),
            &site.join("themes"),
        );
        let out = site.parent().unwrap().join("public");
        let o = build(&site, &out, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        out
    })
}

fn page(path: &str) -> scraper::Html {
    html(&built().join(path))
}

fn text(doc: &scraper::Html, css: &str) -> String {
    select(doc, css)[0].text().collect()
}

#[test]
fn every_kazakh_letter_is_transliterated() {
    let doc = page("kk-Latn/articles/alphabet/index.html");
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("kk-Latn"));
    let letters = text(&doc, ".content p");
    assert_eq!(
        letters,
        "Aa Ää Bb Vv Gg Ğğ Dd Ee İoio Jj Zz İi İi Kk Qq Ll Mm Nn Ññ Oo Öö Pp Rr Ss Tt Uu Ūū Üü Ff Hh Hh Ss Chch Şş Şş  Yy Iı  Ee İuiu İaia"
    );
    assert_eq!(text(&doc, "h1"), "Qazaq älıpbiı");
}

#[test]
fn code_urls_and_attributes_stay_as_written() {
    let doc = page("kk-Latn/articles/alphabet/index.html");
    assert_eq!(text(&doc, "pre code"), "Код өзгермейді: Қазақстан\n");
    let inline: Vec<String> = select(&doc, ".content p code")
        .iter()
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(inline, ["Қазақ"]);
    // The link goes to the Latin version of the other page: the hand-written one.
    let link = select(&doc, ".content a")[0];
    assert_eq!(link.value().attr("href"), Some("/kk-Latn/articles/other/"));
    assert_eq!(link.text().collect::<String>(), "basqa maqala");
}

#[test]
fn headings_dates_and_interface_strings() {
    let doc = page("kk-Latn/articles/alphabet/index.html");
    // Turkic case: İ lower-cases to i, I to ı.
    assert_eq!(
        attr(&doc, ".content h2", "id").as_deref(),
        Some("ışkı-ıster")
    );
    assert_eq!(text(&doc, "time"), "2026\u{202f}j. 27 qaraşa");
    assert_eq!(text(&doc, ".home a"), "Basty bet");
    let list = page("kk-Latn/articles/index.html");
    assert_eq!(text(&list, "h1"), "Maqalalar");
    assert_eq!(text(&list, ".count"), "2 maqala");
}

#[test]
fn a_hand_written_version_wins_and_translations_link_both_ways() {
    let other = page("kk-Latn/articles/other/index.html");
    assert_eq!(text(&other, "h1"), "Qolmen jazylğan maqala");
    let kk = page("kk/articles/alphabet/index.html");
    let alternate = select(&kk, "link[hreflang=kk-Latn]");
    assert_eq!(
        alternate[0].value().attr("href"),
        Some("https://derived.example.org/kk-Latn/articles/alphabet/")
    );
    let latin = page("kk-Latn/articles/alphabet/index.html");
    assert_eq!(select(&latin, "link[hreflang=kk]").len(), 1);
    assert_eq!(
        text(&kk, "h1"),
        "Қазақ әліпбиі",
        "the Cyrillic original is untouched"
    );
}

fn links(doc: &scraper::Html, css: &str) -> Vec<(String, String)> {
    select(doc, css)
        .iter()
        .map(|a| {
            let href = a.value().attr("href").unwrap_or_default().to_string();
            (a.text().collect(), href)
        })
        .collect()
}

fn pair(text: &str, href: &str) -> (String, String) {
    (text.to_string(), href.to_string())
}

fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

#[test]
fn tags_are_transliterated_and_their_slugs_come_from_the_latin_names() {
    let latin = page("kk-Latn/articles/alphabet/index.html");
    assert_eq!(
        links(&latin, ".terms.tags a"),
        [
            pair("Aşyq derekter", "/kk-Latn/tags/aşyq-derekter/"),
            // Turkic case: І is I, its small form ı.
            pair("Iskerlık", "/kk-Latn/tags/ıskerlık/"),
        ]
    );
    // A country is a code: its URL stays, its name is the Kazakh one, transliterated.
    assert_eq!(
        links(&latin, ".terms.countries a"),
        [pair("Qazaqstan", "/kk-Latn/countries/kz/")]
    );
    let kk = page("kk/articles/alphabet/index.html");
    assert_eq!(
        links(&kk, ".terms.tags a"),
        [
            pair("Ашық деректер", "/kk/tags/ашық-деректер/"),
            pair("Іскерлік", "/kk/tags/іскерлік/"),
        ]
    );
    // The hand-written Latin page's tag is the same term as the transliterated one.
    let other = page("kk-Latn/articles/other/index.html");
    assert_eq!(
        links(&other, ".terms.tags a"),
        [pair("Aşyq derekter", "/kk-Latn/tags/aşyq-derekter/")]
    );
}

#[test]
fn taxonomy_and_term_pages_of_a_derived_language_are_in_its_script() {
    let list = page("kk-Latn/tags/index.html");
    let terms = links(&list, ".terms a");
    assert_eq!(
        terms,
        [
            pair("Aşyq derekter", "/kk-Latn/tags/aşyq-derekter/"),
            pair("Iskerlık", "/kk-Latn/tags/ıskerlık/"),
        ]
    );
    let term = page("kk-Latn/tags/aşyq-derekter/index.html");
    assert_eq!(text(&term, "h1"), "Aşyq derekter");
    let listed = links(&term, ".pages a");
    assert_eq!(
        listed,
        [
            pair("Qazaq älıpbiı", "/kk-Latn/articles/alphabet/"),
            pair("Qolmen jazylğan maqala", "/kk-Latn/articles/other/"),
        ]
    );
    // No term folder of the Latin site is named in Cyrillic.
    for dir in ["tags", "countries"] {
        for entry in std::fs::read_dir(built().join("kk-Latn").join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            assert!(!has_cyrillic(&name), "kk-Latn/{dir}/{name}");
        }
    }
}

#[test]
fn a_terms_versions_link_each_other_across_scripts() {
    let origin = "https://derived.example.org";
    let alternates = |path: &str| -> Vec<(String, String)> {
        select(&page(path), "link[rel=alternate][hreflang]")
            .iter()
            .map(|l| {
                let v = l.value();
                pair(v.attr("hreflang").unwrap(), v.attr("href").unwrap())
            })
            .filter(|(lang, _)| lang != "x-default")
            .collect()
    };
    let both = [
        pair("kk", &format!("{origin}/kk/tags/іскерлік/")),
        pair("kk-Latn", &format!("{origin}/kk-Latn/tags/ıskerlık/")),
    ];
    assert_eq!(alternates("kk/tags/іскерлік/index.html"), both);
    assert_eq!(alternates("kk-Latn/tags/ıskerlık/index.html"), both);
    let sitemap = std::fs::read_to_string(built().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(&format!(
            "<loc>{origin}/kk-Latn/tags/%C4%B1skerl%C4%B1k/</loc>"
        )),
        "{sitemap}"
    );
    assert!(!sitemap.contains("kk-Latn/tags/%D"), "{sitemap}");
}

#[test]
fn codes_keep_their_slugs_in_a_derived_language() {
    // Uzbek in Cyrillic from Uzbek in Latin: a free tag is transliterated, a term that an
    // interface string names (a code) keeps its slug and takes the string's name.
    let built = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: uz\ntaxonomies: [tags, building_blocks]\nlanguages:\n  uz: { name: Oʻzbekcha, title: Test }\n  uz-Cyrl: { name: Ўзбекча, title: Тест, derive_from: uz }\n",
        )
        .file("i18n/uz.yaml", "building_blocks_identity: \"Identifikatsiya\"\n")
        .file(
            "content/x.md",
            "---\ntitle: Shahar\ntags: [Ochiq maʼlumotlar]\nbuilding_blocks: [identity]\n---\nMatn.\n",
        )
        .file(
            "templates/page.html",
            "<main>{% for name, terms in page.taxonomies %}{% for t in terms %}<a class=\"{{ name }}\" href=\"{{ t.path }}\">{{ t.name }}</a>{% endfor %}{% endfor %}</main>\n",
        )
        .file("templates/taxonomy.html", "{{ taxonomy.name }}\n")
        .file("templates/taxonomy_term.html", "<h1>{{ term.name }}</h1>\n")
        .build();
    built.assert_ok();
    let doc = built.page("uz-Cyrl/x/");
    assert_eq!(
        links(&doc, "a.tags"),
        [pair("Очиқ маълумотлар", "/uz-Cyrl/tags/очиқ-маълумотлар/")]
    );
    assert_eq!(
        links(&doc, "a.building_blocks"),
        [pair("Идентификатсия", "/uz-Cyrl/building_blocks/identity/")]
    );
    assert_eq!(
        built.texts("uz-Cyrl/tags/очиқ-маълумотлар/", "h1"),
        ["Очиқ маълумотлар"]
    );
}
