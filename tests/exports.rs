//! Open data of collections (issue 14, step 5): a collection with `export: true` is
//! published per language as JSON and CSV, described by a JSON Schema that the JSON
//! validates against, listed in `/api/index.json`; its entry pages carry schema.org JSON-LD
//! (`page.jsonld`) that no title can break out of.

mod common;
use common::*;
use dala::build::{build, BuildOptions};
use serde_json::{json, Value};
use std::path::Path;

const BASE: &str = "https://test.example.org";

const SITE: &str = "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест, fallback: [en], untranslated: show }\ncollections:\n  tools:\n    export: true\n    jsonld:\n      type_field: kind\n      types: { software: SoftwareApplication, data: Dataset }\n      properties: { sameAs: website, license: licences, spatialCoverage: countries }\n    fields:\n      summary: { type: string, required: true }\n      website: { type: url, required: true, shared: true }\n      kind: { type: enum, values: [software, data, standard], required: true, shared: true }\n      licences: { type: list, of: spdx, shared: true }\n      countries: { type: list, of: country, shared: true }\n      aka: { type: list, of: string }\n      sdgs: { type: list, of: sdg, shared: true }\n      organisations:\n        type: list\n        shared: true\n        of: { type: object, fields: { name: { type: string, required: true }, role: { type: enum, values: [owner, maintainer] } } }\n      contact: { type: object, fields: { email: { type: string }, phone: { type: string } }, shared: true }\n";

const PAGE: &str = "<!doctype html><html lang=\"{{ lang }}\"><head><title>{{ page.title }}</title>{% if page.jsonld %}<script type=\"application/ld+json\">{{ page.jsonld | safe }}</script>{% endif %}</head><body><main>{{ page.content | safe }}</main></body></html>\n";

const XROAD: &str = "---\ntitle: X-Road\ndate: 2026-05-04\nsummary: Data exchange, \"secure\", between registries.\nextra:\n  website: https://x-road.global\n  kind: software\n  licences: [MIT]\n  countries: [ee, kz]\n  aka: [\"XRD; X road\", 'Back\\slash']\n  sdgs: [9, 16]\n  organisations:\n    - { name: NIIS, role: maintainer }\n    - { name: \"Nordic, Institute\" }\n  contact: { email: info@niis.org }\n---\nText.\n";

fn site() -> SiteTest {
    SiteTest::new()
        .file("site.yaml", SITE)
        .file("templates/page.html", PAGE)
        .file("content/tools/_index.md", "---\ntitle: Tools\n---\n")
        .file("content/tools/_index.ru.md", "---\ntitle: Инструменты\n---\n")
        .file("content/tools/x-road.md", XROAD)
        .file(
            "content/tools/x-road.ru.md",
            "---\ntitle: Икс-Роуд\nsummary: Обмен данными.\nextra:\n  aka: [ИксРоуд]\n---\nТекст.\n",
        )
        .file(
            "content/tools/osm.md",
            "---\ntitle: Maps </script><script>alert(1)</script>\nsummary: A map of the world.\nextra:\n  website: https://osm.org\n  kind: data\n  licences: [\"ODbL-1.0\"]\n---\nText.\n",
        )
}

fn json_file(out: &Path, path: &str) -> Value {
    let text = std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn entry<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entry {id} in {doc:#}"))
}

#[test]
fn each_language_gets_the_entries_of_its_listing_as_json() {
    let built = site().build();
    built.assert_ok();
    let en = json_file(&built.out, "en/tools/index.json");
    assert_eq!(en["version"], "dala-collection/1");
    assert_eq!(en["collection"], "tools");
    assert_eq!(en["lang"], "en");
    assert_eq!(en["$schema"], format!("{BASE}/api/v1/tools.schema.json"));
    assert_eq!(en["entries"].as_array().unwrap().len(), 2);
    let x = entry(&en, "x-road");
    assert_eq!(x["url"], format!("{BASE}/en/tools/x-road/"));
    assert_eq!(x["lang"], "en");
    assert_eq!(x["date"], "2026-05-04");
    assert_eq!(
        x["summary"],
        "Data exchange, \"secure\", between registries."
    );
    assert_eq!(
        x["organisations"],
        json!([{ "name": "NIIS", "role": "maintainer" }, { "name": "Nordic, Institute" }])
    );
    assert_eq!(x["contact"], json!({ "email": "info@niis.org" }));
    assert_eq!(x["sdgs"], json!([9, 16]));
    // The fixed keys come first, then the fields in the order of site.yaml.
    let text = std::fs::read_to_string(built.out.join("en/tools/index.json")).unwrap();
    let text = &text[text.find("\"entries\"").unwrap()..];
    let at = |k: &str| text.find(&format!("\"{k}\":")).unwrap();
    assert!(at("id") < at("url") && at("url") < at("lang") && at("title") < at("summary"));
    assert!(at("website") < at("kind") && at("kind") < at("licences") && at("aka") < at("contact"));

    let ru = json_file(&built.out, "ru/tools/index.json");
    assert_eq!(ru["lang"], "ru");
    let x = entry(&ru, "x-road");
    assert_eq!(
        (&x["lang"], &x["title"]),
        (&json!("ru"), &json!("Икс-Роуд"))
    );
    assert_eq!(x["url"], format!("{BASE}/ru/tools/x-road/"));
    // Shared fields come from the original; per-language ones are the translation's own.
    assert_eq!(x["website"], "https://x-road.global");
    assert_eq!(x["aka"], json!(["ИксРоуд"]));
    // The listing shows the English version of a page Russian lacks, and says so.
    let osm = entry(&ru, "osm");
    assert_eq!(osm["lang"], "en");
    assert_eq!(osm["url"], format!("{BASE}/en/tools/osm/"));
}

/// The rows of a CSV file, header first.
fn csv_rows(out: &Path, path: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(out.join(path)).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_csv_flattens_objects_into_columns_and_joins_lists() {
    let built = site().build();
    built.assert_ok();
    let raw = std::fs::read_to_string(built.out.join("en/tools/index.csv")).unwrap();
    assert!(raw.contains("\r\n"), "RFC 4180 line ends");
    let rows = csv_rows(&built.out, "en/tools/index.csv");
    assert_eq!(
        rows[0],
        [
            "id",
            "url",
            "lang",
            "title",
            "summary",
            "date",
            "updated",
            "website",
            "kind",
            "licences",
            "countries",
            "aka",
            "sdgs",
            "organisations",
            "contact.email",
            "contact.phone"
        ]
    );
    assert_eq!(rows.len(), 3);
    let x = rows.iter().find(|r| r[0] == "x-road").unwrap();
    let col = |name: &str| x[rows[0].iter().position(|h| h == name).unwrap()].clone();
    assert_eq!(
        col("summary"),
        "Data exchange, \"secure\", between registries."
    );
    assert_eq!(col("countries"), "ee; kz");
    assert_eq!(col("sdgs"), "9; 16");
    assert_eq!(col("aka"), "XRD\\; X road; Back\\\\slash");
    assert_eq!(
        dala::export::split_list(&col("aka")),
        ["XRD; X road", "Back\\slash"]
    );
    assert_eq!(col("contact.email"), "info@niis.org");
    assert_eq!(col("contact.phone"), "");
    assert_eq!(col("updated"), "");
    let orgs: Value = serde_json::from_str(&col("organisations")).unwrap();
    assert_eq!(
        orgs,
        json!([{ "name": "NIIS", "role": "maintainer" }, { "name": "Nordic, Institute" }])
    );
    // Every cell is the JSON export's value, written back.
    let doc = json_file(&built.out, "en/tools/index.json");
    let x_json = entry(&doc, "x-road");
    assert_eq!(
        dala::export::split_list(&col("licences")),
        x_json["licences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect::<Vec<_>>()
    );
    let ru = csv_rows(&built.out, "ru/tools/index.csv");
    assert!(ru.iter().any(|r| r[0] == "osm" && r[2] == "en"));
}

/// A validator for the part of JSON Schema 2020-12 that the schemas use; a keyword it does
/// not know fails the test rather than pass unchecked.
fn validate(schema: &Value, root: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let obj = schema.as_object().expect("a schema is an object");
    for (k, s) in obj {
        let mut fail = |m: String| errors.push(format!("{at}: {m}"));
        match k.as_str() {
            "$schema" | "$id" | "title" | "description" | "$defs" => {}
            "$ref" => {
                let name = s.as_str().unwrap().strip_prefix("#/$defs/").unwrap();
                validate(&root["$defs"][name], root, v, at, errors);
            }
            "type" => {
                let ok = match s.as_str().unwrap() {
                    "string" => v.is_string(),
                    "integer" => v.is_i64() || v.is_u64(),
                    "number" => v.is_number(),
                    "boolean" => v.is_boolean(),
                    "object" => v.is_object(),
                    "array" => v.is_array(),
                    other => panic!("type {other}"),
                };
                if !ok {
                    fail(format!("not of type {s}: {v}"));
                }
            }
            "const" if v != s => fail(format!("{v} is not {s}")),
            "enum" if !s.as_array().unwrap().contains(v) => fail(format!("{v} not in {s}")),
            "pattern" => {
                let re = regex::Regex::new(s.as_str().unwrap()).unwrap();
                if v.as_str().is_some_and(|t| !re.is_match(t)) {
                    fail(format!("{v} does not match {s}"));
                }
            }
            "minimum" if v.as_f64().is_some_and(|n| n < s.as_f64().unwrap()) => {
                fail(format!("{v} < {s}"))
            }
            "maximum" if v.as_f64().is_some_and(|n| n > s.as_f64().unwrap()) => {
                fail(format!("{v} > {s}"))
            }
            "format" => {
                let t = v.as_str().unwrap_or("");
                let ok = match s.as_str().unwrap() {
                    "date" => t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-',
                    "uri" => t.starts_with("https://") || t.starts_with("http://"),
                    "uri-reference" | "date-time" => true,
                    other => panic!("format {other}"),
                };
                if v.is_string() && !ok {
                    fail(format!("{v} is not a {s}"));
                }
            }
            "required" => {
                for r in s.as_array().unwrap() {
                    if v.is_object() && v.get(r.as_str().unwrap()).is_none() {
                        fail(format!("lacks {r}"));
                    }
                }
            }
            "properties" => {
                for (name, sub) in s.as_object().unwrap() {
                    if let Some(x) = v.get(name) {
                        validate(sub, root, x, &format!("{at}.{name}"), errors);
                    }
                }
            }
            "additionalProperties" => {
                assert_eq!(s, &json!(false));
                let known = obj["properties"].as_object().unwrap();
                for key in v.as_object().map(|o| o.keys()).into_iter().flatten() {
                    if !known.contains_key(key) {
                        fail(format!("unknown key {key}"));
                    }
                }
            }
            "items" => {
                for (i, x) in v.as_array().into_iter().flatten().enumerate() {
                    validate(s, root, x, &format!("{at}[{i}]"), errors);
                }
            }
            "oneOf" => {
                let passing = s
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|sub| {
                        let mut e = Vec::new();
                        validate(sub, root, v, at, &mut e);
                        e.is_empty()
                    })
                    .count();
                if passing != 1 {
                    fail(format!("{passing} of oneOf match"));
                }
            }
            "const" | "enum" | "minimum" | "maximum" => {}
            other => panic!("the test's validator does not know `{other}`"),
        }
    }
}

fn problems(schema: &Value, doc: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    validate(schema, schema, doc, "$", &mut errors);
    errors
}

#[test]
fn the_json_export_validates_against_its_schema() {
    let built = site().build();
    built.assert_ok();
    let schema = json_file(&built.out, "api/v1/tools.schema.json");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], format!("{BASE}/api/v1/tools.schema.json"));
    assert_eq!(
        schema["properties"]["version"]["const"],
        "dala-collection/1"
    );
    let entry_schema = &schema["$defs"]["entry"]["properties"];
    assert_eq!(
        entry_schema["kind"]["enum"],
        json!(["software", "data", "standard"])
    );
    assert_eq!(entry_schema["sdgs"]["items"]["maximum"], 17);
    assert_eq!(entry_schema["countries"]["items"]["pattern"], "^[a-z]{2}$");
    assert_eq!(entry_schema["website"]["format"], "uri-reference");
    assert_eq!(
        entry_schema["organisations"]["items"]["required"],
        json!(["name"])
    );
    let required = &schema["$defs"]["entry"]["required"];
    assert!(required.as_array().unwrap().contains(&json!("website")));
    for lang in ["en", "ru"] {
        let doc = json_file(&built.out, &format!("{lang}/tools/index.json"));
        assert_eq!(problems(&schema, &doc), Vec::<String>::new(), "{lang}");
    }
    // And the schema does say no to what the types forbid.
    let doc = json_file(&built.out, "en/tools/index.json");
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut d = doc.clone();
        f(&mut d["entries"][0]);
        problems(&schema, &d)
    };
    assert!(!broken(&|e| e["sdgs"] = json!([18])).is_empty());
    assert!(!broken(&|e| e["countries"] = json!(["KZ"])).is_empty());
    assert!(!broken(&|e| e["kind"] = json!("app")).is_empty());
    assert!(!broken(&|e| e["organisations"] = json!([{ "role": "owner" }])).is_empty());
    assert!(!broken(&|e| e["colour"] = json!("red")).is_empty());
    assert!(!broken(&|e| {
        e.as_object_mut().unwrap().remove("website");
    })
    .is_empty());
}

/// Every string of `v` that is a URL of the site.
fn site_urls(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.starts_with(BASE) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| site_urls(i, out)),
        Value::Object(map) => map.values().for_each(|i| site_urls(i, out)),
        _ => {}
    }
}

#[test]
fn the_api_index_lists_what_exists() {
    let built = site().build();
    built.assert_ok();
    let api = json_file(&built.out, "api/index.json");
    assert_eq!(api["version"], "dala-api/1");
    let codes: Vec<&Value> = api["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &l["code"])
        .collect();
    assert_eq!(codes, [&json!("en"), &json!("ru")]);
    let tools = &api["collections"][0];
    assert_eq!(tools["name"], "tools");
    assert_eq!(tools["schema"], format!("{BASE}/api/v1/tools.schema.json"));
    let ru = &tools["languages"]["ru"];
    assert_eq!(ru["json"], format!("{BASE}/ru/tools/index.json"));
    assert_eq!(ru["csv"], format!("{BASE}/ru/tools/index.csv"));
    assert_eq!(ru["page"], format!("{BASE}/ru/tools/"));
    assert_eq!(ru["entries"].as_array().unwrap().len(), 2);
    let mut urls = Vec::new();
    site_urls(&api, &mut urls);
    assert!(urls.len() > 10, "{urls:?}");
    for url in urls {
        let rel = url.strip_prefix(BASE).unwrap().trim_start_matches('/');
        let file = if rel.is_empty() || rel.ends_with('/') {
            built.out.join(rel).join("index.html")
        } else {
            built.out.join(rel)
        };
        assert!(file.is_file(), "{url}: no {}", file.display());
    }
}

/// The JSON-LD of the page at `path`: the text of its only script.
fn jsonld(built: &Built, path: &str) -> Value {
    let doc = built.page(path);
    let scripts = select(&doc, "script");
    assert_eq!(scripts.len(), 1, "{path}: one script");
    assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));
    let text: String = scripts[0].text().collect();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"))
}

#[test]
fn entry_pages_carry_json_ld_of_their_type() {
    let built = site().build();
    built.assert_ok();
    let x = jsonld(&built, "en/tools/x-road/");
    assert_eq!(x["@context"], "https://schema.org");
    assert_eq!(x["@type"], "SoftwareApplication");
    assert_eq!(x["name"], "X-Road");
    assert_eq!(x["inLanguage"], "en");
    assert_eq!(x["url"], format!("{BASE}/en/tools/x-road/"));
    assert_eq!(x["datePublished"], "2026-05-04");
    assert_eq!(x["sameAs"], "https://x-road.global");
    assert_eq!(x["license"], json!(["https://spdx.org/licenses/MIT.html"]));
    assert_eq!(x["spatialCoverage"][1]["name"], "Kazakhstan");
    let ru = jsonld(&built, "ru/tools/x-road/");
    assert_eq!(ru["inLanguage"], "ru");
    assert_eq!(ru["name"], "Икс-Роуд");
    assert_eq!(ru["description"], "Обмен данными.");
    assert_eq!(ru["spatialCoverage"][1]["name"], "Казахстан");
    let osm = jsonld(&built, "en/tools/osm/");
    assert_eq!(osm["@type"], "Dataset");
    // The title's `</script>` stayed inside the one script, as text.
    assert_eq!(osm["name"], "Maps </script><script>alert(1)</script>");
    let raw = std::fs::read_to_string(built.out.join("en/tools/osm/index.html")).unwrap();
    assert_eq!(raw.matches("</script>").count(), 1);
    assert!(raw.contains("\\u003c/script\\u003e"));
    // A page of no collection has none.
    let home = SiteTest::new()
        .file("templates/page.html", PAGE)
        .file("content/x.md", "---\ntitle: X\n---\n")
        .build();
    home.assert_ok();
    assert!(select(&home.page("en/x/"), "script").is_empty());
}

/// Every file under `dir`, by path, with its bytes.
fn files(dir: &Path, under: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for u in under {
        for e in walkdir::WalkDir::new(dir.join(u)).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out
}

const OUTPUTS: &[&str] = &["api", "en/tools", "ru/tools"];

#[test]
fn two_builds_are_byte_identical() {
    let a = site().build();
    let b = site().build();
    a.assert_ok();
    b.assert_ok();
    let (fa, fb) = (files(&a.out, OUTPUTS), files(&b.out, OUTPUTS));
    assert!(fa.iter().any(|(p, _)| p.ends_with("index.csv")));
    assert_eq!(fa, fb);
}

#[test]
fn a_build_after_an_edit_equals_a_fresh_one() {
    let first = site().build();
    first.assert_ok();
    let edited = XROAD
        .replace("[ee, kz]", "[ee, kz, uz]")
        .replace("title: X-Road", "title: X-Road 7");
    std::fs::write(first.root.join("content/tools/x-road.md"), &edited).unwrap();
    let again = build(&BuildOptions {
        root: first.root.clone(),
        output: Some(first.out.clone()),
        drafts: false,
        base_url: None,
        force: false,
        progress: None,
        strict: false,
        links_checked_after: false,
        serving: false,
        precompress: None,
        now: None,
    });
    assert!(again.is_ok());
    let fresh = site().file("content/tools/x-road.md", &edited).build();
    fresh.assert_ok();
    let (fa, fb) = (files(&first.out, OUTPUTS), files(&fresh.out, OUTPUTS));
    assert_eq!(fa, fb);
    let en = json_file(&first.out, "en/tools/index.json");
    assert_eq!(entry(&en, "x-road")["countries"], json!(["ee", "kz", "uz"]));
    assert_eq!(jsonld(&first, "en/tools/x-road/")["name"], "X-Road 7");
}

#[test]
fn a_bad_export_or_jsonld_setting_is_an_error_at_its_line() {
    let bad = SITE
        .replace("export: true", "export: maybe")
        .replace("data: Dataset", "data: Dataset, app: SoftwareApplication")
        .replace("sameAs: website", "sameAs: homepage");
    let built = site().file("site.yaml", &bad).build();
    let errors: Vec<String> = built
        .diagnostics()
        .iter()
        .filter(|d| d.path.ends_with("site.yaml"))
        .map(|d| format!("{}: {}", d.line.unwrap_or(0), d.message))
        .collect();
    assert!(built.result.is_err());
    let line_of = |needle: &str| SITE.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let has = |line: usize, text: &str| {
        errors
            .iter()
            .any(|e| e.starts_with(&format!("{line}: ")) && e.contains(text))
    };
    assert!(
        has(line_of("export:"), "must be `true` or `false`"),
        "{errors:?}"
    );
    assert!(
        has(line_of("jsonld:"), "`app`, which `kind` cannot have"),
        "{errors:?}"
    );
    assert!(
        has(line_of("jsonld:"), "the field `homepage`"),
        "{errors:?}"
    );
    let typo = SITE.replace(
        "      type_field:",
        "      type: software\n      type_field:",
    );
    let built = site().file("site.yaml", &typo).build();
    assert!(built.diagnostics().iter().any(|d| d
        .message
        .contains("`software` is not a schema.org type name")));
}

#[test]
fn the_hub_theme_prints_an_entry_s_json_ld_once_and_other_pages_keep_their_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut site = site()
        .without("templates/page.html")
        .without("templates/section.html")
        .file("site.yaml", &format!("{SITE}theme: hub\n"))
        .file("content/notes/_index.md", "---\ntitle: Notes\n---\n")
        .file("content/notes/a.md", "---\ntitle: A note\n---\nText.\n");
    for entry in walkdir::WalkDir::new(root.join("themes/hub")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(root).unwrap();
            site = site.file(
                &rel.to_string_lossy().replace('\\', "/"),
                &read(entry.path()),
            );
        }
    }
    let built = site.build();
    built.assert_ok();
    let scripts = |path: &str| -> Vec<Value> {
        select(&built.page(path), "script[type='application/ld+json']")
            .iter()
            .map(|s| serde_json::from_str(&s.text().collect::<String>()).unwrap())
            .collect()
    };
    let osm = scripts("en/tools/osm/");
    assert_eq!(osm.len(), 1, "{osm:?}");
    assert_eq!(osm[0]["@type"], "Dataset");
    assert_eq!(osm[0]["name"], "Maps </script><script>alert(1)</script>");
    let note = scripts("en/notes/a/");
    assert_eq!(note.len(), 1, "{note:?}");
    assert_eq!(note[0]["@type"], "Article");
    assert!(scripts("en/tools/").is_empty());
}
