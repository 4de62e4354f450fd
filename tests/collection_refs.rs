//! `ref` fields between collections (issue 14, step 3): a ref names an entry that exists,
//! the page shows the entries it names (`page.refs`) and the pages that name it
//! (`page.backlinks`), each in the reader's language or its fallback, and an incremental
//! build after edits on either side gives what a fresh build gives.

mod common;
use common::*;
use dala::error::Severity;

const SITE: &str = "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест, fallback: [en] }\n  kk: { name: Қазақша, title: Т, fallback: [ru, en] }\n  kk-Latn: { name: Qazaqşa, derive_from: kk }\ntaxonomies: [countries]\ncollections:\n  solutions:\n    fields:\n      website: { type: url, shared: true }\n  cases:\n    fields:\n      countries: { type: list, of: country, shared: true }\n      solutions: { type: list, of: { type: ref, to: solutions }, shared: true }\n      lead: { type: ref, to: solutions }\n";

/// The page template: the refs of `solutions` and the backlinks, each with its language.
const PAGE: &str = "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main>\
<ul id=\"uses\">{% for e in page.refs.solutions | default(value=[]) %}<li><a href=\"{{ e.path }}\" hreflang=\"{{ e.lang }}\">{{ e.title }}</a></li>{% endfor %}</ul>\
{% for b in page.backlinks %}<ul class=\"used-in\" data-field=\"{{ b.collection }}.{{ b.field }}\">{% for e in b.pages %}<li><a href=\"{{ e.path }}\" hreflang=\"{{ e.lang }}\">{{ e.title }}</a> {{ e.fields.countries | join(sep=\",\") }}</li>{% endfor %}</ul>{% endfor %}\
</main></html>\n";

fn site() -> SiteTest {
    SiteTest::new()
        .file("site.yaml", SITE)
        .file("templates/page.html", PAGE)
        .file("templates/taxonomy.html", "{{ taxonomy.name }}\n")
        .file("templates/taxonomy_term.html", "{{ term.name }}\n")
        .file("content/solutions/_index.md", "---\ntitle: Solutions\n---\n")
        .file("content/cases/_index.md", "---\ntitle: Cases\n---\n")
        .file(
            "content/solutions/x-road.md",
            "---\ntitle: X-Road\nextra:\n  website: https://x-road.global\n---\nData exchange.\n",
        )
        .file(
            "content/solutions/x-road.ru.md",
            "---\ntitle: X-Road (ru)\n---\nОбмен данными.\n",
        )
        .file(
            "content/solutions/mosip.md",
            "---\ntitle: MOSIP\nextra:\n  website: https://mosip.io\n---\nIdentity.\n",
        )
        .file(
            "content/cases/tunduk.md",
            "---\ntitle: Tunduk\ncountries: [kg]\nextra:\n  solutions: [x-road]\n---\nText.\n",
        )
        .file(
            "content/cases/tunduk.ru.md",
            "---\ntitle: Тундук\n---\nТекст.\n",
        )
        .file(
            "content/cases/trembita.md",
            "---\ntitle: Trembita\ncountries: [ua]\nextra:\n  solutions: [x-road, mosip]\n---\nText.\n",
        )
}

/// The links of `css` on page `path`: (text, href, hreflang).
fn links(built: &Built, path: &str, css: &str) -> Vec<(String, String, String)> {
    let doc = built.page(path);
    select(&doc, &format!("{css} a"))
        .iter()
        .map(|a| {
            let attr = |n| a.value().attr(n).unwrap_or("").to_string();
            (a.text().collect(), attr("href"), attr("hreflang"))
        })
        .collect()
}

#[test]
fn an_entry_lists_the_pages_that_name_it_in_the_reader_s_language_or_its_fallback() {
    let built = site()
        .file(
            "content/solutions/x-road.kk.md",
            "---\ntitle: X-Road (kk)\n---\nДеректер алмасу.\n",
        )
        .build();
    built.assert_ok();
    let t = |s: &str| s.to_string();
    assert_eq!(
        links(&built, "en/solutions/x-road/", ".used-in"),
        [
            (t("Trembita"), t("/en/cases/trembita/"), t("en")),
            (t("Tunduk"), t("/en/cases/tunduk/"), t("en")),
        ]
    );
    // Russian: Tunduk's own version; Trembita has none, so its English one.
    assert_eq!(
        links(&built, "ru/solutions/x-road/", ".used-in"),
        [
            (t("Trembita"), t("/en/cases/trembita/"), t("en")),
            (t("Тундук"), t("/ru/cases/tunduk/"), t("ru")),
        ]
    );
    // The referring pages' fields come along: "used in these countries".
    assert_eq!(
        built.texts("en/solutions/x-road/", ".used-in li"),
        ["Trembita ua", "Tunduk kg"]
    );
    assert_eq!(
        built.texts("en/solutions/mosip/", ".used-in li"),
        ["Trembita ua"]
    );
    // A case names its solutions in the reader's language, or the fallback's.
    assert_eq!(
        links(&built, "ru/cases/tunduk/", "#uses"),
        [(t("X-Road (ru)"), t("/ru/solutions/x-road/"), t("ru"))]
    );
    assert_eq!(
        links(&built, "en/cases/trembita/", "#uses"),
        [
            (t("X-Road"), t("/en/solutions/x-road/"), t("en")),
            (t("MOSIP"), t("/en/solutions/mosip/"), t("en")),
        ]
    );
    // No Kazakh case: kk-Latn (from kk) falls back along kk's chain, ru then en.
    assert_eq!(
        links(&built, "kk-Latn/solutions/x-road/", ".used-in")
            .into_iter()
            .map(|l| l.2)
            .collect::<Vec<_>>(),
        ["en", "ru"]
    );
}

#[test]
fn a_ref_to_an_entry_that_is_not_there_is_an_error_at_its_line() {
    let built = site()
        .file(
            "content/cases/huduma.md",
            "---\ntitle: Huduma\nextra:\n  lead: xroad\n  solutions:\n    - mosip\n    - openg2p\n---\nText.\n",
        )
        .build();
    let errors: Vec<(Option<usize>, String)> = built
        .at(Severity::Error, "content/cases/huduma.md")
        .iter()
        .map(|d| (d.line, d.message.clone()))
        .collect();
    assert_eq!(
        errors,
        [
            (Some(4), "field `lead`: the collection `solutions` has no entry `xroad`; did you mean `x-road`?".to_string()),
            (Some(5), "field `solutions`: the collection `solutions` has no entry `openg2p` (an entry's id is its file name)".to_string()),
        ]
    );
}

/// Builds `root` into `out` (again), and compares with a fresh build of it.
fn assert_incremental_is_fresh(root: &std::path::Path, out: &std::path::Path) {
    let o = build(root, out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_as_fresh(root, out);
}

fn edit(file: &std::path::Path, from: &str, to: &str) {
    let text = read(file);
    assert!(text.contains(from), "{}: no `{from}`", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_incremental_build_follows_edits_to_a_ref_a_title_and_a_shared_field() {
    let root = site().write();
    let out = root.parent().unwrap().join("public");
    let o = build(&root, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A ref taken away: X-Road no longer lists Trembita.
    edit(
        &root.join("content/cases/trembita.md"),
        "[x-road, mosip]",
        "[mosip]",
    );
    assert_incremental_is_fresh(&root, &out);
    assert_eq!(
        read(&out.join("en/solutions/x-road/index.html"))
            .matches("Trembita")
            .count(),
        0
    );
    // The referring page's title: the entry's list shows the new one.
    edit(&root.join("content/cases/tunduk.ru.md"), "Тундук", "Түндүк");
    assert_incremental_is_fresh(&root, &out);
    assert!(read(&out.join("ru/solutions/x-road/index.html")).contains("Түндүк"));
    // A shared field of the original: translations and lists follow.
    edit(&root.join("content/cases/tunduk.md"), "[kg]", "[kg, kz]");
    assert_incremental_is_fresh(&root, &out);
    assert!(read(&out.join("ru/solutions/x-road/index.html")).contains("kg,kz"));
}
