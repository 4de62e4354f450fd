//! Data files (issue 14, step 2): the YAML, JSON and CSV files of `data/`, which templates
//! read with `load_data(path=...)`. Each format renders in a page; a path that leaves
//! `data/`, a missing file, a file that does not parse and a ragged CSV row are errors at
//! their place; an edit to a data file renders again only what read it, as a fresh build
//! would; the same files give the same bytes.

mod common;
use common::*;
use dala::build::{build, BuildOptions, BuildReport};
use dala::error::{Kind, Severity};
use std::path::Path;

const SOLUTIONS: &str = "# the solutions\n- name: eGov\n  country: kz\n  year: 2006\n\n- name: myGov\n  country: uz\n  year: 2015\n";
const COUNTRIES: &str =
    "{\n  \"uz\": { \"name\": \"Uzbekistan\" },\n  \"kz\": { \"name\": \"Kazakhstan\" }\n}\n";
const BUDGET: &str = "ministry,amount\n\"Digital Development, Innovation\",120\nFinance,80\n";

/// Lists the solutions (YAML), the countries (JSON) and the budget (CSV).
const DATA_TEMPLATE: &str = r#"<!doctype html><html lang="{{ lang }}"><title>{{ page.title }}</title><main>
{% set solutions = load_data(path="solutions.yaml") %}
<ul class="solutions">{% for s in solutions %}<li data-year="{{ s.year }}">{{ s.name }}</li>{% endfor %}</ul>
{% set countries = load_data(path="countries.json") %}
<ul class="countries">{% for code, c in countries %}<li id="{{ code }}">{{ c.name }}</li>{% endfor %}</ul>
<table>{% for row in load_data(path="./tables/budget.csv") %}<tr><td>{{ row.ministry }}</td><td>{{ row.amount }}</td></tr>{% endfor %}</table>
</main></html>
"#;

/// A site with the three data files, a page that shows them and one that does not.
fn site() -> SiteTest {
    SiteTest::new()
        .file("data/solutions.yaml", SOLUTIONS)
        .file("data/countries.json", COUNTRIES)
        .file("data/tables/budget.csv", BUDGET)
        .file("templates/data.html", DATA_TEMPLATE)
        .file(
            "content/data.md",
            "---\ntitle: Data\ntemplate: data.html\n---\n",
        )
        .file(
            "content/plain.md",
            "---\ntitle: Plain\n---\nNo data here.\n",
        )
}

fn rebuild(root: &Path, out: &Path) -> Result<BuildReport, dala::error::BuildFailure> {
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        ..Default::default()
    })
}

/// The errors of a build that must fail, as (file in the site, line, column, message).
fn errors(built: &Built) -> Vec<(String, Option<usize>, Option<usize>, String)> {
    assert!(built.result.is_err(), "the build must fail");
    built
        .diagnostics()
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let file = d.path.strip_prefix(&built.root).unwrap_or(&d.path);
            (
                file.to_string_lossy().replace('\\', "/"),
                d.line,
                d.column,
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn each_format_renders_in_a_page() {
    let built = site().build();
    built.assert_ok();
    assert_eq!(
        built.texts("en/data/", "ul.solutions li"),
        ["eGov", "myGov"]
    );
    let doc = built.page("en/data/");
    let years: Vec<_> = select(&doc, "ul.solutions li")
        .iter()
        .map(|li| li.value().attr("data-year").unwrap().to_string())
        .collect();
    assert_eq!(years, ["2006", "2015"], "numbers stay numbers");
    // A mapping's keys come sorted, whatever order the file writes them in.
    assert_eq!(
        built.texts("en/data/", "ul.countries li"),
        ["Kazakhstan", "Uzbekistan"]
    );
    assert_eq!(attr(&doc, "ul.countries li", "id").as_deref(), Some("kz"));
    // CSV: one object per row, keyed by the header; a quoted comma stays in its value.
    assert_eq!(
        built.texts("en/data/", "td"),
        ["Digital Development, Innovation", "120", "Finance", "80"]
    );
}

#[test]
fn a_path_outside_data_or_of_another_format_is_an_error_at_the_call() {
    for (path, hint) in [
        (
            "../site.yaml",
            dala::hints::data_path_outside("../site.yaml"),
        ),
        (
            "/etc/hosts.yaml",
            dala::hints::data_path_outside("/etc/hosts.yaml"),
        ),
        (
            "a/../../x.json",
            dala::hints::data_path_outside("a/../../x.json"),
        ),
        ("notes.txt", dala::hints::data_unknown_format("notes.txt")),
    ] {
        let template = format!("<main>\n{{{{ load_data(path=\"{path}\") }}}}\n</main>\n");
        let built = site()
            .file("data/notes.txt", "notes")
            .file("templates/bad.html", &template)
            .file(
                "content/bad.md",
                "---\ntitle: Bad\ntemplate: bad.html\n---\n",
            )
            .build();
        let found = errors(&built);
        assert_eq!(found.len(), 1, "{found:#?}");
        let (file, line, _, message) = &found[0];
        assert_eq!(
            (file.as_str(), *line),
            ("templates/bad.html", Some(2)),
            "{path}"
        );
        assert!(message.starts_with(&hint), "{path}: {message}");
        assert!(message.contains("template: bad.html"), "{message}");
        assert!(message.contains("content/bad.md"), "{message}");
    }
}

#[test]
fn a_missing_data_file_is_an_error_naming_the_template_and_the_path() {
    let built = site()
        .file(
            "templates/gone.html",
            "<main>\n{% for x in load_data(path=\"gone/missing.yaml\") %}{{ x }}{% endfor %}\n</main>\n",
        )
        .file("content/gone.md", "---\ntitle: Gone\ntemplate: gone.html\n---\n")
        .build();
    let found = errors(&built);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (file, line, _, message) = &found[0];
    assert_eq!((file.as_str(), *line), ("templates/gone.html", Some(2)));
    assert!(
        message.starts_with(&dala::hints::data_missing("gone/missing.yaml")),
        "{message}"
    );
    assert!(message.contains("(template: gone.html)"), "{message}");
    // Without a path at all.
    let built = site()
        .file("templates/data.html", "<main>{{ load_data() }}</main>")
        .build();
    let found = errors(&built);
    assert!(
        found[0].3.starts_with(&dala::hints::data_no_path()),
        "{found:#?}"
    );
}

#[test]
fn malformed_data_files_are_errors_at_their_lines_all_at_once() {
    let built = site()
        .file(
            "data/solutions.yaml",
            "- name: eGov\n  year: 2006\n- name: [myGov\n",
        )
        .file(
            "data/countries.json",
            "{\n  \"kz\": { \"name\": \"Kazakhstan\" },\n  \"uz\" { }\n}\n",
        )
        .file(
            "data/tables/budget.csv",
            "ministry,amount\nFinance,80\nHealth,\"40\n",
        )
        .file("data/unused.yml", "a: 1\nb:\n\t- 2\n")
        .build();
    let found = errors(&built);
    let at = |file: &str| {
        found
            .iter()
            .find(|(f, ..)| f == file)
            .unwrap_or_else(|| panic!("no error at {file}: {found:#?}"))
    };
    let (_, line, _, message) = at("data/solutions.yaml");
    assert!(line.is_some_and(|l| l >= 3), "{found:#?}");
    assert!(
        message.starts_with("this YAML data file does not parse: "),
        "{message}"
    );
    let (_, line, column, message) = at("data/countries.json");
    assert_eq!((*line, *column), (Some(3), Some(8)), "{message}");
    assert_eq!(message, "this JSON data file does not parse: expected `:`");
    let (_, line, _, message) = at("data/tables/budget.csv");
    assert_eq!(*line, Some(3));
    assert_eq!(message, &dala::hints::data_csv_unclosed_quote());
    // A tab in a file no template reads: an error all the same, said as YAML's common mistake.
    let (_, line, column, message) = at("data/unused.yml");
    assert_eq!((*line, *column), (Some(3), Some(1)));
    assert_eq!(
        message,
        &dala::hints::data_does_not_parse("YAML", &dala::hints::yaml_tab(3))
    );
    for (file, ..) in &found {
        let d = built.of(Kind::Data, file);
        assert!(
            !d.is_empty() || file.starts_with("templates/"),
            "{file}: {found:#?}"
        );
    }
}

#[test]
fn a_ragged_csv_row_is_an_error_at_its_line_and_the_output_is_left_as_it_was() {
    let built = site().build();
    built.assert_ok();
    let before = snapshot(&built.out);
    std::fs::write(
        built.root.join("data/tables/budget.csv"),
        "ministry,amount\nFinance,80\n\"Health,\nEducation\",40\nJustice,1,2\n",
    )
    .unwrap();
    let failure = rebuild(&built.root, &built.out).unwrap_err();
    let d: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.kind == Kind::Data)
        .collect();
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].path, built.root.join("data/tables/budget.csv"));
    assert_eq!(
        d[0].line,
        Some(5),
        "the row's own line, after a quoted line break"
    );
    assert_eq!(d[0].message, dala::hints::data_csv_ragged(3, 2));
    assert!(
        snapshot(&built.out) == before,
        "the output was left as it was"
    );

    // A column named twice is an error too.
    std::fs::write(built.root.join("data/tables/budget.csv"), "a,b,a\n1,2,3\n").unwrap();
    let failure = rebuild(&built.root, &built.out).unwrap_err();
    let d = failure
        .diagnostics
        .iter()
        .find(|d| d.kind == Kind::Data)
        .unwrap();
    assert_eq!(d.line, Some(1));
    assert_eq!(d.message, dala::hints::data_csv_column_twice("a"));
}

#[test]
fn an_edited_data_file_renders_again_what_read_it_and_nothing_else() {
    // The home's section template reads the countries too: listings follow their data.
    let built = site()
        .file(
            "templates/section.html",
            "<!doctype html><html lang=\"{{ lang }}\"><title>{{ section.title }}</title><main>{% for code, c in load_data(path=\"countries.json\") %}<p class=\"country\">{{ c.name }}</p>{% endfor %}</main></html>\n",
        )
        .build();
    built.assert_ok();
    let (root, out) = (&built.root, &built.out);

    let again = rebuild(root, out).unwrap();
    assert_eq!(
        again.pages_rendered, 0,
        "nothing changed: every page is kept"
    );

    std::fs::write(
        root.join("data/solutions.yaml"),
        SOLUTIONS.replace("myGov", "my.gov.uz"),
    )
    .unwrap();
    let edited = rebuild(root, out).unwrap();
    assert_eq!(
        edited.pages_rendered, 1,
        "only the page whose template reads it"
    );
    assert_eq!(
        edited.stats.changed.as_deref(),
        Some(&["en/data/index.html".to_string()][..])
    );
    let doc = html(&out.join("en/data/index.html"));
    let names: Vec<String> = select(&doc, "ul.solutions li")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(names, ["eGov", "my.gov.uz"]);
    assert_as_fresh(root, out);

    std::fs::write(
        root.join("data/countries.json"),
        COUNTRIES.replace("Kazakhstan", "Qazaqstan"),
    )
    .unwrap();
    let edited = rebuild(root, out).unwrap();
    assert_eq!(edited.pages_rendered, 1);
    let changed = edited.stats.changed.clone().unwrap();
    assert_eq!(
        changed,
        ["en/data/index.html", "en/index.html"],
        "the page and the home listing"
    );
    assert!(read(&out.join("en/index.html")).contains("Qazaqstan"));
    assert_as_fresh(root, out);

    // A file that no template reads, added: nothing to render again.
    std::fs::write(root.join("data/new.yaml"), "a: 1\n").unwrap();
    let added = rebuild(root, out).unwrap();
    assert_eq!(added.pages_rendered, 0);
    assert_eq!(added.stats.changed.as_deref(), Some(&[][..]));

    // A file that a page read, removed: the page is rendered again, and fails.
    std::fs::remove_file(root.join("data/tables/budget.csv")).unwrap();
    let failure = rebuild(root, out).unwrap_err();
    let d: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].message
            .starts_with(&dala::hints::data_missing("./tables/budget.csv")),
        "{}",
        d[0].message
    );
    std::fs::write(root.join("data/tables/budget.csv"), BUDGET).unwrap();
    rebuild(root, out).unwrap();
    assert_as_fresh(root, out);
}

#[test]
fn a_data_file_read_by_a_shortcode_renders_its_page_again() {
    let built = site()
        .file(
            "templates/shortcodes/solutions.html",
            "<ul class=\"short\">{% for s in load_data(path=\"solutions.yaml\") %}<li>{{ s.name }}</li>{% endfor %}</ul>",
        )
        .file("content/short.md", "---\ntitle: Short\n---\n{{ solutions() }}\n")
        .build();
    built.assert_ok();
    assert_eq!(built.texts("en/short/", "ul.short li"), ["eGov", "myGov"]);
    std::fs::write(
        built.root.join("data/solutions.yaml"),
        SOLUTIONS.replace("eGov", "eGov.kz"),
    )
    .unwrap();
    let edited = rebuild(&built.root, &built.out).unwrap();
    assert_eq!(
        edited.pages_rendered, 2,
        "the page of the shortcode and the data page"
    );
    assert_eq!(
        built.texts("en/short/", "ul.short li"),
        ["eGov.kz", "myGov"]
    );
    assert_as_fresh(&built.root, &built.out);
}

#[test]
fn a_change_under_data_is_a_whole_build_for_serve() {
    let built = site().build();
    built.assert_ok();
    let mut session = dala::build::Session::new(BuildOptions {
        root: built.root.clone(),
        output: Some(built.out.clone()),
        ..Default::default()
    });
    session.build().unwrap();
    std::fs::write(
        built.root.join("data/countries.json"),
        "{\"tj\": {\"name\": \"Tajikistan\"}}",
    )
    .unwrap();
    assert!(
        session.edit(&["data/countries.json".to_string()]).is_none(),
        "not a page's quick edit"
    );
    session.build().unwrap();
    assert_eq!(built.texts("en/data/", "ul.countries li"), ["Tajikistan"]);
    assert_as_fresh(&built.root, &built.out);
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let built = site().build();
    built.assert_ok();
    let first = snapshot(&built.out);
    // Keys written in another order, in every format that has keys.
    std::fs::write(
        built.root.join("data/countries.json"),
        "{\"kz\": {\"name\": \"Kazakhstan\"}, \"uz\": {\"name\": \"Uzbekistan\"}}",
    )
    .unwrap();
    for _ in 0..3 {
        let again = built.root.parent().unwrap().join("again");
        let _ = std::fs::remove_dir_all(&again);
        rebuild(&built.root, &again).unwrap();
        assert!(snapshot(&again) == first, "another build gave other bytes");
    }
}

#[test]
fn the_library_gives_each_record_its_line() {
    let root = site().write();
    let file = dala::data::load(&root, "solutions.yaml").unwrap();
    assert_eq!(file.records, [2, 6]);
    assert_eq!(file.value[1]["country"], "uz");
    let csv = dala::data::load(&root, "tables/budget.csv").unwrap();
    assert_eq!(csv.records, [2, 3]);
    let e = dala::data::load(&root, "nothing.json").unwrap_err();
    assert_eq!(e[0].path, root.join("data/nothing.json"));
    assert_eq!(e[0].message, dala::hints::data_missing("nothing.json"));
    assert!(dala::data::load(&root, "../site.yaml").is_err());
}

#[test]
fn hostile_data_files_are_errors_not_panics() {
    let laughs = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
    let deep = "[".repeat(100_000);
    let root = site()
        .file("data/keys.yaml", "? [a, b]\n: 1\n")
        .file("data/null.yaml", "x: 1\n~: 1\n")
        .file("data/laughs.yaml", laughs)
        .file("data/deep.json", &deep)
        .file("data/deep.yaml", &deep)
        .file("data/two.yaml", "a: 1\n---\nb: 2\n")
        .file("data/empty.yaml", "")
        .file("data/empty.csv", "")
        .file("data/tagged.yaml", "!thing 1\n")
        .write();
    std::fs::write(root.join("data/latin1.csv"), b"a,b\nCaf\xe9,1\n").unwrap();
    let out = root.parent().unwrap().join("public");
    let failure = rebuild(&root, &out).unwrap_err();
    let two = failure
        .diagnostics
        .iter()
        .find(|d| d.path == root.join("data/two.yaml"))
        .unwrap();
    assert_eq!(two.line, Some(2));
    assert_eq!(
        two.message,
        dala::hints::data_does_not_parse("YAML", &dala::hints::data_yaml_documents())
    );
    for file in [
        "keys.yaml",
        "null.yaml",
        "laughs.yaml",
        "deep.json",
        "deep.yaml",
        "two.yaml",
        "latin1.csv",
    ] {
        let path = root.join("data").join(file);
        let d: Vec<_> = failure
            .diagnostics
            .iter()
            .filter(|d| d.path == path)
            .collect();
        assert_eq!(d.len(), 1, "{file}: {:#?}", failure.diagnostics);
        assert!(
            d[0].is_error() && d[0].line.is_some(),
            "{file}: {:#?}",
            d[0]
        );
    }
    for file in ["empty.yaml", "empty.csv", "tagged.yaml"] {
        let path = root.join("data").join(file);
        assert!(
            failure.diagnostics.iter().all(|d| d.path != path),
            "{file}: {:#?}",
            failure.diagnostics
        );
    }
    let empty = dala::data::load(&root, "empty.csv").unwrap();
    assert_eq!(empty.value, serde_json::json!([]));
}
