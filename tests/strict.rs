//! The severity rule of every command: errors fail `build` and `check`; warnings are
//! printed and fail them only with `--strict`, which then leaves the output as it was.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// The docs fixture with the repository's themes and one warning: a code block in a
/// language no highlighter knows.
fn site_with_a_warning() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = site_copy("docs");
    copy_dir(&root.join("themes"), &site.join("themes"));
    let page = site.join("content/guide/install.md");
    let text = read(&page);
    std::fs::write(&page, format!("{text}\n```klingon\nQapla'\n```\n")).unwrap();
    site
}

#[test]
fn a_warning_fails_build_only_with_strict_and_then_leaves_the_output() {
    let site = site_with_a_warning();
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: "), "{}", stderr(&o));
    let page = out.join("en/guide/install/index.html");
    let before = read(&page);

    // Another change, then a strict build: it fails on the warning and writes nothing.
    let source = site.join("content/guide/install.md");
    std::fs::write(&source, read(&source).replace("Qapla'", "Qapla' batlh")).unwrap();
    let o = build(&site, &out, &["--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("warning: "), "{err}");
    assert!(
        err.contains(
            "build failed with 1 warning (--strict); the output folder was left as it was"
        ),
        "{err}"
    );
    assert_eq!(
        read(&page),
        before,
        "a strict build that fails writes nothing"
    );
}

#[test]
fn a_warning_fails_check_only_with_strict() {
    let site = site_with_a_warning();
    let root = site.to_str().unwrap();
    let o = dala(&["check", "--root", root]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(out.lines().any(|l| l.contains("warning: ")), "{out}");
    let last = out.lines().last().unwrap_or("");
    assert!(
        last.starts_with("check: 1 warning (")
            && last.ends_with("; warnings fail the check only with --strict"),
        "{last}"
    );

    let o = dala(&["check", "--root", root, "--strict"]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.lines()
            .last()
            .unwrap_or("")
            .starts_with("check: 1 warning ("),
        "{out}"
    );
}
