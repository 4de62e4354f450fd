//! The site model (`dala::site`) on its own, without templates or output: orders with ties,
//! taxonomy terms, related pages, the versions a language lacks, and links between content
//! files, on sites written out in each test.

mod common;
use common::*;
use dala::config::Config;
use dala::content::{Content, PageId, SourceCache};
use dala::i18n::Strings;
use dala::lang::Lang;
use dala::markdown::LinkResolution;
use dala::site::links::resolve_link;
use dala::site::{Model, Site};
use dala::url::Urls;
use std::path::Path;

/// A site loaded as the build loads it.
struct Loaded {
    config: Config,
    content: Content,
    strings: Strings,
    urls: Urls,
}

impl Loaded {
    fn of(test: SiteTest) -> Loaded {
        let root = test.write();
        let config = Config::load(&root).expect("site.yaml");
        let mut errors = Vec::new();
        let content = Content::load(&root, &config, false, &SourceCache::default(), &mut errors);
        let i18n = root.join("i18n");
        let strings = Strings::load(&[Path::new(&i18n)], &config, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let urls = Urls::new(&config.base_url);
        Loaded {
            config,
            content,
            strings,
            urls,
        }
    }

    fn site(&self) -> Site<'_> {
        Site {
            config: &self.config,
            content: &self.content,
            urls: &self.urls,
            strings: &self.strings,
        }
    }

    fn model(&self) -> Model {
        Model::new(&self.site())
    }

    fn titles(&self, pages: &[PageId]) -> Vec<String> {
        pages
            .iter()
            .map(|&i| self.content.pages[i].fm.title.clone())
            .collect()
    }

    fn resolve(&self, from: &str, dest: &str) -> LinkResolution {
        resolve_link(&self.content, &self.urls, from, &lang("en"), dest)
    }
}

fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap()
}

fn page(title: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\n{extra}---\nText of {title}.\n")
}

const THREE_LANGUAGES: &str = "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\n  kk: { name: Қазақша, title: Тест, fallback: [ru], untranslated: show }\ntaxonomies: [tags]\n";

#[test]
fn weight_ties_go_by_title_and_pages_without_weight_come_last() {
    let loaded = Loaded::of(
        SiteTest::new()
            .file(
                "content/guide/_index.md",
                "---\ntitle: Guide\nsort_by: weight\n---\n",
            )
            .file("content/guide/b.md", &page("Beta", "weight: 1\n"))
            .file("content/guide/a.md", &page("Alpha", "weight: 1\n"))
            .file("content/guide/c.md", &page("Gamma", ""))
            .file("content/guide/d.md", &page("Delta", "weight: -3\n")),
    );
    let model = loaded.model();
    assert_eq!(
        loaded.titles(model.section("guide", &lang("en"))),
        ["Delta", "Alpha", "Beta", "Gamma"]
    );
}

#[test]
fn a_title_order_ignores_case_and_an_undated_page_comes_after_the_dated() {
    let loaded = Loaded::of(
        SiteTest::new()
            .file(
                "content/terms/_index.md",
                "---\ntitle: Terms\nsort_by: title\n---\n",
            )
            .file("content/terms/b.md", &page("beta", "date: 2026-01-01\n"))
            .file("content/terms/a.md", &page("Alpha", ""))
            .file("content/terms/c.md", &page("Gamma", "date: 2026-02-01\n")),
    );
    let model = loaded.model();
    let en = lang("en");
    assert_eq!(
        loaded.titles(model.section("terms", &en)),
        ["Alpha", "beta", "Gamma"]
    );
    // Newest first; the undated page is not among the recent ones and ranks last.
    assert_eq!(loaded.titles(&model.recent[&en]), ["Gamma", "beta"]);
    let alpha = loaded
        .content
        .pages
        .iter()
        .position(|p| p.fm.title == "Alpha")
        .unwrap();
    assert_eq!(model.rank[alpha], 2);
}

#[test]
fn related_pages_share_the_most_terms_then_are_newest_and_keep_to_their_language() {
    let loaded = Loaded::of(
        SiteTest::new()
            .file("site.yaml", THREE_LANGUAGES)
            .file(
                "content/x.md",
                &page("X", "date: 2026-01-10\ntags: [id, data]\n"),
            )
            .file(
                "content/both.md",
                &page("Both", "date: 2025-01-01\ntags: [id, data]\n"),
            )
            .file(
                "content/newer.md",
                &page("Newer", "date: 2026-06-01\ntags: [data]\n"),
            )
            .file(
                "content/older.md",
                &page("Older", "date: 2024-06-01\ntags: [id]\n"),
            )
            .file(
                "content/other.md",
                &page("Other", "date: 2026-06-02\ntags: [roads]\n"),
            )
            .file(
                "content/elsewhere.ru.md",
                &page("Иное", "date: 2026-06-03\ntags: [id, data]\n"),
            ),
    );
    let model = loaded.model();
    let x: usize = loaded
        .content
        .pages
        .iter()
        .position(|p| p.fm.title == "X")
        .unwrap();
    let related: Vec<(&str, usize)> = model.related[x]
        .iter()
        .map(|r| (r.title.as_str(), r.shared))
        .collect();
    assert_eq!(related, [("Both", 2), ("Newer", 1), ("Older", 1)]);
}

#[test]
fn terms_keep_their_first_spelling_and_list_pages_newest_first() {
    let loaded = Loaded::of(
        SiteTest::new()
            .file("site.yaml", THREE_LANGUAGES)
            .file(
                "content/a.ru.md",
                &page("А", "date: 2026-01-01\ntags: [\"Цифровой ID\"]\n"),
            )
            .file(
                "content/b.ru.md",
                &page("Б", "date: 2026-03-01\ntags: [\"цифровой id\"]\n"),
            ),
    );
    let model = loaded.model();
    let terms = &model.terms[&lang("ru")]["tags"];
    assert_eq!(terms.len(), 1, "{terms:?}");
    let (slug, term) = terms.iter().next().unwrap();
    assert_eq!(slug, "цифровой-id");
    assert_eq!(term.name, "Цифровой ID");
    assert_eq!(loaded.titles(&term.pages), ["Б", "А"]);
}

#[test]
fn a_language_that_shows_untranslated_pages_takes_them_from_its_fallback_first() {
    let loaded = Loaded::of(
        SiteTest::new()
            .file("site.yaml", THREE_LANGUAGES)
            .file("content/notes/_index.md", "---\ntitle: Notes\n---\n")
            .file("content/notes/_index.kk.md", "---\ntitle: Жазбалар\n---\n")
            .file("content/notes/both.md", &page("Both in English", ""))
            .file("content/notes/both.ru.md", &page("Оба по-русски", ""))
            .file("content/notes/only.md", &page("Only English", ""))
            .file("content/notes/own.kk.md", &page("Қазақша ғана", "")),
    );
    let model = loaded.model();
    let mut kk = loaded.titles(model.section("notes", &lang("kk")));
    kk.sort();
    assert_eq!(kk, ["Only English", "Оба по-русски", "Қазақша ғана"]);
    // Russian does not show untranslated pages.
    assert_eq!(
        loaded.titles(model.section("notes", &lang("ru"))),
        ["Оба по-русски"]
    );
}

#[test]
fn links_resolve_to_their_version_and_never_climb_above_content() {
    let loaded = Loaded::of(
        SiteTest::new()
            .file("content/notes/_index.md", "---\ntitle: Notes\n---\n")
            .file("content/notes/x.md", &page("X", ""))
            .file("content/notes/y.md", &page("Y", "")),
    );
    let resolved = |dest: &str| match loaded.resolve("notes/x.md", dest) {
        LinkResolution::Resolved(url) => Some(url),
        _ => None,
    };
    assert_eq!(resolved("y.md#part").as_deref(), Some("/en/notes/y/#part"));
    assert_eq!(resolved("@/notes/y.md").as_deref(), Some("/en/notes/y/"));
    assert_eq!(resolved("./_index.md").as_deref(), Some("/en/notes/"));
    assert_eq!(
        resolved("../notes/../notes/y.md").as_deref(),
        Some("/en/notes/y/")
    );
    for climbing in ["../../y.md", "@/../notes/y.md", "../../../../etc/passwd.md"] {
        assert!(
            matches!(loaded.resolve("notes/x.md", climbing), LinkResolution::Broken(m) if m.contains("out of content/")),
            "{climbing}"
        );
    }
    assert!(matches!(
        loaded.resolve("notes/x.md", "missing.md"),
        LinkResolution::Broken(_)
    ));
    assert!(matches!(
        loaded.resolve("notes/x.md", "https://example.org/y.md"),
        LinkResolution::External
    ));
}

/// Issue 13: a page's original may be in any language. A listing that shows the pages its
/// language lacks takes them from the fallback chain, then from their original (not the
/// default language); a section that does not say its weight in a language has its
/// original's.
#[test]
fn untranslated_pages_and_section_weights_come_from_the_original() {
    let loaded = Loaded::of(
        SiteTest::new()
            .file(
                "site.yaml",
                "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\n  kk: { name: Қазақша, title: Тест, untranslated: show }\n",
            )
            .file("content/b-notes/_index.md", "---\ntitle: B notes\n---\n")
            .file(
                "content/b-notes/_index.kk.md",
                "---\ntitle: Жазбалар\noriginal: ru\n---\n",
            )
            .file(
                "content/b-notes/_index.ru.md",
                "---\ntitle: Заметки\nweight: 1\n---\n",
            )
            .file("content/a-news/_index.md", "---\ntitle: A news\nweight: 2\n---\n")
            .file("content/a-news/_index.kk.md", "---\ntitle: Жаңалықтар\n---\n")
            .file("content/b-notes/plan.md", &page("Plan in English", ""))
            .file("content/b-notes/plan.ru.md", &page("План по-русски", ""))
            .file("content/b-notes/own.md", &page("Own original", "original: en\n")),
    );
    let model = loaded.model();
    let mut kk = loaded.titles(model.section("b-notes", &lang("kk")));
    kk.sort();
    // `plan` is Russian-first (its section's original: ru): the Kazakh listing shows its
    // Russian version; `own` says `original: en` and has only English.
    assert_eq!(kk, ["Own original", "План по-русски"]);
    let mut errors = Vec::new();
    let menus = dala::site::menu::menus(&loaded.site(), Path::new("site.yaml"), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    // Kazakh `b-notes` has no weight: the Russian original's 1 puts it before `a-news` (2).
    let kk_menu: Vec<&str> = menus[&lang("kk")]
        .iter()
        .map(|m| m.title.as_str())
        .collect();
    assert_eq!(kk_menu, ["Жазбалар", "Жаңалықтар"]);
    // English `b-notes` has none either, and the same original.
    let en_menu: Vec<&str> = menus[&lang("en")]
        .iter()
        .map(|m| m.title.as_str())
        .collect();
    assert_eq!(en_menu, ["B notes", "A news"]);
}
