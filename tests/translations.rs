//! `dala translations`: which translations exist, are missing, out of date or orphaned.

mod common;
use common::*;
use std::path::Path;

fn report(site: &Path) -> serde_json::Value {
    let o = dala(&[
        "translations",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The status of `page` in `lang`.
fn status(report: &serde_json::Value, page: &str, lang: &str) -> String {
    let row = report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["page"] == page)
        .unwrap_or_else(|| panic!("{page}"));
    let cell = row["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["lang"] == lang)
        .unwrap();
    cell["status"].as_str().unwrap().to_string()
}

#[test]
fn missing_unknown_outdated_originals_and_orphans() {
    let site = site_copy("multilingual");
    let r = report(&site);
    assert_eq!(status(&r, "articles/digital-id", "en"), "original");
    assert_eq!(
        status(&r, "articles/digital-id", "ru"),
        "unknown",
        "never marked"
    );
    assert_eq!(status(&r, "articles/open-data", "kk"), "missing");

    // Marking records the original's hash: the translation is up to date.
    let ru = site.join("content/articles/digital-id.ru.md");
    let o = dala(&[
        "translations",
        "--root",
        site.to_str().unwrap(),
        "--mark",
        ru.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(read(&ru).contains("original_hash: \""));
    assert_eq!(
        status(&report(&site), "articles/digital-id", "ru"),
        "up-to-date"
    );

    // The original changes: the translation is out of date, in the report and on the page.
    let en = site.join("content/articles/digital-id.md");
    std::fs::write(
        &en,
        read(&en).replace("Intro paragraph", "A new intro paragraph"),
    )
    .unwrap();
    assert_eq!(
        status(&report(&site), "articles/digital-id", "ru"),
        "outdated"
    );
    let out = site.parent().unwrap().join("public");
    assert_eq!(build(&site, &out, &[]).status.code(), Some(0));
    let page = html(&out.join("ru/articles/digital-id/index.html"));
    assert_eq!(select(&page, "p.outdated").len(), 1, "the page says so");
    let kk = html(&out.join("kk/articles/digital-id/index.html"));
    assert!(select(&kk, "p.outdated").is_empty());

    // A page only in Russian: the Russian version is its original.
    std::fs::write(
        site.join("content/articles/only-here.ru.md"),
        "---\ntitle: Только здесь\n---\nТекст.\n",
    )
    .unwrap();
    let r = report(&site);
    assert_eq!(status(&r, "articles/only-here", "ru"), "original");
    assert_eq!(status(&r, "articles/only-here", "en"), "missing");
    // A translation whose own `original:` names a version that does not exist: an orphan.
    std::fs::write(
        site.join("content/articles/orphaned.ru.md"),
        "---\ntitle: Без оригинала\noriginal: kk\n---\nТекст.\n",
    )
    .unwrap();
    let r = report(&site);
    assert_eq!(status(&r, "articles/orphaned", "ru"), "orphan");
    assert_eq!(status(&r, "articles/orphaned", "kk"), "missing");

    // The same as a table.
    let o = dala(&["translations", "--root", site.to_str().unwrap()]);
    let table = String::from_utf8_lossy(&o.stdout);
    let row = table
        .lines()
        .find(|l| l.starts_with("articles/digital-id "))
        .unwrap_or_else(|| panic!("{table}"));
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["articles/digital-id", "original", "outdated", "unknown"]
    );
    assert!(
        table.contains("orphan") && table.contains("missing"),
        "{table}"
    );
}

#[test]
fn marking_an_original_is_refused() {
    let site = site_copy("multilingual");
    let en = site.join("content/articles/digital-id.md");
    let o = dala(&[
        "translations",
        "--root",
        site.to_str().unwrap(),
        "--mark",
        en.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("this is the original"),
        "{}",
        stderr(&o)
    );
}
