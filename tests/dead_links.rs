//! Links the built pages make to pages of the site that are not there: a warning of
//! `dala build` (the build still succeeds), an error of `dala check`, and found by an
//! incremental build that keeps the pages having them as well as by a whole one.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// The docs fixture with the repository's themes, its base template given `extra` in the
/// footer.
fn site_with_footer(extra: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = site_copy("docs");
    copy_dir(&root.join("themes"), &site.join("themes"));
    let base = site.join("themes/hub/templates/base.html");
    let text = read(&base);
    let footer = "<footer class=\"site-footer\">";
    assert!(text.contains(footer));
    std::fs::write(&base, text.replacen(footer, &format!("{footer}{extra}"), 1)).unwrap();
    site
}

fn link_warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains("warning: link `"))
        .collect()
}

#[test]
fn a_template_link_to_nothing_warns_in_build_and_fails_check() {
    let site = site_with_footer(r#"<a href="/{{ lang }}/about/">About</a>"#);
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let warnings = link_warnings(&err);
    for lang in ["en", "ru", "kk"] {
        let said: Vec<_> = warnings
            .iter()
            .filter(|l| l.contains(&format!("`/{lang}/about/` leads to nothing")))
            .collect();
        assert_eq!(said.len(), 1, "{lang}: {err}");
        assert!(
            said[0].contains("a link the template puts on this page and"),
            "{err}"
        );
    }
    // Links that lead somewhere are not warned about.
    assert_eq!(warnings.len(), 3, "{err}");

    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&o.stdout).to_string() + &stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.lines()
            .any(|l| l.contains("error: link `/ru/about/` leads to nothing")),
        "{said}"
    );
    assert!(!said.contains("warning: link `"), "said twice: {said}");
}

#[test]
fn a_page_that_goes_is_missed_by_the_pages_an_incremental_build_keeps() {
    let site = site_with_footer(r#"<a href="/ru/reference/internals/">Internals</a>"#);
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert!(link_warnings(&stderr(&o)).is_empty(), "{}", stderr(&o));

    std::fs::remove_file(site.join("content/reference/internals.ru.md")).unwrap();
    let o = build(&site, &out, &[]);
    let incremental = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{incremental}");
    let report = String::from_utf8_lossy(&o.stdout).to_string() + &incremental;
    assert!(report.contains("unchanged"), "{report}");
    let warned = link_warnings(&incremental);
    assert_eq!(warned.len(), 1, "{incremental}");
    assert!(warned[0].contains("`/ru/reference/internals/` leads to nothing"));

    // A whole build into a new folder says the same.
    let fresh = site.parent().unwrap().join("fresh");
    let o = build(&site, &fresh, &[]);
    assert_eq!(link_warnings(&stderr(&o)), warned, "{}", stderr(&o));

    // Once the page is back, nothing is said.
    std::fs::write(
        site.join("content/reference/internals.ru.md"),
        "---\ntitle: Внутреннее устройство\n---\nСнова здесь.\n",
    )
    .unwrap();
    let o = build(&site, &out, &[]);
    assert!(link_warnings(&stderr(&o)).is_empty(), "{}", stderr(&o));
}

#[test]
fn a_markdown_link_to_nothing_is_warned_at_its_line() {
    let site = site_with_footer("");
    let page = site.join("content/guide/install.ru.md");
    let text = read(&page);
    std::fs::write(&page, format!("{text}\nСм. [раздел](/ru/nowhere/).\n")).unwrap();
    let line = text.lines().count() + 2;
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let warned = link_warnings(&err);
    assert_eq!(warned.len(), 1, "{err}");
    assert!(
        warned[0].contains(&format!(
            "install.ru.md:{line}: warning: link `/ru/nowhere/`"
        )),
        "{err}"
    );
}

#[test]
fn an_image_a_page_names_that_is_not_there_fails_the_build() {
    let site = site_with_footer("");
    let page = site.join("content/guide/install.ru.md");
    let text = read(&page);
    let lines = text.lines().count();
    std::fs::write(
        &page,
        format!(
            "{text}\n![Схема](<схема сети.png>)\n\n\
             {{{{ figure(src=\"/img/карта.svg\", alt=\"Карта центров\") }}}}\n"
        ),
    )
    .unwrap();
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (line, file) in [(lines + 2, "схема сети.png"), (lines + 4, "/img/карта.svg")]
    {
        assert!(
            err.lines().any(|l| l.contains(&format!(
                "install.ru.md:{line}: error: file `{file}` is not in the built site"
            ))),
            "{file}: {err}"
        );
    }
    assert!(!out.exists(), "nothing is published");

    // With the files in place (beside the page's output and in static/), it builds.
    std::fs::create_dir_all(site.join("static/img")).unwrap();
    std::fs::write(
        site.join("static/img/карта.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    std::fs::write(
        &page,
        format!("{text}\n{{{{ figure(src=\"/img/карта.svg\", alt=\"Карта центров\") }}}}\n"),
    )
    .unwrap();
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(link_warnings(&stderr(&o)).is_empty(), "{}", stderr(&o));
}
