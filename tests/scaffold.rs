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
