//! The site model through the library, on sites written out in each test (see
//! `SiteTest`): orders with ties, links that climb above the root, and where problems are
//! reported.

mod common;
use common::*;
use dala::error::{Kind, Severity};

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
    assert_eq!((errors[0].kind, errors[0].line), (Kind::Link, Some(6)));
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
    assert!(errors
        .iter()
        .all(|e| (e.kind, e.line) == (Kind::Link, Some(4))));
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

#[test]
fn a_broken_link_is_quoted_with_a_caret_under_it() {
    let built = SiteTest::new()
        .file(
            "content/a.md",
            "---\ntitle: A\n---\nFirst.\n\nSee\t[the plan](plan.md) today.\n",
        )
        .build();
    let links = built.of(Kind::Link, "content/a.md");
    assert_eq!(links.len(), 1, "{links:?}");
    let excerpt = links[0].excerpt.as_deref().expect("an excerpt");
    assert_eq!(excerpt.text, "See\t[the plan](plan.md) today.");
    assert_eq!((excerpt.start, excerpt.width), (15, 7));
    // Printed under the message; the tab kept so that the caret stays under the link.
    let printed = links[0].to_string();
    let lines: Vec<&str> = printed.lines().collect();
    assert!(lines[0].contains("content/a.md:6: error: "), "{printed}");
    assert_eq!(
        lines[1..],
        [
            "  See\t[the plan](plan.md) today.",
            "     \t           ^^^^^^^"
        ]
    );
}

#[test]
fn a_front_matter_problem_has_its_kind_place_and_excerpt() {
    let built = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\nweight: heavy\n---\n")
        .file("content/b.md", "---\ntitle: B\nsummary: a: b\n---\n")
        .file("content/c.md", "no front matter\n")
        .build();
    let a = built.of(Kind::FrontMatter, "content/a.md");
    assert_eq!((a[0].line, a[0].column), (Some(3), Some(1)));
    let excerpt = a[0].excerpt.as_deref().unwrap();
    assert_eq!(
        (excerpt.text.as_str(), excerpt.start, excerpt.width),
        ("weight: heavy", 0, 13)
    );
    let b = built.of(Kind::Yaml, "content/b.md");
    assert_eq!(b.len(), 1, "{:?}", built.diagnostics());
    assert_eq!(b[0].line, Some(3));
    assert_eq!(b[0].excerpt.as_deref().unwrap().text, "summary: a: b");
    let c = built.of(Kind::FrontMatter, "content/c.md");
    assert_eq!(c[0].line, Some(1));
    assert_eq!(c[0].excerpt.as_deref().unwrap().text, "no front matter");
}

/// A language the highlighter does not know is said once per build, at its first block,
/// listing the others; a build that keeps the pages from the last one says the same.
#[test]
fn an_unknown_code_language_is_one_warning_per_build_listing_where() {
    let block = |lang: &str| format!("```{lang}\n<x>\n```\n");
    let built = SiteTest::new()
        .file(
            "content/a.md",
            &format!(
                "---\ntitle: A\n---\n{}\n{}\n{}",
                block("klingon"),
                block("vulcan"),
                block("klingon")
            ),
        )
        .file(
            "content/b.md",
            &format!("---\ntitle: B\n---\n{}\n{}", block("klingon"), block("jsx")),
        )
        .build();
    built.assert_ok();
    let unknown = |warnings: &[dala::error::Diagnostic]| -> Vec<String> {
        warnings
            .iter()
            .filter(|d| d.kind == Kind::CodeBlock)
            .map(|d| {
                let path = d.path.strip_prefix(&built.root).unwrap().display();
                format!("{path}:{}: {}", d.line.unwrap(), d.message)
                    .replace(&format!("{}/", built.root.display()), "")
            })
            .collect()
    };
    let expected = [
        "content/a.md:4: unknown language `klingon` in a code block: shown without highlighting (and in 2 other places: content/a.md:12, content/b.md:4)",
        "content/a.md:8: unknown language `vulcan` in a code block: shown without highlighting",
    ];
    assert_eq!(unknown(built.diagnostics()), expected);
    // The blocks are there, plain; `jsx` is known.
    assert_eq!(
        built.texts("en/a/", "pre.code[data-lang=klingon]"),
        ["<x>\n"; 2]
    );
    assert_eq!(
        built.texts("en/b/", "pre.code[data-lang=jsx] span.g"),
        ["x"]
    );

    let again = dala::build::build(&dala::build::BuildOptions {
        root: built.root.clone(),
        output: Some(built.out.clone()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(again.pages_rendered, 0, "the pages are kept");
    assert_eq!(unknown(&again.warnings), expected);
}
