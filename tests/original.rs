//! Any language can be the original (issue 13): the `original-first` fixture is a ministry
//! that writes in Russian (the default language) and Kazakh first, with English configured
//! but mostly missing. Its `services` section is Kazakh-first (`original: kk` in its
//! `_index.kk.md`), `services/licences` Russian-first again, and `services/api-guide` an
//! English original (its own `original: en`).

mod common;
use common::*;
use std::path::Path;

fn fixture_copy() -> std::path::PathBuf {
    site_copy("original-first")
}

/// The hrefs of the links in the text of a built page.
fn content_links(out: &Path, page: &str) -> Vec<(String, String)> {
    let doc = html(&out.join(page).join("index.html"));
    select(&doc, "main .content a")
        .iter()
        .map(|a| {
            (
                a.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                a.value().attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn report(site: &Path) -> serde_json::Value {
    let o = dala(&[
        "translations",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Every page's status per language.
fn statuses(report: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut all = Vec::new();
    for row in report["pages"].as_array().unwrap() {
        for cell in row["languages"].as_array().unwrap() {
            all.push((
                row["page"].as_str().unwrap().to_string(),
                cell["lang"].as_str().unwrap().to_string(),
                cell["status"].as_str().unwrap().to_string(),
            ));
        }
    }
    all
}

fn status(report: &serde_json::Value, page: &str, lang: &str) -> String {
    statuses(report)
        .into_iter()
        .find(|(p, l, _)| p == page && l == lang)
        .unwrap_or_else(|| panic!("{page} {lang}"))
        .2
}

/// Item 1: a link names a page by any language's file, goes to the reader's language, else
/// along its fallback chain, else to the original.
#[test]
fn links_name_any_language_version_and_fall_back_to_the_original() {
    let site = fixture_copy();
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let link = |page: &str, text: &str| {
        content_links(&out, page)
            .into_iter()
            .find(|(t, _)| t == text)
            .unwrap_or_else(|| panic!("{page}: no link `{text}`"))
            .1
    };
    // `e-signature.md` names the page of `e-signature.ru.md` (there is no e-signature.md):
    // the Kazakh page links to the Kazakh version.
    assert_eq!(
        link("kk/services/egov-mobile", "электрондық цифрлық қолтаңбамен"),
        "/kk/publications/e-signature/"
    );
    // Naming the Kazakh file from the Russian page gives the Russian version.
    assert_eq!(
        link("ru/services/egov-mobile", "электронной цифровой подписью"),
        "/ru/publications/e-signature/"
    );
    // English has no version and no fallback: the original, Russian.
    assert_eq!(
        link("en/services/egov-mobile", "electronic digital signature"),
        "/ru/publications/e-signature/"
    );
    // A page only in Kazakh, named by its Russian name or by its Kazakh file.
    assert_eq!(
        link("en/services/egov-mobile", "Open Budget"),
        "/kk/services/open-budget/"
    );
    assert_eq!(
        link("ru/services/egov-mobile", "«Открытый бюджет»"),
        "/kk/services/open-budget/"
    );
    assert_eq!(
        link("ru/services/news-digest", "Открытом бюджете"),
        "/kk/services/open-budget/"
    );
    // Kazakh falls back to Russian (site.yaml) before the page's English original.
    assert_eq!(
        link(
            "kk/services/open-budget",
            "әзірлеушілерге арналған нұсқаулықта"
        ),
        "/ru/services/api-guide/"
    );
    // A section without an English version: its original, Kazakh (`original: kk`), not the
    // default language.
    assert_eq!(
        link("en/services/egov-mobile", "service catalogue"),
        "/kk/services/"
    );
    // A nested section that is Russian-first again.
    assert_eq!(
        link("en/services/egov-mobile", "licensing guide"),
        "/ru/services/licences/permit/"
    );
    // The homes link to their sections by any language's `_index` file.
    let home = |lang: &str| content_links(&out, lang);
    assert_eq!(
        home("kk"),
        [
            ("жарияланымдары".into(), "/kk/publications/".into()),
            ("мемлекеттік қызметтері".into(), "/kk/services/".into()),
        ]
    );
    assert_eq!(
        home("ru"),
        [
            ("публикации".into(), "/ru/publications/".into()),
            ("государственных услуг".into(), "/ru/services/".into()),
        ]
    );
    // A file that no language has is still an error.
    std::fs::write(
        site.join("content/services/news-digest.md"),
        "---\ntitle: Дайджест\n---\nСм. [план](@/services/plan.kk.md).\n",
    )
    .unwrap();
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/services/news-digest.md:4: error: link `@/services/plan.kk.md`: there is no published content file `content/services/plan.kk.md`"),
        "{}",
        stderr(&o)
    );
}

/// Item 2: the original is the page's `original:`, else its section's (inherited), else the
/// default language's, else the first language of site.yaml that has the page; the
/// report, `check` and the pages follow it.
#[test]
fn statuses_follow_each_pages_original() {
    let site = fixture_copy();
    let r = report(&site);
    let expected = [
        // Only in Kazakh: the first language of site.yaml order that has it.
        (
            "publications/annual-report",
            ["missing", "original", "missing"],
        ),
        // The default language's version.
        (
            "publications/e-signature",
            ["original", "unknown", "missing"],
        ),
        // Its own `original: en`, in a Kazakh-first section.
        ("services/api-guide", ["unknown", "missing", "original"]),
        // The section's `original: kk`; Russian marked against the Kazakh text, English
        // marked against another text.
        (
            "services/egov-mobile",
            ["up-to-date", "original", "outdated"],
        ),
        // A nested section's own `original: ru`.
        (
            "services/licences/permit",
            ["original", "unknown", "missing"],
        ),
        // In a Kazakh-first section, but only in Russian.
        ("services/news-digest", ["original", "missing", "missing"]),
        ("services/open-budget", ["missing", "original", "missing"]),
        // `original: kk` inherited from `services` by `services/subsidies`.
        (
            "services/subsidies/farm-grants",
            ["unknown", "original", "missing"],
        ),
    ];
    for (page, langs) in expected {
        for (lang, want) in ["ru", "kk", "en"].iter().zip(langs) {
            assert_eq!(status(&r, page, lang), want, "{page} {lang}");
        }
    }
    assert!(statuses(&r).iter().all(|(.., s)| s != "orphan"), "{r:#}");
    // The table says the same.
    let o = dala(&["translations", "--root", site.to_str().unwrap()]);
    let table = String::from_utf8_lossy(&o.stdout);
    let row = table
        .lines()
        .find(|l| l.starts_with("services/egov-mobile "))
        .unwrap_or_else(|| panic!("{table}"));
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["services/egov-mobile", "up-to-date", "original", "outdated"]
    );

    // `dala check` passes, and notes a missing translation at the original's file.
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(
        said.contains("content/services/open-budget.kk.md: note: no `ru` translation"),
        "{said}"
    );
    assert!(
        said.contains("content/services/subsidies/farm-grants.kk.md: note: no `en` translation"),
        "{said}"
    );
    assert!(!said.contains("farm-grants.md: note"), "{said}");

    // The English page shows that it is outdated against its Kazakh original.
    let out = site.parent().unwrap().join("public");
    assert_eq!(build(&site, &out, &[]).status.code(), Some(0));
    let en = html(&out.join("en/services/egov-mobile/index.html"));
    assert_eq!(select(&en, "p.outdated").len(), 1);
    let ru = html(&out.join("ru/services/egov-mobile/index.html"));
    assert!(select(&ru, "p.outdated").is_empty());

    // A page whose own `original:` names a language it has no version in has no original:
    // its versions are orphans, and --mark says why.
    let api = site.join("content/services/api-guide.md");
    std::fs::write(&api, read(&api).replace("original: en", "original: kk")).unwrap();
    std::fs::remove_file(site.join("content/services/api-guide.en.md")).unwrap();
    let r = report(&site);
    assert_eq!(status(&r, "services/api-guide", "ru"), "orphan");
    assert_eq!(status(&r, "services/api-guide", "kk"), "missing");
    let o = dala(&[
        "translations",
        "--root",
        site.to_str().unwrap(),
        "--mark",
        "content/services/api-guide.md",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("has no original to compare the translation with (its front matter says `original: kk`, and there is no `kk` version)"),
        "{}",
        stderr(&o)
    );
}

/// Item 2: `original:` must be a language of the site, and every version must name the
/// same one.
#[test]
fn a_wrong_original_is_an_error_at_its_line() {
    let site = fixture_copy();
    let out = site.parent().unwrap().join("public");
    let permit = site.join("content/services/licences/permit.md");
    std::fs::write(
        &permit,
        read(&permit).replace("date: 2026-03-05\n", "date: 2026-03-05\noriginal: fr\n"),
    )
    .unwrap();
    let farm = site.join("content/services/subsidies/farm-grants.md");
    std::fs::write(
        &farm,
        read(&farm).replace("date: 2026-03-15\n", "date: 2026-03-15\noriginal: ru\n"),
    )
    .unwrap();
    let farm_kk = site.join("content/services/subsidies/farm-grants.kk.md");
    std::fs::write(
        &farm_kk,
        read(&farm_kk).replace("date: 2026-03-15\n", "date: 2026-03-15\noriginal: kk\n"),
    )
    .unwrap();
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/services/licences/permit.md:4:1: error: `original: fr`: expected a language of site.yaml (ru, kk, en), the one this page was first written in"),
        "{err}"
    );
    assert!(
        err.contains("content/services/subsidies/farm-grants.kk.md:4: error: `original: kk` here, but `services/subsidies/farm-grants.md` says `original: ru`: every version of a page must name the same original language"),
        "{err}"
    );
}

/// Item 3: with `default_language: kk`, `_index.md` and `_index.kk.md` are both the Kazakh
/// home, and both files of a section: an error naming both, as for pages.
#[test]
fn two_files_of_one_section_in_one_language_are_an_error() {
    let site = fixture_copy();
    let yaml = site.join("site.yaml");
    std::fs::write(
        &yaml,
        read(&yaml).replace("default_language: ru", "default_language: kk"),
    )
    .unwrap();
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    for (file, what, other) in [
        ("content/_index.md", "the home page", "_index.kk.md"),
        (
            "content/services/_index.md",
            "section `services`",
            "services/_index.kk.md",
        ),
        (
            "content/services/subsidies/_index.md",
            "section `services/subsidies`",
            "services/subsidies/_index.kk.md",
        ),
    ] {
        let line = format!("{file}:1: error: two files are the `kk` version of {what}: `{other}` and this one (a file without a language in its name, `_index.md`, is the version in the default language, `kk`); keep one of them");
        assert!(said.contains(&line), "{line}\n{said}");
    }
    // Pages, as before.
    assert!(
        said.contains("content/services/egov-mobile.md:1: error: two files are the `kk` version of one page: `services/egov-mobile.kk.md` and this one (a shared translation_key or file name links them; a file without a language in its name is the version in the default language, `kk`)"),
        "{said}"
    );
    // A Russian site with one `_index` file per language has no such error.
    let o = dala(&[
        "check",
        "--root",
        fixture("original-first").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Item 5: `--mark` takes a path inside the site even when run from elsewhere with
/// `--root`, and says which file it marked.
#[test]
fn mark_takes_a_path_inside_the_site() {
    let site = fixture_copy();
    let elsewhere = scratch("elsewhere");
    let mark = |file: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_dala"))
            .current_dir(&elsewhere)
            .args([
                "translations",
                "--root",
                site.to_str().unwrap(),
                "--mark",
                file,
            ])
            .output()
            .unwrap()
    };
    let o = mark("content/services/subsidies/farm-grants.md");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    let marked = site.join("content/services/subsidies/farm-grants.md");
    assert!(
        said.starts_with(&format!(
            "marked {} (`ru`) as up to date with its original {} (`kk`): original_hash: \"",
            marked.display(),
            site.join("content/services/subsidies/farm-grants.kk.md")
                .display()
        )),
        "{said}"
    );
    assert!(read(&marked).contains("original_hash: \""));
    assert_eq!(
        status(&report(&site), "services/subsidies/farm-grants", "ru"),
        "up-to-date"
    );
    // The English translation of a Kazakh original, marked again: up to date.
    assert_eq!(
        status(&report(&site), "services/egov-mobile", "en"),
        "outdated"
    );
    let o = mark("content/services/egov-mobile.en.md");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        status(&report(&site), "services/egov-mobile", "en"),
        "up-to-date"
    );
    // The original is not a translation.
    let o = mark("content/services/open-budget.kk.md");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("this is the original (`kk`), not a translation"),
        "{}",
        stderr(&o)
    );
    // A file of the current folder still counts, when the site has none by that name.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dala"))
        .current_dir(site.parent().unwrap())
        .args([
            "translations",
            "--root",
            site.to_str().unwrap(),
            "--mark",
            "site/content/services/licences/permit.kk.md",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        status(&report(&site), "services/licences/permit", "kk"),
        "up-to-date"
    );
    // Nowhere: says where it looked.
    let o = mark("content/services/nope.kk.md");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/services/nope.kk.md: no such file (looked for"),
        "{}",
        stderr(&o)
    );
}
