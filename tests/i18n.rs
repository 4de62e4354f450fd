//! Languages of the region: plural forms, localized dates and the checks on `i18n/` files.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture, built once; its stderr kept for the warning checks.
fn built() -> &'static (PathBuf, String) {
    static OUT: OnceLock<(PathBuf, String)> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("i18n").join("public");
        let o = build(&fixture("multilingual"), &out, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        (out, stderr(&o))
    })
}

fn text_of(path: &str, css: &str) -> String {
    let doc = html(&built().0.join(path));
    select(&doc, css)[0].text().collect()
}

fn out() -> &'static Path {
    &built().0
}

#[test]
fn counts_take_the_plural_form_of_the_language() {
    assert_eq!(text_of("en/articles/index.html", ".count"), "4 articles");
    assert_eq!(text_of("ru/articles/index.html", ".count"), "4 статьи");
    assert_eq!(text_of("kk/articles/index.html", ".count"), "1 мақала");
    assert!(out().join("kk/articles/index.html").exists());
}

#[test]
fn dates_are_written_the_way_each_language_writes_them() {
    let date = |path: &str| text_of(path, "time");
    assert_eq!(date("en/articles/digital-id/index.html"), "March 10, 2026");
    assert_eq!(
        date("ru/articles/digital-id/index.html"),
        "10 марта 2026\u{202f}г."
    );
    assert_eq!(
        date("kk/articles/digital-id/index.html"),
        "2026\u{202f}ж. 10 наурыз"
    );
    let doc = html(&out().join("ru/articles/digital-id/index.html"));
    assert_eq!(
        attr(&doc, "time", "datetime").as_deref(),
        Some("2026-03-10T00:00:00Z")
    );
}

#[test]
fn impossible_plural_forms_are_reported() {
    let warnings = &built().1;
    let line = warnings
        .lines()
        .find(|l| l.contains("i18n/kk.yaml") && l.contains("`articles_count`"))
        .unwrap_or_else(|| panic!("{warnings}"));
    assert!(
        line.contains("warning") && line.contains("`kk` has no `few` plural form"),
        "{line}"
    );
}

#[test]
fn missing_plural_forms_are_reported() {
    let site = site_copy("multilingual");
    let ru = site.join("i18n/ru.yaml");
    let text = read(&ru).replace(", many: \"{count} статей\"", "");
    std::fs::write(&ru, text).unwrap();
    let o = build(&site, &site.parent().unwrap().join("public"), &[]);
    assert_eq!(o.status.code(), Some(0), "a warning, not an error");
    let err = stderr(&o);
    let line = err
        .lines()
        .find(|l| l.contains("i18n/ru.yaml"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("missing the plural form many that `ru` needs"),
        "{line}"
    );
}

#[test]
fn quotes_and_spaces_follow_the_language() {
    let p = text_of("ru/articles/digital-id/index.html", ".content p");
    assert!(
        p.contains("Система «Тундук» работает в\u{a0}Кыргызстане."),
        "{p}"
    );
    let en = text_of("en/articles/digital-id/index.html", ".content p");
    assert!(!en.contains('«') && !en.contains('\u{a0}'), "{en}");
}

#[test]
fn slugs_stay_in_the_script_or_become_ascii_per_language() {
    let site = site_copy("multilingual");
    let config = site.join("site.yaml");
    let text = read(&config).replace(
        "ru: { name: Русский, title: Фикстура }",
        "ru: { name: Русский, title: Фикстура, slugs: ascii }",
    );
    std::fs::write(&config, text).unwrap();
    let page = "---\ntitle: Цифровое правительство\ntags: [Открытые данные]\n---\nТекст.\n";
    std::fs::write(
        site.join("content/articles/цифровое-правительство.ru.md"),
        page,
    )
    .unwrap();
    let kk = "---\ntitle: Цифрлық үкімет\ntags: [Ашық деректер]\n---\nМәтін.\n";
    std::fs::write(site.join("content/articles/цифрлық-үкімет.kk.md"), kk).unwrap();
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Russian asked for ASCII: pages and terms are transliterated.
    assert!(out
        .join("ru/articles/tsifrovoe-pravitelstvo/index.html")
        .exists());
    assert!(out.join("ru/tags/otkrytye-dannye/index.html").exists());
    // Kazakh keeps Unicode, the default.
    assert!(out.join("kk/articles/цифрлық-үкімет/index.html").exists());
    assert!(out.join("kk/tags/ашық-деректер/index.html").exists());
}

#[test]
fn listings_can_show_untranslated_pages_with_their_languages() {
    // By default a listing shows only its own language's pages.
    let kk = html(&out().join("kk/articles/index.html"));
    assert!(select(&kk, ".pages .available").is_empty());

    let site = site_copy("multilingual");
    let config = site.join("site.yaml");
    let text = read(&config).replace("fallback: [ru] }", "fallback: [ru], untranslated: show }");
    std::fs::write(&config, text).unwrap();
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = html(&out.join("kk/articles/index.html"));
    let items: Vec<(String, String)> = select(&doc, ".pages li")
        .iter()
        .map(|li| {
            let a = li
                .select(&scraper::Selector::parse("a").unwrap())
                .next()
                .unwrap();
            let available: String = li
                .select(&scraper::Selector::parse(".available").unwrap())
                .flat_map(|s| s.text())
                .collect();
            (
                a.value().attr("href").unwrap().to_string(),
                available.trim().to_string(),
            )
        })
        .collect();
    // Open data has no Kazakh version: listed in Russian (kk's fallback), with its languages.
    assert!(
        items.contains(&("/ru/articles/open-data/".to_string(), "en ru".to_string())),
        "{items:?}"
    );
    // The Kazakh page is listed as itself.
    assert!(
        items.contains(&("/kk/articles/digital-id/".to_string(), String::new())),
        "{items:?}"
    );
}

#[test]
fn countries_and_goals_are_named_in_each_language() {
    let site = site_copy("multilingual");
    let config = read(&site.join("site.yaml"))
        .replace("taxonomies: [tags]", "taxonomies: [tags, countries, sdgs]");
    std::fs::write(site.join("site.yaml"), config).unwrap();
    for (file, lang) in [
        ("content/articles/digital-id.md", "en"),
        ("content/articles/digital-id.ru.md", "ru"),
    ] {
        let path = site.join(file);
        let text = read(&path).replace(
            "tags: [identity]",
            "tags: [identity]\ncountries: [KZ, ge]\nsdgs: [16]",
        );
        std::fs::write(&path, text).unwrap();
        let i18n = site.join(format!("i18n/{lang}.yaml"));
        let goal = if lang == "ru" {
            "Мир, правосудие и эффективные институты"
        } else {
            "Peace, justice and strong institutions"
        };
        std::fs::write(&i18n, format!("{}sdg_16: \"{goal}\"\n", read(&i18n))).unwrap();
    }
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names = |path: &str| -> Vec<String> {
        let doc = html(&out.join(path));
        select(&doc, ".terms a")
            .iter()
            .map(|a| a.text().collect())
            .collect()
    };
    assert_eq!(names("ru/countries/index.html"), ["Грузия", "Казахстан"]);
    assert_eq!(names("en/countries/index.html"), ["Georgia", "Kazakhstan"]);
    assert_eq!(
        names("ru/sdgs/index.html"),
        ["16. Мир, правосудие и эффективные институты"]
    );
    assert!(
        out.join("ru/countries/kz/index.html").exists(),
        "codes are the URLs, lower-case"
    );
}

/// A page kept from the last build warns of the fallbacks its template took as the build
/// that rendered it did: an unchanged rebuild and a second check say the same.
#[test]
fn fallback_warnings_survive_an_unchanged_rebuild() {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join("public");
    let warned = |o: &std::process::Output| {
        stderr(o)
            .lines()
            .filter(|l| l.contains("kk.yaml") && l.contains("`tags`") && l.contains("`ru`"))
            .count()
    };
    let first = build(&site, &out, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(warned(&first), 1, "{}", stderr(&first));
    let second = build(&site, &out, &[]);
    assert_eq!(
        warned(&second),
        1,
        "the kept pages lost their warning:\n{}",
        stderr(&second)
    );
    let check = || {
        let o = dala(&["check", "--root", site.to_str().unwrap()]);
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    let first_check = check();
    assert_eq!(
        first_check,
        "check: 3 warnings (3 notes); warnings fail the check only with --strict"
    );
    assert_eq!(check(), first_check, "a second check counts the same");
}
