//! Offline reading (`offline: true`): the service worker at the site's root with its
//! version and what it keeps first, the pages that register it, the offline page of each
//! language, and nothing of it without the key or under `dala serve`.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A copy of `tests/fixtures/offline` with the hub theme of this repository in it.
fn site() -> PathBuf {
    let site = site_copy("offline");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("themes/hub"), &site.join("themes/hub"));
    site
}

fn built(site: &Path, out: &str) -> PathBuf {
    let out = site.parent().unwrap().join(out);
    let o = build(site, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    out
}

/// What the build wrote into the worker: `const BUILD = {...};`.
fn worker(out: &Path) -> serde_json::Value {
    let script = read(&out.join("sw.js"));
    let line = script
        .lines()
        .find_map(|l| l.strip_prefix("const BUILD = "))
        .expect("the worker carries the build");
    serde_json::from_str(line.trim_end_matches(';')).unwrap()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

const LANGS: [&str; 4] = ["en", "ru", "kk", "kk-Latn"];

#[test]
fn the_worker_keeps_each_languages_home_offline_page_and_stylesheet_first() {
    let site = site();
    let out = built(&site, "public");
    let build = worker(&out);
    let version = build["version"].as_str().unwrap();
    assert_eq!(version.len(), 16);
    assert!(version.chars().all(|c| c.is_ascii_hexdigit()), "{version}");
    assert_eq!(build["default"], "en");
    let home = html(&out.join("en/index.html"));
    let css = attr(&home, "link[rel=stylesheet]", "href").unwrap();
    assert!(css.starts_with("/style.") && css.ends_with(".css"), "{css}");
    for lang in LANGS {
        let kept = &build["langs"][lang];
        assert_eq!(kept["home"], format!("/{lang}/"));
        assert_eq!(kept["offline"], format!("/{lang}/offline/"));
        let assets = strings(&kept["assets"]);
        assert!(assets.contains(&css), "{lang}: {assets:?}");
        for path in assets
            .iter()
            .chain([&format!("/{lang}/offline/index.html")])
        {
            assert!(out.join(path.trim_start_matches('/')).is_file(), "{path}");
        }
    }
    // Every stylesheet and script by its hashed name, for the worker to take from its cache.
    let all = strings(&build["assets"]);
    assert!(all.contains(&css), "{all:?}");
    assert!(all.iter().all(|a| out.join(&a[1..]).is_file()), "{all:?}");
    let caps = (&build["pages"], &build["bytes"]);
    assert!(caps.0.as_u64().unwrap() > 0 && caps.1.as_u64().unwrap() > 0);
}

#[test]
fn every_page_registers_the_worker_with_its_script_by_hash() {
    let site = site();
    let out = built(&site, "public");
    for page in [
        "en/index.html",
        "ru/articles/road/index.html",
        "kk-Latn/offline/index.html",
        "404.html",
    ] {
        let doc = html(&out.join(page));
        let script = select(&doc, "head script[data-worker]");
        assert_eq!(script.len(), 1, "{page}");
        let script = script[0].value();
        assert_eq!(script.attr("data-worker"), Some("/sw.js"), "{page}");
        assert_eq!(script.attr("data-scope"), Some("/"), "{page}");
        let src = script.attr("src").unwrap();
        assert!(
            src.starts_with("/offline.") && src.ends_with(".js"),
            "{src}"
        );
        assert!(out.join(&src[1..]).is_file());
        assert!(script.attr("integrity").unwrap().starts_with("sha384-"));
        assert!(script.attr("defer").is_some());
    }
}

#[test]
fn each_language_has_an_offline_page_in_its_own_words() {
    let site = site();
    let out = built(&site, "public");
    let expected = [
        ("en", "You are offline", "Try again"),
        ("ru", "Нет подключения к интернету", "Повторить попытку"),
        ("kk", "Интернет байланысы жоқ", "Қайталап көру"),
        ("kk-Latn", "İnternet bailanysy joq", "Qaitalap köru"),
    ];
    for (lang, heading, retry) in expected {
        let doc = html(&out.join(format!("{lang}/offline/index.html")));
        assert_eq!(attr(&doc, "html", "lang").as_deref(), Some(lang));
        let h1: Vec<String> = select(&doc, "h1")
            .iter()
            .map(|h| h.text().collect())
            .collect();
        assert_eq!(h1, [heading], "{lang}");
        let button: String = select(&doc, "button#offline-retry")[0].text().collect();
        assert_eq!(button, retry, "{lang}");
        assert_eq!(
            attr(&doc, "meta[name=robots]", "content").as_deref(),
            Some("noindex")
        );
        // The list of kept pages, filled by a script; without it, the text says what the
        // page is for.
        assert_eq!(
            attr(&doc, "ul#offline-saved", "data-scope").as_deref(),
            Some("/")
        );
        assert!(attr(&doc, "main script[src]", "src").is_some_and(|s| s.starts_with("/saved.")));
        assert_eq!(select(&doc, "main p:not([hidden])").len(), 3, "{lang}");
        // Nothing in it is in another language.
        assert!(select(&doc, "main [lang]").is_empty(), "{lang}");
    }
    // Offline pages are not for search engines.
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(!sitemap.contains("/offline/"), "{sitemap}");
}

#[test]
fn a_changed_stylesheet_or_offline_page_makes_a_new_version_and_builds_repeat_exactly() {
    let site = site();
    let first = built(&site, "first");
    let again = built(&site, "again");
    assert_eq!(snapshot(&first), snapshot(&again));
    let version = |out: &Path| worker(out)["version"].as_str().unwrap().to_string();
    let v1 = version(&first);

    let style = site.join("themes/hub/static/style.css");
    std::fs::write(&style, read(&style) + "\n.offline-test { color: red; }\n").unwrap();
    let restyled = built(&site, "first");
    let v2 = version(&restyled);
    assert_ne!(v1, v2, "a changed stylesheet gives a new version");
    let css = attr(
        &html(&restyled.join("en/index.html")),
        "link[rel=stylesheet]",
        "href",
    )
    .unwrap();
    assert!(strings(&worker(&restyled)["langs"]["ru"]["assets"]).contains(&css));

    let strings_file = site.join("themes/hub/i18n/ru.yaml");
    let text = read(&strings_file).replace("Повторить попытку", "Попробовать снова");
    std::fs::write(&strings_file, text).unwrap();
    let reworded = built(&site, "first");
    assert_ne!(
        version(&reworded),
        v2,
        "a changed offline page gives a new version"
    );
}

#[test]
fn without_offline_nothing_of_it_is_published() {
    let site = site();
    let yaml = site.join("site.yaml");
    std::fs::write(&yaml, read(&yaml).replace("offline: true\n", "")).unwrap();
    let out = built(&site, "public");
    assert!(!out.join("sw.js").exists());
    for lang in LANGS {
        assert!(!out.join(lang).join("offline").exists(), "{lang}");
    }
    for file in snapshot(&out).iter().map(|(p, _)| p) {
        if file.extension().is_some_and(|e| e == "html") {
            let doc = html(&out.join(file));
            assert!(
                select(&doc, "script[data-worker]").is_empty(),
                "{}",
                file.display()
            );
        }
    }
}

#[test]
fn under_a_base_url_with_a_path_the_worker_serves_that_path() {
    let site = site();
    let yaml = site.join("site.yaml");
    let text = read(&yaml).replace("https://offline.example.org", "https://example.org/hub");
    std::fs::write(&yaml, text).unwrap();
    let out = built(&site, "public");
    let build = worker(&out);
    assert_eq!(build["langs"]["kk"]["home"], "/hub/kk/");
    assert_eq!(build["langs"]["kk"]["offline"], "/hub/kk/offline/");
    assert!(strings(&build["assets"])
        .iter()
        .all(|a| a.starts_with("/hub/")));
    let doc = html(&out.join("ru/articles/road/index.html"));
    assert_eq!(
        attr(&doc, "script[data-worker]", "data-worker").as_deref(),
        Some("/hub/sw.js")
    );
    assert_eq!(
        attr(&doc, "script[data-worker]", "data-scope").as_deref(),
        Some("/hub/")
    );
}

#[test]
fn a_theme_without_an_offline_page_gets_dalas_in_each_language() {
    let built = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\n  uz: { name: Oʻzbekcha, title: Test }\noffline: true\n",
        )
        .build();
    built.assert_ok();
    let expected: BTreeMap<&str, (&str, Option<&str>)> = [
        ("en", ("You are offline", None)),
        ("ru", ("Нет подключения к интернету", None)),
        // dala has no Uzbek text: the English one, marked as English.
        ("uz", ("You are offline", Some("en"))),
    ]
    .into();
    for (lang, (heading, marked)) in expected {
        let doc = built.page(&format!("{lang}/offline/"));
        assert_eq!(attr(&doc, "html", "lang").as_deref(), Some(lang));
        assert_eq!(built.texts(&format!("{lang}/offline/"), "h1"), [heading]);
        assert_eq!(attr(&doc, "h1", "lang").as_deref(), marked, "{lang}");
    }
    assert!(built.out.join("sw.js").is_file());
}

#[test]
fn dala_serve_builds_without_the_worker_and_its_live_reload_removes_one() {
    let site = site();
    let out = site.parent().unwrap().join("served");
    let server = serve(&site, &out);
    let get = |path: &str| -> (u16, String) {
        use std::io::{Read, Write};
        let mut stream = server.connect();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        let status = raw.split(' ').nth(1).unwrap().parse().unwrap();
        (status, raw)
    };
    let (status, page) = get("/en/articles/road/");
    assert_eq!(status, 200);
    let body = page.split_once("\r\n\r\n").unwrap().1;
    let doc = scraper::Html::parse_document(body);
    assert!(select(&doc, "script[data-worker]").is_empty());
    assert_eq!(select(&doc, "script[src='/__dala/live.js']").len(), 1);
    assert_eq!(get("/sw.js").0, 404);
    assert_eq!(get("/en/offline/").0, 404);
    let (_, live) = get("/__dala/live.js");
    assert!(live.contains("serviceWorker.getRegistrations"), "{live}");
    assert!(live.contains(".unregister()"), "{live}");
}
