//! The hub site in this repository: it builds, and its pages carry what crawlers and
//! feed readers need.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("hub").join("public");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let o = build(root, &out, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            !stderr(&o).contains("warning"),
            "the hub builds without warnings:\n{}",
            stderr(&o)
        );
        out
    })
}

#[test]
fn articles_carry_json_ld_and_open_graph_in_their_language() {
    for lang in ["en", "ru", "kk", "kk-Latn"] {
        let doc = html(&built().join(format!("{lang}/articles/digital-id/index.html")));
        let script = select(&doc, "script[type='application/ld+json']");
        let data: serde_json::Value =
            serde_json::from_str(&script[0].text().collect::<String>()).unwrap();
        assert_eq!(data["@type"], "Article");
        assert_eq!(data["inLanguage"], lang);
        assert_eq!(
            data["url"],
            format!("https://hub.example.org/{lang}/articles/digital-id/")
        );
        let og_url = attr(&doc, "meta[property='og:url']", "content");
        assert_eq!(og_url.as_deref(), Some(data["url"].as_str().unwrap()));
    }
}

#[test]
fn feeds_per_language_and_section_with_absolute_urls() {
    for feed in [
        "ru/atom.xml",
        "ru/articles/atom.xml",
        "kk/articles/atom.xml",
    ] {
        let xml = read(&built().join(feed));
        assert!(
            xml.contains(&format!("<id>https://hub.example.org/{feed}</id>")),
            "{feed}"
        );
        assert!(xml.matches("<entry").count() >= 6, "{feed}");
        assert!(xml.contains("<updated>2026-"), "{feed}");
        assert!(!xml.contains("href=\"/"), "{feed}: only absolute links");
    }
    let robots = read(&built().join("robots.txt"));
    assert!(
        robots.contains("Sitemap: https://hub.example.org/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn countries_goals_and_building_blocks_are_browsable() {
    let doc = html(&built().join("kk/countries/index.html"));
    let names: Vec<String> = select(&doc, ".terms-list a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert!(names.contains(&"Қазақстан".to_string()), "{names:?}");
    assert!(built().join("ru/sdgs/16/index.html").exists());
    assert!(built()
        .join("en/building_blocks/identity/index.html")
        .exists());
}

#[test]
fn a_second_build_of_the_unchanged_hub_renders_nothing() {
    let out = scratch("hub-twice").join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(build(root, &out, &[]).status.code(), Some(0));
    let again = build(root, &out, &[]);
    let summary = String::from_utf8_lossy(&again.stdout);
    assert!(
        summary.contains("(0 rendered") && summary.contains("(0 written"),
        "{summary}"
    );
}
