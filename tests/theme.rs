//! The hub theme on sites that are not the hub (see `SiteTest`): its menu comes from the
//! site, its interface strings from the theme, what describes the site from `site.yaml`;
//! tables scroll in labelled regions, and many languages fold into a disclosure.

mod common;
use common::*;
use dala::error::{Kind, Severity};
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

/// (text, href) of the main navigation's links.
fn menu(built: &Built, page: &str) -> Vec<(String, String)> {
    let doc = built.page(page);
    select(&doc, "header nav:not(.languages) a")
        .iter()
        .map(|a| {
            let href = a.value().attr("href").unwrap_or("").to_string();
            (a.text().collect(), href)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_menu_is_the_top_level_sections_by_weight_then_title() {
    let built = with_hub_theme(DOCS)
        .file("content/guide/_index.md", &section("Guide", Some(2)))
        .file("content/guide/_index.ru.md", &section("Руководство", None))
        .file(
            "content/reference/_index.md",
            &section("Reference", Some(1)),
        )
        .file("content/faq/_index.md", &section("Questions", None))
        .file("content/changes/_index.md", &section("Changelog", None))
        .file(
            "content/guide/advanced/_index.md",
            &section("Advanced", None),
        )
        .file(
            "content/guide/install.md",
            "---\ntitle: Install\n---\nText.\n",
        )
        .build();
    built.assert_ok();
    assert_eq!(
        menu(&built, "en/guide/install/"),
        pairs(&[
            ("Home", "/en/"),
            ("Reference", "/en/reference/"),
            ("Guide", "/en/guide/"),
            ("Changelog", "/en/changes/"),
            ("Questions", "/en/faq/"),
            ("Tags", "/en/tags/"),
            ("Search", "/en/search/"),
        ])
    );
    // The page's section is marked; its own page would be marked as the page.
    let doc = built.page("en/guide/install/");
    let current = attr(&doc, "header nav a[aria-current]", "href");
    assert_eq!(current.as_deref(), Some("/en/guide/"));
    // Russian has only the guide, which keeps the original's weight; Kazakh has no section.
    assert_eq!(
        menu(&built, "ru/")[..2],
        pairs(&[("Главная", "/ru/"), ("Руководство", "/ru/guide/")])
    );
    assert_eq!(menu(&built, "kk/")[1], pairs(&[("Тегтер", "/kk/tags/")])[0]);
    // No page links a section the site does not have.
    for page in ["en/", "ru/", "kk/", "en/guide/install/", "404.html"] {
        let doc = built.page(page);
        assert!(
            select(&doc, "a[href$='/articles/']").is_empty(),
            "{page} links articles/"
        );
    }
}

#[test]
fn menu_in_site_yaml_replaces_the_sections_with_labels_per_language() {
    let site_yaml = format!(
        "{DOCS}menu:\n  - section: reference\n  - path: tags/\n    label: {{ en: Topics, ru: Темы, kk: Тақырыптар }}\n  - section: guide\n    label: {{ en: How-to, kk: Нұсқаулық }}\n  - path: /files/manual.pdf\n    label: Manual (PDF)\n"
    );
    let built = with_hub_theme(&site_yaml)
        .file("content/guide/_index.md", &section("Guide", Some(1)))
        .file("content/guide/_index.ru.md", &section("Руководство", None))
        .file("content/guide/_index.kk.md", &section("Басшылық", None))
        .file(
            "content/reference/_index.md",
            &section("Reference", Some(2)),
        )
        .file("content/other/_index.md", &section("Not in the menu", None))
        .build();
    built.assert_ok();
    let menu_of = |page: &str| -> Vec<(String, String)> {
        let mut m = menu(&built, page);
        // The theme's own links around the site's: Home first, Tags and Search last.
        assert_eq!(m.remove(0).1, format!("/{}", page));
        m.truncate(m.len() - 2);
        m
    };
    assert_eq!(
        menu_of("en/"),
        pairs(&[
            ("Reference", "/en/reference/"),
            ("Topics", "/en/tags/"),
            ("How-to", "/en/guide/"),
            ("Manual (PDF)", "/files/manual.pdf"),
        ])
    );
    // No reference in Russian; the guide's own title where the menu gives no label, the
    // default language's label for the PDF.
    assert_eq!(
        menu_of("ru/"),
        pairs(&[
            ("Темы", "/ru/tags/"),
            ("Руководство", "/ru/guide/"),
            ("Manual (PDF)", "/files/manual.pdf"),
        ])
    );
    // Kazakh Latin: the Kazakh labels, transliterated.
    assert_eq!(
        menu_of("kk-Latn/"),
        pairs(&[
            ("Taqyryptar", "/kk-Latn/tags/"),
            ("Nūsqaulyq", "/kk-Latn/guide/"),
            ("Manual (PDF)", "/files/manual.pdf"),
        ])
    );
}

#[test]
fn a_bad_menu_is_an_error_at_its_line() {
    // The list's own problems, each at its item.
    let site_yaml = format!(
        "{DOCS}menu:\n  - section: guide\n  - path: tags/\n  - path: ../up/\n    label: Up\n  - page: about.md\n"
    );
    let first_item = site_yaml.lines().position(|l| l == "menu:").unwrap() + 2;
    let built = with_hub_theme(&site_yaml)
        .file("content/guide/_index.md", &section("Guide", None))
        .build();
    assert!(built.result.is_err());
    let errors = built.at(Severity::Error, "site.yaml");
    let found: Vec<(Option<usize>, &str)> = errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(errors.iter().all(|e| e.kind == Kind::Config), "{found:?}");
    let at = |line: usize, words: &str| {
        assert!(
            found
                .iter()
                .any(|(l, m)| *l == Some(line) && m.contains(words)),
            "no error at line {line} saying {words}: {found:?}"
        )
    };
    at(first_item + 1, "menu item 2: a `path` needs a `label`");
    at(first_item + 2, "`..`");
    at(first_item + 4, "unknown key `page`");

    // A section that content/ does not have, once site.yaml reads well.
    let site_yaml = format!("{DOCS}menu:\n  - section: guide\n  - section: guides/api\n");
    let built = with_hub_theme(&site_yaml)
        .file("content/guide/_index.md", &section("Guide", None))
        .build();
    let errors = built.at(Severity::Error, "site.yaml");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, Some(first_item + 1));
    assert!(
        errors[0]
            .message
            .contains("menu item 2: there is no section `guides/api`"),
        "{}",
        errors[0].message
    );
    assert!(
        errors[0].message.contains("(sections: guide)"),
        "{}",
        errors[0].message
    );
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

#[test]
fn a_markdown_table_scrolls_in_a_labelled_region() {
    let table = "---\ntitle: T\n---\nBefore.\n\n| Version | Required | State |\n|---|---|---|\n| 2020 | yes | ok |\n";
    // With no interface strings at all, the label is English.
    let plain = SiteTest::new().file("content/t.md", table).build();
    plain.assert_ok();
    let doc = plain.page("en/t/");
    let region = select(
        &doc,
        "main div.table-scroll[role='region'][tabindex='0'] > table",
    );
    assert_eq!(region.len(), 1);
    assert_eq!(
        attr(&doc, "div.table-scroll", "aria-label").as_deref(),
        Some("Table: Version, Required, State")
    );
    // With the hub theme, in the page's language.
    let themed = with_hub_theme(DOCS)
        .file("content/t.md", table)
        .file(
            "content/t.kk.md",
            "---\ntitle: T\n---\n| Нұсқа | Күйі |\n|---|---|\n| 2020 | иә |\n",
        )
        .build();
    themed.assert_ok();
    let label = |page: &str| attr(&themed.page(page), "div.table-scroll", "aria-label");
    assert_eq!(label("kk/t/").as_deref(), Some("Кесте: Нұсқа, Күйі"));
    assert_eq!(label("kk-Latn/t/").as_deref(), Some("Keste: Nūsqa, Küiı"));
}

#[test]
fn more_than_five_languages_fold_into_a_disclosure() {
    let languages = ["en", "ru", "kk", "ky", "uz", "tg"];
    let mut site_yaml =
        "base_url: https://x.example.org\ndefault_language: en\ntheme: hub\nlanguages:\n"
            .to_string();
    for lang in languages {
        site_yaml.push_str(&format!("  {lang}: {{ name: Name-{lang}, title: Site }}\n"));
    }
    let mut site = with_hub_theme(&site_yaml);
    for lang in languages {
        let suffix = if lang == "en" {
            String::new()
        } else {
            format!(".{lang}")
        };
        site = site.file(
            &format!("content/p{suffix}.md"),
            "---\ntitle: P\n---\nText.\n",
        );
    }
    let built = site.build();
    built.assert_ok();
    let doc = built.page("ru/p/");
    assert_eq!(select(&doc, "nav.languages details summary").len(), 1);
    assert_eq!(select(&doc, "nav.languages details li").len(), 6);
    assert_eq!(
        built.texts("ru/p/", "nav.languages summary"),
        ["Язык: Name-ru"]
    );
    // Five languages or fewer make a bar.
    let four = with_hub_theme(DOCS)
        .file("content/p.md", "---\ntitle: P\n---\n")
        .file("content/p.ru.md", "---\ntitle: P\n---\n")
        .build();
    four.assert_ok();
    let doc = four.page("ru/p/");
    assert!(select(&doc, "nav.languages details").is_empty());
    assert_eq!(select(&doc, "nav.languages > ul > li").len(), 2);
}
