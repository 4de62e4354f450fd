//! Other people's documentation with the hub theme (`tests/fixtures/docs`): sections not
//! called `articles`, no `i18n/` of its own, code in many languages, wide tables and a page
//! only in Russian. It builds without a warning, links nowhere that does not exist, and
//! shows nothing of the hub.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture with the repository's themes copied in, built once.
fn built() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = site_copy("docs");
        copy_dir(&root.join("themes"), &site.join("themes"));
        assert!(!site.join("i18n").exists());
        let out = site.parent().unwrap().join("public");
        let o = build(&site, &out, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stderr(&o).matches("warning").count(), 0, "{}", stderr(&o));
        (site, out)
    })
}

fn page(path: &str) -> scraper::Html {
    html(&built().1.join(path).join("index.html"))
}

#[test]
fn the_menu_is_the_sites_own_sections() {
    for (lang, guide, reference) in [
        ("en", "Guide", "Reference"),
        ("ru", "Руководство", "Справочник"),
        ("kk", "Нұсқаулық", "Анықтамалық"),
    ] {
        let doc = page(&format!("{lang}/guide/install"));
        let links: Vec<(String, String)> = select(&doc, "header nav a")
            .iter()
            .map(|a| {
                let text: String = a.text().collect();
                (
                    a.value().attr("href").unwrap_or("").to_string(),
                    text.trim().to_string(),
                )
            })
            .collect();
        assert!(
            links.iter().all(|(href, _)| !href.contains("/articles/")),
            "{lang}: {links:?}"
        );
        let position = |href: &str| links.iter().position(|(h, _)| h == href);
        let (g, r) = (
            position(&format!("/{lang}/guide/")),
            position(&format!("/{lang}/reference/")),
        );
        assert!(g.is_some() && r.is_some() && g < r, "{lang}: {links:?}");
        assert_eq!(links[g.unwrap()].1, guide);
        assert_eq!(links[r.unwrap()].1, reference);
    }
}

#[test]
fn check_finds_no_broken_link() {
    let (site, _) = built();
    let o = dala(&["check", "--root", &site.to_string_lossy()]);
    let err = stderr(&o) + &String::from_utf8_lossy(&o.stdout);
    assert!(!err.contains("error"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
}

#[test]
fn nothing_of_the_hub_shows() {
    for path in ["en", "ru/guide/install", "kk/reference/options"] {
        let file = built().1.join(path).join("index.html");
        let text = std::fs::read_to_string(&file).unwrap();
        for hub in [
            "Central Asia",
            "Центральной Азии",
            "Орталық Азия",
            "Digital Government Hub",
        ] {
            assert!(!text.contains(hub), "{path} mentions `{hub}`");
        }
    }
}

#[test]
fn every_code_block_is_highlighted() {
    for path in [
        "en/guide/install",
        "en/guide/components",
        "ru/reference/internals",
    ] {
        let doc = page(path);
        let blocks = select(&doc, "pre[data-lang]");
        assert!(!blocks.is_empty(), "{path}");
        for block in blocks {
            let lang = block.value().attr("data-lang").unwrap();
            let spans = block
                .select(&scraper::Selector::parse("span[class]").unwrap())
                .count();
            assert!(spans > 0, "{path}: the `{lang}` block has no highlighting");
        }
    }
}

#[test]
fn wide_tables_scroll_in_a_labelled_region() {
    for (path, label) in [
        ("en/reference/options", "Table"),
        ("kk/reference/options", "Кесте"),
    ] {
        let doc = page(path);
        // Both tables, the raw HTML one too: a keyboard must be able to scroll each.
        let regions = select(&doc, "[role=region][tabindex='0'] table");
        assert_eq!(
            regions.len(),
            2,
            "{path}: a table outside a focusable region"
        );
        assert_eq!(select(&doc, "main table").len(), 2, "{path}");
        let labels: Vec<&str> = select(&doc, "[role=region][tabindex='0']")
            .iter()
            .filter_map(|r| r.value().attr("aria-label"))
            .collect();
        assert!(
            labels.iter().all(|l| l.contains(label)),
            "{path}: {labels:?}"
        );
    }
}

#[test]
fn a_page_only_in_russian_is_published_and_listed() {
    let doc = page("ru/reference");
    let links: Vec<String> = select(&doc, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        links.iter().any(|l| l == "/ru/reference/internals/"),
        "{links:?}"
    );
    assert!(built()
        .1
        .join("ru/reference/internals/index.html")
        .is_file());
}
