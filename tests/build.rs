//! `dala build` on the multilingual fixture: what a reader and a crawler see.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture, built once for all the tests that only read it.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("built").join("public");
        let o = build(&fixture("multilingual"), &out, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        out
    })
}

fn page(path: &str) -> scraper::Html {
    html(&built().join(path))
}

#[test]
fn every_language_lives_under_its_own_prefix() {
    for (lang, path) in [
        ("en", "en/articles/digital-id/index.html"),
        ("ru", "ru/articles/digital-id/index.html"),
        ("kk", "kk/articles/digital-id/index.html"),
        ("en", "en/index.html"),
        ("ru", "ru/articles/index.html"),
    ] {
        let doc = page(path);
        assert_eq!(attr(&doc, "html", "lang").as_deref(), Some(lang), "{path}");
        let canonical = attr(&doc, "link[rel=canonical]", "href").unwrap();
        let expected = format!(
            "https://fixture.example.org/{}",
            path.trim_end_matches("index.html")
        );
        assert_eq!(canonical, expected);
    }
    assert!(
        !built().join("articles").exists(),
        "no language is served without its prefix"
    );
}

#[test]
fn translations_link_each_other_both_ways() {
    let hreflangs = |path: &str| -> Vec<(String, String)> {
        let doc = page(path);
        select(&doc, "link[rel=alternate][hreflang]")
            .iter()
            .map(|e| {
                (
                    e.value().attr("hreflang").unwrap().to_string(),
                    e.value().attr("href").unwrap().to_string(),
                )
            })
            .collect()
    };
    let en = hreflangs("en/articles/digital-id/index.html");
    assert!(
        en.contains(&(
            "ru".into(),
            "https://fixture.example.org/ru/articles/digital-id/".into()
        )),
        "{en:?}"
    );
    assert!(
        en.contains(&(
            "kk".into(),
            "https://fixture.example.org/kk/articles/digital-id/".into()
        )),
        "{en:?}"
    );
    assert!(
        en.contains(&(
            "en".into(),
            "https://fixture.example.org/en/articles/digital-id/".into()
        )),
        "itself: {en:?}"
    );
    assert!(
        en.contains(&("x-default".into(), "https://fixture.example.org/".into())),
        "{en:?}"
    );
    let ru = hreflangs("ru/articles/digital-id/index.html");
    assert!(
        ru.contains(&(
            "en".into(),
            "https://fixture.example.org/en/articles/digital-id/".into()
        )),
        "{ru:?}"
    );

    // Linked by translation_key although the file names differ.
    let old_en = hreflangs("en/articles/older-note/index.html");
    assert!(
        old_en.contains(&(
            "ru".into(),
            "https://fixture.example.org/ru/articles/staraya-zametka/".into()
        )),
        "{old_en:?}"
    );
    let old_ru = hreflangs("ru/articles/staraya-zametka/index.html");
    assert!(
        old_ru.contains(&(
            "en".into(),
            "https://fixture.example.org/en/articles/older-note/".into()
        )),
        "{old_ru:?}"
    );

    // A page without a Kazakh version offers no Kazakh link.
    let open = hreflangs("en/articles/open-data/index.html");
    assert!(!open.iter().any(|(l, _)| l == "kk"), "{open:?}");
    let switcher = page("en/articles/open-data/index.html");
    let langs: Vec<_> = select(&switcher, ".switcher a")
        .iter()
        .map(|a| a.value().attr("hreflang").unwrap().to_string())
        .collect();
    assert_eq!(langs, ["en", "ru"]);
}

#[test]
fn heading_ids_keep_cyrillic_and_are_unique() {
    let doc = page("ru/articles/digital-id/index.html");
    let ids: Vec<_> = select(&doc, ".content h2")
        .iter()
        .map(|h| h.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        ["цифрлық-үкімет", "цифрлық-үкімет-1", "почему-это-важно"]
    );
    let toc: Vec<_> = select(&doc, ".toc a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(toc[0], "#цифрлық-үкімет");
}

#[test]
fn code_is_highlighted_with_classes_not_styles() {
    let doc = page("en/articles/digital-id/index.html");
    let keyword = select(&doc, "pre.code[data-lang=rust] span.k");
    assert_eq!(
        keyword[0].text().collect::<String>(),
        "fn",
        "keywords have a class"
    );
    let string = select(&doc, "pre.code[data-lang=rust] span.s");
    assert_eq!(
        string[0].text().collect::<String>(),
        "\"hello\"",
        "strings have a class"
    );
    assert!(select(&doc, "pre [style]").is_empty(), "no inline styles");
    // An unknown language is shown plain, not dropped.
    let plain = select(&doc, "pre.code[data-lang=klingon] code");
    assert_eq!(plain[0].text().collect::<String>(), "Qapla'\n");
    let css = read(&built().join("highlight.css"));
    assert!(
        css.contains(".code .k") && css.contains("prefers-color-scheme: dark"),
        "light and dark themes"
    );
}

#[test]
fn internal_links_resolve_to_the_same_language() {
    let href = |path: &str, text: &str| -> String {
        let doc = page(path);
        let links = select(&doc, ".content a");
        let a = links
            .iter()
            .find(|a| a.text().collect::<String>() == text)
            .unwrap_or_else(|| panic!("{text} in {path}"));
        a.value().attr("href").unwrap().to_string()
    };
    assert_eq!(
        href("en/articles/digital-id/index.html", "open data"),
        "/en/articles/open-data/#licences"
    );
    assert_eq!(
        href("en/articles/digital-id/index.html", "the bundle"),
        "/en/articles/bundle/"
    );
    assert_eq!(
        href("ru/articles/digital-id/index.html", "открытые данные"),
        "/ru/articles/open-data/#licences"
    );
    // No Kazakh translation: the link goes to the version in the first language of
    // Kazakh's fallback chain (`fallback: [ru]`), before the original in English.
    assert_eq!(
        href("kk/articles/digital-id/index.html", "ашық деректер"),
        "/ru/articles/open-data/"
    );
}

#[test]
fn sitemap_lists_translations_as_alternates() {
    let xml = read(&built().join("sitemap.xml"));
    let entry = xml
        .split("<url>")
        .find(|u| u.contains("<loc>https://fixture.example.org/ru/articles/digital-id/</loc>"))
        .expect("the Russian page is in the sitemap");
    for lang in ["en", "ru", "kk"] {
        let link = format!(
            "hreflang=\"{lang}\" href=\"https://fixture.example.org/{lang}/articles/digital-id/\""
        );
        assert!(entry.contains(&link), "{lang}: {entry}");
    }
    assert!(entry.contains("<lastmod>2026-03-10</lastmod>"));
    assert!(!xml.contains("draft-note"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    assert!(!built().join("en/articles/draft-note").exists());
    let listed = page("en/articles/index.html");
    assert!(select(&listed, ".pages a")
        .iter()
        .all(|a| a.text().collect::<String>() != "Unfinished draft"));

    let out = scratch("drafts").join("public");
    let o = build(&fixture("multilingual"), &out, &["--drafts"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = html(&out.join("en/articles/draft-note/index.html"));
    assert_eq!(
        select(&doc, "h1")[0].text().collect::<String>(),
        "Unfinished draft"
    );
}

#[test]
fn bundle_assets_are_published_beside_each_translation() {
    for lang in ["en", "ru"] {
        let svg = built().join(format!("{lang}/articles/bundle/map.svg"));
        assert!(read(&svg).contains("<svg"), "{lang}");
        let doc = page(&format!("{lang}/articles/bundle/index.html"));
        // Every language's page shows the one copy of the first language's folder (a
        // reader who switches language does not download it again), with its size.
        assert_eq!(
            attr(&doc, ".content img", "src").as_deref(),
            Some("/en/articles/bundle/map.svg")
        );
        assert!(attr(&doc, ".content img", "width").is_some());
    }
}

#[test]
fn raw_html_in_markdown_is_escaped_by_default() {
    let doc = page("en/articles/digital-id/index.html");
    assert!(select(&doc, ".content script").is_empty());
    assert!(doc
        .root_element()
        .text()
        .collect::<String>()
        .contains("<script>alert(\"x\")</script>"));
}

#[test]
fn sections_sort_newest_first_and_paginate() {
    let titles = |path: &str| -> Vec<String> {
        let doc = page(path);
        select(&doc, ".pages a")
            .iter()
            .map(|a| a.text().collect())
            .collect()
    };
    assert_eq!(
        titles("en/articles/index.html"),
        ["Open data", "Digital identity"]
    );
    assert_eq!(
        titles("en/articles/page/2/index.html"),
        ["A bundle", "Older note"]
    );
    let doc = page("en/articles/index.html");
    assert_eq!(
        attr(&doc, "a[rel=next]", "href").as_deref(),
        Some("/en/articles/page/2/")
    );
}

#[test]
fn taxonomy_pages_exist_per_language() {
    let doc = page("en/tags/identity/index.html");
    let titles: Vec<String> = select(&doc, ".pages a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(titles, ["Open data", "Digital identity"]);
    assert!(built().join("ru/tags/open-data/index.html").exists());
    assert!(
        !built().join("kk/tags/open-data").exists(),
        "no Kazakh page has that tag"
    );
}

#[test]
fn root_404_aliases_and_feeds() {
    let root = page("index.html");
    let homes: Vec<_> = select(&root, "a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(homes, ["/en/", "/ru/", "/kk/"]);
    assert!(built().join("404.html").exists());
    let alias = page("old/digital-id/index.html");
    let refresh = attr(&alias, "meta[http-equiv=refresh]", "content").unwrap();
    assert_eq!(
        refresh,
        "0; url=https://fixture.example.org/en/articles/digital-id/"
    );
    let feed = read(&built().join("ru/atom.xml"));
    assert!(
        feed.contains("<id>https://fixture.example.org/ru/articles/open-data/</id>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2026-06-15T00:00:00Z</updated>"),
        "{feed}"
    );
    assert!(
        built().join("robots.txt").exists() && built().join("style.css").exists(),
        "static files copied"
    );
}

#[test]
fn interface_strings_fall_back_along_the_chain() {
    let kk = page("kk/articles/digital-id/index.html");
    assert_eq!(
        select(&kk, ".home a")[0].text().collect::<String>(),
        "Басты бет"
    );
    // kk has no `tags`: its fallback chain says ru.
    assert_eq!(
        select(&kk, ".tags-label")[0].text().collect::<String>(),
        "Теги"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = scratch("same-a").join("public");
    let b = scratch("same-b").join("public");
    assert_eq!(
        build(&fixture("multilingual"), &a, &[]).status.code(),
        Some(0)
    );
    assert_eq!(
        build(&fixture("multilingual"), &b, &[]).status.code(),
        Some(0)
    );
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(!sa.is_empty());
    assert!(sa == sb, "two builds of one site differ");
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_drops_stale_ones() {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join("public");
    assert_eq!(build(&site, &out, &[]).status.code(), Some(0));
    std::fs::remove_file(site.join("content/articles/open-data.ru.md")).unwrap();
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(summary.contains("unchanged"), "{summary}");
    assert!(!out.join("ru/articles/open-data").exists());
    assert!(out.join("en/articles/open-data/index.html").exists());
}

#[test]
fn base_url_can_be_overridden() {
    let out = scratch("base-url").join("public");
    let o = build(
        &fixture("multilingual"),
        &out,
        &["--base-url", "https://preview.example.net/hub/"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = html(&out.join("ru/articles/digital-id/index.html"));
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").as_deref(),
        Some("https://preview.example.net/hub/ru/articles/digital-id/")
    );
    assert_eq!(attr(&doc, ".home a", "href").as_deref(), Some("/hub/ru/"));
}

#[test]
fn an_incremental_build_gives_what_a_full_build_gives() {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join("public");
    let first = build(&site, &out, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let edit = |rel: &str, from: &str, to: &str| {
        let path = site.join(rel);
        let text = read(&path);
        assert!(text.contains(from), "{rel} has {from}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    };
    let compare = |label: &str| {
        let o = build(&site, &out, &[]);
        assert_eq!(o.status.code(), Some(0), "{label}: {}", stderr(&o));
        let fresh = scratch("fresh").join("public");
        assert_eq!(build(&site, &fresh, &[]).status.code(), Some(0));
        assert!(
            snapshot(&out) == snapshot(&fresh),
            "{label}: the incremental build differs from a full one"
        );
        String::from_utf8_lossy(&o.stdout).to_string()
    };

    // Nothing changed: nothing is rendered or written.
    let summary = compare("no change");
    assert!(
        summary.contains("(0 rendered") && summary.contains("(0 written"),
        "{summary}"
    );

    // A title changes: its page, its translations' switchers, the listings show it.
    edit(
        "content/articles/open-data.md",
        "title: Open data",
        "title: Open government data",
    );
    let summary = compare("title");
    assert!(!summary.contains("(0 written"), "{summary}");
    let ru = html(&out.join("ru/articles/open-data/index.html"));
    assert!(select(&ru, "link[hreflang=en]").len() == 1);
    let list = html(&out.join("en/articles/index.html"));
    assert!(list
        .root_element()
        .text()
        .collect::<String>()
        .contains("Open government data"));

    // A page gains a tag; an interface string and a template change; a page goes.
    edit(
        "content/articles/digital-id.kk.md",
        "tags: [identity]",
        "tags: [identity, open-data]",
    );
    compare("tag");
    edit("i18n/ru.yaml", "Главная", "На главную");
    edit(
        "themes/plain/templates/page.html",
        "<h1>",
        "<h1 class=\"title\">",
    );
    compare("strings and template");
    std::fs::remove_file(site.join("content/articles/weighted.md")).unwrap();
    compare("deleted page");
    assert!(!out.join("en/articles/older-note").exists());
}

#[test]
fn timings_tell_where_the_time_went() {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &["--timings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    for phase in ["load", "pages", "listings", "commit"] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(phase)
                    && l.trim_end().ends_with(|c: char| c.is_ascii_digit())),
            "no `{phase}` phase in:\n{text}"
        );
    }
    // Every page template is listed with its number of renders.
    let row = text
        .lines()
        .find(|l| l.starts_with("page.html"))
        .unwrap_or_else(|| panic!("no page.html row in:\n{text}"));
    let renders: usize = row.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(renders >= 5, "{row}");
    assert!(text.contains("(Markdown, highlighting)"), "{text}");
}

#[test]
fn editors_scratch_files_are_never_published() {
    let site = site_copy("multilingual");
    for name in ["style.css.crswap", "4913", "notes.md.swx", "x.kate-swp"] {
        std::fs::write(site.join("static").join(name), "scratch").unwrap();
    }
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in ["style.css.crswap", "4913", "notes.md.swx", "x.kate-swp"] {
        assert!(!out.join(name).exists(), "{name} was published");
    }
    assert!(out.join("robots.txt").exists());
}
