//! The mistakes editors make most, each reported at its file and line with a message that
//! says what is wrong and what to do (issue 13).

mod common;
use common::*;
use dala::error::{Diagnostic, Kind, Severity};

/// The one error of `built` at `file`, its line and message.
fn only_error<'a>(built: &'a Built, file: &str) -> &'a Diagnostic {
    let errors = built.at(Severity::Error, file);
    assert_eq!(errors.len(), 1, "{:#?}", built.diagnostics());
    errors[0]
}

/// The message of the error at `file` with its line, for a page of front matter `yaml`.
fn front_matter_error(yaml: &str) -> (Option<usize>, String) {
    let built = SiteTest::new()
        .file("content/x.md", &format!("---\n{yaml}---\nText.\n"))
        .build();
    let d = only_error(&built, "content/x.md");
    (d.line, d.message.clone())
}

#[test]
fn a_tab_in_yaml_is_named_at_its_line() {
    let built = SiteTest::new()
        .file(
            "content/x.md",
            "---\ntitle: X\ndate: 2026-01-01\ntags:\n  - one\n  - two\n\t- three\n---\nText.\n",
        )
        .build();
    let d = only_error(&built, "content/x.md");
    assert_eq!(d.kind, Kind::Yaml);
    assert_eq!((d.line, d.column), (Some(7), Some(1)));
    assert_eq!(
        d.message,
        "a tab at line 7: YAML indents with spaces; replace the tab with spaces"
    );
    assert!(d.to_string().ends_with("\n  \t- three\n  ^^^^^^^^"), "{d}");
}

#[test]
fn a_title_with_a_colon_is_to_be_quoted() {
    let built = SiteTest::new()
        .file(
            "content/x.md",
            "---\ntitle: Подпись: как получить\n---\nText.\n",
        )
        .build();
    let d = only_error(&built, "content/x.md");
    assert_eq!((d.line, d.column), (Some(2), Some(15)));
    assert_eq!(
        d.message,
        "the title contains `: `; put it in quotes: `title: \"Подпись: как получить\"`"
    );
    assert!(
        d.to_string()
            .ends_with("\n  title: Подпись: как получить\n                ^^^^^^^^^^^^^^"),
        "{d}"
    );
    // Any key: its name is said.
    let (line, message) = front_matter_error("title: X\nsummary: Шаг 1: заявление\n");
    assert_eq!(line, Some(3));
    assert_eq!(
        message,
        "the summary contains `: `; put it in quotes: `summary: \"Шаг 1: заявление\"`"
    );
}
