//! `collections:` of site.yaml (issue 14, step 1): the fields of a section's pages, typed,
//! written under `extra:`, checked with every violation at its line and column, and shown
//! to templates as `page.fields`.

mod common;
use common::*;
use dala::error::Severity;

const SITE: &str = "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n";

/// A site whose collection `solutions` (content/solutions/) has the fields `fields`, written
/// as the YAML lines under `fields:` (indented by 6).
fn site(fields: &str) -> SiteTest {
    SiteTest::new()
        .file(
            "site.yaml",
            &format!(
                "{SITE}collections:\n  solutions:\n    section: solutions\n    fields:\n{fields}"
            ),
        )
        .file(
            "content/solutions/_index.md",
            "---\ntitle: Solutions\n---\n",
        )
}

/// A page whose `extra:` has the lines `extra` (indented by 2); `extra:` is line 3.
fn entry(extra: &str) -> String {
    format!("---\ntitle: X\nextra:\n{extra}---\nText.\n")
}

/// The errors at `file`: line, column and message, in the order of their lines.
fn errors(built: &Built, file: &str) -> Vec<(Option<usize>, Option<usize>, String)> {
    assert!(built.result.is_err(), "the build should fail");
    built
        .at(Severity::Error, file)
        .iter()
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect()
}

/// One type: a valid value builds, an invalid one is the error `message` at line 4 (the
/// field's line), at `column`.
fn one_type(spec: &str, valid: &str, invalid: &str, column: usize, message: &str) {
    let fields = format!("      f: {spec}\n");
    site(&fields)
        .file("content/solutions/x.md", &entry(&format!("  f: {valid}\n")))
        .build()
        .assert_ok();
    let built = site(&fields)
        .file(
            "content/solutions/x.md",
            &entry(&format!("  f: {invalid}\n")),
        )
        .build();
    assert_eq!(
        errors(&built, "content/solutions/x.md"),
        [(Some(4), Some(column), message.to_string())]
    );
}

#[test]
fn string() {
    one_type(
        "{ type: string }",
        "Hub",
        "42",
        6,
        "field `f`: expected a text, found `42`",
    );
}

#[test]
fn text() {
    one_type(
        "text",
        "\"**Open** source\"",
        "true",
        6,
        "field `f`: expected a text, found `true`",
    );
}

#[test]
fn integer() {
    one_type(
        "{ type: integer }",
        "3",
        "2.5",
        6,
        "field `f`: expected a whole number, found `2.5`",
    );
}

#[test]
fn number() {
    one_type(
        "{ type: number }",
        "2.5",
        "many",
        6,
        "field `f`: expected a number, found `many`",
    );
}

#[test]
fn bool() {
    one_type(
        "{ type: bool }",
        "true",
        "yes",
        6,
        "field `f`: expected `true` or `false`, found `yes`",
    );
}

#[test]
fn date() {
    one_type(
        "{ type: date }",
        "2026-05-04",
        "2026-02-30",
        6,
        "field `f`: expected a date, YYYY-MM-DD, found `2026-02-30`",
    );
}

#[test]
fn datetime() {
    one_type(
        "{ type: datetime }",
        "2026-05-04T10:00:00+05:00",
        "\"2026-05-04 10:00\"",
        6,
        "field `f`: expected a date and time with its offset (`2026-05-04T10:00:00+05:00`), or a local time and its zone (`local: 2026-05-04T10:00`, `zone: Asia/Almaty`), found `2026-05-04 10:00`",
    );
    // A local time with its IANA zone.
    site("      f: { type: datetime }\n")
        .file(
            "content/solutions/x.md",
            &entry("  f: { local: 2026-05-04T10:00, zone: Asia/Almaty }\n"),
        )
        .build()
        .assert_ok();
}

#[test]
fn url() {
    one_type(
        "{ type: url }",
        "https://x-road.global",
        "\"javascript:alert(1)\"",
        6,
        "field `f`: the URL `javascript:alert(1)` has the scheme `javascript:`; allowed are `http:`, `https:`, `mailto:`, `tel:`, relative URLs and #fragments (or set `unsafe_html: true` in site.yaml)",
    );
}

#[test]
fn enumeration() {
    one_type(
        "{ type: enum, values: [software, data, ai-model] }",
        "ai-model",
        "hardware",
        6,
        "field `f`: `hardware` is not one of the allowed values: `software`, `data`, `ai-model`",
    );
}

#[test]
fn reference() {
    // The syntax first; that the entry exists: tests/collection_refs.rs (`x` is this page).
    one_type(
        "{ type: ref, to: solutions }",
        "x",
        "\"x road\"",
        6,
        "field `f`: expected the slug of an entry (letters, digits, `-`, `_`), found `x road`",
    );
}

#[test]
fn country() {
    one_type(
        "{ type: country }",
        "kz",
        "KAZ",
        6,
        "field `f`: expected a country code, ISO 3166-1 alpha-2 in lower case (`kz`), found `KAZ`",
    );
}

#[test]
fn language() {
    one_type(
        "{ type: language }",
        "kk-Latn",
        "kk_KZ",
        6,
        "field `f`: expected a language tag, BCP 47 (`kk`, `kk-Latn`), found `kk_KZ`",
    );
}

#[test]
fn sdg() {
    one_type(
        "{ type: sdg }",
        "16",
        "18",
        6,
        "field `f`: expected a Sustainable Development Goal, 1 to 17, found `18`",
    );
}

#[test]
fn spdx() {
    one_type(
        "{ type: spdx }",
        "\"GPL-2.0-only WITH Classpath-exception-2.0\"",
        "Apache2",
        6,
        "field `f`: unknown licence `Apache2`; did you mean `Apache-2.0`?",
    );
    one_type(
        "{ type: spdx }",
        "\"(MIT AND BSD-3-Clause) OR LicenseRef-Hub\"",
        "\"MIT OR\"",
        6,
        "field `f`: `MIT OR` is not a licence expression: licence ids joined by `AND`, `OR` or `WITH`, in parentheses where needed",
    );
}

#[test]
fn a_list_checks_each_item_at_its_line() {
    let fields = "      f: { type: list, of: country }\n";
    site(fields)
        .file("content/solutions/x.md", &entry("  f: [kz, uz]\n"))
        .build()
        .assert_ok();
    let built = site(fields)
        .file(
            "content/solutions/x.md",
            &entry("  f:\n    - kz\n    - KZ\n"),
        )
        .build();
    assert_eq!(
        errors(&built, "content/solutions/x.md"),
        [(
            Some(6),
            Some(7),
            "field `f[2]`: expected a country code, ISO 3166-1 alpha-2 in lower case (`kz`), found `KZ`".to_string()
        )]
    );
    let built = site(fields)
        .file("content/solutions/x.md", &entry("  f: kz\n"))
        .build();
    assert_eq!(
        errors(&built, "content/solutions/x.md"),
        [(
            Some(4),
            Some(6),
            "field `f`: expected a list, found `kz`".to_string()
        )]
    );
}

const ORGANIZATIONS: &str = "      organizations: { type: list, of: { type: object, fields: { name: { type: string, required: true }, website: { type: url }, role: { type: enum, values: [owner, maintainer, funder, implementer] } } } }\n      owner: { type: object, fields: { name: { type: string, required: true }, country: { type: country } } }\n";

#[test]
fn nested_objects_are_checked_key_by_key() {
    site(ORGANIZATIONS)
        .file(
            "content/solutions/x.md",
            &entry("  owner:\n    name: Cybernetica\n    country: ee\n  organizations:\n    - { name: NIIS, role: maintainer }\n"),
        )
        .build()
        .assert_ok();
    let built = site(ORGANIZATIONS)
        .file(
            "content/solutions/x.md",
            &entry("  owner:\n    country: EE\n    colour: blue\n  organizations:\n    - { name: NIIS, role: sponsor }\n"),
        )
        .build();
    assert_eq!(
        errors(&built, "content/solutions/x.md"),
        [
            (Some(4), Some(3), "missing required field `owner.name` under `extra:`".to_string()),
            (Some(5), Some(14), "field `owner.country`: expected a country code, ISO 3166-1 alpha-2 in lower case (`kz`), found `EE`".to_string()),
            (Some(6), Some(5), "field `owner` has an unknown key `colour` (its keys are `country`, `name`)".to_string()),
            (Some(8), Some(7), "field `organizations[1].role`: `sponsor` is not one of the allowed values: `owner`, `maintainer`, `funder`, `implementer`".to_string()),
        ]
    );
}

#[test]
fn every_violation_is_reported_and_a_required_field_must_be_there() {
    let fields = "      website: { type: url, required: true }\n      sdgs: { type: list, of: sdg }\n      kind: { type: enum, values: [software, data] }\n";
    let built = site(fields)
        .file(
            "content/solutions/x.md",
            &entry("  sdgs: [16, 0]\n  kind: hardware\n"),
        )
        .build();
    assert_eq!(
        errors(&built, "content/solutions/x.md"),
        [
            (
                Some(3),
                Some(1),
                "missing required field `website` under `extra:`".to_string()
            ),
            (
                Some(4),
                Some(14),
                "field `sdgs[2]`: expected a Sustainable Development Goal, 1 to 17, found `0`"
                    .to_string()
            ),
            (
                Some(5),
                Some(9),
                "field `kind`: `hardware` is not one of the allowed values: `software`, `data`"
                    .to_string()
            ),
        ]
    );
}

#[test]
fn a_page_outside_the_collections_section_is_not_affected() {
    site("      website: { type: url, required: true }\n")
        .file("content/articles/y.md", &entry("  website: 42\n"))
        .file("content/solutionsx/z.md", "---\ntitle: Z\n---\n")
        .build()
        .assert_ok();
}

#[test]
fn a_bad_schema_is_an_error_at_its_line() {
    let built = site(
        "      a: { type: colour }\n      b: { type: enum }\n      c: { type: list }\n      d: { type: ref, to: projects }\n      e: { type: object, fields: {} }\n      g: { type: string, optional: true }\n",
    )
    .build();
    let found = errors(&built, "site.yaml");
    let lines: Vec<_> = found
        .iter()
        .map(|(l, c, m)| (l.unwrap(), c.unwrap(), m.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (9, 7, "`collections`: the field `a` has an unknown type `colour` (the types are `string`, `text`, `integer`, `number`, `bool`, `date`, `datetime`, `url`, `enum`, `list`, `ref`, `country`, `language`, `sdg`, `spdx`, `timezone`, `object`)"),
            (10, 7, "`collections`: the field `b` is of type `enum`, which needs `values:`"),
            (11, 7, "`collections`: the field `c` is of type `list`, which needs `of:`"),
            (12, 7, "`collections`: the field `d` refers to `projects`, which is not a collection (the collections are solutions)"),
            (13, 7, "`collections`: the field `e` is of type `object`, which needs `fields:`"),
            (14, 7, "`collections`: `g` has an unknown key `optional` (the keys are `type`, `of`, `values`, `to`, `fields`, `shared`, `required`)"),
        ]
    );
}

#[test]
fn templates_see_the_checked_fields_as_page_fields() {
    let built = site("      website: { type: url }\n      sdgs: { type: list, of: sdg }\n")
        .file(
            "templates/page.html",
            "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main><a id=\"site\" href=\"{{ page.fields.website }}\">site</a><ul>{% for g in page.fields.sdgs %}<li>{{ g }}</li>{% endfor %}</ul></main></html>\n",
        )
        .file(
            "content/solutions/x.md",
            &entry("  website: https://x-road.global\n  sdgs: [9, 16]\n"),
        )
        .build();
    built.assert_ok();
    let doc = built.page("en/solutions/x/");
    let a = select(&doc, "a#site");
    assert_eq!(a[0].value().attr("href"), Some("https://x-road.global"));
    assert_eq!(built.texts("en/solutions/x/", "li"), ["9", "16"]);
}

#[test]
fn a_derived_language_transliterates_the_texts_and_keeps_the_facts_and_the_aliases() {
    let built = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: kk\nlanguages:\n  kk: { name: Қазақша, title: Т }\n  kk-Latn: { name: Qazaqşa, derive_from: kk }\ncollections:\n  solutions:\n    fields:\n      website: { type: url, shared: true }\n      agency: string\n      team: { type: list, of: { type: object, fields: { name: string, role: { type: enum, values: [лидер] } } } }\n",
        )
        .file("content/_index.md", "---\ntitle: Басты\n---\n")
        .file("content/solutions/_index.md", "---\ntitle: Шешімдер\n---\n")
        .file(
            "templates/page.html",
            "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main><a id=\"site\" href=\"{{ page.fields.website }}\">{{ page.fields.agency }}</a><p id=\"team\">{% for m in page.fields.team %}{{ m.name }} {{ m.role }}{% endfor %}</p></main></html>\n",
        )
        .file(
            "content/solutions/x.md",
            "---\ntitle: Х\naliases: [/kk/old/x/, /very-old/x/]\nextra:\n  website: https://egov.kz\n  agency: Цифрлық министрлік\n  team:\n    - { name: Әсел, role: лидер }\n---\nМәтін.\n",
        )
        .build();
    built.assert_ok();
    for lang in ["kk", "kk-Latn"] {
        let doc = built.page(&format!("{lang}/solutions/x/"));
        let a = select(&doc, "a#site");
        assert_eq!(a[0].value().attr("href"), Some("https://egov.kz"), "{lang}");
    }
    assert_eq!(
        built.texts("kk/solutions/x/", "a#site"),
        ["Цифрлық министрлік"]
    );
    assert_eq!(
        built.texts("kk-Latn/solutions/x/", "a#site"),
        ["Sifrlyq ministrlık"]
    );
    // A name is text; an enum's value is data, the same in every script.
    assert_eq!(
        built.texts("kk-Latn/solutions/x/", "p#team"),
        ["Äsel лидер"]
    );
    // The parent's alias in its language has its twin in the derived one; an alias outside
    // any language is the parent's alone.
    let moved = std::fs::read_to_string(built.out.join("kk-Latn/old/x/index.html")).unwrap();
    assert!(moved.contains("/kk-Latn/solutions/x/"), "{moved}");
    let old = std::fs::read_to_string(built.out.join("very-old/x/index.html")).unwrap();
    assert!(old.contains("/kk/solutions/x/"), "{old}");
}

fn bilingual() -> SiteTest {
    SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\ncollections:\n  solutions:\n    fields:\n      website: { type: url, shared: true, required: true }\n      blurb: text\n",
        )
        .file(
            "templates/page.html",
            "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main><a id=\"site\" href=\"{{ page.fields.website }}\">{{ page.fields.blurb }}</a></main></html>\n",
        )
        .file(
            "content/solutions/x.md",
            &entry("  website: https://egov.kz\n  blurb: Services\n"),
        )
}

#[test]
fn a_translation_inherits_the_shared_fields_and_keeps_its_own_texts() {
    let built = bilingual()
        .file("content/solutions/x.ru.md", &entry("  blurb: Услуги\n"))
        .build();
    built.assert_ok();
    let doc = built.page("ru/solutions/x/");
    let a = select(&doc, "a#site");
    assert_eq!(a[0].value().attr("href"), Some("https://egov.kz"));
    assert_eq!(built.texts("ru/solutions/x/", "a#site"), ["Услуги"]);
    assert_eq!(built.texts("en/solutions/x/", "a#site"), ["Services"]);
}

#[test]
fn a_translation_that_contradicts_a_shared_field_is_an_error_at_its_line() {
    let built = bilingual()
        .file(
            "content/solutions/x.ru.md",
            &entry("  blurb: Услуги\n  website: https://egov.ru\n"),
        )
        .build();
    assert_eq!(
        errors(&built, "content/solutions/x.ru.md"),
        [(
            Some(5),
            None,
            "field `website` is shared: it is written once, in the original `solutions/x.md`, and this translation gives it another value; remove it here".to_string()
        )]
    );
}

#[test]
fn the_original_must_have_a_required_shared_field() {
    let built = bilingual()
        .file("content/solutions/y.md", &entry("  blurb: No site\n"))
        .file("content/solutions/y.ru.md", &entry("  blurb: Нет сайта\n"))
        .build();
    // The original is told; its translation, which may leave the field to it, is not.
    assert_eq!(
        errors(&built, "content/solutions/y.md"),
        [(
            Some(3),
            None,
            "missing required field `website` under `extra:`".to_string()
        )]
    );
    assert!(built
        .at(Severity::Error, "content/solutions/y.ru.md")
        .is_empty());
}

/// A collection whose fields include front matter keys and taxonomies, written at the top.
fn with_top_level_fields() -> SiteTest {
    SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\ntaxonomies: [countries]\ncollections:\n  cases:\n    fields:\n      date: { type: date, required: true }\n      countries: { type: list, of: country, shared: true, required: true }\n",
        )
        .file("content/cases/_index.md", "---\ntitle: Cases\n---\n")
        .file("content/cases/_index.ru.md", "---\ntitle: Кейсы\n---\n")
        .file("templates/taxonomy.html", "{{ taxonomy.name }}\n")
        .file(
            "templates/taxonomy_term.html",
            "<main>{% for p in term.pages %}<a href=\"{{ p.path }}\">{{ p.title }}</a>{% endfor %}</main>\n",
        )
}

#[test]
fn fields_named_as_front_matter_keys_or_taxonomies_are_read_at_the_top() {
    let built = with_top_level_fields()
        .file(
            "content/cases/a.md",
            "---\ntitle: A\ndate: 2026-01-02\ncountries: [KZ, uz]\n---\nText.\n",
        )
        .file(
            "content/cases/b.md",
            "---\ntitle: B\ncountries: [kg]\n---\nText.\n",
        )
        .build();
    assert_eq!(
        errors(&built, "content/cases/a.md"),
        [(
            Some(4),
            Some(13),
            "field `countries[1]`: expected a country code, ISO 3166-1 alpha-2 in lower case (`kz`), found `KZ`".to_string()
        )]
    );
    assert_eq!(
        errors(&built, "content/cases/b.md"),
        [(
            Some(1),
            Some(1),
            "missing required field `date`".to_string()
        )]
    );
}

#[test]
fn a_translation_inherits_a_shared_taxonomy_and_is_listed_on_its_term_page() {
    let built = with_top_level_fields()
        .file(
            "content/cases/a.md",
            "---\ntitle: A\ndate: 2026-01-02\ncountries: [kz]\n---\nText.\n",
        )
        .file(
            "content/cases/a.ru.md",
            "---\ntitle: Кейс А\ndate: 2026-01-02\n---\nТекст.\n",
        )
        .build();
    built.assert_ok();
    let links = built.texts("ru/countries/kz/", "main a");
    assert!(
        links.iter().any(|t| t.contains("Кейс А")),
        "the Russian term page lists the translation: {links:?}"
    );
}

#[test]
fn a_collection_names_the_template_of_its_pages_and_a_page_may_name_another() {
    let built = SiteTest::new()
        .file(
            "site.yaml",
            &format!("{SITE}collections:\n  solutions:\n    template: solution.html\n    fields:\n      website: url\n"),
        )
        .file("content/solutions/_index.md", "---\ntitle: Solutions\n---\n")
        .file("content/solutions/x.md", &entry("  website: https://x.org\n"))
        .file(
            "content/solutions/y.md",
            "---\ntitle: Y\ntemplate: page.html\n---\nText.\n",
        )
        .file(
            "templates/solution.html",
            "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main><a id=\"site\" href=\"{{ page.fields.website }}\">site</a></main></html>\n",
        )
        .build();
    built.assert_ok();
    assert_eq!(built.texts("en/solutions/x/", "a#site"), ["site"]);
    assert!(built.texts("en/solutions/y/", "a#site").is_empty());
}
