//! The site model through the library, on sites written out in each test (see
//! `SiteTest`): orders with ties, links that climb above the root, and where problems are
//! reported.

mod common;
use common::*;
use dala::error::Severity;

fn article(title: &str, date: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n---\nText of {title}.\n")
}

#[test]
fn a_section_lists_its_pages_newest_first_and_ties_by_title() {
    let built = SiteTest::new()
        .file("content/notes/_index.md", "---\ntitle: Notes\n---\n")
        .file("content/notes/b.md", &article("Beta", "2026-03-01"))
        .file("content/notes/a.md", &article("Alpha", "2026-03-01"))
        .file("content/notes/c.md", &article("Ёлка", "2026-04-01"))
        .file("content/notes/d.md", &article("Delta", "2025-12-31"))
        .build();
    built.assert_ok();
    assert_eq!(
        built.texts("en/notes/", "li a"),
        ["Ёлка", "Alpha", "Beta", "Delta"]
    );
}

#[test]
fn a_content_link_that_climbs_above_content_is_an_error_at_its_line() {
    let built = SiteTest::new()
        .file(
            "content/notes/x.md",
            "---\ntitle: X\n---\nFirst line.\n\nSee [this](../../../outside.md).\n",
        )
        .build();
    assert!(built.result.is_err());
    let errors = built.at(Severity::Error, "content/notes/x.md");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, Some(6));
    assert!(errors[0].message.contains("leads out of content/"));
}

#[test]
fn a_link_to_a_missing_page_is_reported_once_at_its_line() {
    let built = SiteTest::new()
        .file(
            "content/a.md",
            "---\ntitle: A\n---\n[b](b.md) and [b again](b.md#part)\n",
        )
        .build();
    let errors = built.at(Severity::Error, "content/a.md");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().all(|e| e.line == Some(4)));
}

#[test]
fn heading_ids_and_attributes_through_the_library() {
    let built = SiteTest::new()
        .file(
            "content/a.md",
            "---\ntitle: A\n---\n## Бюджет 2026: итоги?\n\n## Бюджет 2026: итоги?\n\n## Kept {#kept .wide}\n",
        )
        .build();
    built.assert_ok();
    let doc = built.page("en/a/");
    let ids: Vec<&str> = select(&doc, "h2")
        .iter()
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert_eq!(ids, ["бюджет-2026-итоги", "бюджет-2026-итоги-1", "kept"]);
    assert_eq!(select(&doc, "h2.wide").len(), 1);
}
