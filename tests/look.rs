//! Changing the hub theme's look without copying it (docs/look.md): `extra_css:` loads a
//! site's stylesheet after the theme's, `logo:` puts an image in the header, and a site's
//! own `static/style.css`, which replaces the theme's whole stylesheet, is warned about.

mod common;
use common::*;
use dala::error::{Kind, Severity};
use std::path::Path;

/// `SiteTest`'s starting site with the hub theme of this repository instead of its own
/// templates.
fn with_hub_theme(site_yaml: &str) -> SiteTest {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut site = SiteTest::new()
        .without("templates/page.html")
        .without("templates/section.html")
        .file("site.yaml", site_yaml)
        .file("content/notes/_index.md", "---\ntitle: Notes\n---\n")
        .file("content/notes/a.md", "---\ntitle: A note\n---\nText.\n");
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

const SITE: &str = "base_url: https://gov.example.org/portal\ndefault_language: kk\nlanguages:\n  kk: { name: Қазақша, title: Цифрлық үкімет }\n  ru: { name: Русский, title: Цифровое правительство }\ntheme: hub\n";

/// The `href` of each stylesheet a page links, in order.
/// The stylesheets a page links, by their plain names: `/portal/style.css` for
/// `/portal/style.3f9a1c2b7d.css` (each also has its integrity value).
fn stylesheets(doc: &scraper::Html) -> Vec<String> {
    select(doc, "link[rel=stylesheet]")
        .iter()
        .map(|l| {
            let href = l.value().attr("href").unwrap_or("");
            assert!(
                l.value()
                    .attr("integrity")
                    .is_some_and(|i| i.starts_with("sha384-")),
                "{href} has no integrity"
            );
            plain_name(href)
        })
        .collect()
}

/// `style.3f9a1c2b7d.css` → `style.css`.
fn plain_name(href: &str) -> String {
    match href
        .rsplit_once('.')
        .and_then(|(stem, ext)| Some((stem.rsplit_once('.')?, ext)))
    {
        Some(((stem, hash), ext))
            if hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            format!("{stem}.{ext}")
        }
        _ => href.to_string(),
    }
}

#[test]
fn extra_css_is_linked_after_the_theme_s_stylesheet_on_every_page() {
    let site = format!("{SITE}extra_css: css/ministry.css\n");
    let built = with_hub_theme(&site)
        .file("static/css/ministry.css", ":root { --accent: #00695c; }\n")
        .build();
    built.assert_ok();
    for page in ["kk/", "kk/notes/", "kk/notes/a/", "ru/"] {
        let sheets = stylesheets(&built.page(page));
        // After the theme's, and after the highlighting's of pages with code: last.
        assert_eq!(
            sheets.first().map(String::as_str),
            Some("/portal/style.css"),
            "{page}"
        );
        assert_eq!(
            sheets.last().map(String::as_str),
            Some("/portal/css/ministry.css"),
            "{page}: {sheets:?}"
        );
    }
    assert!(built.out.join("css/ministry.css").is_file());
    assert!(built.out.join("style.css").is_file());
    assert!(built.diagnostics().is_empty(), "{:?}", built.diagnostics());
}

#[test]
fn without_extra_css_or_logo_nothing_changes() {
    let built = with_hub_theme(SITE).build();
    built.assert_ok();
    let doc = built.page("kk/notes/a/");
    assert_eq!(
        stylesheets(&doc),
        ["/portal/style.css", "/portal/highlight.css"]
    );
    assert!(select(&doc, "header img").is_empty());
    assert_eq!(
        built.texts("kk/notes/a/", "header a.brand"),
        ["Цифрлық үкімет"]
    );
}

#[test]
fn the_logo_is_shown_in_the_header_with_the_site_title_as_its_alt_text() {
    let site = format!("{SITE}logo: img/emblem.svg\n");
    let built = with_hub_theme(&site)
        .file(
            "static/img/emblem.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"5\"/></svg>\n",
        )
        .build();
    built.assert_ok();
    for (page, title) in [
        ("kk/notes/a/", "Цифрлық үкімет"),
        ("ru/", "Цифровое правительство"),
    ] {
        let doc = built.page(page);
        let imgs = select(&doc, "header a.brand img");
        assert_eq!(imgs.len(), 1, "{page}");
        assert_eq!(imgs[0].value().attr("src"), Some("/portal/img/emblem.svg"));
        assert_eq!(imgs[0].value().attr("alt"), Some(title));
        // The title is the image's alt text, not a second text beside it.
        let text: String = select(&doc, "header a.brand")[0].text().collect();
        assert_eq!(text.trim(), "", "{page}");
    }
    assert!(built.diagnostics().is_empty(), "{:?}", built.diagnostics());
}

#[test]
fn a_logo_or_stylesheet_that_is_not_a_path_inside_the_site_is_an_error() {
    for bad in [
        "logo: ../outside.png",
        "logo: https://cdn.example.org/logo.png",
        "extra_css: css//x.css",
    ] {
        let built = with_hub_theme(&format!("{SITE}{bad}\n")).build();
        assert!(built.result.is_err(), "{bad}");
        let errors = built.at(Severity::Error, "site.yaml");
        assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
        assert_eq!(errors[0].kind, Kind::Config);
        assert_eq!(errors[0].line, Some(7), "{bad}");
    }
}

#[test]
fn a_site_s_own_style_css_that_replaces_the_theme_s_is_a_warning() {
    let built = with_hub_theme(SITE)
        .file("static/style.css", "body { color: red; }\n")
        .build();
    built.assert_ok();
    let warnings = built.at(Severity::Warning, "static/style.css");
    assert_eq!(warnings.len(), 1, "{:?}", built.diagnostics());
    assert!(
        warnings[0].message.contains("extra_css"),
        "{}",
        warnings[0].message
    );
    // It still replaces it: a site may mean to.
    assert_eq!(read(&built.out.join("style.css")), "body { color: red; }\n");
}
