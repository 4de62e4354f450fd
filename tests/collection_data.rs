//! A collection's entries from data records (issue 14, step 2): `data: solutions.yaml` in a
//! collection of `site.yaml` makes a page of each record in each language it has a title
//! in; a Markdown file of the same id adds its prose; the records are checked against the
//! schema, errors at the data file's lines; refs work both ways; and an incremental build
//! after a record is edited, added or removed gives what a fresh build gives.

mod common;
use common::*;
use dala::error::{Kind, Severity};

const SITE: &str = "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест, fallback: [en] }\n  kk: { name: Қазақша, title: Т, fallback: [ru, en] }\n  kk-Latn: { name: Qazaqşa, derive_from: kk }\ntaxonomies: [countries]\ncollections:\n  solutions:\n    data: solutions.yaml\n    fields:\n      website: { type: url, shared: true, required: true }\n      licences: { type: list, of: spdx, shared: true }\n      sdgs: { type: list, of: sdg, shared: true }\n      stage: { type: enum, values: [pilot, scale], shared: true }\n      tagline: string\n  cases:\n    fields:\n      solutions: { type: list, of: { type: ref, to: solutions }, shared: true }\n";

/// The page template: the title, the fields and the backlinks.
const PAGE: &str = "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main>\
<h1>{{ page.title }}</h1><p id=\"summary\">{{ page.summary | default(value=\"\") }}</p>\
<a id=\"website\" href=\"{{ page.fields.website | default(value=\"\") }}\">w</a>\
<p id=\"licences\">{{ page.fields.licences | default(value=[]) | join(sep=\",\") }}</p>\
<p id=\"sdgs\">{{ page.fields.sdgs | default(value=[]) | join(sep=\",\") }}</p>\
<p id=\"tagline\">{{ page.fields.tagline | default(value=\"\") }}</p>\
<p id=\"countries\">{{ page.taxonomies.countries | default(value=[]) | map(attribute=\"slug\") | join(sep=\",\") }}</p>\
<div id=\"body\">{{ page.content | safe }}</div>\
{% for b in page.backlinks %}<ul class=\"used-in\">{% for e in b.pages %}<li><a href=\"{{ e.path }}\" hreflang=\"{{ e.lang }}\">{{ e.title }}</a></li>{% endfor %}</ul>{% endfor %}\
<ul id=\"uses\">{% for e in page.refs.solutions | default(value=[]) %}<li><a href=\"{{ e.path }}\" hreflang=\"{{ e.lang }}\">{{ e.title }}</a></li>{% endfor %}</ul>\
</main></html>\n";

const RECORDS: &str = "\
- id: x-road
  title: { en: X-Road, ru: Икс-Роуд, kk: Икс-Роуд }
  summary: { en: Data exchange, ru: Обмен данными }
  tagline: { en: Secure exchange, kk: Қауіпсіз алмасу }
  website: https://x-road.global
  licences: [MIT]
  sdgs: [9, 16]
  countries: [ee, fi]
- id: mosip
  title: MOSIP
  website: https://mosip.io
  stage: scale
";

fn site() -> SiteTest {
    SiteTest::new()
        .file("site.yaml", SITE)
        .file("templates/page.html", PAGE)
        .file("templates/taxonomy.html", "{{ taxonomy.name }}\n")
        .file("templates/taxonomy_term.html", "{{ term.name }}\n")
        .file(
            "content/solutions/_index.md",
            "---\ntitle: Solutions\n---\n",
        )
        .file(
            "content/solutions/_index.ru.md",
            "---\ntitle: Решения\n---\n",
        )
        .file(
            "content/solutions/_index.kk.md",
            "---\ntitle: Шешімдер\n---\n",
        )
        .file("content/cases/_index.md", "---\ntitle: Cases\n---\n")
        .file("data/solutions.yaml", RECORDS)
}

fn one(built: &Built, path: &str, css: &str) -> String {
    let found = built.texts(path, css);
    assert_eq!(found.len(), 1, "{path} {css}: {found:?}");
    found[0].trim().to_string()
}

#[test]
fn each_record_is_a_page_in_each_language_it_has_a_title_in() {
    let built = site().build();
    built.assert_ok();
    assert_eq!(one(&built, "en/solutions/x-road/", "h1"), "X-Road");
    assert_eq!(one(&built, "ru/solutions/x-road/", "h1"), "Икс-Роуд");
    assert_eq!(one(&built, "kk/solutions/x-road/", "h1"), "Икс-Роуд");
    // The derived language transliterates its parent's version.
    assert_eq!(one(&built, "kk-Latn/solutions/x-road/", "h1"), "İks-Roud");
    assert_eq!(
        one(&built, "en/solutions/x-road/", "#summary"),
        "Data exchange"
    );
    assert_eq!(
        one(&built, "ru/solutions/x-road/", "#summary"),
        "Обмен данными"
    );
    assert_eq!(
        one(&built, "kk/solutions/x-road/", "#tagline"),
        "Қауіпсіз алмасу"
    );
    assert_eq!(one(&built, "ru/solutions/x-road/", "#tagline"), "");
    // Shared fields and taxonomies, once for every language.
    for lang in ["en", "ru", "kk", "kk-Latn"] {
        let path = format!("{lang}/solutions/x-road/");
        let doc = built.page(&path);
        assert_eq!(
            attr(&doc, "#website", "href").as_deref(),
            Some("https://x-road.global"),
            "{path}"
        );
        assert_eq!(one(&built, &path, "#licences"), "MIT");
        assert_eq!(one(&built, &path, "#sdgs"), "9,16");
        assert_eq!(one(&built, &path, "#countries"), "ee,fi");
    }
    assert_eq!(one(&built, "en/solutions/mosip/", "h1"), "MOSIP");
    // The section lists them.
    let listed = built.texts("ru/solutions/", "li a");
    assert!(listed.contains(&"Икс-Роуд".to_string()), "{listed:?}");
    assert!(built.out.join("en/countries/ee/index.html").is_file());
}

#[test]
fn a_language_without_the_record_s_title_falls_back_as_for_files() {
    let built = site().build();
    built.assert_ok();
    // MOSIP has its title in English only: no Russian page of its own.
    assert!(!built.out.join("ru/solutions/mosip/index.html").is_file());
    let listed = built.texts("ru/solutions/", "li a");
    assert!(!listed.contains(&"MOSIP".to_string()) || listed.len() > 1);
    let doc = built.page("en/solutions/mosip/");
    let alternates: Vec<String> = select(&doc, "link[rel=alternate][hreflang]")
        .iter()
        .filter_map(|l| l.value().attr("hreflang").map(str::to_string))
        .collect();
    assert!(!alternates.contains(&"ru".to_string()), "{alternates:?}");
}

#[test]
fn a_markdown_file_of_the_same_id_adds_its_prose_and_its_front_matter() {
    let built = site()
        .file(
            "content/solutions/x-road.md",
            "---\ntitle: X-Road, the exchange layer\n---\nX-Road **connects** registries.\n",
        )
        .file(
            "content/solutions/x-road.ru.md",
            "---\ntitle: X-Road по-русски\nsummary: Шина данных\n---\nСоединяет реестры.\n",
        )
        .file(
            "content/solutions/other.md",
            "---\ntitle: Other\nextra:\n  website: https://other.example\n---\nJust a file.\n",
        )
        .build();
    built.assert_ok();
    assert_eq!(
        one(&built, "en/solutions/x-road/", "h1"),
        "X-Road, the exchange layer"
    );
    assert_eq!(
        one(&built, "en/solutions/x-road/", "#body strong"),
        "connects"
    );
    // The record's values stay where the file gives none.
    assert_eq!(
        one(&built, "en/solutions/x-road/", "#summary"),
        "Data exchange"
    );
    assert_eq!(
        one(&built, "ru/solutions/x-road/", "#summary"),
        "Шина данных"
    );
    assert_eq!(
        one(&built, "ru/solutions/x-road/", "#body"),
        "Соединяет реестры."
    );
    assert_eq!(one(&built, "ru/solutions/x-road/", "#licences"), "MIT");
    // The Kazakh version, from the record alone, has no prose.
    assert_eq!(one(&built, "kk/solutions/x-road/", "#body"), "");
    // A file whose id no record has is an entry as ever.
    assert_eq!(one(&built, "en/solutions/other/", "h1"), "Other");
}

#[test]
fn a_shared_field_the_file_gives_otherwise_is_an_error_at_the_file() {
    let built = site()
        .file(
            "content/solutions/x-road.ru.md",
            "---\ntitle: X-Road\nextra:\n  website: https://elsewhere.example\n---\nТекст.\n",
        )
        .build();
    let errors = built.at(Severity::Error, "content/solutions/x-road.ru.md");
    assert_eq!(errors.len(), 1, "{:?}", built.diagnostics());
    assert_eq!(errors[0].line, Some(4));
    assert!(
        errors[0].message.contains("`website`"),
        "{}",
        errors[0].message
    );
    assert!(errors[0].message.contains("data/solutions.yaml"));
}

#[test]
fn a_csv_file_gives_per_language_columns() {
    let site = SITE.replace("solutions.yaml", "solutions.csv");
    let built = site_with(&site)
        .without("data/solutions.yaml")
        .file(
            "data/solutions.csv",
            "id,title,title.ru,summary.ru,website,licences,sdgs,countries\n\
             x-road,X-Road,Икс-Роуд,Обмен данными,https://x-road.global,MIT;Apache-2.0,9;16,ee;fi\n\
             mosip,MOSIP,,,https://mosip.io,MPL-2.0,16,\n",
        )
        .build();
    built.assert_ok();
    assert_eq!(one(&built, "ru/solutions/x-road/", "h1"), "Икс-Роуд");
    assert_eq!(
        one(&built, "ru/solutions/x-road/", "#summary"),
        "Обмен данными"
    );
    assert_eq!(
        one(&built, "ru/solutions/x-road/", "#licences"),
        "MIT,Apache-2.0"
    );
    assert_eq!(one(&built, "en/solutions/x-road/", "#sdgs"), "9,16");
    assert_eq!(one(&built, "en/solutions/x-road/", "#countries"), "ee,fi");
    assert_eq!(one(&built, "en/solutions/mosip/", "#sdgs"), "16");
    assert!(!built.out.join("ru/solutions/mosip/index.html").is_file());
}

fn site_with(site_yaml: &str) -> SiteTest {
    site().file("site.yaml", site_yaml)
}

#[test]
fn schema_errors_name_the_file_the_record_the_field_and_the_line() {
    let built = site()
        .file(
            "data/solutions.yaml",
            "- id: x-road\n  title: X-Road\n  website: javascript:alert(1)\n  sdgs: [9, 18]\n- id: mosip\n  title: { en: MOSIP, fr: MOSIP }\n  website: https://mosip.io\n- id: nothing\n  title: Nothing\n  colour: red\n",
        )
        .build();
    let errors = built.of(Kind::Data, "data/solutions.yaml");
    let said: Vec<(Option<usize>, &str)> = errors
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 4, "{said:#?}");
    let find = |needle: &str| {
        errors
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in {said:#?}"))
    };
    let website = find("`website`");
    assert_eq!(website.line, Some(3));
    assert!(
        website.message.starts_with("record `x-road`:"),
        "{}",
        website.message
    );
    let sdg = find("`sdgs[2]`");
    assert_eq!(sdg.line, Some(4));
    assert!(sdg.message.starts_with("record `x-road`:"));
    let language = find("`fr`");
    assert_eq!(language.line, Some(6));
    assert!(language.message.starts_with("record `mosip`:"));
    let unknown = find("`colour`");
    assert_eq!(unknown.line, Some(10));
    assert!(unknown.message.starts_with("record `nothing`:"));
    // Every error at once, and the build fails.
    assert!(built.result.is_err());
}

#[test]
fn csv_schema_errors_are_at_the_row_and_a_missing_required_field_is_one() {
    let site = SITE.replace("solutions.yaml", "solutions.csv");
    let built = site_with(&site)
        .without("data/solutions.yaml")
        .file(
            "data/solutions.csv",
            "id,title,website,stage\nx-road,X-Road,https://x-road.global,growing\nmosip,MOSIP,,pilot\n",
        )
        .build();
    let errors = built.of(Kind::Data, "data/solutions.csv");
    let said: Vec<(Option<usize>, &str)> = errors
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 1, "{said:#?}");
    assert_eq!(errors[0].line, Some(2));
    assert!(errors[0].message.contains("record `x-road`"));
    assert!(errors[0].message.contains("`stage`"));
    // The required shared website that mosip lacks: at its row.
    let missing: Vec<_> = built
        .at(Severity::Error, "data/solutions.csv")
        .into_iter()
        .filter(|d| d.message.contains("website"))
        .collect();
    assert_eq!(missing.len(), 1, "{:#?}", built.diagnostics());
    assert_eq!(missing[0].line, Some(3));
}

#[test]
fn two_records_with_one_id_are_an_error_a_record_and_a_file_are_one_entry() {
    let built = site()
        .file(
            "data/solutions.yaml",
            "- id: x-road\n  title: X-Road\n  website: https://x-road.global\n- id: x-road\n  title: X-Road again\n  website: https://x-road.global\n",
        )
        .build();
    let errors = built.of(Kind::Data, "data/solutions.yaml");
    assert_eq!(errors.len(), 1, "{:#?}", built.diagnostics());
    assert_eq!(errors[0].line, Some(4));
    assert!(errors[0].message.contains("`x-road`"));
    let built = site()
        .file(
            "content/solutions/x-road.md",
            "---\ntitle: X-Road\n---\nProse.\n",
        )
        .build();
    built.assert_ok();
    assert_eq!(one(&built, "en/solutions/x-road/", "#body"), "Prose.");
}

#[test]
fn json_records_in_a_mapping_and_refs_both_ways() {
    let site = SITE.replace("solutions.yaml", "solutions.json");
    let built = site_with(&site)
        .without("data/solutions.yaml")
        .file(
            "data/solutions.json",
            "{\"source\": \"registry\", \"solutions\": [\n  {\"id\": \"x-road\", \"title\": {\"en\": \"X-Road\", \"ru\": \"Икс-Роуд\"}, \"website\": \"https://x-road.global\"}\n]}\n",
        )
        .file(
            "content/cases/tunduk.md",
            "---\ntitle: Tunduk\nextra:\n  solutions: [x-road]\n---\nText.\n",
        )
        .build();
    built.assert_ok();
    let used_in = built.texts("en/solutions/x-road/", ".used-in a");
    assert_eq!(used_in, ["Tunduk"]);
    assert_eq!(built.texts("en/cases/tunduk/", "#uses a"), ["X-Road"]);
    // A ref to an id no record has is an error at the file.
    let built = site_with(&site)
        .without("data/solutions.yaml")
        .file(
            "data/solutions.json",
            "[{\"id\": \"x-road\", \"title\": \"X-Road\", \"website\": \"https://x-road.global\"}]",
        )
        .file(
            "content/cases/tunduk.md",
            "---\ntitle: Tunduk\nextra:\n  solutions: [x-raod]\n---\nText.\n",
        )
        .build();
    let errors = built.at(Severity::Error, "content/cases/tunduk.md");
    assert_eq!(errors.len(), 1, "{:#?}", built.diagnostics());
    assert!(
        errors[0].message.contains("x-road"),
        "{}",
        errors[0].message
    );
}

/// Builds `root` into `out` (again), and compares with a fresh build of it.
fn assert_incremental_is_fresh(root: &std::path::Path, out: &std::path::Path) {
    let o = build(root, out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_as_fresh(root, out);
}

#[test]
fn the_incremental_build_follows_a_record_edited_added_and_removed() {
    let root = site()
        .file(
            "content/cases/tunduk.md",
            "---\ntitle: Tunduk\nextra:\n  solutions: [x-road]\n---\nText.\n",
        )
        .write();
    let out = root.parent().unwrap().join("public");
    let o = build(&root, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let data = root.join("data/solutions.yaml");
    // Edited: a title, a shared field.
    let text = read(&data)
        .replace("ru: Икс-Роуд,", "ru: Х-Роуд,")
        .replace("[9, 16]", "[9, 16, 17]");
    std::fs::write(&data, text).unwrap();
    assert_incremental_is_fresh(&root, &out);
    assert!(read(&out.join("ru/solutions/x-road/index.html")).contains("Х-Роуд"));
    assert!(read(&out.join("kk/solutions/x-road/index.html")).contains("9,16,17"));
    // Added.
    let mut text = read(&data);
    text.push_str(
        "- id: tunduk-bus\n  title: { en: Bus, ru: Шина }\n  website: https://tunduk.kg\n",
    );
    std::fs::write(&data, text).unwrap();
    assert_incremental_is_fresh(&root, &out);
    assert!(out.join("ru/solutions/tunduk-bus/index.html").is_file());
    // Removed, with the case that named it edited in the same build.
    let text = read(&data);
    let cut = text.find("- id: mosip").unwrap();
    let rest = &text[cut..];
    let end = rest[1..].find("- id:").map_or(rest.len(), |i| i + 1);
    std::fs::write(&data, format!("{}{}", &text[..cut], &rest[end..])).unwrap();
    assert_incremental_is_fresh(&root, &out);
    assert!(!out.join("en/solutions/mosip/index.html").exists());
    assert!(out.join("en/solutions/tunduk-bus/index.html").is_file());
}

#[test]
fn serve_follows_an_edit_to_the_data_file_and_to_a_joined_file() {
    let built = site()
        .file(
            "content/solutions/x-road.md",
            "---\ntitle: X-Road\n---\nProse.\n",
        )
        .build();
    built.assert_ok();
    let mut session = dala::build::Session::new(dala::build::BuildOptions {
        root: built.root.clone(),
        output: Some(built.out.clone()),
        ..Default::default()
    });
    session.build().unwrap();
    let data = built.root.join("data/solutions.yaml");
    std::fs::write(&data, read(&data).replace("ru: Обмен данными", "ru: Обмен")).unwrap();
    assert!(session.edit(&["data/solutions.yaml".to_string()]).is_none());
    session.build().unwrap();
    assert_eq!(one(&built, "ru/solutions/x-road/", "#summary"), "Обмен");
    // The joined file's quick edit would lose the record's values: a whole build.
    let file = built.root.join("content/solutions/x-road.md");
    std::fs::write(&file, "---\ntitle: X-Road\n---\nMore prose.\n").unwrap();
    assert!(session
        .edit(&["content/solutions/x-road.md".to_string()])
        .is_none());
    session.build().unwrap();
    assert_eq!(one(&built, "en/solutions/x-road/", "#body"), "More prose.");
    assert_eq!(
        one(&built, "en/solutions/x-road/", "#summary"),
        "Data exchange"
    );
    assert_incremental_is_fresh(&built.root, &built.out);
}

/// The fenced YAML block of docs/content.md that starts with the comment `first`.
fn docs_block(first: &str) -> String {
    let docs = read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content.md"));
    let start = docs
        .find(&format!("```yaml\n{first}\n"))
        .unwrap_or_else(|| panic!("docs/content.md has no block `{first}`"));
    let block = &docs[start + "```yaml\n".len()..];
    block[..block.find("```").unwrap()].to_string()
}

#[test]
fn the_registry_example_of_the_docs_builds() {
    let collections = docs_block("# site.yaml");
    let site_yaml = format!(
        "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: {{ name: English, title: Test }}\n  ru: {{ name: Русский, title: Тест, fallback: [en] }}\n  kk: {{ name: Қазақша, title: Т, fallback: [ru, en] }}\ntaxonomies: [countries]\n{collections}"
    );
    let built = site()
        .file("site.yaml", &site_yaml)
        .without("data/solutions.yaml")
        .file("data/dpg.yaml", &docs_block("# data/dpg.yaml"))
        .build();
    built.assert_ok();
    assert_eq!(one(&built, "en/solutions/x-road/", "h1"), "X-Road");
    assert_eq!(one(&built, "en/solutions/x-road/", "#licences"), "MIT");
    assert_eq!(
        one(&built, "en/solutions/x-road/", "#countries"),
        "ee,fi,is"
    );
    assert!(one(&built, "en/solutions/x-road/", "#summary").starts_with("Open-source"));
    // Only an English title: the others fall back.
    assert!(!built.out.join("ru/solutions/x-road/index.html").exists());
}

#[test]
fn errors_in_a_list_under_a_key_and_in_json_are_at_their_lines_and_a_missing_file_is_said() {
    let built = site()
        .file(
            "data/solutions.yaml",
            "source: registry\nsolutions:\n  - id: x-road\n    title: X-Road\n    website: https://x-road.global\n  - id: mosip\n    title: { en: MOSIP, ru: МОСИП }\n    tagline: { ru: 42 }\n    website: https://mosip.io\n",
        )
        .build();
    let errors = built.of(Kind::Data, "data/solutions.yaml");
    assert_eq!(errors.len(), 1, "{:#?}", built.diagnostics());
    assert_eq!(errors[0].line, Some(8));
    assert!(
        errors[0]
            .message
            .starts_with("record `mosip`, its `ru` version: field `tagline`"),
        "{}",
        errors[0].message
    );
    let site_yaml = SITE.replace("solutions.yaml", "solutions.json");
    let built = site_with(&site_yaml)
        .without("data/solutions.yaml")
        .file(
            "data/solutions.json",
            "[\n  {\"id\": \"x-road\", \"title\": \"X-Road\", \"website\": \"https://x-road.global\"},\n  {\"id\": \"mosip\",\n   \"title\": \"MOSIP\", \"website\": \"https://mosip.io\", \"sdgs\": [0]}\n]\n",
        )
        .build();
    let errors = built.of(Kind::Data, "data/solutions.json");
    assert_eq!(errors.len(), 1, "{:#?}", built.diagnostics());
    assert_eq!(errors[0].line, Some(3));
    assert!(errors[0]
        .message
        .contains("record `mosip`: field `sdgs[1]`"));
    let built = site().without("data/solutions.yaml").build();
    let errors = built.of(Kind::Config, "site.yaml");
    assert_eq!(errors.len(), 1, "{:#?}", built.diagnostics());
    assert!(errors[0].message.contains("data/solutions.yaml"));
}

#[test]
fn check_notes_a_record_s_missing_translation_at_its_data_file() {
    let root = site().write();
    let o = dala(&["check", "--root", root.to_str().unwrap()]);
    let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(
        said.contains("data/solutions.yaml: note: no `ru` translation"),
        "{said}"
    );
    assert!(!said.contains("content/solutions/mosip.md"), "{said}");
}

#[test]
fn a_record_s_ref_to_no_entry_is_an_error_at_its_line() {
    let site_yaml = SITE.replace(
        "      tagline: string\n",
        "      tagline: string\n      related: { type: list, of: { type: ref, to: solutions }, shared: true }\n",
    );
    let built = site_with(&site_yaml)
        .file(
            "data/solutions.yaml",
            "- id: x-road\n  title: X-Road\n  website: https://x-road.global\n  related: [mosip]\n- id: mosip\n  title: MOSIP\n  website: https://mosip.io\n  related: [x-raod]\n",
        )
        .build();
    let errors = built.at(Severity::Error, "data/solutions.yaml");
    assert_eq!(errors.len(), 1, "{:#?}", built.diagnostics());
    assert_eq!(errors[0].line, Some(8));
    let message = &errors[0].message;
    assert!(
        message.starts_with("record `mosip`: field `related`"),
        "{message}"
    );
    assert!(message.contains("`x-road`"), "{message}");
}
