//! `dala check` finds each problem planted in tests/fixtures/check, and none in the hub.

mod common;
use common::*;
use std::path::Path;

#[test]
fn finds_every_planted_problem_with_its_file_and_line() {
    let site = site_copy("check");
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    for (at, message) in [
        ("content/articles/second.md:9: error:", "link `#nothing-here`: the page has no element with id `nothing-here`"),
        ("content/articles/second.md:9: error:", "link `/en/articles/good/#nowhere`: the page has no element with id `nowhere`"),
        ("content/articles/second.md:11: error:", "link `/en/articles/gone/` leads to nothing"),
        ("content/articles/second.md:11: warning:", "image `chart.png` has no alt text"),
        ("content/articles/second.md:1: error:", "need `summary`"),
        ("content/articles/second.md:4: error:", "`politics` is not allowed in `articles`"),
        ("content/articles/twin.md:2: error:", "the title `A Good Article` is also the title of content/articles/good.md"),
        ("content/news/x.md: error:", "the slug `x` is also the slug of content/articles/twin.md"),
        ("content/articles/good.md: error:", "link `/en/contact/` leads to nothing in the built site (a link the template puts on this page and 3 other pages)"),
        ("content/articles/twin.md: note:", "no `ru` translation"),
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(at) && l.contains(message)),
            "expected `{at} ... {message}` in:\n{out}"
        );
    }
    // The links that work are not reported.
    assert!(!out.contains("#why"), "{out}");
    assert!(!out.contains("#where-to-go"), "{out}");
    assert!(!out.contains("`/en/news/`"), "{out}");
    assert!(out.ends_with("check: 11 problems (3 notes)\n"), "{out}");

    // The same as JSON for CI.
    let o = dala(&[
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list.len(), 14);
    let anchor = list
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("#nothing-here"))
        .unwrap();
    assert_eq!(anchor["file"], "content/articles/second.md");
    assert_eq!(anchor["line"], 9);
    assert_eq!(anchor["severity"], "error");
}

#[test]
fn a_broken_site_reports_the_build_errors() {
    let site = site_copy("check");
    std::fs::write(
        site.join("content/articles/bad.md"),
        "---\ntitle: [x\n---\n",
    )
    .unwrap();
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("content/articles/bad.md:3: error:"), "{out}");
}

#[test]
fn the_hub_is_fit_to_publish() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = dala(&["check", "--root", root.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(out.contains("check: no problems"), "{out}");
    // The translations left out on purpose are listed as notes.
    assert!(
        out.contains("content/articles/e-participation.md: note: no `kk` translation"),
        "{out}"
    );
}
