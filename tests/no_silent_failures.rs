//! Mistakes that used to build without a word, or did the wrong thing (issue 13, part 3):
//! each is now an error or a warning at its file and line, saying what to do.

mod common;
use common::*;
use dala::error::{Diagnostic, Kind, Severity};

/// The diagnostics of `built` at `file` of `severity`, as (kind, line, column, message).
fn found(
    built: &Built,
    severity: Severity,
    file: &str,
) -> Vec<(Kind, Option<usize>, Option<usize>, String)> {
    built
        .at(severity, file)
        .into_iter()
        .map(|d: &Diagnostic| (d.kind, d.line, d.column, d.message.clone()))
        .collect()
}

#[test]
fn a_language_without_name_or_title_is_an_error_at_its_line() {
    let site = SiteTest::new().file(
        "site.yaml",
        "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  tg:\n    title: Сомона\n  ky:\n    name: Кыргызча\n  kk-Latn: { name: Qazaqşa, derive_from: kk }\n  kk: { name: Қазақша, title: Тест }\n  xx: { title: X }\n",
    );
    let built = site.build();
    assert_eq!(
        found(&built, Severity::Error, "site.yaml"),
        [
            (
                Kind::Config,
                Some(5),
                Some(3),
                "language `tg` has no `name`: add `name: Тоҷикӣ`, the name readers choose it by"
                    .to_string()
            ),
            (
                Kind::Config,
                Some(7),
                Some(3),
                "language `ky` has no `title`: add `title: ...`, the site's title in Кыргызча, shown at the top of every page and in the browser's tab".to_string()
            ),
            (
                Kind::Config,
                Some(11),
                Some(3),
                "language `xx` has no `name`: add `name: ...`, the name readers choose it by"
                    .to_string()
            ),
        ]
    );
    // The binary: exit 1, the line quoted.
    let root = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { title: Test }\n",
        )
        .write();
    let o = build(&root, &root.parent().unwrap().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("site.yaml:4:3: error: language `en` has no `name`: add `name: English`, the name readers choose it by\n    en: { title: Test }\n"),
        "{}",
        stderr(&o)
    );
}
