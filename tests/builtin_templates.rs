//! The files dala writes from its built-in templates (`root.html`, `404.html`,
//! `redirect.html`, `sitemap.xml`, `robots.txt`), and a theme or site replacing each by a
//! template of the same name.

mod common;
use common::*;
use dala::error::Severity;

fn moved() -> SiteTest {
    SiteTest::new().file(
        "content/notes/new.md",
        "---\ntitle: New\ndate: 2026-05-04\naliases: [old/place]\n---\nText.\n",
    )
}

fn read(built: &Built, path: &str) -> String {
    std::fs::read_to_string(built.out.join(path)).unwrap()
}

#[test]
fn without_templates_of_its_own_a_site_gets_dalas() {
    let built = moved().build();
    built.assert_ok();
    let redirect = built.page("old/place/");
    let refresh = select(&redirect, "meta[http-equiv=refresh]");
    assert_eq!(
        refresh[0].value().attr("content"),
        Some("0; url=https://test.example.org/en/notes/new/")
    );
    let canonical = select(&redirect, "link[rel=canonical]");
    assert_eq!(
        canonical[0].value().attr("href"),
        Some("https://test.example.org/en/notes/new/")
    );
    assert_eq!(built.texts("", "li a"), ["English"]);
    assert_eq!(built.texts("404.html", "h1"), ["Page not found"]);
    let sitemap = read(&built, "sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://test.example.org/en/notes/new/</loc>\n    <lastmod>2026-05-04</lastmod>"
        ),
        "{sitemap}"
    );
    assert_eq!(
        read(&built, "robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://test.example.org/sitemap.xml\n"
    );
}

#[test]
fn the_builtin_404_page_speaks_every_language_with_its_fallbacks_marked() {
    let built = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\n  kk: { name: Қазақша, title: Тест }\n  kk-Latn: { name: Qazaqşa, title: Test, derive_from: kk }\n  uz: { name: Oʻzbekcha, title: Test }\n",
        )
        // The site's own string wins over dala's; dala has none in Uzbek.
        .file("i18n/en.yaml", "page_not_found: \"Nothing here\"\n")
        .build();
    built.assert_ok();
    let doc = built.page("404.html");
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("en"));
    assert_eq!(built.texts("404.html", "h1"), ["Nothing here"]);
    assert_eq!(select(&doc, "main").len(), 1);
    // Each language: its section, its heading, its text and a link to its home.
    let expected = [
        ("en", "Nothing here", "Go to the home page"),
        ("ru", "Страница не найдена", "Перейти на главную страницу"),
        ("kk", "Бет табылмады", "Басты бетке өту"),
        ("kk-Latn", "Bet tabylmady", "Basty betke ötu"),
        ("uz", "Nothing here", "Go to the home page"),
    ];
    let sections = select(&doc, "main > section");
    assert_eq!(sections.len(), expected.len());
    for (section, (code, heading, home)) in sections.iter().zip(expected) {
        assert_eq!(section.value().attr("lang"), Some(code));
        let inner = scraper::Html::parse_fragment(&section.html());
        let h = select(&inner, "h1, h2");
        assert_eq!(h[0].text().collect::<String>(), heading, "{code}");
        let a = select(&inner, "a");
        assert_eq!(a[0].text().collect::<String>(), home, "{code}");
        assert_eq!(
            a[0].value().attr("href"),
            Some(format!("/{code}/").as_str())
        );
        assert_eq!(a[0].value().attr("hreflang"), Some(code));
        // A text from another language says which.
        let marked = if code == "uz" { Some("en") } else { None };
        assert_eq!(h[0].value().attr("lang"), marked, "{code}");
        assert_eq!(a[0].value().attr("lang"), marked, "{code}");
    }
}

#[test]
fn a_site_replaces_each_builtin_template_by_name() {
    let built = moved()
        .file(
            "templates/redirect.html",
            "<p lang=\"{{ lang }}\" id=\"to\">{{ redirect.to }}</p>\n",
        )
        .file(
            "templates/sitemap.xml",
            "<urls>{% for e in entries %}<u>{{ e.loc }}</u>{% endfor %}</urls>\n",
        )
        .file(
            "templates/robots.txt",
            "User-agent: *\nDisallow: /drafts/\n",
        )
        .file("templates/root.html", "<h1>{{ site.title }}</h1>\n")
        .file(
            "templates/404.html",
            "<a id=\"home\" href=\"{{ root_path }}\">{{ lang }}</a>\n",
        )
        .build();
    built.assert_ok();
    assert_eq!(
        built.texts("old/place/", "#to"),
        ["https://test.example.org/en/notes/new/"]
    );
    let sitemap = read(&built, "sitemap.xml");
    assert!(sitemap.starts_with("<urls><u>"), "{sitemap}");
    assert!(
        sitemap.contains("<u>https://test.example.org/en/notes/new/</u>"),
        "{sitemap}"
    );
    assert_eq!(
        read(&built, "robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n"
    );
    assert_eq!(built.texts("", "h1"), ["Test"]);
    let not_found = built.page("404.html");
    let home = select(&not_found, "#home");
    assert_eq!(home[0].value().attr("href"), Some("/"));
}

#[test]
fn a_robots_txt_among_the_static_files_wins_over_the_template() {
    let built = SiteTest::new()
        .file("static/robots.txt", "User-agent: *\nDisallow: /\n")
        .file("templates/robots.txt", "from the template\n")
        .build();
    built.assert_ok();
    assert_eq!(read(&built, "robots.txt"), "User-agent: *\nDisallow: /\n");
}

#[test]
fn a_broken_redirect_template_fails_the_build_at_the_template() {
    let built = moved()
        .file("templates/redirect.html", "{{ redirect.nowhere.at_all }}\n")
        .build();
    assert!(built.result.is_err());
    let errors = built.at(Severity::Error, "templates/redirect.html");
    assert_eq!(errors.len(), 1, "{:?}", built.diagnostics());
    assert!(!built.out.join("old/place/index.html").exists());
}

#[test]
fn the_sitemap_written_directly_is_the_builtin_template_byte_for_byte() {
    // dala writes its own sitemap without the template engine (a context of every URL
    // costs megabytes); the same site with the built-in template copied into templates/
    // renders it through Tera. The two must be the same bytes.
    let site = || {
        SiteTest::new()
            .file(
                "site.yaml",
                "base_url: https://test.example.org/hub\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\n",
            )
            .file("content/_index.ru.md", "---\ntitle: Главная\n---\n")
            .file("content/notes/_index.md", "---\ntitle: Notes\n---\n")
            .file(
                "content/notes/x.md",
                "---\ntitle: X\ndate: 2026-05-04\nupdated: 2026-06-01\n---\nText.\n",
            )
            .file(
                "content/notes/x.ru.md",
                "---\ntitle: Икс\ndate: 2026-05-04\nslug: данные-&-сервисы\n---\nТекст.\n",
            )
            .file("content/notes/only.md", "---\ntitle: Only\n---\nText.\n")
    };
    let direct = site().build();
    direct.assert_ok();
    let through_tera = site()
        .file(
            "templates/sitemap.xml",
            include_str!("../src/builtin/sitemap.xml"),
        )
        .build();
    through_tera.assert_ok();
    let (a, b) = (
        read(&direct, "sitemap.xml"),
        read(&through_tera, "sitemap.xml"),
    );
    assert!(a.contains("hreflang=\"ru\""), "{a}");
    assert!(a.contains("&amp;") || a.contains("%26"), "{a}");
    assert!(a.contains("<lastmod>2026-06-01</lastmod>"), "{a}");
    assert_eq!(a, b);
}
