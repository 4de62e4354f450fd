//! The hub site in this repository: it builds, and its pages carry what crawlers and
//! feed readers need.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("hub").join("public");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let o = build(root, &out, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            !stderr(&o).contains("warning"),
            "the hub builds without warnings:\n{}",
            stderr(&o)
        );
        out
    })
}

#[test]
fn articles_carry_json_ld_and_open_graph_in_their_language() {
    for lang in ["en", "ru", "kk", "kk-Latn"] {
        let doc = html(&built().join(format!("{lang}/articles/digital-id/index.html")));
        let script = select(&doc, "script[type='application/ld+json']");
        let data: serde_json::Value =
            serde_json::from_str(&script[0].text().collect::<String>()).unwrap();
        assert_eq!(data["@type"], "Article");
        assert_eq!(data["inLanguage"], lang);
        assert_eq!(
            data["url"],
            format!("https://hub.example.org/{lang}/articles/digital-id/")
        );
        let og_url = attr(&doc, "meta[property='og:url']", "content");
        assert_eq!(og_url.as_deref(), Some(data["url"].as_str().unwrap()));
    }
}

#[test]
fn feeds_per_language_and_section_with_absolute_urls() {
    for feed in [
        "ru/atom.xml",
        "ru/articles/atom.xml",
        "kk/articles/atom.xml",
    ] {
        let xml = read(&built().join(feed));
        assert!(
            xml.contains(&format!("<id>https://hub.example.org/{feed}</id>")),
            "{feed}"
        );
        assert!(xml.matches("<entry").count() >= 6, "{feed}");
        assert!(xml.contains("<updated>2026-"), "{feed}");
        assert!(!xml.contains("href=\"/"), "{feed}: only absolute links");
    }
    let robots = read(&built().join("robots.txt"));
    assert!(
        robots.contains("Sitemap: https://hub.example.org/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn countries_goals_and_building_blocks_are_browsable() {
    let doc = html(&built().join("kk/countries/index.html"));
    let names: Vec<String> = select(&doc, ".terms-list a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert!(names.contains(&"Қазақстан".to_string()), "{names:?}");
    // The hub names Kyrgyzstan in Russian as the country does (`country_kg`), not as CLDR.
    let doc = html(&built().join("ru/countries/index.html"));
    let names: Vec<String> = select(&doc, ".terms-list a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert!(names.contains(&"Кыргызстан".to_string()), "{names:?}");
    assert!(!names.contains(&"Киргизия".to_string()), "{names:?}");
    assert!(built().join("ru/sdgs/16/index.html").exists());
    assert!(built()
        .join("en/building_blocks/identity/index.html")
        .exists());
}

/// The GovStack building blocks, by the slugs of GovStack's specification list.
const BUILDING_BLOCKS: [&str; 15] = [
    "cloud-infrastructure",
    "consent",
    "content-management",
    "digital-registries",
    "e-marketplace",
    "e-signature",
    "gis",
    "identity",
    "information-mediator",
    "messaging",
    "payments",
    "registration",
    "scheduler",
    "wallet",
    "workflow",
];

#[test]
fn every_building_block_is_named_in_english_russian_and_kazakh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = dala::config::Config::load(root).expect("site.yaml");
    let mut problems = Vec::new();
    let strings = dala::i18n::Strings::load(
        &[&root.join("themes/hub/i18n"), &root.join("i18n")],
        &config,
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:?}");
    for lang in ["en", "ru", "kk"] {
        let lang = dala::lang::Lang::parse(lang).unwrap();
        // The names the hub's listing of building blocks shows.
        let doc = html(&built().join(format!("{lang}/building_blocks/index.html")));
        let shown: Vec<(String, String)> = select(&doc, ".terms-list a")
            .iter()
            .map(|a| {
                let href = a.value().attr("href").unwrap_or_default().to_string();
                (href, a.text().collect())
            })
            .collect();
        for slug in BUILDING_BLOCKS {
            // The language's own file names it: no fallback to another language.
            let name = strings
                .own(&lang, &format!("building_blocks_{slug}"))
                .unwrap_or_else(|| panic!("i18n/{lang}.yaml lacks building_blocks_{slug}"));
            assert!(
                !name.trim().is_empty() && name != slug,
                "{lang} {slug}: {name}"
            );
            let path = format!("/{lang}/building_blocks/{slug}/");
            assert!(
                shown.contains(&(path.clone(), name.to_string())),
                "{path} is not listed as {name}: {shown:?}"
            );
        }
    }
}

#[test]
fn a_second_build_of_the_unchanged_hub_renders_nothing() {
    let out = scratch("hub-twice").join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(build(root, &out, &[]).status.code(), Some(0));
    let again = build(root, &out, &[]);
    let summary = String::from_utf8_lossy(&again.stdout);
    assert!(
        summary.contains("(0 rendered") && summary.contains("(0 written"),
        "{summary}"
    );
}

/// The documents the built index gives for a word, as (url, title), by the index's files.
fn search(lang: &str, word: &str) -> Vec<(String, String)> {
    let dir = built().join("search").join(lang);
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.join(p)).unwrap_or_default())
            .unwrap_or(serde_json::Value::Null)
    };
    let meta = read("meta.json");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = dala::config::Config::load(root).expect("site.yaml");
    let rules = &config
        .language(&dala::lang::Lang::parse(lang).unwrap())
        .profile
        .stemming;
    let stem = rules.stem(&rules.normalize(word));
    let shards: Vec<&str> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let chars: Vec<char> = stem.chars().collect();
    let Some(prefix) = (1..=chars.len().min(4))
        .rev()
        .map(|n| chars[..n].iter().collect::<String>())
        .find(|p| shards.contains(&p.as_str()))
    else {
        return Vec::new();
    };
    let hex: String = prefix.bytes().map(|b| format!("{b:02x}")).collect();
    let shard = read(&format!("s/{hex}.json"));
    let Some(list) = shard[stem.as_str()].as_array() else {
        return Vec::new();
    };
    let chunk = meta["chunk"].as_u64().unwrap();
    let mut doc = 0;
    list[1..]
        .chunks(2)
        .map(|pair| {
            doc += pair[0].as_u64().unwrap();
            let docs = read(&format!("d/{}.json", doc / chunk));
            let d = &docs[(doc % chunk) as usize];
            (
                d[1].as_str().unwrap().to_string(),
                d[0].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn search_finds_inflected_forms_in_russian_and_kazakh() {
    for (lang, query, forms) in [
        (
            "ru",
            "цифровых",
            &["цифровой", "цифровая", "цифровые", "цифрового"][..],
        ),
        ("kk", "қызметтерді", &["қызмет", "қызметтер", "қызметі"]),
        ("en", "services", &["service"]),
        ("kk-Latn", "QYZMETTERDI", &["qyzmet"]),
    ] {
        let found = search(lang, query);
        assert!(found.len() >= 3, "{lang} {query}: {found:?}");
        for (url, title) in &found {
            assert!(url.starts_with(&format!("/{lang}/")), "{url}");
            let page = built().join(url.trim_start_matches('/')).join("index.html");
            let text = std::fs::read_to_string(&page).unwrap().to_lowercase();
            assert!(
                forms.iter().any(|f| text.contains(f)),
                "{lang}: `{title}` was found for {query} but has none of {forms:?}"
            );
        }
    }
    // A form that appears nowhere as written is still found by its stem.
    assert!(!search("ru", "цифровыми").is_empty());
}

#[test]
fn every_language_has_a_search_page_that_says_what_needs_javascript() {
    for lang in ["en", "ru", "kk", "kk-Latn"] {
        let doc = html(&built().join(format!("{lang}/search/index.html")));
        let index = attr(&doc, "form[role='search']", "data-index").expect("data-index");
        assert_eq!(index, format!("/search/{lang}/"));
        assert!(built().join(format!("search/{lang}/meta.json")).is_file());
        assert_eq!(select(&doc, "input[type='search']#search-input").len(), 1);
        assert_eq!(select(&doc, "noscript").len(), 1);
        // The script by the name of its content, with its integrity (the head's is the
        // service worker's registration).
        let src = attr(&doc, "main script[src]", "src").unwrap();
        assert!(src.starts_with("/search.") && src.ends_with(".js"), "{src}");
        assert!(built().join(src.trim_start_matches('/')).is_file());
        assert!(
            attr(&doc, "main script[src]", "integrity").is_some_and(|i| i.starts_with("sha384-"))
        );
    }
    assert!(built().join("search.js").is_file());
}

#[test]
fn home_features_articles_and_articles_list_related_ones() {
    for lang in ["en", "ru", "kk", "kk-Latn"] {
        let home = html(&built().join(format!("{lang}/index.html")));
        let featured: Vec<String> = select(&home, "section.featured a[href]")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert!(
            featured.contains(&format!("/{lang}/articles/digital-id/")),
            "{lang}: {featured:?}"
        );
        let doc = html(&built().join(format!("{lang}/articles/digital-id/index.html")));
        let related: Vec<String> = select(&doc, "section.related li a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert_eq!(related.len(), 3, "{lang}");
        for href in &related {
            assert!(href.starts_with(&format!("/{lang}/articles/")), "{href}");
            assert_ne!(href, &format!("/{lang}/articles/digital-id/"));
            assert!(built()
                .join(href.trim_start_matches('/'))
                .join("index.html")
                .is_file());
        }
        let nav = attr(&doc, "header nav a[href$='/search/']", "href");
        assert_eq!(nav, Some(format!("/{lang}/search/")));
    }
}

/// The files a page loads from this site: stylesheets and scripts.
fn page_weight(page: &Path) -> (usize, Vec<String>) {
    let doc = html(page);
    let mut files: Vec<String> = Vec::new();
    for (css, name) in [("link[rel='stylesheet']", "href"), ("script[src]", "src")] {
        for el in select(&doc, css) {
            if let Some(url) = el.value().attr(name) {
                assert!(
                    url.starts_with('/'),
                    "{} loads {url} from elsewhere",
                    page.display()
                );
                files.push(url.to_string());
            }
        }
    }
    files.sort();
    files.dedup();
    let mut total = std::fs::metadata(page).unwrap().len() as usize;
    for f in &files {
        total += std::fs::metadata(built().join(f.trim_start_matches('/')))
            .unwrap()
            .len() as usize;
    }
    (total, files)
}

#[test]
fn every_article_page_with_its_css_and_js_weighs_under_40_kb() {
    let mut heaviest = (0, String::new());
    for entry in walkdir::WalkDir::new(built())
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let is_article = path.file_name().is_some_and(|n| n == "index.html")
            && path
                .parent()
                .and_then(|p| p.parent())
                .is_some_and(|p| p.ends_with("articles"));
        if !is_article {
            continue;
        }
        let (bytes, files) = page_weight(path);
        assert!(
            bytes < 40 * 1024,
            "{} weighs {bytes} bytes with {files:?}",
            path.display()
        );
        if bytes > heaviest.0 {
            heaviest = (bytes, path.display().to_string());
        }
    }
    assert!(heaviest.0 > 0, "no article pages found");
    // The search page too, with its script.
    let (bytes, files) = page_weight(&built().join("ru/search/index.html"));
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("/search.") && f.ends_with(".js")),
        "{files:?}"
    );
    assert!(bytes < 40 * 1024, "the search page weighs {bytes} bytes");
}

#[test]
fn shortcodes_in_the_hub_follow_the_page_language_and_script() {
    let doc = html(&built().join("kk-Latn/cases/kazakhstan-egov/index.html"));
    let facts: String = select(&doc, "section.country-facts")[0].text().collect();
    assert!(
        facts.contains("Astana") && facts.contains("Qazaqstan"),
        "{facts}"
    );
    assert!(!facts.chars().any(|c| ('а'..='я').contains(&c)), "{facts}");
    let doc = html(&built().join("ru/articles/govstack-building-blocks/index.html"));
    let alt = attr(&doc, "figure.figure img", "alt").unwrap();
    assert!(alt.starts_with("Схема: государственная услуга"), "{alt}");
    let doc = html(&built().join("kk/articles/digital-id/index.html"));
    assert_eq!(select(&doc, ".callout-warning[role='note']").len(), 1);
    // Building blocks are named in the page's language, from the interface strings.
    let name: String = select(&doc, "a[href='/kk/building_blocks/identity/']")[0]
        .text()
        .collect();
    assert_eq!(name, "Сәйкестендіру");
}

#[test]
fn every_date_keeps_its_four_digit_year_in_every_language() {
    // The article's meta uses the long form, its related list the short one.
    let expected = [
        ("en", "March 10, 2026", "10/14/2026"),
        ("ru", "10 марта 2026\u{202f}г.", "14.10.2026"),
        ("kk", "2026\u{202f}ж. 10 наурыз", "14.10.2026"),
        ("kk-Latn", "2026\u{202f}j. 10 nauryz", "14.10.2026"),
    ];
    for (lang, long, short) in expected {
        let doc = html(&built().join(format!("{lang}/articles/digital-id/index.html")));
        let text = |css: &str| -> Vec<String> {
            select(&doc, css)
                .iter()
                .map(|t| t.text().collect())
                .collect()
        };
        assert_eq!(text(".article-header time")[0], long, "{lang}");
        let related = text(".related time");
        assert!(related.iter().any(|d| d == short), "{lang}: {related:?}");
        // Every date the page writes has the year of its `datetime`, in full.
        for time in select(&doc, "time") {
            let year = &time.value().attr("datetime").unwrap()[..4];
            let shown: String = time.text().collect();
            assert!(shown.contains(year), "{lang}: {shown}");
        }
    }
}

#[test]
fn the_404_page_speaks_every_language_of_the_hub() {
    let doc = html(&built().join("404.html"));
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("en"));
    // The structure every page of the hub has: one h1, the landmarks, the skip link.
    assert_eq!(select(&doc, "h1").len(), 1);
    for landmark in [
        "header",
        "main#main",
        "footer",
        "nav",
        "a.skip[href='#main']",
    ] {
        assert_eq!(select(&doc, landmark).len(), 1, "{landmark}");
    }
    let expected = [
        ("en", "Page not found", "Back to the home page"),
        ("ru", "Страница не найдена", "Вернуться на главную страницу"),
        ("kk", "Бет табылмады", "Басты бетке оралу"),
        ("kk-Latn", "Bet tabylmady", "Basty betke oralu"),
    ];
    let sections = select(&doc, "main section.not-found");
    assert_eq!(sections.len(), expected.len());
    for (i, (section, (code, heading, home))) in sections.iter().zip(expected).enumerate() {
        assert_eq!(section.value().attr("lang"), Some(code));
        let inner = scraper::Html::parse_fragment(&section.html());
        let h = select(&inner, if i == 0 { "h1" } else { "h2" });
        assert_eq!(h[0].text().collect::<String>(), heading, "{code}");
        let labelled = section.value().attr("aria-labelledby");
        assert_eq!(labelled, h[0].value().attr("id"), "{code}");
        let a = select(&inner, "a[hreflang]");
        assert_eq!(a[0].text().collect::<String>(), home, "{code}");
        assert_eq!(
            a[0].value().attr("href"),
            Some(format!("/{code}/").as_str())
        );
        // Every text is the language's own: nothing is marked as another's.
        assert!(select(&inner, "[lang]").len() <= 1, "{code}");
    }
}

/// The output file a permalink of the hub names, if it is one of the hub's.
fn file_of(out: &Path, url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("https://hub.example.org/")?;
    let path = percent_decode(path);
    Some(if path.is_empty() || path.ends_with('/') {
        out.join(path).join("index.html")
    } else {
        out.join(path)
    })
}

/// A page's canonical URL and its hreflang alternates, `x-default` included.
fn alternates(page: &Path) -> (String, Vec<(String, String)>) {
    let doc = html(page);
    let canonical = select(&doc, "link[rel=canonical]")
        .first()
        .and_then(|l| l.value().attr("href"))
        .unwrap_or_default()
        .to_string();
    let links = select(&doc, "link[rel=alternate][hreflang]")
        .iter()
        .filter_map(|l| {
            let lang = l.value().attr("hreflang")?;
            let href = l.value().attr("href")?;
            Some((lang.to_string(), href.to_string()))
        })
        .collect();
    (canonical, links)
}

#[test]
fn every_hreflang_alternate_exists_and_links_back() {
    let out = built();
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            pages.push(entry.path().to_path_buf());
        }
    }
    let mut checked = 0;
    let mut later_pages = 0;
    for page in &pages {
        let (canonical, all) = alternates(page);
        // The root is every page's `x-default`: its links to the homes are answered so.
        let links: Vec<&(String, String)> =
            all.iter().filter(|(lang, _)| lang != "x-default").collect();
        if links.is_empty() || all.iter().any(|(l, h)| l == "x-default" && *h == canonical) {
            continue;
        }
        if canonical.contains("/page/") {
            later_pages += 1;
        }
        assert!(
            links.iter().any(|(_, href)| *href == canonical),
            "{}: its alternates leave out the page itself ({canonical})",
            page.display()
        );
        for (lang, href) in links {
            let target = file_of(out, href)
                .unwrap_or_else(|| panic!("{}: alternate {href} is not the hub's", page.display()));
            assert!(
                target.is_file(),
                "{}: the `{lang}` alternate {href} does not exist",
                page.display()
            );
            let (_, back) = alternates(&target);
            assert!(
                back.iter().any(|(_, h)| *h == canonical),
                "{}: the `{lang}` alternate {href} does not link back to {canonical}",
                page.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} alternates checked");
    assert!(
        later_pages > 0,
        "no page 2 or later of a listing has alternates"
    );
}

#[test]
fn the_sitemap_lists_every_page_of_a_listing() {
    let out = built();
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let mut listed = 0;
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        let path = entry.path().to_string_lossy().to_string();
        if path.contains("/page/") && path.ends_with("index.html") {
            let rel = entry.path().parent().unwrap().strip_prefix(out).unwrap();
            let url = format!("https://hub.example.org/{}/", rel.to_string_lossy());
            let encoded: String = url
                .bytes()
                .map(|b| {
                    if b.is_ascii() {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            assert!(
                sitemap.contains(&format!("<loc>{encoded}</loc>")),
                "{url} is not in the sitemap"
            );
            listed += 1;
        }
    }
    assert!(listed > 0, "the hub has no page 2 of a listing");
}

/// The home leads to the two catalogues; each catalogue, in every language, filters by its
/// facets (each value a link to its own page, with the number of entries) and links its
/// open data, which is there; solutions and practices link each other.
#[test]
fn the_hub_s_catalogues_filter_link_their_data_and_each_other() {
    let out = built();
    for lang in ["en", "ru", "kk", "kk-Latn"] {
        let home = html(&out.join(lang).join("index.html"));
        let links: Vec<String> = select(&home, "main a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        for section in ["solutions", "cases"] {
            let path = format!("/{lang}/{section}/");
            assert!(links.contains(&path), "{lang} home does not lead to {path}");
            let doc = html(&out.join(lang).join(section).join("index.html"));
            let facets = select(&doc, ".facet[data-field]");
            assert!(facets.len() >= 5, "{path}: {} facets", facets.len());
            for a in select(&doc, ".facet li[data-value] a") {
                let href = a.value().attr("href").unwrap();
                let file = out.join(percent_decode(href.trim_start_matches('/')));
                assert!(
                    file.join("index.html").is_file(),
                    "{path}: {href} is not a page"
                );
            }
            let entries = select(&doc, ".catalogue-entries > li[data-facets]");
            assert!(entries.len() >= 10, "{path}: {} entries", entries.len());
            for a in select(&doc, ".catalogue-data a") {
                let href = a.value().attr("href").unwrap();
                assert!(
                    out.join(href.trim_start_matches('/')).is_file(),
                    "{path}: no {href}"
                );
            }
            assert_eq!(select(&doc, ".catalogue-data a").len(), 3, "{path}");
        }
    }
    // Tunduk uses X-Road; X-Road's page lists Tunduk, in Russian too.
    let xroad = html(&out.join("ru/solutions/x-road/index.html"));
    let used: Vec<String> = select(&xroad, ".solution-used a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        used.contains(&"/ru/cases/kyrgyzstan-tunduk/".to_string()),
        "{used:?}"
    );
    let tunduk = html(&out.join("kk/cases/kyrgyzstan-tunduk/index.html"));
    assert!(select(&tunduk, "a[href=\"/kk/solutions/x-road/\"]").len() == 1);
}

#[test]
fn every_article_links_to_its_source_file_in_its_language() {
    let forge = "https://git.hub.example.org/hub/site/-/edit/main/content/articles";
    for (lang, file, text) in [
        ("en", "index.md", "Suggest a change to this page"),
        ("ru", "index.ru.md", "Предложить правку этой страницы"),
        ("kk", "index.kk.md", "Осы бетке түзету ұсыну"),
        ("kk-Latn", "index.kk.md", "Osy betke tüzetu ūsynu"),
    ] {
        let doc = html(&built().join(format!("{lang}/articles/digital-id/index.html")));
        let link = &select(&doc, "p.edit-link a")[0];
        assert_eq!(
            link.value().attr("href"),
            Some(format!("{forge}/digital-id/{file}").as_str()),
            "{lang}"
        );
        assert_eq!(link.text().collect::<String>(), text, "{lang}");
        // It is in every language: nothing to offer.
        assert!(select(&doc, "p.translate-link").is_empty(), "{lang}");
    }
    // An article without a Kazakh version offers to start one, in the page's language.
    let doc = html(&built().join("ru/articles/e-participation/index.html"));
    let offer = &select(&doc, "p.translate-link a[lang='kk']")[0];
    let url = offer.value().attr("href").unwrap();
    assert!(
        url.starts_with("https://git.hub.example.org/hub/site/-/new/main/content/articles?file_name=e-participation.kk.md&content=---%0Atitle%3A"),
        "{url}"
    );
    let text: String = select(&doc, "p.translate-link")[0].text().collect();
    assert!(text.starts_with("Перевести эту страницу:"), "{text}");
}

#[test]
fn articles_cases_and_solutions_ask_whether_they_are_useful_in_their_language() {
    for (lang, question) in [
        ("en", "Is this page useful?"),
        ("ru", "Полезна ли эта страница?"),
        ("kk", "Бұл бет пайдалы ма?"),
        ("kk-Latn", "Būl bet paidaly ma?"),
    ] {
        for page in [
            "articles/digital-id",
            "cases/kazakhstan-egov",
            "solutions/x-road",
        ] {
            let doc = html(&built().join(format!("{lang}/{page}/index.html")));
            let form = select(&doc, "form.feedback-form[method=post]");
            assert_eq!(form.len(), 1, "{lang}/{page}");
            assert_eq!(
                form[0].value().attr("action"),
                Some("https://hub.example.org/feedback")
            );
            let legend: String = select(&doc, "form.feedback-form legend")[0]
                .text()
                .collect();
            assert_eq!(legend, question, "{lang}/{page}");
            assert_eq!(
                attr(&doc, "input[name=lang]", "value").as_deref(),
                Some(lang)
            );
            assert_eq!(
                attr(&doc, "input[name=page]", "value"),
                Some(format!("https://hub.example.org/{lang}/{page}/"))
            );
        }
    }
    // Listings do not ask.
    let doc = html(&built().join("en/articles/index.html"));
    assert!(select(&doc, "form.feedback-form").is_empty());
}
