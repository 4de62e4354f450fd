//! `dala init` makes a site that builds at once; `dala new` writes content files and never
//! overwrites one.

mod common;
use common::*;

#[test]
fn init_makes_a_site_that_builds_in_two_languages() {
    let dir = scratch("init").join("site");
    let o = dala(&["init", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.join("public");
    let o = build(&dir, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = html(&out.join("en/articles/first-article/index.html"));
    assert_eq!(
        attr(&doc, "nav.languages a[hreflang='ru']", "href").as_deref(),
        Some("/ru/articles/first-article/")
    );
    assert!(out.join("ru/articles/first-article/index.html").is_file());
    assert!(out.join("ru/search/index.html").is_file());
    // The new site describes itself from its site.yaml, never as the hub.
    let home = html(&out.join("en/index.html"));
    let description = attr(&home, "meta[name='description']", "content").unwrap_or_default();
    assert!(
        description.starts_with("What this site is about"),
        "{description}"
    );
    for page in [
        "en/index.html",
        "ru/index.html",
        "ru/articles/first-article/index.html",
    ] {
        let text = read(&out.join(page));
        for words in ["Central Asia", "Центральной Азии", "GovStack", "Хаб"] {
            assert!(!text.contains(words), "{page} says `{words}`");
        }
    }
    // A second init into the same folder is refused.
    let o = dala(&["init", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not empty"));
}

#[test]
fn new_writes_front_matter_and_never_overwrites() {
    let dir = scratch("new").join("site");
    assert!(dala(&["init", dir.to_str().unwrap()]).status.success());
    let root = dir.to_str().unwrap();
    let o = dala(&["new", "article", "articles/open-data", "--root", root]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = dir.join("content/articles/open-data.md");
    let text = read(&file);
    assert!(
        text.starts_with("---\ntitle: \"Open data\"\ndate: 20"),
        "{text}"
    );
    std::fs::write(
        &file,
        // A block list, as editors often write it.
        text.replace("---\n\n", "tags:\n  - data\n  - open data\n---\n\nBody.\n"),
    )
    .unwrap();

    // A translation takes the original's taxonomies.
    let o = dala(&[
        "new",
        "article",
        "articles/open-data",
        "--lang",
        "ru",
        "--root",
        root,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ru = read(&dir.join("content/articles/open-data.ru.md"));
    assert!(ru.contains("tags: [data, open data]\n"), "{ru}");

    // Never over a file that exists; an unknown language is refused.
    std::fs::write(&file, "mine").unwrap();
    let o = dala(&["new", "article", "articles/open-data", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("exists already"));
    assert_eq!(read(&file), "mine");
    let o = dala(&["new", "page", "about", "--lang", "fr", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a language of site.yaml"),
        "{}",
        stderr(&o)
    );
    let o = dala(&["new", "page", "../escape", "--root", root]);
    assert_eq!(o.status.code(), Some(1));

    // What `new` writes builds.
    std::fs::remove_file(&file).unwrap();
    assert!(dala(&["new", "page", "about", "--root", root])
        .status
        .success());
    let out = dir.join("public");
    let o = build(&dir, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("en/about/index.html").is_file());
    assert!(out.join("ru/articles/open-data/index.html").is_file());
}

/// `dala init --languages kk,ru,en`: a Kazakh-first site in those three languages only,
/// whose every page speaks its language, and that `dala check` passes.
#[test]
fn init_takes_the_sites_languages_the_first_the_default() {
    let dir = scratch("init-languages").join("site");
    let o = dala(&["init", dir.to_str().unwrap(), "--languages", "kk,ru,en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("in kk, ru, en (default language: kk)"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // The unsuffixed files are Kazakh; nothing claims the Kazakh home twice.
    assert!(read(&dir.join("site.yaml")).contains("default_language: kk\n"));
    assert!(!dir.join("content/_index.kk.md").exists());
    let o = dala(&["check", "--root", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.join("public");
    let o = build(&dir, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (lang, home, article, section) in [
        (
            "kk",
            "Цифрлық үкімет туралы сайтым",
            "Алғашқы мақаламыз",
            "Мақалалар",
        ),
        (
            "ru",
            "Мой сайт о цифровом правительстве",
            "Наша первая статья",
            "Статьи",
        ),
        (
            "en",
            "My digital government site",
            "Our first article",
            "Articles",
        ),
    ] {
        let page = html(&out.join(lang).join("articles/first-article/index.html"));
        assert_eq!(attr(&page, "html", "lang").as_deref(), Some(lang));
        let h1: String = select(&page, "h1")[0].text().collect();
        assert_eq!(h1.trim(), article, "{lang}");
        let listing = html(&out.join(lang).join("articles/index.html"));
        let h1: String = select(&listing, "h1")[0].text().collect();
        assert_eq!(h1.trim(), section, "{lang}");
        let home_page = read(&out.join(lang).join("index.html"));
        assert!(home_page.contains(home), "{lang}: {home}");
    }
    let kk = read(&out.join("kk/articles/first-article/index.html"));
    assert!(kk.contains("мақаланың түпнұсқасы"), "the original says so");
    let ru = read(&out.join("ru/articles/first-article/index.html"));
    assert!(ru.contains("dala new article articles/my-article --lang ru"));
    assert!(!out.join("uz").exists() && !out.join("kk-Latn").exists());
    // The Kazakh article is the original of the others.
    let o = dala(&["translations", "--root", dir.to_str().unwrap()]);
    let table = String::from_utf8_lossy(&o.stdout);
    let row = table
        .lines()
        .find(|l| l.starts_with("articles/first-article "))
        .unwrap_or_else(|| panic!("{table}"));
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["articles/first-article", "original", "unknown", "unknown"]
    );
    // A translation of a page that has no Kazakh (default-language) file takes the
    // taxonomies of the version that exists.
    std::fs::write(
        dir.join("content/articles/budget.ru.md"),
        "---\ntitle: Бюджет\ntags: [budget]\ncountries: [kz]\n---\nТекст.\n",
    )
    .unwrap();
    let o = dala(&[
        "new",
        "article",
        "articles/budget",
        "--lang",
        "en",
        "--root",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let en = read(&dir.join("content/articles/budget.en.md"));
    assert!(
        en.contains("\ntags: [budget]\n") && en.contains("\ncountries: [kz]\n"),
        "{en}"
    );
}

/// A language dala has no example text in gets the default language's, with a comment that
/// says so; a script variant is derived from its language.
#[test]
fn init_writes_no_text_in_a_language_it_does_not_have() {
    let dir = scratch("init-uz").join("site");
    let o = dala(&[
        "init",
        dir.to_str().unwrap(),
        "--languages",
        "ru,uz,kk,kk-Latn",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let uz = read(&dir.join("content/articles/first-article.uz.md"));
    assert!(
        uz.contains("# dala has no example text in Uzbek (`uz`): the text of this file is in Russian; translate it.\ntitle: Наша первая статья\n"),
        "{uz}"
    );
    let yaml = read(&dir.join("site.yaml"));
    assert!(yaml.contains("  kk-Latn:\n    name: Qazaqşa\n"), "{yaml}");
    assert!(yaml.contains("    derive_from: kk\n"), "{yaml}");
    assert!(!dir
        .join("content/articles/first-article.kk-Latn.md")
        .exists());
    let out = dir.join("public");
    let o = build(&dir, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = html(&out.join("kk-Latn/articles/first-article/index.html"));
    let h1: String = select(&page, "h1")[0].text().collect();
    assert_eq!(h1.trim(), "Alğaşqy maqalamyz");
    let page = html(&out.join("uz/articles/first-article/index.html"));
    assert_eq!(attr(&page, "html", "lang").as_deref(), Some("uz"));

    // Languages the theme does not speak, listed twice, or malformed: bad usage, no site.
    for (list, says) in [
        ("de,en", "no interface strings in `de`"),
        ("kk,ru,kk", "`kk` is listed twice"),
        ("kk_KZ", "not a BCP 47 language tag"),
        ("kk-Latn,kk", "put `kk` first"),
        ("ru,", "expected language codes separated by commas"),
    ] {
        let dir = scratch("init-bad").join("site");
        let o = dala(&["init", dir.to_str().unwrap(), "--languages", list]);
        assert_eq!(o.status.code(), Some(2), "{list}");
        assert!(stderr(&o).contains(says), "{list}: {}", stderr(&o));
        assert!(!dir.join("site.yaml").exists());
    }
}
