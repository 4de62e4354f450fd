//! "Suggest a change": with `edit_url:` in site.yaml, every page links to its own source
//! file on the site's forge; a page of a derived language to its parent's file.

mod common;
use common::*;
use dala::error::Kind;

fn site(edit_url: &str) -> SiteTest {
    SiteTest::new()
        .file(
            "site.yaml",
            &format!("base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: {{ name: English, title: Test }}\n  kk: {{ name: Қазақша, title: Тест }}\n  kk-Latn: {{ name: Qazaqşa, derive_from: kk }}\nedit_url: {edit_url}\n"),
        )
        .file(
            "templates/page.html",
            "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main>{{ page.content | safe }}{% if page.edit_url %}<a id=\"edit\" href=\"{{ page.edit_url }}\">edit</a>{% endif %}</main></html>\n",
        )
        .file("content/news/_index.md", "---\ntitle: News\n---\n")
        .file("content/news/_index.kk.md", "---\ntitle: Жаңалықтар\n---\n")
        .file("content/news/launch/index.md", "---\ntitle: Launch\n---\nText.\n")
        .file("content/news/launch/index.kk.md", "---\ntitle: Іске қосу\n---\nМәтін.\n")
        .file("content/news/only english.md", "---\ntitle: Notes\n---\nText.\n")
}

#[test]
fn every_page_links_to_its_own_source_file() {
    let built = site("https://forge.example.org/hub/site/-/edit/main/{path}").build();
    built.assert_ok();
    let link = |page: &str| attr(&html(&built.out.join(page)), "#edit", "href");
    let base = "https://forge.example.org/hub/site/-/edit/main/content/news";
    assert_eq!(
        link("en/news/launch/index.html"),
        Some(format!("{base}/launch/index.md"))
    );
    assert_eq!(
        link("kk/news/launch/index.html"),
        Some(format!("{base}/launch/index.kk.md"))
    );
    // Kazakh in Latin letters is made from the Kazakh file: that is the one to change.
    assert_eq!(
        link("kk-Latn/news/launch/index.html"),
        Some(format!("{base}/launch/index.kk.md"))
    );
    // A space in a file name is written as %20.
    assert_eq!(
        link("en/news/only-english/index.html"),
        Some(format!("{base}/only%20english.md"))
    );
}

#[test]
fn no_edit_url_no_link_and_a_bad_one_is_an_error_at_its_line() {
    let built = SiteTest::new()
        .file(
            "templates/page.html",
            "<main>{% if page.edit_url %}<a id=\"edit\">x</a>{% endif %}</main>",
        )
        .file("content/a.md", "---\ntitle: A\n---\n")
        .build();
    built.assert_ok();
    assert!(select(&html(&built.out.join("en/a/index.html")), "#edit").is_empty());
    for bad in [
        "https://forge.example.org/edit/main/",
        "javascript:alert(1)//{path}",
    ] {
        let built = site(bad).build();
        let errors: Vec<_> = built
            .diagnostics()
            .iter()
            .filter(|d| d.kind == Kind::Config && d.message.contains("`edit_url`"))
            .collect();
        assert_eq!(errors.len(), 1, "{bad}: {:#?}", built.diagnostics());
        assert_eq!(errors[0].line, Some(7), "{bad}");
    }
}

/// The query parameter `key` of `url`, decoded.
fn param(url: &str, key: &str) -> String {
    let query = url.split_once('?').unwrap().1;
    let value = query
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .unwrap();
    percent_decode(value)
}

#[test]
fn a_page_missing_in_a_language_offers_its_new_file_with_the_front_matter_filled_in() {
    let built = site("https://forge.example.org/hub/site/-/edit/main/{path}")
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  kk: { name: Қазақша, title: Тест }\n  ru: { name: Русский, title: Тест }\n  kk-Latn: { name: Qazaqşa, derive_from: kk }\ntaxonomies: [tags]\nnew_file_url: https://forge.example.org/o/s/new/main/{dir}?filename={name}&value={content}\n",
        )
        .file(
            "templates/page.html",
            "<main>{% for tr in page.translate %}<a class=\"tr\" lang=\"{{ tr.lang }}\" href=\"{{ tr.url }}\">{{ tr.name }}</a>{% endfor %}</main>",
        )
        .file("templates/taxonomy.html", "<main></main>")
        .file("templates/taxonomy_term.html", "<main></main>")
        .file(
            "content/news/launch/index.md",
            "---\ntitle: Launch\ndate: 2026-11-02\ntags: [open data]\n---\nText.\n",
        )
        .build();
    built.assert_ok();
    for page in [
        "en/news/launch/index.html",
        "kk/news/launch/index.html",
        "kk-Latn/news/launch/index.html",
    ] {
        let doc = html(&built.out.join(page));
        let offers: Vec<(String, String)> = select(&doc, "a.tr")
            .iter()
            .map(|a| {
                let v = a.value();
                (
                    v.attr("lang").unwrap().to_string(),
                    v.attr("href").unwrap().to_string(),
                )
            })
            .collect();
        // Only Russian is missing: kk has its file, kk-Latn is made from it.
        assert_eq!(offers.len(), 1, "{page}: {offers:?}");
        let (lang, url) = &offers[0];
        assert_eq!(lang, "ru");
        assert!(
            url.starts_with("https://forge.example.org/o/s/new/main/content/news/launch?"),
            "{url}"
        );
        assert_eq!(param(url, "filename"), "index.ru.md");
        let front = param(url, "value");
        assert!(
            front.starts_with("---\ntitle: \"Launch\" # translate this title"),
            "{front}"
        );
        assert!(
            front.contains("\ndate: 2026-11-02\n") && front.contains("tags: [open data]"),
            "{front}"
        );
        assert!(front.ends_with("---\n\n"), "{front}");
    }
}
