//! Bad input: every problem is reported with its file and line, the build exits 1, and the
//! previous output is left exactly as it was.

mod common;
use common::*;
use std::path::Path;

/// Builds a copy of the fixture, then applies `change` and builds again. Asserts the second
/// build fails with exit status 1 and leaves the first output untouched; returns its stderr.
fn fails_after(tag: &str, change: impl FnOnce(&Path)) -> String {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join(format!("public-{tag}"));
    let first = build(&site, &out, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = snapshot(&out);
    change(&site);
    let second = build(&site, &out, &[]);
    let err = stderr(&second);
    assert_eq!(
        second.status.code(),
        Some(1),
        "exit status 1 expected; stderr:\n{err}"
    );
    assert!(snapshot(&out) == before, "the previous output changed");
    assert!(
        err.contains("the output folder was left as it was"),
        "{err}"
    );
    err
}

fn write(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn unknown_front_matter_key() {
    let err = fails_after("unknown-key", |s| {
        write(
            s,
            "content/articles/x.md",
            "---\ntitle: X\ncolour: blue\n---\nText\n",
        )
    });
    assert!(
        err.contains("content/articles/x.md:3:1: error: unknown front matter key `colour`"),
        "{err}"
    );
    assert!(err.contains("allowed keys: title, date"), "{err}");
}

#[test]
fn wrong_type() {
    let err = fails_after("wrong-type", |s| {
        write(
            s,
            "content/articles/x.md",
            "---\ntitle: X\nweight: heavy\n---\n",
        )
    });
    assert!(err.contains("content/articles/x.md:3:1: error: `weight`: invalid type: string \"heavy\", expected i64"), "{err}");
}

#[test]
fn missing_title() {
    let err = fails_after("missing-title", |s| {
        write(s, "content/articles/x.md", "---\ndate: 2026-01-01\n---\n")
    });
    assert!(
        err.contains("content/articles/x.md:1: error: missing required key `title`"),
        "{err}"
    );
}

#[test]
fn bad_date() {
    let err = fails_after("bad-date", |s| {
        write(
            s,
            "content/articles/x.md",
            "---\ntitle: X\n\ndate: 2026-02-30\n---\n",
        )
    });
    assert!(
        err.contains(
            "content/articles/x.md:4:1: error: `date`: `2026-02-30` is not a real calendar date"
        ),
        "{err}"
    );
    let err = fails_after("bad-date-format", |s| {
        write(
            s,
            "content/articles/x.md",
            "---\ntitle: X\ndate: 30.01.2026\n---\n",
        )
    });
    assert!(
        err.contains(
            "x.md:3:1: error: `date`: `30.01.2026` is not a date dala reads: write `2026-01-30` (year-month-day)"
        ),
        "{err}"
    );
}

#[test]
fn yaml_syntax_error() {
    let err = fails_after("yaml-syntax", |s| {
        write(
            s,
            "content/articles/x.md",
            "---\ntitle: X\ntags: [a, b\nsummary: y\n---\n",
        )
    });
    let line = err
        .lines()
        .find(|l| l.contains("content/articles/x.md:"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("x.md:4:") || line.contains("x.md:5:") || line.contains("x.md:3:"),
        "{line}"
    );
}

#[test]
fn unknown_language_suffix() {
    let err = fails_after("suffix", |s| {
        write(s, "content/articles/x.fr.md", "---\ntitle: X\n---\n")
    });
    assert!(
        err.contains("content/articles/x.fr.md: error: the file name says language `fr`"),
        "{err}"
    );
    assert!(err.contains("configured: en, ru, kk"), "{err}");
}

#[test]
fn two_files_claiming_one_url() {
    let err = fails_after("same-url", |s| {
        write(
            s,
            "content/articles/copy.md",
            "---\ntitle: Copy\nslug: digital-id\n---\n",
        )
    });
    let line = err
        .lines()
        .find(|l| l.contains("`/en/articles/digital-id/index.html` is produced twice"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("content/articles/copy.md:3"),
        "names the file and line of the slug: {line}"
    );
    assert!(
        line.contains("content/articles/digital-id.md"),
        "names the other file: {line}"
    );
}

#[test]
fn two_translations_in_one_language() {
    let err = fails_after("same-translation", |s| {
        write(
            s,
            "content/articles/other.ru.md",
            "---\ntitle: Другая\ntranslation_key: older\n---\n",
        )
    });
    let line = err
        .lines()
        .find(|l| l.contains("two files are the `ru` version of one page"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("other.ru.md") && line.contains("staraya-zametka.ru.md"),
        "{line}"
    );
    assert!(
        line.contains(".ru.md:3: error") || line.contains(".ru.md:4: error"),
        "{line}"
    );
}

#[test]
fn link_to_a_missing_file() {
    let err = fails_after("broken-link", |s| {
        write(
            s,
            "content/articles/x.md",
            "---\ntitle: X\n---\nFine.\n\nSee [this](@/articles/nope.md).\n",
        )
    });
    assert!(
        err.contains("content/articles/x.md:6: error: link `@/articles/nope.md`"),
        "{err}"
    );
}

#[test]
fn template_error_names_template_line_and_page() {
    let err = fails_after("template", |s| {
        write(s, "templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.nope }}</p>\n{% endblock main %}\n")
    });
    let line = err
        .lines()
        .find(|l| l.contains("templates/page.html:3"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("page.nope")
            && line.contains("while rendering")
            && line.contains("content/articles/"),
        "{line}"
    );
}

#[test]
fn template_syntax_error() {
    let err = fails_after("template-syntax", |s| {
        write(
            s,
            "templates/section.html",
            "<p>\n{{ section.title \n</p>\n",
        )
    });
    assert!(err.contains("templates/section.html:"), "{err}");
}

#[test]
fn bad_site_config() {
    let err = fails_after("config", |s| {
        let text = read(&s.join("site.yaml")).replace("theme: plain", "theme: plain\ncolour: blue");
        write(s, "site.yaml", &text);
    });
    assert!(
        err.contains("site.yaml:8:1: error: unknown key `colour` in site.yaml"),
        "{err}"
    );
}

#[test]
fn every_error_in_the_site_is_reported_at_once() {
    let err = fails_after("many", |s| {
        write(s, "content/articles/a.md", "---\ntitle: A\nfoo: 1\n---\n");
        write(
            s,
            "content/articles/b.md",
            "---\ntitle: B\ndate: soon\n---\n",
        );
        write(
            s,
            "content/articles/c.md",
            "---\ntitle: C\n---\n[x](missing.md)\n",
        );
    });
    assert!(err.contains("a.md:3"), "{err}");
    assert!(err.contains("b.md:3"), "{err}");
    assert!(err.contains("c.md:4"), "{err}");
    assert!(err.contains("build failed with 3 errors"), "{err}");
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(dala(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(dala(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        dala(&["build", "--base-url", "hub.example.org"])
            .status
            .code(),
        Some(2)
    );
    let help = dala(&["build", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in ["--root", "--output", "--drafts", "--base-url"] {
        assert!(text.contains(flag), "{flag} in --help");
    }
}

#[test]
fn a_missing_site_is_a_clear_error() {
    let empty = scratch("empty");
    let o = build(&empty, &empty.join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("site.yaml: error: cannot read the site configuration"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_country_codes_and_goals() {
    let err = fails_after("taxonomy-terms", |s| {
        let config = read(&s.join("site.yaml"))
            .replace("taxonomies: [tags]", "taxonomies: [tags, countries, sdgs]");
        write(s, "site.yaml", &config);
        write(
            s,
            "content/articles/x.md",
            "---\ntitle: X\ncountries: [kz, xx]\nsdgs: [9, 18]\n---\n",
        );
    });
    assert!(err.contains("content/articles/x.md:3:1: error: `countries`: `xx` is not an ISO 3166-1 alpha-2 country code"), "{err}");
    assert!(
        err.contains(
            "content/articles/x.md:4:1: error: `sdgs`: `18` is not a Sustainable Development Goal"
        ),
        "{err}"
    );
}
