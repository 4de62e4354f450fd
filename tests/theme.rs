//! The hub theme on sites that are not the hub (see `SiteTest`): its interface strings come
//! from the theme, what describes the site from `site.yaml`.

mod common;
use common::*;
use std::path::Path;

/// The starting site of `SiteTest` with the hub theme of this repository instead of its own
/// templates, and no `i18n/`.
fn with_hub_theme(site_yaml: &str) -> SiteTest {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut site = SiteTest::new()
        .without("templates/page.html")
        .without("templates/section.html")
        .file("site.yaml", site_yaml);
    for entry in walkdir::WalkDir::new(root.join("themes/hub")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            site = site.file(&rel, &read(entry.path()));
        }
    }
    site
}

const DOCS: &str = "base_url: https://docs.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Tool docs, description: How to install and run the tool. }\n  ru: { name: Русский, title: Документация, description: Как установить и запустить инструмент. }\n  kk: { name: Қазақша, title: Құжаттама, description: Құралды орнату және іске қосу жолы. }\n  kk-Latn: { name: Qazaqşa, derive_from: kk }\ntheme: hub\ntaxonomies: [tags, countries, sdgs]\nsearch: true\n";

fn section(title: &str, weight: Option<i64>) -> String {
    match weight {
        Some(w) => format!("---\ntitle: {title}\nweight: {w}\n---\n"),
        None => format!("---\ntitle: {title}\n---\n"),
    }
}

#[test]
fn the_hub_theme_builds_without_i18n_and_says_nothing_of_the_hub() {
    let built = with_hub_theme(DOCS)
        .file("content/_index.ru.md", "---\ntitle: Главная\n---\n")
        .file("content/guide/_index.md", &section("Guide", None))
        .file(
            "content/guide/install.md",
            "---\ntitle: Install\ndate: 2026-01-02\ntags: [setup]\ncountries: [kz]\nsdgs: [9]\n---\nText.\n",
        )
        .file(
            "content/guide/install.ru.md",
            "---\ntitle: Установка\ndate: 2026-01-02\ntags: [setup]\n---\nТекст.\n",
        )
        .build();
    built.assert_ok();
    assert!(built.diagnostics().is_empty(), "{:?}", built.diagnostics());
    assert!(!built.root.join("i18n").exists());
    let pages = [
        "en/",
        "ru/",
        "kk-Latn/",
        "en/guide/",
        "en/guide/install/",
        "ru/guide/install/",
        "en/tags/setup/",
        "en/search/",
        "404.html",
        "index.html",
    ];
    for page in pages {
        let html = read(&built.out.join(if page.ends_with('/') {
            format!("{page}index.html")
        } else {
            page.to_string()
        }));
        for words in [
            "Central Asia",
            "Центральной Азии",
            "Орталық Азия",
            "GovStack",
            "Hub",
            "Хаб",
        ] {
            assert!(!html.contains(words), "{page} says `{words}`");
        }
    }
    // What describes the site comes from site.yaml: the meta description and the footer.
    let description = |page: &str| attr(&built.page(page), "meta[name='description']", "content");
    assert_eq!(
        description("en/").as_deref(),
        Some("How to install and run the tool.")
    );
    assert_eq!(description("ru/guide/install/").as_deref(), Some("Текст."));
    assert_eq!(
        built.texts("ru/", "footer p")[0],
        "Как установить и запустить инструмент."
    );
    // A language made by transliteration has its parent's, transliterated.
    assert_eq!(
        built.texts("kk-Latn/", "footer p")[0],
        "Qūraldy ornatu jäne ıske qosu joly."
    );
    // The theme's own strings, in each language.
    assert_eq!(built.texts("ru/", "a.skip"), ["Перейти к содержимому"]);
    assert_eq!(built.texts("kk/", "a.skip"), ["Негізгі мазмұнға өту"]);
}
