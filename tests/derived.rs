//! A language published by transliteration: `kk-Latn: { derive_from: kk }`.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The derived fixture, with the multilingual fixture's theme, built once.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let site = site_copy("derived");
        copy_dir(
            &fixture("multilingual").join("themes"),
            &site.join("themes"),
        );
        let out = site.parent().unwrap().join("public");
        let o = build(&site, &out, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        out
    })
}

fn page(path: &str) -> scraper::Html {
    html(&built().join(path))
}

fn text(doc: &scraper::Html, css: &str) -> String {
    select(doc, css)[0].text().collect()
}

#[test]
fn every_kazakh_letter_is_transliterated() {
    let doc = page("kk-Latn/articles/alphabet/index.html");
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("kk-Latn"));
    let letters = text(&doc, ".content p");
    assert_eq!(
        letters,
        "Aa Ää Bb Vv Gg Ğğ Dd Ee İoio Jj Zz İi İi Kk Qq Ll Mm Nn Ññ Oo Öö Pp Rr Ss Tt Uu Ūū Üü Ff Hh Hh Ss Chch Şş Şş  Yy Iı  Ee İuiu İaia"
    );
    assert_eq!(text(&doc, "h1"), "Qazaq älıpbiı");
}

#[test]
fn code_urls_and_attributes_stay_as_written() {
    let doc = page("kk-Latn/articles/alphabet/index.html");
    assert_eq!(text(&doc, "pre code"), "Код өзгермейді: Қазақстан\n");
    let inline: Vec<String> = select(&doc, ".content p code")
        .iter()
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(inline, ["Қазақ"]);
    // The link goes to the Latin version of the other page: the hand-written one.
    let link = select(&doc, ".content a")[0];
    assert_eq!(link.value().attr("href"), Some("/kk-Latn/articles/other/"));
    assert_eq!(link.text().collect::<String>(), "basqa maqala");
}

#[test]
fn headings_dates_and_interface_strings() {
    let doc = page("kk-Latn/articles/alphabet/index.html");
    // Turkic case: İ lower-cases to i, I to ı.
    assert_eq!(
        attr(&doc, ".content h2", "id").as_deref(),
        Some("ışkı-ıster")
    );
    assert_eq!(text(&doc, "time"), "2026\u{202f}j. 27 qaraşa");
    assert_eq!(text(&doc, ".home a"), "Basty bet");
    let list = page("kk-Latn/articles/index.html");
    assert_eq!(text(&list, "h1"), "Maqalalar");
    assert_eq!(text(&list, ".count"), "2 maqala");
}

#[test]
fn a_hand_written_version_wins_and_translations_link_both_ways() {
    let other = page("kk-Latn/articles/other/index.html");
    assert_eq!(text(&other, "h1"), "Qolmen jazylğan maqala");
    let kk = page("kk/articles/alphabet/index.html");
    let alternate = select(&kk, "link[hreflang=kk-Latn]");
    assert_eq!(
        alternate[0].value().attr("href"),
        Some("https://derived.example.org/kk-Latn/articles/alphabet/")
    );
    let latin = page("kk-Latn/articles/alphabet/index.html");
    assert_eq!(select(&latin, "link[hreflang=kk]").len(), 1);
    assert_eq!(
        text(&kk, "h1"),
        "Қазақ әліпбиі",
        "the Cyrillic original is untouched"
    );
}
