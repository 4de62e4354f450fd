//! `dala serve`'s quick rebuilds ([`dala::build::Session`]): an edit to a page that leaves
//! it at its address renders that page alone, straight into the output, and says whether a
//! whole build must follow (when other pages show what changed); anything else needs a whole
//! build. Whatever the path, the output ends up as a fresh build would make it.

mod common;
use common::*;
use dala::build::{BuildOptions, Session};
use std::path::Path;

fn session(site: &Path, out: &Path) -> Session {
    let mut session = Session::new(BuildOptions {
        root: site.to_path_buf(),
        output: Some(out.to_path_buf()),
        ..BuildOptions::default()
    });
    session.build().expect("the fixture builds");
    session
}

/// A copy of a fixture, built by a new session into `out` beside it.
fn started(fixture: &str) -> (std::path::PathBuf, std::path::PathBuf, Session) {
    let site = site_copy(fixture);
    let out = site.parent().unwrap().join("out");
    let s = session(&site, &out);
    (site, out, s)
}

/// Replaces `from` by `to` in a file.
fn edit(file: &Path, from: &str, to: &str) {
    let text = read(file);
    assert!(text.contains(from), "{}: no {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edit_to_a_page_text_renders_that_page_alone() {
    let (site, out, mut s) = started("multilingual");
    let page = site.join("content/articles/open-data.md");

    // A heading below the summary: same length, so that only the bytes tell.
    edit(&page, "## Licences", "## Licenses");
    let e = s
        .edit(&["content/articles/open-data.md".to_string()])
        .expect("a text edit is rendered at once");
    assert_eq!(e.written, ["en/articles/open-data/index.html"]);
    assert!(e.complete, "nothing else shows that heading");
    let doc = html(&out.join("en/articles/open-data/index.html"));
    let h2: Vec<String> = select(&doc, "h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert!(h2.iter().any(|t| t == "Licenses"), "{h2:?}");

    // Undone, then a whole build: the record must not vouch for the file written in place.
    edit(&page, "## Licenses", "## Licences");
    s.build().unwrap();
    assert!(read(&out.join("en/articles/open-data/index.html")).contains("Licences"));
    assert_as_fresh(&site, &out);
}

/// Edits a page with `Session::edit`, which must bring the whole site up to date alone:
/// the output is then a fresh build's, and a whole build finds nothing left to write.
fn edit_completely(s: &mut Session, site: &Path, out: &Path, file: &str) -> Vec<String> {
    let e = s.edit(&[file.to_string()]).expect("rendered at once");
    assert!(e.complete, "{file}: a whole build was asked for");
    assert_as_fresh(site, out);
    let r = s.build().unwrap();
    assert_eq!(r.stats.written, 0, "{:?}", r.stats.changed);
    e.written
}

#[test]
fn a_new_summary_reaches_the_listings_at_once() {
    let (site, out, mut s) = started("multilingual");
    let page = site.join("content/articles/open-data.md");
    // The first paragraph is the summary that feeds and listings show.
    edit(&page, "Open data text.", "Open data, told anew.");
    let written = edit_completely(&mut s, &site, &out, "content/articles/open-data.md");
    assert!(written.iter().any(|p| p == "en/atom.xml"), "{written:?}");
    assert!(read(&out.join("en/atom.xml")).contains("told anew"));
}

#[test]
fn a_new_title_reaches_translations_and_listings_at_once() {
    let (site, out, mut s) = started("multilingual");
    edit(
        &site.join("content/articles/open-data.md"),
        "title: Open data",
        "title: Open government data",
    );
    let written = edit_completely(&mut s, &site, &out, "content/articles/open-data.md");
    for file in [
        "en/articles/open-data/index.html",
        "en/articles/index.html",
        "en/tags/open-data/index.html",
        "en/atom.xml",
    ] {
        assert!(written.iter().any(|p| p == file), "{file}: {written:?}");
    }
    let doc = html(&out.join("en/articles/open-data/index.html"));
    let h1: Vec<String> = select(&doc, "h1")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(h1, ["Open government data"]);
    // A title that moves the page in the date order (the Russian version has the same
    // date, and ties go by title): a whole build must follow.
    edit(
        &site.join("content/articles/open-data.md"),
        "title: Open government data",
        "title: Ящик данных",
    );
    let e = s
        .edit(&["content/articles/open-data.md".to_string()])
        .unwrap();
    assert!(!e.complete, "the page moved in the date order");
    s.build().unwrap();
    assert_as_fresh(&site, &out);
}

/// A copy of the hub site (this repository's own), with `search:` as given.
fn hub_copy(search: bool) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = scratch("hub").join("site");
    for dir in ["content", "themes", "templates", "i18n"] {
        copy_dir(&root.join(dir), &site.join(dir));
    }
    let config = read(&root.join("site.yaml"));
    let config = config.replace("search: true", &format!("search: {search}"));
    std::fs::write(site.join("site.yaml"), config).unwrap();
    site
}

#[test]
fn the_hub_follows_edits_to_featured_translated_related_articles() {
    let site = hub_copy(false);
    // Its translation report names every original by its title: without it, title edits
    // need no whole build.
    std::fs::remove_file(site.join("content/translation-status.md")).unwrap();
    let out = site.parent().unwrap().join("out");
    let mut s = session(&site, &out);
    let article = site.join("content/cases/kazakhstan-egov.md");
    edit(&article, "title: \"Country case:", "title: \"Case study:");
    let written = edit_completely(&mut s, &site, &out, "content/cases/kazakhstan-egov.md");
    assert!(written.len() > 5, "{written:?}");
    edit(
        &article,
        "summary: \"How Kazakhstan",
        "summary: \"Why Kazakhstan",
    );
    edit_completely(&mut s, &site, &out, "content/cases/kazakhstan-egov.md");
    // An article with no Kazakh version (the Kazakh listings show another one instead).
    let untranslated = site.join("content/articles/e-participation.md");
    edit(
        &untranslated,
        "title: \"E-participation:",
        "title: \"E-participation today:",
    );
    edit_completely(&mut s, &site, &out, "content/articles/e-participation.md");
    let ru = site.join("content/articles/e-participation.ru.md");
    edit(
        &ru,
        "title: \"Электронное участие:",
        "title: \"Электронное участие сегодня:",
    );
    let written = edit_completely(
        &mut s,
        &site,
        &out,
        "content/articles/e-participation.ru.md",
    );
    assert!(written.iter().any(|p| p.starts_with("kk/")), "{written:?}");
    // A Kazakh title: its Latin-script version follows.
    let kk = site.join("content/cases/kazakhstan-egov.kk.md");
    let text = read(&kk);
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
    edit(
        &kk,
        title,
        &title.replacen("title: \"", "title: \"Жаңа: ", 1),
    );
    let written = edit_completely(&mut s, &site, &out, "content/cases/kazakhstan-egov.kk.md");
    assert!(
        written.iter().any(|p| p.starts_with("kk-Latn/")),
        "{written:?}"
    );
}

#[test]
fn with_search_a_new_title_is_the_whole_build_s_to_finish() {
    let site = hub_copy(true);
    let out = site.parent().unwrap().join("out");
    let mut s = session(&site, &out);
    let article = site.join("content/cases/kazakhstan-egov.md");
    edit(&article, "title: \"Country case:", "title: \"Case study:");
    let e = s
        .edit(&["content/cases/kazakhstan-egov.md".to_string()])
        .unwrap();
    assert!(!e.complete, "the search index shows titles");
    assert!(read(&out.join("en/cases/kazakhstan-egov/index.html")).contains("Case study:"));
    let r = s.build().unwrap();
    let changed = r.stats.changed.unwrap();
    assert!(
        changed.iter().any(|p| p.starts_with("search/en/")),
        "{changed:?}"
    );
    assert!(!changed
        .iter()
        .any(|p| p == "en/cases/kazakhstan-egov/index.html"));
    assert_as_fresh(&site, &out);
}

#[test]
fn a_new_address_or_anything_but_a_page_needs_a_whole_build() {
    let (site, out, mut s) = started("multilingual");
    let page = site.join("content/articles/open-data.md");
    let rel = |p: &str| vec![p.to_string()];

    // A new address is a whole build's work: links, listings and redirects change.
    edit(&page, "title: Open data", "title: Open data\nslug: data");
    assert!(s.edit(&rel("content/articles/open-data.md")).is_none());
    edit(&page, "title: Open data\nslug: data", "title: Open data");
    // Files the last build did not render as pages, and files that are not content.
    let new = site.join("content/articles/new.md");
    std::fs::write(&new, "---\ntitle: New\n---\nNew.\n").unwrap();
    for other in [
        "content/articles/new.md",
        "content/articles/_index.md",
        "content/articles/draft-note.md",
        "site.yaml",
        "themes/plain/templates/page.html",
    ] {
        assert!(s.edit(&rel(other)).is_none(), "{other}");
    }
    std::fs::remove_file(&new).unwrap();
    // A page deleted, and a folder of pages.
    std::fs::remove_file(site.join("content/articles/open-data.ru.md")).unwrap();
    assert!(s.edit(&rel("content/articles/open-data.ru.md")).is_none());
    assert!(s.edit(&rel("content/articles")).is_none());
    // A scratch file made and renamed over the page while saving (as `sed -i` does) is no
    // reason for a whole build.
    edit(&page, "## Licences", "## Licences and terms");
    let e = s
        .edit(&[
            "content/articles/open-data.md".to_string(),
            "content/articles/sedx4Kq9".to_string(),
        ])
        .expect("the scratch file changes nothing");
    assert_eq!(e.pages, 1);
    edit(&page, "## Licences and terms", "## Licences");
    s.build().unwrap();

    // A page with an error: a whole build reports it, file and line.
    let before = snapshot(&out);
    edit(
        &page,
        "Open data text.",
        "Open data text.\n\n{{ nothing() }}",
    );
    assert!(s.edit(&rel("content/articles/open-data.md")).is_none());
    let failure = s.build().unwrap_err();
    assert!(
        failure.to_string().contains("open-data.md:8")
            || failure
                .diagnostics
                .iter()
                .any(|d| d.to_string().contains("open-data.md:8")),
        "{failure:?}"
    );
    // Nothing was written on the way.
    assert!(snapshot(&out) == before, "the output changed");
    // Once fixed, quick edits work again after the build that follows.
    edit(&page, "\n\n{{ nothing() }}", "");
    s.build().unwrap();
    edit(&page, "## Licences", "## Permits");
    assert!(s.edit(&rel("content/articles/open-data.md")).is_some());
}

#[test]
fn a_derived_language_follows_its_parent() {
    let site = site_copy("derived");
    copy_dir(
        &fixture("multilingual").join("themes"),
        &site.join("themes"),
    );
    let out = site.parent().unwrap().join("out");
    let mut s = session(&site, &out);
    edit(
        &site.join("content/articles/alphabet.md"),
        "## Ішкі істер",
        "## Сыртқы істер",
    );
    let e = s
        .edit(&["content/articles/alphabet.md".to_string()])
        .unwrap();
    let mut written = e.written.clone();
    written.sort();
    assert_eq!(
        written,
        [
            "kk-Latn/articles/alphabet/index.html",
            "kk/articles/alphabet/index.html"
        ]
    );
    assert!(read(&out.join("kk-Latn/articles/alphabet/index.html")).contains("Syrtqy"));
    // A title is transliterated too.
    edit(
        &site.join("content/articles/alphabet.md"),
        "title: Қазақ әліпбиі",
        "title: Жаңа әліпби",
    );
    let written = edit_completely(&mut s, &site, &out, "content/articles/alphabet.md");
    assert!(
        written.iter().any(|p| p == "kk-Latn/articles/index.html"),
        "{written:?}"
    );
    let doc = html(&out.join("kk-Latn/articles/alphabet/index.html"));
    let h1: Vec<String> = select(&doc, "h1")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(h1, ["Jaña älıpbi"]);
}

/// The hub's articles are a collection: a per-language field of a translation is a quick
/// edit that gives what a fresh build gives; a shared field of the original, which its
/// translations inherit, and a mistake, are the whole build's.
#[test]
fn a_collection_page_is_checked_and_shares_its_fields_on_a_quick_edit() {
    let site = hub_copy(false);
    std::fs::remove_file(site.join("content/translation-status.md")).unwrap();
    let out = site.parent().unwrap().join("out");
    let mut s = session(&site, &out);
    let ru = site.join("content/articles/open-data/index.ru.md");
    let text = read(&ru);
    let authors = text
        .lines()
        .find(|l| l.starts_with("authors:"))
        .expect("the Russian version names its authors")
        .to_string();
    edit(&ru, &authors, "authors: [\"Айгерим С.\"]");
    edit_completely(
        &mut s,
        &site,
        &out,
        "content/articles/open-data/index.ru.md",
    );
    let doc = html(&out.join("ru/articles/open-data/index.html"));
    assert!(doc.root_element().text().any(|t| t.contains("Айгерим С.")));

    // The original's countries: every version lists it under the new term.
    let en = site.join("content/articles/open-data/index.md");
    let countries = read(&en)
        .lines()
        .find(|l| l.starts_with("countries:"))
        .expect("the article has countries")
        .to_string();
    // Translations that repeat it leave it to the original (equal, it was allowed).
    for lang in ["ru", "kk"] {
        let file = site.join(format!("content/articles/open-data/index.{lang}.md"));
        edit(&file, &format!("{countries}\n"), "");
    }
    s.build().unwrap();
    edit(&en, &countries, "countries: [tj]");
    let quick = s.edit(&["content/articles/open-data/index.md".to_string()]);
    assert!(
        quick.is_none_or(|e| !e.complete),
        "a whole build must follow"
    );
    s.build().unwrap();
    assert_as_fresh(&site, &out);
    assert!(out.join("ru/countries/tj/index.html").exists());

    // A practice that names a solution: a new title is shown at once on the solution's page,
    // which lists the practices that use it.
    let case = site.join("content/cases/kyrgyzstan-tunduk.ru.md");
    let text = read(&case);
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
    // (Its place among pages of the same date is by title: the start stays.)
    let new_title = title.replacen("X-Road\"", "X-Road, обновлено\"", 1);
    edit(&case, title, &new_title);
    let written = edit_completely(&mut s, &site, &out, "content/cases/kyrgyzstan-tunduk.ru.md");
    assert!(
        written
            .iter()
            .any(|p| p == "ru/solutions/x-road/index.html"),
        "{written:?}"
    );
    assert!(read(&out.join("ru/solutions/x-road/index.html")).contains("X-Road, обновлено"));

    // A value of the wrong type: not rendered at once; the whole build reports it.
    edit(&en, "countries: [tj]", "countries: [TJ]");
    assert!(s
        .edit(&["content/articles/open-data/index.md".to_string()])
        .is_none());
    assert!(s.build().is_err());
}
