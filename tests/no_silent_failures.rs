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
    // A section is a folder already: --bundle is refused for one.
    let o = new(&dir, &["section", "events", "--bundle"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "{}: error: --bundle makes a page a folder of its own; a section is a folder already (`events/_index.md`): leave out --bundle\n",
            dir.join("content/events").display()
        )
    );
    assert!(!dir.join("content/events").exists());
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

#[test]
fn a_name_with_spaces_or_capitals_is_a_warning_and_never_reaches_the_address() {
    let built = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\n  kk-Latn: { name: Qazaqşa, title: Test }\n",
        )
        .file("content/My Page.md", "---\ntitle: Mine\n---\nText.\n")
        .file("content/Digital-ID.ru.md", "---\ntitle: ЦИФ\n---\nТекст.\n")
        .file("content/fine.kk-Latn.md", "---\ntitle: Fine\n---\nText.\n")
        .file("content/Open Data/_index.md", "---\ntitle: Open data\n---\n")
        .file("content/Open Data/Plan  2027.md", "---\ntitle: Plan\n---\nText.\n")
        .file("content/Open Data/Map/index.md", "---\ntitle: Map\n---\nText.\n")
        .file("content/Open Data/Map/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .build();
    built.assert_ok();
    let warning = |file: &str| {
        let found = found(&built, Severity::Warning, file);
        assert_eq!(found.len(), 1, "{file}: {:#?}", built.diagnostics());
        assert_eq!(
            (found[0].0, found[0].1, found[0].2),
            (Kind::Path, None, None),
            "{file}"
        );
        found[0].3.clone()
    };
    assert_eq!(
        warning("content/My Page.md"),
        "the file name `My Page.md` has spaces and capital letters: rename it `my-page.md` (lower case, `-` for spaces), as its page's address has it"
    );
    assert_eq!(
        warning("content/Digital-ID.ru.md"),
        "the file name `Digital-ID.ru.md` has capital letters: rename it `digital-id.ru.md` (lower case, `-` for spaces), as its page's address has it"
    );
    assert_eq!(
        warning("content/Open Data"),
        "the folder name `Open Data` has spaces and capital letters: rename it `open-data` (lower case, `-` for spaces), as the addresses of its pages have it"
    );
    assert_eq!(
        warning("content/Open Data/Plan  2027.md"),
        "the file name `Plan  2027.md` has spaces and capital letters: rename it `plan-2027.md` (lower case, `-` for spaces), as its page's address has it"
    );
    assert_eq!(warning("content/Open Data/Map"), "the folder name `Map` has capital letters: rename it `map` (lower case, `-` for spaces), as the addresses of its pages have it");
    // A language suffix's capitals are the language's; no other warning.
    assert_eq!(built.diagnostics().len(), 5, "{:#?}", built.diagnostics());
    // The addresses are the suggested names: no space, no capital.
    for page in [
        "en/my-page/",
        "ru/digital-id/",
        "en/open-data/",
        "en/open-data/plan-2027/",
        "en/open-data/map/",
    ] {
        assert!(built.out.join(page).join("index.html").is_file(), "{page}");
    }
    assert!(built.out.join("en/open-data/map/map.svg").is_file());
    assert_eq!(built.texts("en/open-data/", "li a"), ["Map", "Plan"]);
    let files: Vec<String> = snapshot(&built.out)
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .filter(|p| p.contains(' ') || p.chars().any(char::is_uppercase))
        .filter(|p| !p.starts_with("kk-Latn/"))
        .collect();
    assert!(files.is_empty(), "{files:?}");
}

#[test]
fn a_hugo_shortcode_outside_code_is_a_warning_saying_what_dala_writes() {
    let body = "Intro.\n\n{{< figure src=\"map.png\" alt=\"A map\" attr=\"UN\" >}}\n\nSee {{< gist user 123 >}} here.\n\n{{% note kind=\"warning\" %}}\nPay first.\n{{% /note %}}\n\n{{< details >}}\nMore.\n{{< /details >}}\n\n`{{< gist a >}}` in code.\n\n```\n{{< gist b >}}\n```\n\n    {{< video id=\"z\" >}}\n\n{{<country code=\"kz\">}}\n";
    let built = SiteTest::new()
        .file("content/x.md", &format!("---\ntitle: X\n---\n{body}"))
        .build();
    built.assert_ok();
    let warnings = found(&built, Severity::Warning, "content/x.md");
    let expected = [
        (6, 1, "a Hugo shortcode, which dala does not run (it shows it as written): write `{{ figure(src=\"map.png\", alt=\"A map\", credit=\"UN\") }}` (docs/shortcodes.md)"),
        (8, 5, "a Hugo shortcode, which dala does not run (it shows it as written): dala has no shortcode `gist`; write one in `templates/shortcodes/gist.html` and call it `{{ gist(...) }}` (docs/shortcodes.md#your-own-shortcodes)"),
        (10, 1, "a Hugo shortcode, which dala does not run (it shows it as written): write `{% note(kind=\"warning\") %}` at the end of a line, the body on the lines after it, and `{% end %}` on a line of its own (docs/shortcodes.md)"),
        (14, 1, "a Hugo shortcode, which dala does not run (it shows it as written): dala has no shortcode `details`; write one in `templates/shortcodes/details.html` and call it `{% details(...) %}` at the end of a line, the body on the lines after it, and `{% end %}` on a line of its own (docs/shortcodes.md#your-own-shortcodes)"),
        (26, 1, "a Hugo shortcode, which dala does not run (it shows it as written): write `{{ country(code=\"kz\") }}` (docs/shortcodes.md)"),
    ];
    let got: Vec<(usize, usize, &str)> = warnings
        .iter()
        .map(|(kind, line, column, message)| {
            assert_eq!(*kind, Kind::Shortcode, "{message}");
            (line.unwrap(), column.unwrap(), message.as_str())
        })
        .collect();
    assert_eq!(got, expected);
    // The line is quoted, the call marked.
    let d = built.at(Severity::Warning, "content/x.md")[1].to_string();
    assert!(
        d.ends_with("\n  See {{< gist user 123 >}} here.\n      ^^^^^^^^^^^^^^^^^^^^^"),
        "{d}"
    );
    // A warning fails the build only with --strict, through the binary too.
    let root = SiteTest::new()
        .file(
            "content/x.md",
            "---\ntitle: X\n---\n{{< country code=\"kz\" >}}\n",
        )
        .write();
    let out = root.parent().unwrap().join("public");
    let o = build(&root, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("content/x.md:4:1: warning: a Hugo shortcode, which dala does not run (it shows it as written): write `{{ country(code=\"kz\") }}` (docs/shortcodes.md)"), "{}", stderr(&o));
    let o = build(&root, &out, &["--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}
