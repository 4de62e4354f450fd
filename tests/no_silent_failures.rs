//! Mistakes that used to build without a word, or did the wrong thing (issue 13, part 3):
//! each is now an error or a warning at its file and line, saying what to do.

mod common;
use common::*;
use dala::error::{Diagnostic, Kind, Severity};

/// The diagnostics of `built` at `file` of `severity`, as (kind, line, column, message).
fn found(
    built: &Built,
    severity: Severity,
    file: &str,
) -> Vec<(Kind, Option<usize>, Option<usize>, String)> {
    built
        .at(severity, file)
        .into_iter()
        .map(|d: &Diagnostic| (d.kind, d.line, d.column, d.message.clone()))
        .collect()
}

#[test]
fn a_language_without_name_or_title_is_an_error_at_its_line() {
    let site = SiteTest::new().file(
        "site.yaml",
        "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  tg:\n    title: Сомона\n  ky:\n    name: Кыргызча\n  kk-Latn: { name: Qazaqşa, derive_from: kk }\n  kk: { name: Қазақша, title: Тест }\n  xx: { title: X }\n",
    );
    let built = site.build();
    assert_eq!(
        found(&built, Severity::Error, "site.yaml"),
        [
            (
                Kind::Config,
                Some(5),
                Some(3),
                "language `tg` has no `name`: add `name: Тоҷикӣ`, the name readers choose it by"
                    .to_string()
            ),
            (
                Kind::Config,
                Some(7),
                Some(3),
                "language `ky` has no `title`: add `title: ...`, the site's title in Кыргызча, shown at the top of every page and in the browser's tab".to_string()
            ),
            (
                Kind::Config,
                Some(11),
                Some(3),
                "language `xx` has no `name`: add `name: ...`, the name readers choose it by"
                    .to_string()
            ),
        ]
    );
    // The binary: exit 1, the line quoted.
    let root = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { title: Test }\n",
        )
        .write();
    let o = build(&root, &root.parent().unwrap().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("site.yaml:4:3: error: language `en` has no `name`: add `name: English`, the name readers choose it by\n    en: { title: Test }\n"),
        "{}",
        stderr(&o)
    );
}

/// A site made by `dala init` in `languages`; its folder.
fn new_site(languages: &str) -> std::path::PathBuf {
    let dir = scratch("new").join("site");
    let o = dala(&["init", dir.to_str().unwrap(), "--languages", languages]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    dir
}

/// `dala new KIND PATH ARGS...` in the site at `dir`.
fn new(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", dir.to_str().unwrap()]);
    dala(&all)
}

#[test]
fn new_refuses_a_folder_that_is_not_a_section() {
    let dir = new_site("en,ru");
    let before = snapshot(&dir);
    let o = new(&dir, &["article", "news/budget-2027"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "{}: error: `news/` is not a section (it has no `_index.md`, nor has a folder above it), so no listing or menu would show the page: make it a section first with `dala new section news`, or put the page in a section: `articles/`\n",
            dir.join("content/news").display()
        )
    );
    // Nothing written, not even the folder.
    assert_eq!(snapshot(&dir), before);
    assert!(!dir.join("content/news").exists());
    // Made a section, it takes pages, in folders below it too; a page at the top of
    // content/ is the home's.
    let o = new(&dir, &["section", "news"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for path in ["news/budget-2027", "news/2027/plan", "about"] {
        let o = new(&dir, &["page", path]);
        assert_eq!(o.status.code(), Some(0), "{path}: {}", stderr(&o));
    }
    // A section in another language only is a section.
    std::fs::create_dir_all(dir.join("content/press")).unwrap();
    std::fs::write(
        dir.join("content/press/_index.ru.md"),
        "---\ntitle: Пресса\n---\n",
    )
    .unwrap();
    let o = new(&dir, &["page", "press/release", "--lang", "ru"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn new_makes_page_bundles() {
    let dir = new_site("en,ru");
    let o = new(&dir, &["article", "articles/my-article/"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bundle = dir.join("content/articles/my-article");
    assert!(bundle.join("index.md").is_file());
    assert!(!dir.join("content/articles/my-article.md").exists());
    // Its translation goes beside it, with --bundle or without (the folder is there).
    let o = new(&dir, &["article", "articles/my-article", "--lang", "ru"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(bundle.join("index.ru.md").is_file());
    let o = new(&dir, &["page", "articles/map", "--bundle", "--lang", "ru"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join("content/articles/map/index.ru.md").is_file());
    // `.../index` is the bundle too, titled by its folder, never "Index".
    let o = new(&dir, &["page", "articles/open-data/index"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = read(&dir.join("content/articles/open-data/index.md"));
    assert!(text.starts_with("---\ntitle: \"Open data\"\n"), "{text}");
    let out = dir.join("public");
    let o = build(&dir, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("en/articles/my-article/index.html").is_file());
    assert!(out.join("ru/articles/my-article/index.html").is_file());
    assert!(out.join("en/articles/open-data/index.html").is_file());
}

#[test]
fn new_never_titles_a_page_from_a_slug_in_another_script() {
    let dir = new_site("kk,ru,en,ky");
    let title = |file: &str| {
        let text = read(&dir.join("content").join(file));
        text.lines()
            .skip(1)
            .take_while(|l| !l.starts_with("date:") && *l != "---")
            .collect::<Vec<_>>()
            .join("\n")
    };
    // No other version: a placeholder in the page's language.
    for (lang, file, expected) in [
        ("ru", "articles/egov-portal.ru.md", "title: \"Заголовок страницы\""),
        ("kk", "articles/digital-id.md", "title: \"Беттің тақырыбы\""),
        ("en", "articles/open-data.en.md", "title: \"Open data\""),
        (
            "ky",
            "articles/e-services.ky.md",
            "# dala has no placeholder title in Kyrgyz (`ky`): this one is in Kazakh; write the page's title in Kyrgyz\ntitle: \"Беттің тақырыбы\"",
        ),
    ] {
        let path = file.split('.').next().unwrap();
        let o = new(&dir, &["article", path, "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(title(file), expected, "{lang}");
    }
    // Another version exists: its title, to translate.
    let o = new(&dir, &["article", "articles/open-data", "--lang", "ru"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        title("articles/open-data.ru.md"),
        "title: \"Open data\" # translate this title (the `en` version's)"
    );
    std::fs::write(
        dir.join("content/articles/budget.md"),
        "---\ntitle: Бюджет 2027\n---\nМәтін.\n",
    )
    .unwrap();
    let o = new(&dir, &["page", "articles/budget", "--lang", "ru"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        title("articles/budget.ru.md"),
        "title: \"Бюджет 2027\" # translate this title (the `kk` version's)"
    );
    // A name in the page's own script gives its title.
    let o = new(&dir, &["page", "articles/цифрлық-үкімет"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        title("articles/цифрлық-үкімет.md"),
        "title: \"Цифрлық үкімет\""
    );
    let o = build(&dir, &dir.join("public"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
