//! Shortcodes of the hub theme, called from Markdown, and their mistakes.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A copy of the shortcodes fixture with the hub theme and strings of this repository.
fn site() -> PathBuf {
    let site = site_copy("shortcodes");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("themes"), &site.join("themes"));
    copy_dir(&root.join("i18n"), &site.join("i18n"));
    site
}

fn built() -> &'static (PathBuf, String) {
    static OUT: OnceLock<(PathBuf, String)> = OnceLock::new();
    OUT.get_or_init(|| {
        let site = site();
        let out = site.parent().unwrap().join("public");
        let o = build(&site, &out, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        (out, stderr(&o))
    })
}

fn page(path: &str) -> scraper::Html {
    html(&built().0.join(path))
}

fn text(el: &scraper::ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn figure_note_country_and_video() {
    let doc = page("en/facts/index.html");
    let img = &select(&doc, "figure.figure img")[0];
    assert_eq!(
        img.value().attr("alt"),
        Some("A map of Kazakhstan's regions")
    );
    assert_eq!(img.value().attr("src"), Some("/en/facts/map.svg"));
    assert_eq!(
        text(&select(&doc, "figure.figure figcaption")[0]),
        "Regions of Kazakhstan Hub editors"
    );
    // A block is not left inside a paragraph.
    assert!(select(&doc, "p figure, p div, p section").is_empty());

    let note = &select(&doc, "div.callout-warning[role='note']")[0];
    assert_eq!(
        text(&select(&doc, ".callout-warning .callout-title")[0]),
        "Warning"
    );
    assert_eq!(
        note.select(&scraper::Selector::parse("strong").unwrap())
            .nth(1)
            .map(|s| text(&s)),
        Some("fees".to_string())
    );

    let heading = &select(&doc, "section.country-facts h2")[0];
    assert_eq!(text(heading), "Country facts: Kazakhstan");
    assert_eq!(
        attr(&doc, "section.country-facts h2 a", "href").as_deref(),
        Some("/en/countries/kz/")
    );
    let facts: Vec<String> = select(&doc, "section.country-facts dd")
        .iter()
        .map(text)
        .collect();
    assert_eq!(facts, ["Astana", "Kazakh, Russian", "egov.kz"]);
    assert_eq!(
        text(&select(&doc, "section.country-facts > p")[0]),
        "Services are offered online and in person."
    );

    // The video loads nothing from its host: a link, a notice and a button for the script.
    assert!(select(&doc, "iframe").is_empty());
    assert_eq!(
        attr(&doc, "figure.video a", "href").as_deref(),
        Some("https://www.youtube.com/watch?v=abc123XYZ_0")
    );
    assert_eq!(
        attr(&doc, "figure.video", "data-embed").as_deref(),
        Some("https://www.youtube-nocookie.com/embed/abc123XYZ_0?autoplay=1")
    );
    assert!(select(&doc, "img[src*='youtube'], script[src*='//']").is_empty());
    assert!(built().0.join("video.js").is_file());

    // Written as it is: the escaped call and the one in code.
    let body = read(&built().0.join("en/facts/index.html"));
    assert!(body.contains("Write {{ figure(src=“x.png”, alt=“y”) }} to show"));
    assert!(body.contains("{{ figure(src=&quot;in-code.png&quot;) }}"));
}

#[test]
fn shortcodes_speak_the_page_language() {
    let doc = page("ru/facts/index.html");
    assert_eq!(
        text(&select(&doc, ".callout-note .callout-title")[0]),
        "Примечание"
    );
    let heading = text(&select(&doc, "section.country-facts h2")[0]);
    assert!(heading.ends_with(": Казахстан"), "{heading}");
    assert_eq!(
        attr(&doc, "section.country-facts h2 a", "href").as_deref(),
        Some("/ru/countries/kz/")
    );
}

#[test]
fn an_image_without_alt_text_is_a_warning_with_its_line() {
    let warnings = &built().1;
    assert!(
        warnings.contains("facts/index.ru.md:13") && warnings.contains("has no alt text"),
        "{warnings}"
    );
}

#[test]
fn mistakes_name_the_markdown_file_and_line() {
    let site = site();
    std::fs::write(
        site.join("content/bad.md"),
        "---\ntitle: Bad\n---\n\nFine.\n\n{{ figure(src=\"a.png\") }}\n\n{{ gallery(dir=\"x\") }}\n\n{{ note(kind=warning) }}\n\n{% note(kind=\"danger\") %}\nText.\n{% end %}\n\n{% note() %}\nNever closed.\n",
    )
    .unwrap();
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (line, message) in [
        (7, "figure needs `alt`"),
        (9, "no shortcode `gallery`"),
        (11, "the value of `kind` must be a \"string\""),
        (13, "`kind` is \"note\" or \"warning\", not \"danger\""),
        (17, "has no `{% end %}`"),
    ] {
        let at = format!("bad.md:{line}");
        assert!(
            err.lines().any(|l| l.contains(&at) && l.contains(message)),
            "expected `{message}` at {at} in:\n{err}"
        );
    }
    assert!(
        err.contains("there are: country, figure, note, video"),
        "{err}"
    );
    assert!(!out.exists(), "a failed build publishes nothing");
}
