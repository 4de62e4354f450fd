//! Property tests of dala's own parsers of untrusted text: front matter splitting and
//! checking, the shortcode call parser, the Markdown passes (links, heading ids,
//! attributes, shortcodes), and the validation of `site.yaml` and interface strings over
//! YAML built from hostile pieces. Not serde_yaml itself.
//!
//! Each input is put together from pieces that have broken parsers before (fences, braces,
//! `---` lines, schemes in disguise, Cyrillic, CRLF, NUL) and random characters. What must
//! hold: no panic, every error has a line inside the file, and with raw HTML off no output
//! can run script. `PROPTEST_CASES` sets the number of inputs (256 by default; the longer
//! runs are described in docs/security.md). The files in `tests/fuzz-corpus/` are inputs
//! worth keeping (past findings and near misses); each is checked the same way on every run.

use dala::config::Config;
use dala::content::front_matter::{self, FrontMatter};
use dala::error::Diagnostic;
use dala::highlight::Highlighter;
use dala::markdown::{self, LinkResolution};
use dala::typography::Typography;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

const PIECES: &[&str] = &[
    "---\n",
    "---",
    "title: ",
    "title: A\n",
    "slug: ",
    "aliases:\n  - ",
    "date: 2026-01-01\n",
    "tags: [",
    "extra: {",
    "draft: true\n",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\t",
    "- ",
    ": ",
    "\"",
    "'",
    "\\",
    "{{",
    "}}",
    "{%",
    "%}",
    "{% end %}",
    "{{/*",
    "*/}}",
    "figure(src=\"",
    "note(",
    ")",
    "(",
    "=",
    ",",
    "[",
    "]",
    "](",
    "![",
    "[x]: ",
    "<",
    ">",
    "<script>",
    "<!-- more -->",
    "javascript:",
    "JaVaScRiPt&colon;",
    "&#106;",
    "&#x6A;",
    "data:",
    "https://x.org/",
    "@/articles/x.md",
    "../",
    "#",
    "## ",
    "# ",
    "{#",
    "{.",
    "{",
    "}",
    " onfocus=alert(1)",
    "```",
    "~~~",
    "```rust\n",
    "    ",
    "|",
    "| --- |",
    "*",
    "_",
    "`",
    "Цифрлық үкімет",
    "қызметтері",
    "Ё",
    "\u{0}",
    "\u{200b}",
    "\u{e000}",
    "\u{e001}",
    "\u{feff}",
    "0",
    "99999999999999999999",
];

fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        Config::parse(
            "base_url: https://x.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: X }\n  ru: { name: Русский, title: X }\ntaxonomies: [tags, countries]\n",
            Path::new("site.yaml"),
        )
        .unwrap()
    })
}

fn highlighter() -> &'static Highlighter {
    static H: OnceLock<Highlighter> = OnceLock::new();
    H.get_or_init(Highlighter::default)
}

/// Every diagnostic has a line, and it lies inside a text of `lines` lines.
fn located(diagnostics: &[Diagnostic], lines: usize) -> Result<(), TestCaseError> {
    for d in diagnostics {
        if let Some(line) = d.line {
            prop_assert!(
                line >= 1 && line <= lines.max(1) + 1,
                "{d} (of {lines} lines)"
            );
        }
    }
    Ok(())
}

/// Front matter, split and checked: errors at lines of the file, no panic.
fn check_front_matter(text: &str) -> Result<(), TestCaseError> {
    let path = Path::new("content/x.md");
    let lines = text.lines().count();
    match front_matter::split(text, path) {
        Err(d) => located(&[d], lines)?,
        Ok(split) => {
            prop_assert!(split.body_line >= 2);
            for is_section in [false, true] {
                if let Err(errors) = FrontMatter::parse(split.yaml, path, config(), is_section) {
                    prop_assert!(!errors.is_empty());
                    located(&errors, lines)?;
                }
            }
        }
    }
    Ok(())
}

/// Shortcodes then Markdown, raw HTML off: no panic, lines inside the file, and nothing in
/// the HTML that could run script.
fn check_markdown(text: &str) -> Result<(), TestCaseError> {
    let path = Path::new("content/x.md");
    let lines = text.lines().count();
    let mut diagnostics = Vec::new();
    let (body, calls) = dala::shortcode::extract(text, 1, path, &mut diagnostics);
    prop_assert_eq!(
        body.matches('\n').count(),
        text.matches('\n').count(),
        "shortcodes keep every line"
    );
    dala::shortcode::check_urls(&calls, path, &mut diagnostics);
    let input = markdown::Input {
        body: &body,
        path,
        first_line: 1,
        unsafe_html: false,
        highlighter: highlighter(),
        typography: Typography::new(Typography::GUILLEMETS, true),
        transliterate: None,
        turkic_case: false,
        want_text: true,
        table_label: "Table",
        images: None,
    };
    let resolve = |dest: &str| {
        if markdown::is_content_link(dest) {
            LinkResolution::Resolved("/en/x/".into())
        } else {
            LinkResolution::External
        }
    };
    let rendered = markdown::render(&input, &resolve, &mut diagnostics);
    located(&diagnostics, lines)?;
    let doc = scraper::Html::parse_fragment(&rendered.html);
    for node in doc.tree.nodes() {
        if let Some(element) = node.value().as_element() {
            prop_assert!(
                !matches!(
                    element.name(),
                    "script" | "iframe" | "object" | "embed" | "style"
                ),
                "a <{}> element in {:?}",
                element.name(),
                rendered.html
            );
            for (name, value) in element.attrs() {
                prop_assert!(!name.starts_with("on"), "{name}= in {:?}", rendered.html);
                if matches!(name, "href" | "src") {
                    prop_assert!(
                        dala::safe::check_url(value).is_ok(),
                        "{name}={value:?} in {:?}",
                        rendered.html
                    );
                }
            }
        }
    }
    let mut ids: Vec<&str> = rendered.toc.iter().map(|e| e.id.as_str()).collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    prop_assert_eq!(ids.len(), all, "heading ids are unique");
    Ok(())
}

/// `site.yaml` validation: errors at lines of the file, no panic.
fn check_config(text: &str) -> Result<(), TestCaseError> {
    let lines = text.lines().count();
    if let Err(errors) = Config::parse(text, Path::new("site.yaml")) {
        prop_assert!(!errors.is_empty());
        located(&errors, lines)?;
    }
    Ok(())
}

/// Interface strings: any YAML in `i18n/ru.yaml` loads or gives errors, never a panic.
fn check_strings(text: &str) -> Result<(), TestCaseError> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "dala-fuzz-i18n-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ru.yaml"), text).unwrap();
    let mut diagnostics = Vec::new();
    let _ = dala::i18n::Strings::load(&[dir.as_path()], config(), &mut diagnostics);
    located(&diagnostics, text.lines().count())?;
    Ok(())
}

/// A YAML document put together from keys the parsers know and hostile values.
fn hostile_yaml(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    let value = prop_oneof![
        hostile_text().prop_map(|t| format!("{t:?}")),
        hostile_text(),
        Just("[a, b, 1]".to_string()),
        Just("{ one: a, few: b, many: c, other: d }".to_string()),
        Just("{ name: X, title: Y, fallback: [en], slugs: ascii }".to_string()),
        Just("~".to_string()),
        Just("-1".to_string()),
        Just("&a [*a, *a]".to_string()),
    ];
    let line = (proptest::sample::select(keys), value).prop_map(|(k, v)| format!("{k}: {v}\n"));
    prop::collection::vec(line, 0..10).prop_map(|v| v.concat())
}

/// The keys of `site.yaml`, a language code and a key it does not know.
fn site_keys() -> &'static [&'static str] {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = dala::config::SITE_KEYS.to_vec();
        keys.extend(["en", "colour"]);
        keys
    })
}

const STRING_KEYS: &[&str] = &["home", "articles_count", "tags", "published", "x"];

/// Every input goes through [`dala::source::normalize_newlines`] first, as every file the
/// build reads does.
fn as_read(text: String) -> String {
    dala::source::normalize_newlines(text)
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("tests/fuzz.proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn front_matter_never_panics(text in hostile_text().prop_map(as_read)) {
        check_front_matter(&text)?;
        check_front_matter(&format!("---\n{text}\n---\n{text}"))?;
    }

    #[test]
    fn markdown_never_runs_script(text in hostile_text().prop_map(as_read)) {
        check_markdown(&text)?;
    }

    #[test]
    fn site_config_never_panics(text in hostile_yaml(site_keys()).prop_map(as_read)) {
        check_config(&text)?;
    }

    #[test]
    fn interface_strings_never_panic(text in hostile_yaml(STRING_KEYS).prop_map(as_read)) {
        check_strings(&text)?;
    }
}

/// The kept inputs: each file of `tests/fuzz-corpus/` through every check.
#[test]
fn the_corpus_of_kept_inputs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = as_read(String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned());
        let name = path.display().to_string();
        check_front_matter(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_markdown(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_config(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_strings(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        n += 1;
    }
    assert!(n >= 5, "the corpus is there");
}
